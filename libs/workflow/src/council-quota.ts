/**
 * A session's quota and the preference among equals (NĐ 152/2025 Điều 4.6): when a rule set caps the recognitions
 * of one session and more candidates qualify than the cap allows, the candidates are ranked by their votes in
 * favour; among candidates with the same votes ("equally qualified"), women and collectives with at least 70 %
 * women come first; what is still tied keeps the order the candidates joined the session. Those ranked beyond the
 * quota are not recognised in that session: they return to nurturing, with the quota named as the reason.
 *
 * Pure and on integers, so that the statechart's guard recomputes it from what the decision event carries: the
 * verdict of a session with a quota lists every candidate the rule set would recognise (its standing).
 */
import type { RuleFinding } from './council.js';
import { decideUnderRuleSet, type RuleSetDecision, type RuleSetVerdict } from './council-rules.js';

/** The share of women (percent, 0–100) from which a collective is preferred; an individual woman counts as 100. */
export const PREFERRED_WOMEN_SHARE_PERCENT = 70;

/** Whether a candidate is preferred among equals: a woman, or a collective with at least 70 % women. Unknown: not preferred. */
export const preferredAmongEquals = (womenSharePercent: number | null | undefined): boolean =>
  Number.isInteger(womenSharePercent) && (womenSharePercent as number) >= PREFERRED_WOMEN_SHARE_PERCENT && (womenSharePercent as number) <= 100;

/** One candidate the rule set recognises in a session, as the quota ranks it. */
export interface QuotaStanding {
  candidateId: string;
  inFavour: number;
  preferred: boolean;
  /** The order the candidate joined the session (1, 2, …): the last tie-break, known before any vote. */
  order: number;
}

export interface QuotaRanking {
  /** Candidate ids in ranking order. */
  ranked: string[];
  within: string[];
  beyond: string[];
  /** Candidates whose place within the quota the preference among equals decided (they tied with one left beyond it). */
  preferredWithin: string[];
}

const byRank = (a: QuotaStanding, b: QuotaStanding) =>
  b.inFavour - a.inFavour || Number(b.preferred) - Number(a.preferred) || a.order - b.order || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0);

/** Ranks the candidates the rule set recognises and cuts at the quota (null: no quota, everyone within). */
export function rankUnderQuota(standing: readonly QuotaStanding[], quota: number | null): QuotaRanking {
  const sorted = [...standing].sort(byRank);
  const ranked = sorted.map((s) => s.candidateId);
  if (quota === null || sorted.length <= quota) return { ranked, within: ranked, beyond: [], preferredWithin: [] };
  const within = sorted.slice(0, quota);
  const beyond = sorted.slice(quota);
  // The preference decided a place when a preferred candidate within tied on votes with one not preferred beyond.
  const preferredWithin = within.filter((w) => w.preferred && beyond.some((b) => b.inFavour === w.inFavour && !b.preferred)).map((w) => w.candidateId);
  return { ranked, within: within.map((s) => s.candidateId), beyond: beyond.map((s) => s.candidateId), preferredWithin };
}

/** A verdict judged by a rule set in a session: with a quota, it names its candidate and the session's standing. */
export interface SessionVerdict extends RuleSetVerdict {
  candidateId?: string;
  /** Every candidate of the session the rule set recognises, before the quota (present when the rule set has a quota). */
  standing?: QuotaStanding[];
}

export interface SessionDecision extends RuleSetDecision {
  /** With a quota: the candidate's rank among those the rule set recognised, and whether the preference decided it. */
  quota?: { limit: number; rank: number; of: number; within: boolean; preferenceDecided: boolean };
}

const inconsistent: RuleFinding = { code: 'VERDICT_INCONSISTENT', vi: 'Kết quả biểu quyết không hợp lệ.', en: 'The council verdict is inconsistent.' };

function standingOk(standing: unknown): standing is QuotaStanding[] {
  if (!Array.isArray(standing)) return false;
  const ids = new Set<string>();
  for (const s of standing as QuotaStanding[]) {
    if (!s || typeof s.candidateId !== 'string' || !Number.isInteger(s.inFavour) || s.inFavour < 0 || typeof s.preferred !== 'boolean' || !Number.isInteger(s.order)) return false;
    if (ids.has(s.candidateId)) return false;
    ids.add(s.candidateId);
  }
  return true;
}

/** The outcome for one candidate in its session: the rule set's, then the quota's cut with the preference among equals. */
export function decideInSession(verdict: SessionVerdict): SessionDecision {
  const decision: SessionDecision = decideUnderRuleSet(verdict);
  const quota = verdict.ruleSet?.quota ?? null;
  if (decision.outcome !== 'RECOGNISE' || quota === null || quota === undefined) return decision;
  const standing = verdict.standing;
  const own = standingOk(standing) ? standing.find((s) => s.candidateId === verdict.candidateId) : undefined;
  if (!own || own.inFavour !== verdict.tally.inFavour) {
    return { ...decision, outcome: 'NO_DECISION', findings: [...decision.findings, inconsistent] };
  }
  const ranking = rankUnderQuota(standing!, quota);
  const rank = ranking.ranked.indexOf(own.candidateId) + 1;
  const within = ranking.within.includes(own.candidateId);
  const preferenceDecided = ranking.preferredWithin.includes(own.candidateId) || (!within && !own.preferred && standing!.some((s) => s.inFavour === own.inFavour && s.preferred && ranking.within.includes(s.candidateId)));
  const info = { limit: quota, rank, of: ranking.ranked.length, within, preferenceDecided };
  if (within) {
    const findings = [...decision.findings];
    if (ranking.beyond.length > 0) {
      findings.push({
        code: preferenceDecided ? 'QUOTA_PREFERENCE_APPLIED' : 'QUOTA_WITHIN',
        vi: preferenceDecided
          ? `Xếp thứ ${rank}/${ranking.ranked.length} trong hạn mức ${quota}: cùng số phiếu với ứng viên ngoài hạn mức, được ưu tiên vì là nữ hoặc tập thể có từ 70% nữ trở lên (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 6).`
          : `Xếp thứ ${rank}/${ranking.ranked.length}, trong hạn mức ${quota} của đợt xét.`,
        en: preferenceDecided
          ? `Ranked ${rank}/${ranking.ranked.length} within the quota of ${quota}: tied on votes with a candidate beyond it, preferred as a woman or a collective with at least 70% women (Decree 152/2025, Art. 4.6).`
          : `Ranked ${rank}/${ranking.ranked.length}, within the session's quota of ${quota}.`,
      });
    }
    return { ...decision, findings, quota: info };
  }
  return {
    ...decision,
    outcome: 'RETURN_TO_NURTURING',
    quota: info,
    findings: [
      ...decision.findings,
      {
        code: 'QUOTA_EXCEEDED',
        vi: `Đạt ngưỡng công nhận nhưng xếp thứ ${rank}/${ranking.ranked.length}, ngoài hạn mức ${quota} của đợt xét${preferenceDecided ? ' (cùng số phiếu, ứng viên là nữ hoặc tập thể có từ 70% nữ trở lên được ưu tiên theo Nghị định 152/2025/NĐ-CP, Điều 4 khoản 6)' : ''}: chưa công nhận trong đợt này, trả về tiếp tục bồi dưỡng.`,
        en: `Meets the recognition threshold but ranks ${rank}/${ranking.ranked.length}, beyond the session's quota of ${quota}${preferenceDecided ? ' (tied on votes; women and collectives with at least 70% women preferred, Decree 152/2025 Art. 4.6)' : ''}: not recognised in this session, returned to nurturing.`,
      },
    ],
  };
}

/** Whether a verdict is one judged by a rule set (session opened with one) rather than by the session's own percentages. */
export const isRuleSetVerdict = (verdict: unknown): verdict is SessionVerdict => !!verdict && typeof verdict === 'object' && 'ruleSet' in verdict;
