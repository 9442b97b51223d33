/**
 * Clearances (hiệp y): confirmations the council's secretariat asks other agencies for about a candidate (police,
 * tax, social insurance, inspectorate, natural resources and environment…, the list the jurisdiction profile names),
 * each with a deadline. What each request stands at, and whether the clearances block a recognition under the
 * session's rule, are decided here, purely, so that the API, the statechart's guards and an audit replay agree.
 *
 * The rule (a field of the council's rule set):
 * - ADVISORY: the clearances are shown to the council and named in the findings; they never change the outcome;
 * - NEGATIVE_BLOCKS: an agency that disagrees blocks the recognition;
 * - MISSING_OR_NEGATIVE_BLOCKS: so does a requested clearance without an answer when the council decides (still
 *   awaited, or past its deadline: NO_ANSWER).
 * A clearance never turns a return to nurturing or a rejection into anything else: it only stands in the way of
 * recognition. A candidate for whom no clearance was requested has nothing missing: which agencies to ask is the
 * secretariat's call for the level whose rules require them.
 */
import type { CouncilDecision, RuleFinding } from './council.js';

export const CLEARANCE_RULES = ['ADVISORY', 'NEGATIVE_BLOCKS', 'MISSING_OR_NEGATIVE_BLOCKS'] as const;
export type ClearanceRule = (typeof CLEARANCE_RULES)[number];

export const CLEARANCE_RULE_LABELS: Record<ClearanceRule, { vi: string; en: string }> = {
  ADVISORY: { vi: 'Ý kiến hiệp y chỉ để tham khảo', en: 'Clearances are advisory' },
  NEGATIVE_BLOCKS: { vi: 'Cơ quan không đồng ý thì không công nhận', en: 'A negative clearance blocks recognition' },
  MISSING_OR_NEGATIVE_BLOCKS: { vi: 'Thiếu ý kiến hiệp y hoặc cơ quan không đồng ý thì không công nhận', en: 'A missing or negative clearance blocks recognition' },
};

/** What an agency answered: agrees, disagrees (with its reasons). */
export const CLEARANCE_ANSWERS = ['AGREES', 'DISAGREES'] as const;
export type ClearanceAnswer = (typeof CLEARANCE_ANSWERS)[number];

/** Where a request stands: awaited (before its deadline), answered, or NO_ANSWER once the deadline has passed unanswered. */
export const CLEARANCE_STATES = [
  { code: 'PENDING', vi: 'Đang chờ trả lời', en: 'Awaiting answer' },
  { code: 'AGREES', vi: 'Đồng ý', en: 'Agrees' },
  { code: 'DISAGREES', vi: 'Không đồng ý', en: 'Disagrees' },
  { code: 'NO_ANSWER', vi: 'Không trả lời đúng hạn', en: 'No answer by the deadline' },
] as const satisfies readonly { code: string; vi: string; en: string }[];
export type ClearanceState = (typeof CLEARANCE_STATES)[number]['code'];

/**
 * A request's state on `today` (YYYY-MM-DD): its answer if one was recorded, else PENDING up to and including the
 * deadline day and NO_ANSWER from the day after. An answer recorded late still counts as the answer.
 */
export function clearanceState(answer: ClearanceAnswer | null, dueOn: string, today: string): ClearanceState {
  if (answer) return answer;
  return today > dueOn ? 'NO_ANSWER' : 'PENDING';
}

/** One request as the council's decision sees it. */
export interface ClearanceStatus {
  agencyCode: string;
  agencyName: string;
  dueOn: string;
  state: ClearanceState;
}

/** The clearances of one candidate when the council decides, with the rule they are judged by. */
export interface ClearanceCheck {
  rule: ClearanceRule;
  requests: ClearanceStatus[];
}

export const isClearanceRule = (v: unknown): v is ClearanceRule => typeof v === 'string' && (CLEARANCE_RULES as readonly string[]).includes(v);
const STATE_CODES: readonly string[] = CLEARANCE_STATES.map((s) => s.code);

/** A clearance check that cannot be real decides nothing. */
export function clearanceCheckProblems(check: ClearanceCheck): RuleFinding[] {
  const ok =
    !!check &&
    typeof check === 'object' &&
    isClearanceRule(check.rule) &&
    Array.isArray(check.requests) &&
    check.requests.every((r) => !!r && typeof r.agencyCode === 'string' && typeof r.agencyName === 'string' && typeof r.dueOn === 'string' && STATE_CODES.includes(r.state));
  return ok ? [] : [{ code: 'VERDICT_INCONSISTENT', vi: 'Kết quả biểu quyết không hợp lệ (ý kiến hiệp y).', en: 'The council verdict is inconsistent (clearances).' }];
}

const names = (requests: ClearanceStatus[]) => requests.map((r) => r.agencyName).join(', ');

/** The requests that stand in the way of recognition under the rule (empty: none do). */
export function blockingClearances(check: ClearanceCheck): ClearanceStatus[] {
  if (check.rule === 'ADVISORY') return [];
  return check.requests.filter((r) => r.state === 'DISAGREES' || (check.rule === 'MISSING_OR_NEGATIVE_BLOCKS' && (r.state === 'NO_ANSWER' || r.state === 'PENDING')));
}

/** The findings the clearances give, for the minutes and for refusals: who disagreed, who did not answer, and the rule. */
export function clearanceFindings(check: ClearanceCheck): RuleFinding[] {
  const negative = check.requests.filter((r) => r.state === 'DISAGREES');
  const missing = check.requests.filter((r) => r.state === 'NO_ANSWER' || r.state === 'PENDING');
  const blocking = blockingClearances(check);
  const findings: RuleFinding[] = [];
  if (blocking.length > 0) {
    const neg = blocking.filter((r) => r.state === 'DISAGREES');
    const miss = blocking.filter((r) => r.state !== 'DISAGREES');
    const vi = [neg.length ? `không đồng ý: ${names(neg)}` : '', miss.length ? `chưa có ý kiến: ${names(miss)}` : ''].filter(Boolean).join('; ');
    const en = [neg.length ? `disagreeing: ${names(neg)}` : '', miss.length ? `without an answer: ${names(miss)}` : ''].filter(Boolean).join('; ');
    findings.push({
      code: 'CLEARANCE_BLOCKS',
      vi: `Chưa đủ điều kiện công nhận do ý kiến hiệp y (${vi}); theo bộ quy tắc: ${CLEARANCE_RULE_LABELS[check.rule].vi.toLowerCase()}.`,
      en: `Recognition is blocked by the clearances (${en}); the rule set says: ${CLEARANCE_RULE_LABELS[check.rule].en.toLowerCase()}.`,
    });
  } else if (negative.length > 0 || missing.length > 0) {
    const vi = [negative.length ? `không đồng ý: ${names(negative)}` : '', missing.length ? `chưa có ý kiến: ${names(missing)}` : ''].filter(Boolean).join('; ');
    const en = [negative.length ? `disagreeing: ${names(negative)}` : '', missing.length ? `without an answer: ${names(missing)}` : ''].filter(Boolean).join('; ');
    findings.push({
      code: 'CLEARANCE_NOTED',
      vi: `Ý kiến hiệp y được báo cáo Hội đồng (${vi}); theo bộ quy tắc, ${CLEARANCE_RULE_LABELS[check.rule].vi.toLowerCase()}.`,
      en: `Clearances reported to the council (${en}); under the rule set, ${CLEARANCE_RULE_LABELS[check.rule].en.toLowerCase()}.`,
    });
  } else if (check.requests.length > 0) {
    findings.push({
      code: 'CLEARANCES_AGREE',
      vi: `Các cơ quan được lấy ý kiến hiệp y đều đồng ý: ${names(check.requests)}.`,
      en: `Every agency asked for clearance agrees: ${names(check.requests)}.`,
    });
  }
  return findings;
}

/**
 * Applies the clearances to the outcome the votes gave: a recognition the rule says they block becomes NO_DECISION
 * (the council cannot recognise yet; it may decide again once the agencies have answered), with the finding naming
 * the agencies; every other outcome keeps its own, with the clearances noted.
 */
export function withClearances<D extends CouncilDecision>(decision: D, check: ClearanceCheck | undefined): D {
  if (!check || (decision.outcome === 'NO_DECISION' && decision.findings.some((f) => f.code === 'VERDICT_INCONSISTENT' || f.code === 'RULE_SET_INVALID'))) return decision;
  const problems = clearanceCheckProblems(check);
  if (problems.length > 0) return { ...decision, outcome: 'NO_DECISION', findings: [...decision.findings, ...problems] };
  const findings = clearanceFindings(check);
  if (decision.outcome === 'RECOGNISE' && blockingClearances(check).length > 0) return { ...decision, outcome: 'NO_DECISION', findings: [...decision.findings, ...findings] };
  return { ...decision, findings: [...decision.findings, ...findings] };
}
