/**
 * What a person must never read on a page: the product's internal keys, codes, ids and login names. Used by the
 * browser tests on the views that show records (a candidate's history, the audit trail).
 */
import type { Page } from 'playwright-core';
import { CANDIDATE_EVENTS, CANDIDATE_STATES, REVIEW_SESSION_STATUSES } from '#workflow';
import { MOVEMENT_STATUSES, RECORD_CODE_LABELS, SUBJECT_KINDS, FIELDS, DISCOVERY_CHANNELS, ROLES, SYSTEM_ACTORS } from '#domain';

/**
 * The demo seed's accounts (apps/api/src/demo/demo.seeder.ts; a browser test checks the list against the accounts
 * the demo has) and the product's own actors: none of them is ever shown where a person is meant.
 */
export const DEMO_ACCOUNT_LOGINS = ['admin', 'truongdonvi', 'truongdonvi2', 'thuongtruc', 'uyvien1', 'uyvien2', 'uyvien3', 'kiemtra', 'vanthu', 'thuongtrucnv', 'uyviennv1', 'uyviennv2', 'uyviennv3'];
const DEMO_LOGINS = [...DEMO_ACCOUNT_LOGINS, ...Object.keys(SYSTEM_ACTORS)];
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

/** The demo login names visible on the page's main part, each with the text around it ("…bởi du-lieu-mau lúc…"). */
export async function loginNamesShown(page: Page): Promise<string[]> {
  const text = await page.locator('main#main').innerText();
  return findInternalCodes(text)
    .filter((f) => f.kind === 'login')
    .map((f) => `«${f.found}» in …${f.context}…`);
}
