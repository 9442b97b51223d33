/**
 * Council rule sets: the rules a council's session is judged by, as data an office chooses and edits (versioned,
 * pinned to a session when it opens), and the pure function that applies them to one candidate.
 *
 * What a rule set says, in the words of the regulations it models:
 * - the session meets when at least `quorum` of ALL the council's members take part ("có ít nhất 2/3 tổng số Ủy
 *   viên tham dự");
 * - a session that considers awards needs at least `awardSessionAttendance` of all members, absent members giving a
 *   written opinion ("ít nhất 80% tổng số Ủy viên Hội đồng tham dự (nếu vắng mặt thì lấy ý kiến bằng văn bản)");
 * - recognition needs votes in favour of at least (or more than) a fraction of all members, or of the votes cast;
 * - a member with a conflict of interest counts as not in favour (in the base), or is left out of the base;
 * - a rejection rule (votes against beyond a fraction), else a candidate below the threshold returns to nurturing;
 * - whether the chair's casting vote breaks a tie between votes in favour and against;
 * - an optional quota of recognitions per session;
 * - whether a missing or negative clearance (hiệp y) of another agency blocks recognition (clearances.ts).
 *
 * All arithmetic is on integers (cross-multiplication): "exactly 80 % of 11" and "exactly 2/3" are edges.
 */
import { isClearanceRule, withClearances, type ClearanceRule, type ClearanceStatus } from './clearances.js';
import type { ChecklistCoverage, CouncilDecision, Fraction, RuleFinding } from './council.js';

/** What a threshold is a fraction of: every member of the council, or the votes cast on the candidate. */
export type VoteBase = 'ALL_MEMBERS' | 'VOTES_CAST';

export interface Threshold {
  fraction: Fraction;
  of: VoteBase;
  /** true: strictly more than the fraction ("quá nửa"); false: at least the fraction ("ít nhất 70%"). */
  strict: boolean;
}

export type RecusalRule = 'COUNTS_AS_NOT_IN_FAVOUR' | 'LEFT_OUT_OF_BASE';

export interface CouncilRuleSet {
  /** Which rule set and which version of it (a session pins both when it opens). */
  code: string;
  version: number;
  /** Members present for the session to meet, as a fraction of all members ("tham dự"). */
  quorum: Fraction;
  /** For a session that considers awards: members present or giving a written opinion, of all members; null: the quorum is enough. */
  awardSessionAttendance: Fraction | null;
  /** Whether an absent member's written opinion counts towards the award attendance and as a vote. */
  writtenOpinionsCount: boolean;
  recognition: Threshold;
  /** Votes against beyond which the candidate is rejected rather than returned; null: never rejected by vote. */
  rejection: Threshold | null;
  /** A member who must recuse: counted in an ALL_MEMBERS base as not in favour (the regulation), or left out of it. */
  recusal: RecusalRule;
  /** When the votes in favour equal those against, the side of the chair's casting vote prevails. */
  chairBreaksTies: boolean;
  /** At most this many recognitions in one session; null: no quota. */
  quota: number | null;
  /**
   * Whether other agencies' clearances (hiệp y) can block recognition: ADVISORY, NEGATIVE_BLOCKS or
   * MISSING_OR_NEGATIVE_BLOCKS. Absent from rule sets stored before clearances existed: ADVISORY (clearanceRuleOf).
   */
  clearances?: ClearanceRule;
}

/** The clearance rule of a rule set; one stored before the field existed is advisory (it never blocked anything). */
export function clearanceRuleOf(ruleSet: Pick<CouncilRuleSet, 'clearances'>): ClearanceRule {
  return ruleSet.clearances ?? 'ADVISORY';
}

/** How one candidate was voted on in one session, with the session's attendance. */
export interface RuleSetTally {
  /** The council's total membership as composed for the session ("tổng số thành viên"). */
  members: number;
  /** Members present at the session. */
  present: number;
  /** Absent members who gave a written opinion. */
  writtenOpinions: number;
  /** Members with a conflict of interest on this candidate: they do not vote on it. */
  recused: number;
  /** Ballots on this candidate (in person, or by written opinion where those count). */
  inFavour: number;
  against: number;
  abstain: number;
  /** The chair's casting vote, declared when votes in favour and against are equal; null: none given. */
  chairCastingVote: 'FOR' | 'AGAINST' | null;
}

/** What a decision judged by a rule set carries: everything the outcome follows from, kept in the audit record. */
export interface RuleSetVerdict {
  sessionId: string;
  ruleSet: CouncilRuleSet;
  tally: RuleSetTally;
  checklists: ChecklistCoverage;
  /** The session considers awards (recognition), so the award attendance rule applies. */
  considersAwards: boolean;
  /** The candidate's clearances (hiệp y) when the council decides; absent or empty: none were requested. */
  clearances?: ClearanceStatus[];
}

export interface RuleSetDecision extends CouncilDecision {
  attendanceMet: boolean;
  /** The figures the candidate was judged by, for the minutes: base of the threshold and the votes it needed. */
  figures: { base: number; needed: number; inFavour: number; against: number; tieBrokenByChair: boolean };
}

const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
const fractionOk = (f: Fraction | null | undefined, allowZero = false): boolean =>
  !!f && isCount(f.numerator) && isCount(f.denominator) && f.denominator > 0 && f.numerator <= f.denominator && (allowZero || f.numerator > 0);
const thresholdOk = (t: Threshold | null | undefined): boolean => !!t && fractionOk(t.fraction) && (t.of === 'ALL_MEMBERS' || t.of === 'VOTES_CAST') && typeof t.strict === 'boolean';

/** Why a rule set cannot be used (empty: it can). For the editor's validation and for the guards alike. */
export function ruleSetProblems(r: CouncilRuleSet | undefined): RuleFinding[] {
  const bad = (field: string, vi: string, en: string): RuleFinding => ({ code: 'RULE_SET_INVALID', vi: `Bộ quy tắc Hội đồng không hợp lệ: ${vi}.`, en: `Invalid council rule set: ${en} (${field}).`, field });
  if (!r || typeof r !== 'object') return [bad('ruleSet', 'thiếu bộ quy tắc', 'missing')];
  const problems: RuleFinding[] = [];
  if (typeof r.code !== 'string' || r.code.length === 0 || !isCount(r.version) || r.version < 1) problems.push(bad('code', 'thiếu mã hoặc phiên bản', 'code or version missing'));
  if (!fractionOk(r.quorum)) problems.push(bad('quorum', 'tỷ lệ tham dự tối thiểu phải là phân số từ 0 đến 1', 'quorum must be a fraction between 0 and 1'));
  if (r.awardSessionAttendance !== null && !fractionOk(r.awardSessionAttendance)) problems.push(bad('awardSessionAttendance', 'tỷ lệ tham dự phiên xét khen thưởng phải là phân số từ 0 đến 1', 'award session attendance must be a fraction between 0 and 1'));
  if (typeof r.writtenOpinionsCount !== 'boolean') problems.push(bad('writtenOpinionsCount', 'chưa nói ý kiến bằng văn bản có được tính hay không', 'say whether written opinions count'));
  if (!thresholdOk(r.recognition)) problems.push(bad('recognition', 'ngưỡng công nhận không hợp lệ', 'recognition threshold invalid'));
  if (r.rejection !== null && !thresholdOk(r.rejection)) problems.push(bad('rejection', 'ngưỡng không công nhận không hợp lệ', 'rejection threshold invalid'));
  if (r.recusal !== 'COUNTS_AS_NOT_IN_FAVOUR' && r.recusal !== 'LEFT_OUT_OF_BASE') problems.push(bad('recusal', 'cách tính thành viên phải tránh xung đột lợi ích không hợp lệ', 'recusal rule invalid'));
  if (typeof r.chairBreaksTies !== 'boolean') problems.push(bad('chairBreaksTies', 'chưa nói phiếu của Chủ tịch có quyết định khi ngang nhau hay không', 'say whether the chair breaks ties'));
  if (r.quota !== null && !(isCount(r.quota) && r.quota > 0)) problems.push(bad('quota', 'hạn mức phải là số nguyên dương', 'quota must be a positive integer'));
  if (r.clearances !== undefined && !isClearanceRule(r.clearances)) {
    problems.push(bad('clearances', 'quy tắc về ý kiến hiệp y phải là ADVISORY, NEGATIVE_BLOCKS hoặc MISSING_OR_NEGATIVE_BLOCKS', 'clearance rule must be ADVISORY, NEGATIVE_BLOCKS or MISSING_OR_NEGATIVE_BLOCKS'));
  }
  return problems;
}

function tallyProblems(t: RuleSetTally | undefined, writtenOpinionsCount: boolean): RuleFinding[] {
  const bad: RuleFinding = { code: 'VERDICT_INCONSISTENT', vi: 'Kết quả biểu quyết không hợp lệ.', en: 'The council verdict is inconsistent.' };
  if (!t || typeof t !== 'object') return [bad];
  const counts = [t.members, t.present, t.writtenOpinions, t.recused, t.inFavour, t.against, t.abstain];
  if (!counts.every(isCount)) return [bad];
  const votes = t.inFavour + t.against + t.abstain;
  const takingPart = t.present + (writtenOpinionsCount ? t.writtenOpinions : 0);
  const ok =
    t.members > 0 &&
    t.present + t.writtenOpinions <= t.members &&
    t.recused <= t.members &&
    votes + t.recused <= t.members &&
    votes <= takingPart &&
    (t.chairCastingVote === null || t.chairCastingVote === 'FOR' || t.chairCastingVote === 'AGAINST');
  return ok ? [] : [bad];
}

/** The smallest whole number of votes that meets a threshold of `base`. */
export function votesNeeded(threshold: Threshold, base: number): number {
  const { numerator: n, denominator: d } = threshold.fraction;
  // at least: k·d ≥ base·n  →  k = ⌈base·n / d⌉;  more than: k·d > base·n  →  k = ⌊base·n / d⌋ + 1
  return threshold.strict ? Math.floor((base * n) / d) + 1 : Math.ceil((base * n) / d);
}

/** Whether `count` members (of all `members`) is at least the fraction. */
const atLeast = (count: number, members: number, f: Fraction) => count * f.denominator >= members * f.numerator;

function baseOf(threshold: Threshold, tally: RuleSetTally, recusal: RecusalRule): number {
  if (threshold.of === 'VOTES_CAST') return tally.inFavour + tally.against + tally.abstain;
  return recusal === 'LEFT_OUT_OF_BASE' ? tally.members - tally.recused : tally.members;
}

/**
 * Whether `votes` (doubled, plus the chair's half vote on a tie) meet the threshold over `base`: counts are doubled
 * so that a casting vote weighs half a vote, which breaks exact equality and nothing else.
 */
function meets(threshold: Threshold, base: number, doubledVotes: number): boolean {
  if (base === 0) return false;
  const { numerator: n, denominator: d } = threshold.fraction;
  const lhs = doubledVotes * d;
  const rhs = 2 * base * n;
  return threshold.strict ? lhs > rhs : lhs >= rhs;
}

const pct = (f: Fraction) => {
  const p = (f.numerator * 100) / f.denominator;
  return Number.isInteger(p) ? `${p}%` : `${f.numerator}/${f.denominator}`;
};
const baseWords = (t: Threshold) => (t.of === 'ALL_MEMBERS' ? { vi: 'tổng số thành viên', en: 'of all members' } : { vi: 'số phiếu biểu quyết', en: 'of the votes cast' });
const comparison = (t: Threshold) => (t.strict ? { vi: 'quá', en: 'more than' } : { vi: 'ít nhất', en: 'at least' });

/**
 * The outcome a rule set gives for one candidate. NO_DECISION when the council could not decide, or when the
 * candidate's clearances block a recognition under the rule set's clearance rule (the finding names the agencies).
 */
export function decideUnderRuleSet(verdict: RuleSetVerdict): RuleSetDecision {
  const decision = decideOnVotes(verdict);
  const rules = verdict?.ruleSet;
  if (!rules || ruleSetProblems(rules).length > 0) return decision;
  return withClearances(decision, { rule: clearanceRuleOf(rules), requests: verdict.clearances ?? [] });
}

function decideOnVotes(verdict: RuleSetVerdict): RuleSetDecision {
  const { ruleSet: rules, tally, checklists } = verdict;
  const problems = [...ruleSetProblems(rules), ...(rules ? tallyProblems(tally, rules.writtenOpinionsCount) : [])];
  const listsOk =
    !!checklists &&
    [checklists.assigned, checklists.submitted, checklists.criteria, checklists.criteriaReviewed].every(isCount) &&
    checklists.submitted <= checklists.assigned &&
    checklists.criteriaReviewed <= checklists.criteria;
  if (!listsOk) problems.push({ code: 'VERDICT_INCONSISTENT', vi: 'Kết quả biểu quyết không hợp lệ.', en: 'The council verdict is inconsistent.' });
  const nothing = { base: 0, needed: 0, inFavour: 0, against: 0, tieBrokenByChair: false };
  if (problems.length > 0) return { outcome: 'NO_DECISION', quorumMet: false, attendanceMet: false, thresholdMet: false, checklistsComplete: false, findings: problems, figures: nothing };

  const findings: RuleFinding[] = [];
  const quorumMet = atLeast(tally.present, tally.members, rules.quorum);
  const attendanceRule = verdict.considersAwards ? rules.awardSessionAttendance : null;
  // "ít nhất 80% tổng số Ủy viên tham dự (nếu vắng mặt thì lấy ý kiến bằng văn bản)": written opinions make up the attendance.
  const attending = tally.present + (rules.writtenOpinionsCount ? tally.writtenOpinions : 0);
  const attendanceMet = attendanceRule === null || atLeast(attending, tally.members, attendanceRule);
  const checklistsComplete =
    checklists.assigned > 0 && checklists.submitted === checklists.assigned && checklists.criteria > 0 && checklists.criteriaReviewed === checklists.criteria;

  if (!quorumMet) {
    const need = Math.ceil((tally.members * rules.quorum.numerator) / rules.quorum.denominator);
    findings.push({
      code: 'QUORUM_NOT_MET',
      vi: `Không đủ số thành viên tham dự: ${tally.present}/${tally.members}, cần ít nhất ${need} (${pct(rules.quorum)} tổng số thành viên).`,
      en: `Quorum not met: ${tally.present}/${tally.members} present, at least ${need} (${pct(rules.quorum)} of all members) required.`,
    });
  } else if (!attendanceMet && attendanceRule) {
    const need = Math.ceil((tally.members * attendanceRule.numerator) / attendanceRule.denominator);
    findings.push({
      code: 'AWARD_ATTENDANCE_NOT_MET',
      vi: `Phiên họp xét khen thưởng cần ít nhất ${pct(attendanceRule)} tổng số thành viên tham dự hoặc có ý kiến bằng văn bản: ${attending}/${tally.members}, cần ${need}.`,
      en: `A session considering awards needs at least ${pct(attendanceRule)} of all members present or giving a written opinion: ${attending}/${tally.members}, ${need} required.`,
    });
  }
  if (!checklistsComplete) {
    findings.push({
      code: 'CHECKLISTS_INCOMPLETE',
      vi: `Chưa đủ phiếu đánh giá tiêu chí: ${checklists.submitted}/${checklists.assigned} thành viên được phân công đã nộp, ${checklists.criteriaReviewed}/${checklists.criteria} tiêu chí đã được đánh giá.`,
      en: `Checklists incomplete: ${checklists.submitted}/${checklists.assigned} assigned reviewers submitted, ${checklists.criteriaReviewed}/${checklists.criteria} criteria reviewed.`,
    });
  }
  const base = baseOf(rules.recognition, tally, rules.recusal);
  const needed = votesNeeded(rules.recognition, base);
  const tie = tally.inFavour === tally.against && tally.inFavour > 0;
  const casting = rules.chairBreaksTies && tie ? tally.chairCastingVote : null;
  const figures = { base, needed, inFavour: tally.inFavour, against: tally.against, tieBrokenByChair: casting !== null };
  const favourDoubled = 2 * tally.inFavour + (casting === 'FOR' ? 1 : 0);
  const againstDoubled = 2 * tally.against + (casting === 'AGAINST' ? 1 : 0);
  const thresholdMet = meets(rules.recognition, base, favourDoubled);
  if (findings.length > 0) return { outcome: 'NO_DECISION', quorumMet, attendanceMet, thresholdMet, checklistsComplete, findings, figures };

  if (base === 0) {
    findings.push({ code: 'NO_ELIGIBLE_MEMBERS', vi: 'Không có thành viên Hội đồng nào được biểu quyết.', en: 'No council member may vote.' });
    return { outcome: 'NO_DECISION', quorumMet, attendanceMet, thresholdMet, checklistsComplete, findings, figures };
  }
  const words = baseWords(rules.recognition);
  const cmp = comparison(rules.recognition);
  if (casting !== null) {
    findings.push({
      code: 'TIE_BROKEN_BY_CHAIR',
      vi: `Số phiếu tán thành và không tán thành bằng nhau (${tally.inFavour}/${tally.against}); theo phiếu của Chủ tịch Hội đồng: ${casting === 'FOR' ? 'tán thành' : 'không tán thành'}.`,
      en: `Votes in favour and against are equal (${tally.inFavour}/${tally.against}); the chair's casting vote: ${casting === 'FOR' ? 'in favour' : 'against'}.`,
    });
  }
  if (thresholdMet) {
    findings.push({
      code: 'THRESHOLD_MET',
      vi: `${tally.inFavour}/${base} phiếu tán thành, đạt ${cmp.vi} ${pct(rules.recognition.fraction)} ${words.vi} (cần ${needed}).`,
      en: `${tally.inFavour}/${base} in favour, ${cmp.en} ${pct(rules.recognition.fraction)} ${words.en} (${needed} needed).`,
    });
    return { outcome: 'RECOGNISE', quorumMet, attendanceMet, thresholdMet, checklistsComplete, findings, figures };
  }
  findings.push({
    code: 'THRESHOLD_NOT_MET',
    vi: `Chỉ ${tally.inFavour}/${base} phiếu tán thành, chưa đạt ${cmp.vi} ${pct(rules.recognition.fraction)} ${words.vi} (cần ${needed}).`,
    en: `Only ${tally.inFavour}/${base} in favour, not ${cmp.en} ${pct(rules.recognition.fraction)} ${words.en} (${needed} needed).`,
  });
  if (rules.rejection) {
    const rejectionBase = baseOf(rules.rejection, tally, rules.recusal);
    if (meets(rules.rejection, rejectionBase, againstDoubled)) {
      const rw = baseWords(rules.rejection);
      const rc = comparison(rules.rejection);
      findings.push({
        code: 'MAJORITY_AGAINST',
        vi: `${tally.against}/${rejectionBase} phiếu không tán thành, ${rc.vi} ${pct(rules.rejection.fraction)} ${rw.vi}.`,
        en: `${tally.against}/${rejectionBase} against, ${rc.en} ${pct(rules.rejection.fraction)} ${rw.en}.`,
      });
      return { outcome: 'REJECT', quorumMet, attendanceMet, thresholdMet, checklistsComplete, findings, figures };
    }
  }
  return { outcome: 'RETURN_TO_NURTURING', quorumMet, attendanceMet, thresholdMet, checklistsComplete, findings, figures };
}

/** One member's part in the vote on one candidate, as the secretariat records attendance and the urn is counted. */
export interface MemberBallot {
  attendance: 'PRESENT' | 'WRITTEN_OPINION' | 'ABSENT';
  recused: boolean;
  choice: 'FOR' | 'AGAINST' | 'ABSTAIN' | null;
}

/**
 * Counts the ballots of a session's members on one candidate into a tally. A recused member's choice, an absent
 * member's, and a written opinion where those do not count, are not votes.
 */
export function tallyBallots(ballots: readonly MemberBallot[], rules: Pick<CouncilRuleSet, 'writtenOpinionsCount'>, chairCastingVote: RuleSetTally['chairCastingVote'] = null): RuleSetTally {
  const tally: RuleSetTally = { members: ballots.length, present: 0, writtenOpinions: 0, recused: 0, inFavour: 0, against: 0, abstain: 0, chairCastingVote };
  for (const b of ballots) {
    if (b.attendance === 'PRESENT') tally.present += 1;
    if (b.attendance === 'WRITTEN_OPINION') tally.writtenOpinions += 1;
    if (b.recused) {
      tally.recused += 1;
      continue;
    }
    const votes = b.attendance === 'PRESENT' || (b.attendance === 'WRITTEN_OPINION' && rules.writtenOpinionsCount);
    if (!votes || b.choice === null) continue;
    if (b.choice === 'FOR') tally.inFavour += 1;
    else if (b.choice === 'AGAINST') tally.against += 1;
    else tally.abstain += 1;
  }
  return tally;
}
