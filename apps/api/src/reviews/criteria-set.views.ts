/**
 * Criteria sets as people read them: every version of every set, newest first within a set, the newest marked as
 * the one in force. Version 1 of each set comes from criteria.json (seeded by the CouncilReview migration).
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CriteriaSetView, PeopleNames } from '#contracts';
import { peopleAmong, peopleNamed } from '../audit/audit-names.js';
import { CriteriaSetRepository, type CriteriaSetRow } from './criteria-set.repository.js';

export const criteriaSetView = (s: CriteriaSetRow, inForce: boolean, people: PeopleNames): CriteriaSetView => ({
  id: s.id,
  code: s.code,
  version: s.version,
  appliesTo: s.appliesTo,
  criteria: s.criteria,
  note: s.note,
  publishedBy: s.publishedBy,
  publishedAt: new Date(s.publishedAt).toISOString(),
  people: peopleAmong(people, [s.publishedBy]),
  inForce,
});

@Injectable()
export class CriteriaSetViews {
  constructor(
    private readonly criteriaSets: CriteriaSetRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** Every version of every set, newest first within a set; the newest is the one in force. */
  async list(): Promise<CriteriaSetView[]> {
    const all = await this.criteriaSets.all();
    const people = await peopleNamed(this.dataSource, all.map((s) => s.publishedBy));
    return all.map((s, i) => criteriaSetView(s, i === 0 || all[i - 1]!.code !== s.code, people));
  }
}
