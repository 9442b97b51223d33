/**
 * Criteria sets, versioned. Version 1 of each set comes from criteria.json (seeded by the CouncilReview
 * migration); administrators publish later versions. A version is never changed once published, and a review
 * session keeps the versions in force when it opened.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { CriteriaSet, type CriterionDefinition } from './review.entities.js';
import { criteriaSetStream } from '../audit/streams.js';


export interface CriteriaSetView {
  id: string;
  code: string;
  version: number;
  appliesTo: string[];
  criteria: CriterionDefinition[];
  note: string | null;
  publishedBy: string;
  publishedAt: string;
  inForce: boolean;
}

const view = (s: CriteriaSet, inForce: boolean): CriteriaSetView => ({
  id: s.id,
  code: s.code,
  version: s.version,
  appliesTo: s.appliesTo,
  criteria: s.criteria,
  note: s.note,
  publishedBy: s.publishedBy,
  publishedAt: new Date(s.publishedAt).toISOString(),
  inForce,
});

@Injectable()
export class CriteriaSets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** Every version of every set, newest first within a set; the newest is the one in force. */
  async list(): Promise<CriteriaSetView[]> {
    const all = await this.dataSource.getRepository(CriteriaSet).find({ order: { code: 'ASC', version: 'DESC' } });
    return all.map((s, i) => view(s, i === 0 || all[i - 1]!.code !== s.code));
  }

  async get(id: string): Promise<CriteriaSetView> {
    const set = await this.dataSource.getRepository(CriteriaSet).findOneBy({ id });
    if (!set) throw new DomainError('CRITERIA_SET_NOT_FOUND', { criteriaSetId: id });
    const newest = await this.dataSource.getRepository(CriteriaSet).findOne({ where: { code: set.code }, order: { version: 'DESC' } });
    return view(set, newest?.id === set.id);
  }

  /** The versions in force now, per set code (what a session opening now pins). */
  async inForce(em: EntityManager): Promise<CriteriaSet[]> {
    return em.query(
      `SELECT DISTINCT ON (code) id, code, version, applies_to AS "appliesTo", criteria, note, published_by AS "publishedBy", published_at AS "publishedAt"
         FROM criteria_set ORDER BY code, version DESC`,
    ) as Promise<CriteriaSet[]>;
  }

  async publish(code: string, criteria: CriterionDefinition[], note: string | undefined, actor: Actor): Promise<CriteriaSetView> {
    const codes = criteria.map((c) => c.code);
    const repeated = codes.filter((c, i) => codes.indexOf(c) !== i);
    if (repeated.length > 0) throw new DomainError('CRITERION_CODE_REPEATED', { field: 'criteria', codes: [...new Set(repeated)] });
    return this.dataSource.transaction(async (em) => {
      // The newest version, locked: two administrators publishing at once get versions n+1 and n+2, or one waits.
      const [current] = (await em.query(
        'SELECT id, version, applies_to AS "appliesTo" FROM criteria_set WHERE code = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE',
        [code],
      )) as { id: string; version: number; appliesTo: string[] }[];
      if (!current) throw new DomainError('CRITERIA_SET_NOT_FOUND', { code });
      const now = this.clock.now();
      const set = em.create(CriteriaSet, {
        id: randomUUID(),
        code,
        version: current.version + 1,
        appliesTo: current.appliesTo,
        criteria,
        note: note ?? null,
        publishedBy: actor.username,
        publishedAt: now,
      });
      await em.insert(CriteriaSet, set);
      await this.audit.append(em, {
        stream: criteriaSetStream(code),
        eventType: 'CRITERIA_SET_PUBLISHED',
        payload: { criteriaSetId: set.id, code, version: set.version, replaces: current.id, criteria, note: note ?? null },
        actor: actor.username,
        occurredAt: now,
      });
      return view(set, true);
    });
  }
}
