/**
 * What a person must never read on a page: the product's internal keys, codes, ids and login names. Used by the
 * browser tests on the views that show records (a candidate's history, the audit trail).
 */
import { CANDIDATE_EVENTS, CANDIDATE_STATES, REVIEW_SESSION_STATUSES } from '#workflow';
import { MOVEMENT_STATUSES, RECORD_CODE_LABELS, SUBJECT_KINDS, FIELDS, DISCOVERY_CHANNELS, ROLES, SYSTEM_ACTORS } from '#domain';

const DEMO_LOGINS = ['admin', 'truongdonvi', 'truongdonvi2', 'thuongtruc', 'uyvien1', 'uyvien2', 'uyvien3', 'kiemtra', ...Object.keys(SYSTEM_ACTORS)];
/** Every code of the vocabularies a record may carry (single words such as LAUNCHED included). */
const CODES = new Set(
  [CANDIDATE_EVENTS, CANDIDATE_STATES, REVIEW_SESSION_STATUSES, MOVEMENT_STATUSES, SUBJECT_KINDS, FIELDS, DISCOVERY_CHANNELS, ROLES, ...Object.values(RECORD_CODE_LABELS)]
    .flat()
    .map((x) => x.code),
);

export interface InternalFinding {
  kind: 'uuid' | 'code' | 'camelCaseKey' | 'login' | 'isoInstant';
  found: string;
  context: string;
}

/** The internal things visible in a page's text, each with the text around it. */
export function findInternalCodes(text: string): InternalFinding[] {
  const findings: InternalFinding[] = [];
  const around = (index: number, length: number) => text.slice(Math.max(0, index - 40), index + length + 40).replace(/\s+/g, ' ');
  const scan = (kind: InternalFinding['kind'], pattern: RegExp, keep: (m: string) => boolean = () => true) => {
    for (const m of text.matchAll(pattern)) if (keep(m[0])) findings.push({ kind, found: m[0], context: around(m.index ?? 0, m[0].length) });
  };
  scan('uuid', /\b[0-9a-f]{8}-[0-9a-f]{4}(?:-[0-9a-f]{4}){0,3}/gi);
  scan('code', /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g);
  scan('code', /\b[A-Z]{3,}\b/g, (m) => CODES.has(m));
  scan('camelCaseKey', /\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/g);
  // A login name where a person is meant; an account's own record may state its sign-in name and address.
  scan('login', new RegExp(`(?<!Tên đăng nhập\\s*)(?<![\\w.-])(?:${DEMO_LOGINS.map((l) => l.replace(/-/g, '\\-')).join('|')})(?![\\w@.-])`, 'g'));
  scan('isoInstant', /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?/g);
  return findings;
}
