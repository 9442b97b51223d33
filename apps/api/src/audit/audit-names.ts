/**
 * The names a person reads in the history and the audit trail instead of internal keys: who did it (full name,
 * role and unit, not the login name), what the stream belongs to ("Phong trào «Đổi mới, sáng tạo…»", not an id), and
 * what each id in a record's content is. Reads only, a batch at a time (one query per kind of thing).
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RECORD_REF_KINDS, ROLES, SUBJECT_KINDS, SYSTEM_ACTORS, labelsOf } from '#domain';
import type { AuditNames as AuditNamesView, NamedRef } from '#contracts';
import { councilNameSql } from '../councils/council-setup.js';

const REF_KEYS = RECORD_REF_KINDS;

/** Stream prefixes that name a thing by its id. */
const STREAM_KINDS: Record<string, Exclude<NamedRef['kind'], 'ruleSet' | 'criterion' | 'criteriaSet'>> = {
  candidate: 'candidate',
  unit: 'unit',
  'review-session': 'session',
  movement: 'movement',
  account: 'account',
  council: 'council',
};

const TABLES: Record<Exclude<NamedRef['kind'], 'ruleSet' | 'criterion' | 'criteriaSet'>, string> = {
  unit: 'SELECT id::text AS id, name FROM unit WHERE id = ANY($1::uuid[])',
  candidate: 'SELECT id::text AS id, name FROM candidate WHERE id = ANY($1::uuid[])',
  movement: 'SELECT id::text AS id, name FROM movement WHERE id = ANY($1::uuid[])',
  session: 'SELECT id::text AS id, title AS name FROM review_session WHERE id = ANY($1::uuid[])',
  account: 'SELECT id::text AS id, display_name AS name FROM account WHERE id = ANY($1::uuid[])',
  // The name it bears today, as units and accounts are named by theirs (a record's own payload keeps the name of its day).
  council: `SELECT c.id::text AS id, ${councilNameSql('c')} AS name FROM council c WHERE c.id = ANY($1::uuid[])`,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NameableRecord {
  actor: string;
  stream: string;
  payload: Record<string, unknown>;
}

/** The key of a named thing in `refs`: "kind:id". */
export const refKey = (kind: string, id: string) => `${kind}:${UUID.test(id) ? id.toLowerCase() : id}`;

@Injectable()
export class AuditNames {
  constructor(private readonly dataSource: DataSource) {}

  /** The people and things the records name, resolved in one batch. */
  async of(records: NameableRecord[]): Promise<AuditNamesView> {
    const wanted = new Map<Exclude<NamedRef['kind'], 'ruleSet' | 'criterion' | 'criteriaSet'>, Set<string>>();
    const ruleSetCodes = new Set<string>();
    const criterionCodes = new Set<string>();
    const criteriaSetCodes = new Set<string>();
    const want = (kind: Exclude<NamedRef['kind'], 'ruleSet' | 'criterion' | 'criteriaSet'>, id: unknown) => {
      if (typeof id !== 'string' || !UUID.test(id)) return;
      if (!wanted.has(kind)) wanted.set(kind, new Set());
      wanted.get(kind)!.add(id.toLowerCase());
    };
    for (const r of records) {
      const [prefix, ...rest] = r.stream.split(':');
      const streamKind = STREAM_KINDS[prefix!];
      if (streamKind) want(streamKind, rest.join(':'));
      walk(r.payload, 0);
    }
    // Ids may sit in nested content too (assignments, results, members), a few levels down at most.
    function walk(value: unknown, depth: number): void {
      if (depth > 3 || value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) return value.forEach((v) => walk(v, depth + 1));
      for (const [key, inner] of Object.entries(value)) {
        // Criteria and criteria sets are named by their codes: their wording is read instead.
        if (key === 'criterionCode' && typeof inner === 'string') criterionCodes.add(inner);
        if (key === 'criteriaSets' && Array.isArray(inner)) for (const set of inner) if (set && typeof set.code === 'string') criteriaSetCodes.add(set.code);
        // A verdict names its council rule set by code: the set's name is read instead.
        if (key === 'ruleSet' && inner && typeof inner === 'object' && typeof (inner as { code?: unknown }).code === 'string') ruleSetCodes.add((inner as { code: string }).code);
        const kind = REF_KEYS[key];
        if (kind) for (const id of Array.isArray(inner) ? inner : [inner]) want(kind, id);
        else walk(inner, depth + 1);
      }
    }
    const refs: AuditNamesView['refs'] = {};
    for (const [kind, ids] of wanted) {
      const rows = (await this.dataSource.query(TABLES[kind], [[...ids]])) as { id: string; name: string }[];
      for (const row of rows) refs[refKey(kind, row.id)] = { kind, id: row.id, name: row.name };
    }
    if (ruleSetCodes.size > 0) {
      const rows = (await this.dataSource.query(
        'SELECT DISTINCT ON (code) code, name_vi FROM council_rule_set WHERE code = ANY($1::text[]) ORDER BY code, version DESC',
        [[...ruleSetCodes]],
      )) as { code: string; name_vi: string }[];
      for (const row of rows) refs[refKey('ruleSet', row.code)] = { kind: 'ruleSet', id: row.code, name: row.name_vi };
    }
    if (criterionCodes.size > 0 || criteriaSetCodes.size > 0) {
      const sets = (await this.dataSource.query('SELECT code, applies_to, criteria FROM criteria_set ORDER BY code, version')) as { code: string; applies_to: string[]; criteria: { code: string; vi: string }[] }[];
      for (const set of sets) {
        if (criteriaSetCodes.has(set.code)) {
          const kinds = set.applies_to.map((k) => labelsOf(SUBJECT_KINDS, k)?.vi.toLowerCase() ?? k).join(', ');
          refs[refKey('criteriaSet', set.code)] = { kind: 'criteriaSet', id: set.code, name: `Bộ tiêu chí cho ${kinds}` };
        }
        // The latest wording of each criterion (later versions overwrite earlier ones).
        for (const c of set.criteria) if (criterionCodes.has(c.code)) refs[refKey('criterion', c.code)] = { kind: 'criterion', id: c.code, name: c.vi };
      }
    }
    return { refs, people: await peopleNamed(this.dataSource, records.map((r) => r.actor)) };
  }
}

/** Anything that runs SQL: the data source or a transaction's entity manager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Full name, role and unit of each login name a view shows (who wrote, recorded, uploaded); the product's own actors
 * in words; a login the product does not know (an account that no longer resolves, an address stream's visitor) as
 * it is. Screens show these instead of the login.
 */
export async function peopleNamed(db: Queryable, logins: readonly (string | null | undefined)[]): Promise<AuditNamesView['people']> {
  const usernames = [...new Set(logins.filter((l): l is string => !!l))];
  const people: AuditNamesView['people'] = {};
  if (usernames.length === 0) return people;
  const rows = (await db.query(
    'SELECT a.username, a.display_name, a.role, u.name AS unit_name FROM account a LEFT JOIN unit u ON u.id = a.unit_id WHERE a.username = ANY($1::text[])',
    [usernames],
  )) as { username: string; display_name: string; role: string; unit_name: string | null }[];
  for (const row of rows) {
    const role = labelsOf(ROLES, row.role);
    const unit = row.unit_name ? `, ${row.unit_name}` : '';
    people[row.username] = {
      name: { vi: row.display_name, en: row.display_name },
      title: role ? { vi: `${role.vi}${unit}`, en: `${role.en}${unit}` } : null,
    };
  }
  for (const name of usernames) {
    const system = SYSTEM_ACTORS[name];
    if (system && !people[name]) people[name] = { name: { vi: system.vi, en: system.en }, title: null };
    if (!people[name]) people[name] = { name: { vi: name, en: name }, title: null };
  }
  return people;
}

/** The part of `people` one item of a list names (its publisher, its proposer): lists name everyone in one batch. */
export function peopleAmong(people: AuditNamesView['people'], logins: readonly (string | null | undefined)[]): AuditNamesView['people'] {
  return Object.fromEntries(logins.filter((l): l is string => !!l && !!people[l]).map((l) => [l, people[l]!]));
}
