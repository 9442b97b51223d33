/**
 * Replays a candidate's audit records through the workflow statechart, one record at a time (O(1) memory
 * per candidate), and compares the outcome with what the candidate row says.
 *
 * A record's payload holds the event's own fields plus facts its effect added (a plan id, a check-in id);
 * only the event's own fields are given to the machine.
 */
import { createActor, initialTransition, type AnyActorScope, type SnapshotFrom } from 'xstate';
import { REPLAYABLE_MACHINE_VERSIONS, candidateMachine, type CandidateEvent, type CandidateEventType, type PersistedCandidateSnapshot } from '#workflow';
import { canonicalJson } from './audit-hash.js';
import { problem, type AuditProblem } from './audit-problems.js';
import type { AuditRow } from './audit-event.repository.js';

/** The event type of a candidate's first record (candidates.service.ts): its discovery, not a statechart event. */
export const DISCOVERY_EVENT = 'DISCOVER';

/** Each event's own fields (libs/workflow/src/events.ts); the compiler refuses a name the event does not have. */
export const EVENT_FIELDS = {
  ATTACH_EVIDENCE: ['evidenceId', 'fileName', 'contentType', 'sizeBytes', 'sha256'],
  START_NURTURING: ['goals', 'supporter'],
  REVISE_PLAN: ['goals', 'supporter'],
  RECORD_CHECK_IN: ['date', 'strengths', 'shortcomings'],
  PROPOSE_FOR_REVIEW: ['note', 'repeatJustification'],
  RECOGNISE: ['verdict', 'note'],
  RETURN_TO_NURTURING: ['verdict', 'shortcomings'],
  REJECT: ['reasons', 'verdict', 'upheldCommentIds'],
  CONFIRM_RECOGNITION: ['sessionId', 'noticeEndsOn', 'confirmedOn', 'note'],
  REVOKE_RECOGNITION: ['decisionId', 'reasons'],
  CORRECT_RECOGNITION: ['decisionId', 'correctsDecisionId', 'reasons', 'name', 'achievement'],
  PROPOSE_UPWARD: ['proposalId', 'fromCouncilId', 'toCouncilId', 'upperCandidateId', 'lowerSessionId', 'lowerDecisionId', 'reasons'],
  ENTER_UPWARD_REVIEW: ['proposalId', 'lowerCandidateId', 'lowerSessionId', 'lowerDecisionId'],
  RESUME_NURTURING: ['goals', 'supporter'],
  START_REPLICATION: ['note'],
  END_REPLICATION: ['reasons'],
  WITHDRAW: ['reason'],
  RECORD_HONOURING: ['form', 'date', 'outlet', 'title', 'link', 'evidenceId', 'reach', 'correctsId'],
  RECORD_ADOPTION: ['adoptingUnitId', 'stage', 'date', 'description', 'correctsId'],
  RECORD_FOLLOW_UP: ['year', 'date', 'holdsUp', 'findings', 'correctsId'],
  PLACE_HOLD: ['holdId', 'kind', 'grounds', 'documentNumber', 'documentDate', 'documentIssuer', 'fileName', 'contentType', 'sizeBytes', 'sha256'],
  LIFT_HOLD: ['holdId', 'conclusion', 'documentNumber', 'documentDate', 'documentIssuer', 'fileName', 'contentType', 'sizeBytes', 'sha256'],
} as const satisfies { [T in CandidateEventType]: readonly Exclude<keyof Extract<CandidateEvent, { type: T }>, 'type'>[] };

export function eventOf(row: Pick<AuditRow, 'event_type' | 'payload'>): CandidateEvent | null {
  const fields = (EVENT_FIELDS as Record<string, readonly string[]>)[row.event_type];
  if (!fields) return null;
  const event: Record<string, unknown> = { type: row.event_type };
  for (const f of fields) if (row.payload[f] !== undefined) event[f] = row.payload[f];
  return event as CandidateEvent;
}

/** What the candidate row says, for comparison. */
export interface CandidateRowState {
  state: string;
  snapshot: PersistedCandidateSnapshot;
  version: number;
}

type Snapshot = SnapshotFrom<typeof candidateMachine>;

/** Snapshots are immutable, so one initial snapshot per kind serves every replay (building one is slow). */
const initialSnapshots = new Map<string, Snapshot>();
function initialSnapshot(kind: string): Snapshot {
  let snapshot = initialSnapshots.get(kind);
  if (!snapshot) {
    [snapshot] = initialTransition(candidateMachine, { kind: kind as never });
    // A forged history could name endless kinds; the real ones are few.
    if (initialSnapshots.size < 16) initialSnapshots.set(kind, snapshot);
  }
  return snapshot;
}

/**
 * One inert actor scope for every replayed transition. xstate's `transition()` builds a new one per call, and
 * building one runs the machine's whole initial transition (an actor is created and initialised): that was a
 * third of the replay's cost. The scope executes nothing (the machine invokes and spawns no actors, and the
 * replay wants only the next snapshot), so sharing it changes no outcome.
 */
let sharedScope: AnyActorScope | null = null;
function inertScope(): AnyActorScope {
  if (!sharedScope) {
    const self = createActor(candidateMachine, { input: { kind: 'COLLECTIVE' } });
    const noop = () => {};
    sharedScope = { self, defer: noop, id: '', logger: noop, sessionId: '', stopChild: noop, system: self.system, emit: noop, actionExecutor: noop } as unknown as AnyActorScope;
  }
  return sharedScope;
}

export class CandidateReplay {
  private snapshot: Snapshot | null = null;
  private failure: AuditProblem | null = null;
  /** Records written by a version of the machine this one cannot replay (see REPLAYABLE_MACHINE_VERSIONS). */
  skipped = false;

  constructor(readonly candidateId: string) {}

  apply(row: AuditRow): void {
    if (this.failure || this.skipped) return;
    const at = { stream: row.stream, seq: row.seq, auditId: String(row.id), candidateId: this.candidateId };
    if (row.machine_version !== null && !REPLAYABLE_MACHINE_VERSIONS.includes(row.machine_version)) {
      this.skipped = true;
      return;
    }
    if (row.seq === 1) {
      const kind = row.payload.kind;
      if (row.event_type !== DISCOVERY_EVENT || typeof kind !== 'string') {
        this.failure = problem('FIRST_RECORD_NOT_DISCOVERY', { ...at, detail: { eventType: row.event_type } });
        return;
      }
      this.snapshot = initialSnapshot(kind);
      if (row.to_state !== this.snapshot.value) this.failure = problem('STATE_DIFFERS', { ...at, detail: { recorded: row.to_state, replayed: this.snapshot.value } });
      return;
    }
    if (!this.snapshot) return;
    const event = eventOf(row);
    const from = this.snapshot.value;
    // xstate hands back the very same snapshot when no transition is taken; asking `can` only then halves the
    // cost of replaying millions of records.
    const next = event ? candidateMachine.transition(this.snapshot, event, inertScope()) : this.snapshot;
    if (!event || (next === this.snapshot && !this.snapshot.can(event))) {
      this.failure = problem('EVENT_REFUSED', { ...at, detail: { eventType: row.event_type, inState: this.snapshot.value } });
      return;
    }
    this.snapshot = next;
    if (row.from_state !== from || row.to_state !== this.snapshot.value) {
      this.failure = problem('STATE_DIFFERS', {
        ...at,
        detail: { recorded: { from: row.from_state, to: row.to_state }, replayed: { from, to: this.snapshot.value } },
      });
    }
  }

  /**
   * Compares the replay with the candidate row; null when they agree (or the replay had to be skipped).
   * The caller has already checked that the row's version equals the number of records.
   */
  finish(candidate: CandidateRowState | undefined, stream: string): AuditProblem | null {
    const at = { stream, candidateId: this.candidateId };
    if (this.failure || this.skipped) return this.failure;
    if (!candidate) return null;
    if (!this.snapshot) return problem('CANDIDATE_WITHOUT_HISTORY', at);
    const replayed = candidateMachine.getPersistedSnapshot(this.snapshot) as unknown as PersistedCandidateSnapshot;
    if (candidate.state !== replayed.value || candidate.snapshot?.value !== replayed.value) {
      return problem('FINAL_STATE_DIFFERS', { ...at, detail: { stored: candidate.state, storedSnapshot: candidate.snapshot?.value, replayed: replayed.value } });
    }
    if (canonicalJson(candidate.snapshot.context) !== canonicalJson(replayed.context)) {
      return problem('SNAPSHOT_DIFFERS', { ...at, detail: { stored: candidate.snapshot.context, replayed: replayed.context } });
    }
    return null;
  }
}
