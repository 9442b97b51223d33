/**
 * An administrator publishes a new version of a criteria set (ban hành phiên bản mới): the whole list of criteria,
 * each code once. Versions already published never change, and sessions keep the versions they pinned.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CriteriaSetView } from '#contracts';
import type { CriteriaSetCode } from '#domain';
import { AuditWriter } from '../../audit/audit.writer.js';
import { criteriaSetStream } from '../../audit/streams.js';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { CriteriaSetRepository } from '../criteria-set.repository.js';
import { criteriaSetView } from '../criteria-set.views.js';
import { peopleNamed } from '../../audit/audit-names.js';
import type { CriterionDefinition } from '../review.entities.js';

@Injectable()
export class PublishCriteriaSet {
  constructor(
    private readonly dataSource: DataSource,
    private readonly criteriaSets: CriteriaSetRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async execute(code: CriteriaSetCode, criteria: CriterionDefinition[], note: string | undefined, actor: Actor): Promise<CriteriaSetView> {
    const codes = criteria.map((c) => c.code);
    const repeated = codes.filter((c, i) => codes.indexOf(c) !== i);
    if (repeated.length > 0) throw new DomainError('CRITERION_CODE_REPEATED', { field: 'criteria', codes: [...new Set(repeated)] });
    return this.dataSource.transaction(async (em) => {
      const current = await this.criteriaSets.lockNewest(em, code);
      if (!current) throw new DomainError('CRITERIA_SET_NOT_FOUND', { code });
      const now = this.clock.now();
      const set = {
        id: randomUUID(),
        code,
        version: current.version + 1,
        appliesTo: current.appliesTo,
        criteria,
        note: note ?? null,
        publishedBy: actor.username,
        publishedAt: now,
      };
      await this.criteriaSets.insert(em, set);
      await this.audit.append(em, {
        stream: criteriaSetStream(code),
        eventType: 'CRITERIA_SET_PUBLISHED',
        payload: { criteriaSetId: set.id, code, version: set.version, replaces: current.id, criteria, note: note ?? null },
        actor: actor.username,
        occurredAt: now,
      });
      return criteriaSetView(set, true, await peopleNamed(em, [set.publishedBy]));
    });
  }
}
