import { CANDIDATE_EVENTS, CANDIDATE_STATES, REVIEW_SESSION_STATUSES, type CandidateState } from '#workflow';
import { MOVEMENT_STATUSES, auditEventWords, labelsOf, type Labelled } from '#domain';
import type { HistoryRecord, TrailRecord } from '#contracts';
import type { AuditRow } from './audit-event.repository.js';

/** A record of a candidate's stream as its page shows it (the states of a candidate's stream are the statechart's). */
export function historyView(r: AuditRow): HistoryRecord {
  return {
    seq: r.seq,
    eventType: r.event_type,
    eventLabel: eventLabel(r.event_type),
    fromState: r.from_state as CandidateState | null,
    toState: r.to_state as CandidateState | null,
    payload: r.payload,
    actor: r.actor,
    occurredAt: r.occurred_at.toISOString(),
    machineVersion: r.machine_version,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The words of a record type: the statechart's events first, then the shared vocabulary (libs/domain). */
export function eventLabel(eventType: string): { vi: string; en: string } | null {
  const event = CANDIDATE_EVENTS.find((e) => e.code === eventType);
  if (event) return { vi: event.vi, en: event.en };
  const words = auditEventWords(eventType);
  return words ? { vi: words.vi, en: words.en } : null;
}

/** The words of a state in its stream's lifecycle: a candidate's, a movement's or a review session's. */
export function stateLabel(stream: string, state: string | null): { vi: string; en: string } | null {
  if (state === null) return null;
  const kind = stream.split(':')[0];
  const list: readonly Labelled[] = kind === 'candidate' ? CANDIDATE_STATES : kind === 'movement' ? MOVEMENT_STATUSES : kind === 'review-session' ? REVIEW_SESSION_STATUSES : [];
  return labelsOf(list, state);
}

/** Decisions on a candidate, which the auditors' views show with the evidence they rested on. */
export const DECISION_EVENTS: ReadonlySet<string> = new Set(['PROPOSE_FOR_REVIEW', 'RECOGNISE', 'RETURN_TO_NURTURING', 'REJECT', 'CONFIRM_RECOGNITION']);

export function trailView(r: AuditRow, leafIndex: string | null): TrailRecord {
  return {
    id: String(r.id),
    stream: r.stream,
    seq: r.seq,
    candidateId: r.candidate_id,
    eventType: r.event_type,
    eventLabel: eventLabel(r.event_type),
    fromState: r.from_state,
    toState: r.to_state,
    fromStateLabel: stateLabel(r.stream, r.from_state),
    toStateLabel: stateLabel(r.stream, r.to_state),
    payload: r.payload,
    actor: r.actor,
    occurredAt: r.occurred_at.toISOString(),
    machineVersion: r.machine_version,
    prevHash: r.prev_hash,
    ...(r.attests !== null ? { attests: r.attests } : {}),
    hash: r.hash,
    leafIndex: leafIndex === null ? null : Number(leafIndex),
  };
}
