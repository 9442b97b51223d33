/**
 * Issuing a session's recognition decision as the office does: the secretariat drafts it, the clerk (văn thư) gives
 * it the number and date of the authority's document register, and issues it. Returns the first refused step's
 * response, or the issue's.
 */
import { Clock } from '../../apps/api/src/common/clock.js';
import type { TestApp } from './app.js';
import { CLERK, SECRETARY } from './factories.js';

export interface IssueRequest {
  sessionId: string;
  authorityCode: string;
  signerTitle?: string;
  signerName?: string;
  /** Default: today. */
  issuedOn?: string;
  /** Default: the next number free in the register (its authority, symbol and year). */
  number?: number;
}

export interface StepResponse {
  status: number;
  body: any;
}

/** The next number no decision or draft of the authority's register uses in the year. */
export async function nextFreeNumber(t: TestApp, authorityCode: string, year: number): Promise<number> {
  const [row] = (await t.dataSource.query(
    `SELECT 1 + greatest(coalesce((SELECT max(number) FROM recognition_decision WHERE authority_code = $1 AND year = $2), 0),
                         coalesce((SELECT max(d.number) FROM decision_draft d WHERE d.authority_code = $1 AND d.year = $2), 0)) AS n`,
    [authorityCode, year],
  )) as { n: number }[];
  return Number(row!.n);
}

export async function draftDecision(t: TestApp, request: Omit<IssueRequest, 'issuedOn' | 'number'>, as = SECRETARY): Promise<StepResponse> {
  const { sessionId, authorityCode, signerTitle, signerName } = request;
  return t.as(as).post('/api/decision-drafts').send({ sessionId, authorityCode, ...(signerTitle ? { signerTitle } : {}), ...(signerName ? { signerName } : {}) });
}

export async function issueDecision(t: TestApp, request: IssueRequest, as = SECRETARY): Promise<StepResponse> {
  const drafted = await draftDecision(t, request, as);
  if (drafted.status !== 201) return drafted;
  return numberAndIssue(t, drafted.body, request);
}

/**
 * The clerk numbers a draft (the number given, or the next free one of its register; none for a register kept
 * here) and issues it. Returns the first refused step's response, or the issue's.
 */
export async function numberAndIssue(
  t: TestApp,
  draft: { id: string; authority: { code: string }; register: { mode: string } },
  request: { issuedOn?: string; number?: number } = {},
): Promise<StepResponse> {
  const issuedOn = request.issuedOn ?? t.running.app.get(Clock).today();
  const counter = draft.register.mode === 'COUNTER';
  const number = counter ? undefined : (request.number ?? (await nextFreeNumber(t, draft.authority.code, Number(issuedOn.slice(0, 4)))));
  const numbered = await t.as(CLERK).post(`/api/decision-drafts/${draft.id}/number`).send({ issuedOn, ...(number !== undefined ? { number } : {}) });
  if (numbered.status !== 200 && numbered.status !== 201) return numbered;
  return t.as(CLERK).post(`/api/decision-drafts/${draft.id}/issue`).send({});
}

/** A correction as the office makes it: drafted by the secretariat from the decision, numbered and issued by the clerk. */
export async function correctDecision(t: TestApp, decisionId: string, body: Record<string, unknown>, request: { issuedOn?: string; number?: number } = {}, as = SECRETARY): Promise<StepResponse> {
  const drafted = await t.as(as).post(`/api/decisions/${decisionId}/corrections`).send(body);
  if (drafted.status !== 201) return drafted;
  return numberAndIssue(t, drafted.body, request);
}

/** A revocation as the office makes it: drafted by the secretariat from the decision, numbered and issued by the clerk. */
export async function revokeDecision(t: TestApp, decisionId: string, body: Record<string, unknown>, request: { issuedOn?: string; number?: number } = {}, as = SECRETARY): Promise<StepResponse> {
  const drafted = await t.as(as).post(`/api/decisions/${decisionId}/revocations`).send(body);
  if (drafted.status !== 201) return drafted;
  return numberAndIssue(t, drafted.body, request);
}
