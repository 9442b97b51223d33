/**
 * The council's decision rules (tổng kết): how the outcome for one candidate follows from the session's rules,
 * the votes and the reviewers' checklists. Pure, so that the API computes the outcome, the statechart's guards
 * recompute it from the verdict the decision event carries, and an audit replay checks it again years later.
 *
 * Arithmetic is on integers (cross-multiplication), never on rounded percentages: "exactly 2/3" and
 * "exactly 70 %" are edges the rules must get right.
 */
import { withClearances, type ClearanceCheck } from './clearances.js';

/** A fraction of the eligible members, e.g. 2/3. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

export interface CouncilRules {
  /** Members who must take part (vote in person or by written opinion): at least this fraction of those eligible. */
  quorum: Fraction;
  /** Votes in favour needed to recognise, as a percentage of ALL eligible members (not of the votes cast). */
  recognitionPercent: number;
  /** Votes against beyond which the candidate is rejected rather than returned: strictly more than this percentage of all eligible members. */
  rejectionPercent: number;
}

export const DEFAULT_COUNCIL_RULES: CouncilRules = {
  quorum: { numerator: 2, denominator: 3 },
  recognitionPercent: 70,
  rejectionPercent: 50,
};

export interface CouncilTally {
  /** Council members allowed to vote on this candidate: the session's members less those with a conflict of interest. */
  eligible: number;
  /** Eligible members who voted, in person or by written opinion. Equals inFavour + against + abstain. */
  participants: number;
  inFavour: number;
  against: number;
  abstain: number;
}

export interface ChecklistCoverage {
  /** Reviewers assigned to the candidate. */
  assigned: number;
  /** Assigned reviewers whose checklist is submitted (each checklist marks every criterion). */
  submitted: number;
  /** Criteria of the set in force when the session opened, and how many of them at least one checklist marked. */
  criteria: number;
  criteriaReviewed: number;
}

/** What a decision event carries: everything the outcome follows from, kept in the audit record. */
export interface CouncilVerdict {
  sessionId: string;
  rules: CouncilRules;
  tally: CouncilTally;
  checklists: ChecklistCoverage;
  /**
   * The candidate's clearances (hiệp y) when the council decided, with the session's rule on them; absent from
   * verdicts recorded before clearances existed (they decided on votes and checklists alone, as they still do).
   */
  clearances?: ClearanceCheck;
}

export type CouncilOutcome = 'RECOGNISE' | 'RETURN_TO_NURTURING' | 'REJECT' | 'NO_DECISION';

export interface RuleFinding {
  code: string;
  vi: string;
  en: string;
  /** The field of the rule set or request the finding is about, when it is about one. */
  field?: string;
}

export interface CouncilDecision {
  outcome: CouncilOutcome;
  quorumMet: boolean;
  thresholdMet: boolean;
  checklistsComplete: boolean;
  /** Why the outcome is what it is, in words for the minutes and for refusals. */
  findings: RuleFinding[];
}

import { decideInSession, isRuleSetVerdict, type SessionVerdict } from './council-quota.js';

const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;

/** A verdict that cannot be real (negative counts, more votes than members…) decides nothing. */
export function verdictProblems(verdict: CouncilVerdict | undefined): RuleFinding[] {
  if (!verdict || typeof verdict !== 'object') return [{ code: 'VERDICT_MISSING', vi: 'Thiếu kết quả biểu quyết của Hội đồng.', en: 'The council verdict is missing.' }];
  const { rules, tally, checklists } = verdict;
  const bad: RuleFinding = { code: 'VERDICT_INCONSISTENT', vi: 'Kết quả biểu quyết không hợp lệ.', en: 'The council verdict is inconsistent.' };
  if (!rules || !tally || !checklists) return [bad];
  const ruleOk =
    isCount(rules.quorum?.numerator) &&
    isCount(rules.quorum?.denominator) &&
    rules.quorum.denominator > 0 &&
    rules.quorum.numerator <= rules.quorum.denominator &&
    isCount(rules.recognitionPercent) &&
    rules.recognitionPercent > 0 &&
    rules.recognitionPercent <= 100 &&
    isCount(rules.rejectionPercent) &&
    rules.rejectionPercent <= 100;
  const tallyOk =
    [tally.eligible, tally.participants, tally.inFavour, tally.against, tally.abstain].every(isCount) &&
    tally.participants === tally.inFavour + tally.against + tally.abstain &&
    tally.participants <= tally.eligible;
  const listsOk =
    [checklists.assigned, checklists.submitted, checklists.criteria, checklists.criteriaReviewed].every(isCount) &&
    checklists.submitted <= checklists.assigned &&
    checklists.criteriaReviewed <= checklists.criteria;
  return ruleOk && tallyOk && listsOk ? [] : [bad];
}

/**
 * The outcome the rules give. NO_DECISION when the council could not decide (quorum, incomplete checklists), or
 * when the clearances the verdict carries block a recognition under the session's rule.
 */
export function decideCouncilOutcome(verdict: CouncilVerdict): CouncilDecision {
  return withClearances(decideOnVotes(verdict), verdict && typeof verdict === 'object' ? verdict.clearances : undefined);
}

function decideOnVotes(verdict: CouncilVerdict): CouncilDecision {
  const problems = verdictProblems(verdict);
  if (problems.length > 0) return { outcome: 'NO_DECISION', quorumMet: false, thresholdMet: false, checklistsComplete: false, findings: problems };
  const { rules, tally, checklists } = verdict;
  const findings: RuleFinding[] = [];

  const quorumMet = tally.eligible > 0 && tally.participants * rules.quorum.denominator >= tally.eligible * rules.quorum.numerator;
  const thresholdMet = tally.eligible > 0 && tally.inFavour * 100 >= tally.eligible * rules.recognitionPercent;
  const checklistsComplete =
    checklists.assigned > 0 && checklists.submitted === checklists.assigned && checklists.criteria > 0 && checklists.criteriaReviewed === checklists.criteria;
  const quorumText = `${rules.quorum.numerator}/${rules.quorum.denominator}`;

  if (tally.eligible === 0) {
    findings.push({ code: 'NO_ELIGIBLE_MEMBERS', vi: 'Không có thành viên Hội đồng nào được biểu quyết (tất cả đều có xung đột lợi ích).', en: 'No council member may vote (all have a conflict of interest).' });
  } else if (!quorumMet) {
    findings.push({
      code: 'QUORUM_NOT_MET',
      vi: `Không đủ số thành viên tham gia biểu quyết: ${tally.participants}/${tally.eligible}, cần ít nhất ${quorumText}.`,
      en: `Quorum not met: ${tally.participants}/${tally.eligible} took part, at least ${quorumText} required.`,
    });
  }
  if (!checklistsComplete) {
    findings.push({
      code: 'CHECKLISTS_INCOMPLETE',
      vi: `Chưa đủ phiếu đánh giá tiêu chí: ${checklists.submitted}/${checklists.assigned} thành viên được phân công đã nộp, ${checklists.criteriaReviewed}/${checklists.criteria} tiêu chí đã được đánh giá.`,
      en: `Checklists incomplete: ${checklists.submitted}/${checklists.assigned} assigned reviewers submitted, ${checklists.criteriaReviewed}/${checklists.criteria} criteria reviewed.`,
    });
  }
  if (findings.length > 0) return { outcome: 'NO_DECISION', quorumMet, thresholdMet, checklistsComplete, findings };

  if (thresholdMet) {
    findings.push({
      code: 'THRESHOLD_MET',
      vi: `${tally.inFavour}/${tally.eligible} thành viên tán thành, đạt tỷ lệ ít nhất ${rules.recognitionPercent}% tổng số thành viên.`,
      en: `${tally.inFavour}/${tally.eligible} members in favour, at least ${rules.recognitionPercent}% of all members.`,
    });
    return { outcome: 'RECOGNISE', quorumMet, thresholdMet, checklistsComplete, findings };
  }
  findings.push({
    code: 'THRESHOLD_NOT_MET',
    vi: `Chỉ ${tally.inFavour}/${tally.eligible} thành viên tán thành, chưa đạt ${rules.recognitionPercent}% tổng số thành viên.`,
    en: `Only ${tally.inFavour}/${tally.eligible} members in favour, below ${rules.recognitionPercent}% of all members.`,
  });
  if (tally.against * 100 > tally.eligible * rules.rejectionPercent) {
    findings.push({
      code: 'MAJORITY_AGAINST',
      vi: `${tally.against}/${tally.eligible} thành viên không tán thành, quá ${rules.rejectionPercent}% tổng số thành viên.`,
      en: `${tally.against}/${tally.eligible} members against, more than ${rules.rejectionPercent}% of all members.`,
    });
    return { outcome: 'REJECT', quorumMet, thresholdMet, checklistsComplete, findings };
  }
  return { outcome: 'RETURN_TO_NURTURING', quorumMet, thresholdMet, checklistsComplete, findings };
}

/**
 * A decision event's verdict: judged by the session's own percentages (sessions opened before rule sets), or by
 * the rule set the session pinned (council-rules.ts, with the quota of council-quota.ts).
 */
export type AnyCouncilVerdict = CouncilVerdict | SessionVerdict;

/** The outcome a verdict of either shape gives. */
export function decideVerdict(verdict: AnyCouncilVerdict): CouncilDecision {
  return isRuleSetVerdict(verdict) ? decideInSession(verdict) : decideCouncilOutcome(verdict);
}

/** Whether the verdict gives exactly this outcome (what the statechart's decision guards ask), whichever its shape. */
export function verdictGives(verdict: AnyCouncilVerdict | undefined, outcome: Exclude<CouncilOutcome, 'NO_DECISION'>): boolean {
  return verdict !== undefined && verdict !== null && typeof verdict === 'object' && decideVerdict(verdict).outcome === outcome;
}
