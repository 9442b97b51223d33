/**
 * Council rule sets as data: the versions administrators publish (each an audited record), the one in force for a
 * session opening now (the one published last, or the newest version of a code the secretariat names), and the
 * presets a new version may start from.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { CouncilRuleSetView, PeopleNames } from '#contracts';
import { peopleAmong, peopleNamed } from '../audit/audit-names.js';
import { COUNCIL_RULE_PRESETS, ruleSetProblems, type CouncilRuleSet } from '#workflow';
import { AuditWriter } from '../audit/audit.writer.js';
import { COUNCIL_RULE_SET_STREAM } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { CouncilRuleSetRow } from './council-rule-set.entity.js';
import { CouncilRuleSetRepository } from './council-rule-set.repository.js';

export interface PublishRuleSetInput {
  code: string;
  name: { vi: string; en: string };
  source: { vi: string; en: string };
  rules: Omit<CouncilRuleSet, 'code' | 'version'> & Partial<Pick<CouncilRuleSet, 'code' | 'version'>>;
  note?: string;
}

/** Refuses a rule set `ruleSetProblems` finds fault with: 422 naming the first field, every problem in the details. */
export function requireValidRuleSet(rules: CouncilRuleSet, prefix = 'rules'): void {
  const problems = ruleSetProblems(rules);
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new DomainError(
    'RULE_SET_INVALID',
    { field: `${prefix}.${first.field ?? 'ruleSet'}`, problems: problems.map((p) => ({ field: `${prefix}.${p.field ?? 'ruleSet'}`, message: p.vi, messageEn: p.en })) },
    { vi: problems.map((p) => p.vi).join(' '), en: problems.map((p) => p.en).join(' ') },
  );
}

@Injectable()
export class CouncilRuleSets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ruleSets: CouncilRuleSetRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<CouncilRuleSetView[]> {
    const rows = await this.ruleSets.all();
    const current = await this.ruleSets.inForce(this.ruleSets.reader);
    const people = await peopleNamed(this.ruleSets.reader, rows.map((r) => r.publishedBy));
    return rows.map((r) => ruleSetView(r, r.id === current?.id, people));
  }

  /** The presets shipped with the product, as a starting point for a new version. */
  presets() {
    return COUNCIL_RULE_PRESETS.map((p) => ({ code: p.ruleSet.code, name: p.name, source: p.source, rules: p.ruleSet }));
  }

  /** The version a session opening now pins: the one published last, or the newest of `code`. */
  async forNewSession(em: EntityManager, code?: string): Promise<CouncilRuleSetRow> {
    const row = await this.ruleSets.inForce(em, code);
    if (!row) throw code ? new DomainError('RULE_SET_NOT_FOUND', { field: 'ruleSetCode', code }) : new DomainError('RULE_SET_NOT_IN_FORCE', {});
    return row;
  }

  /** Publishes a new version of `code` (version 1 for a new code), with its audit record; it is in force from now. */
  async publish(input: PublishRuleSetInput, actor: Actor): Promise<CouncilRuleSetView> {
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockStream(em, COUNCIL_RULE_SET_STREAM);
      const version = (await this.ruleSets.newestVersion(em, input.code)) + 1;
      // The document's code and version are the row's; a JSON round trip keeps only what jsonb keeps.
      const rules = JSON.parse(JSON.stringify({ ...input.rules, code: input.code, version })) as CouncilRuleSet;
      requireValidRuleSet(rules);
      const now = this.clock.now();
      const row: CouncilRuleSetRow = {
        id: randomUUID(),
        code: input.code,
        version,
        nameVi: input.name.vi,
        nameEn: input.name.en,
        sourceVi: input.source.vi,
        sourceEn: input.source.en,
        rules,
        note: input.note ?? null,
        publishedBy: actor.username,
        publishedAt: now,
      };
      await this.ruleSets.insert(em, row);
      await this.audit.append(em, {
        stream: COUNCIL_RULE_SET_STREAM,
        eventType: 'COUNCIL_RULE_SET_PUBLISHED',
        payload: { ruleSetId: row.id, code: row.code, version, name: input.name, source: input.source, rules, note: row.note },
        actor: actor.username,
        occurredAt: now,
      });
      return ruleSetView(row, true, await peopleNamed(em, [row.publishedBy]));
    });
  }
}

export function ruleSetView(row: CouncilRuleSetRow, inForce: boolean, people: PeopleNames): CouncilRuleSetView {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    name: { vi: row.nameVi, en: row.nameEn },
    source: { vi: row.sourceVi, en: row.sourceEn },
    rules: row.rules,
    note: row.note,
    publishedBy: row.publishedBy,
    publishedAt: new Date(row.publishedAt).toISOString(),
    people: peopleAmong(people, [row.publishedBy]),
    inForce,
  };
}
