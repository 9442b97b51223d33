/**
 * One achievement, one recognition (Luật Thi đua, khen thưởng 06/2022/QH15 Điều 5): a subject already recognised
 * for the same year, or for the same achievement (the same words, folded), is not proposed again unless its unit
 * head says why. The rule is applied where a candidacy starts (nomination) and where it goes to the council
 * (PROPOSE_FOR_REVIEW, as the statechart's noteEarlierRecognitions effect); the justification and the recognitions
 * it answers go into the audit record of the act, and the council reads them beside the earlier decision.
 * A recognition of another year for another achievement is only flagged (SUBJECT_RECOGNISED_BEFORE).
 */
import type { EntityManager } from 'typeorm';
import type { EffectEvent } from '#workflow';
import type { EarlierRecognition, RepeatRecognition } from '#contracts';
import { CANDIDATE_STREAM_PREFIX } from '../audit/streams.js';
import { DomainError } from '../common/domain-error.js';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import type { EffectContext } from '../transitions/effects.js';
import { repeatedRecognitions } from './subject.repository.js';

/**
 * The recognitions of the same subject that this candidacy repeats, with their decisions. A candidacy proposed
 * upward (liên thông) and the lower one it came from are one recognition carried to the parent level, with the
 * lower decision and minutes as its grounds: neither is a repeat of the other.
 */
export async function earlierRecognitionsOf(em: EntityManager, candidateId: string): Promise<EarlierRecognition[]> {
  const linked = new Set(
    ((await em.query(
      `SELECT lower_candidate_id AS id FROM upward_proposal WHERE upper_candidate_id = $1 UNION SELECT upper_candidate_id FROM upward_proposal WHERE lower_candidate_id = $1`,
      [candidateId],
    )) as { id: string }[]).map((r) => r.id),
  );
  const rows = (await repeatedRecognitions(em, candidateId, RECOGNISED_STATES)).filter((r) => !linked.has(r.candidateId));
  return rows.map((r) => ({
    candidateId: r.candidateId,
    name: r.name,
    year: r.year,
    unitName: r.unitName,
    sameAchievement: r.sameAchievement,
    decision: r.decisionId ? { id: r.decisionId, number: r.decisionNumber!, issuedOn: r.decisionIssuedOn! } : null,
  }));
}

/** Refuses to go ahead with repeated recognitions and no justification. */
export function requireJustification(earlier: readonly EarlierRecognition[], justification: string | undefined, field: string): void {
  if (earlier.length > 0 && !justification?.trim()) {
    throw new DomainError('REPEAT_RECOGNITION_JUSTIFICATION_REQUIRED', { field, earlier });
  }
}

/** The statechart's noteEarlierRecognitions (PROPOSE_FOR_REVIEW): refuses without a justification, else notes what it answers. */
export async function noteEarlierRecognitions({ em, candidate, event }: EffectContext<EffectEvent<'noteEarlierRecognitions'>>) {
  const earlier = await earlierRecognitionsOf(em, candidate.id);
  requireJustification(earlier, event.repeatJustification, 'payload.repeatJustification');
  return earlier.length ? { earlierRecognitions: earlier } : {};
}

/** What a candidacy repeats now, and the justification of its latest proposal (or of its nomination). */
export async function repeatRecognitionOf(em: EntityManager, candidateId: string): Promise<RepeatRecognition> {
  const earlier = await earlierRecognitionsOf(em, candidateId);
  const [row] = (await em.query(
    `SELECT payload->>'repeatJustification' AS justification FROM audit_event
      WHERE stream = $1 AND event_type IN ('DISCOVER', 'PROPOSE_FOR_REVIEW') AND payload ? 'repeatJustification'
      ORDER BY seq DESC LIMIT 1`,
    [`${CANDIDATE_STREAM_PREFIX}${candidateId}`],
  )) as { justification: string | null }[];
  return { earlier, justification: row?.justification ?? null };
}
