/**
 * The candidate statechart: the single source of truth for which step of the programme may follow which.
 *
 * Owns: states, events, guards and the context they read. Must never do I/O, read clocks or randomness,
 * or know about Nest or the database: the API persists what this machine computes.
 *
 * Guards read only the context, so the events a candidate can take now can be listed without a payload;
 * the shape of each payload is checked by the API before the event reaches the machine.
 */
import { assign, setup } from 'xstate';
import type { SubjectKind } from '#domain';
import type { CandidateEvent } from './events.js';

/**
 * Bumped whenever states, events or guards change meaning; every persisted snapshot records it.
 * 2: recognised and replicating exemplars take RECORD_HONOURING, RECORD_ADOPTION, RECORD_FOLLOW_UP and
 *    ATTACH_EVIDENCE (self-transitions). States and context are unchanged, so a version-1 snapshot restores
 *    and continues as it is.
 */
export const CANDIDATE_MACHINE_VERSION = 2;

/**
 * Machine versions whose recorded histories this machine replays to the same states: each version so far only
 * added events, so older histories stay valid. A version that changes the meaning of existing events must not
 * be listed here.
 */
export const REPLAYABLE_MACHINE_VERSIONS: readonly number[] = [1, 2];

export interface CandidateContext {
  kind: SubjectKind;
  /** Nurturing check-ins recorded over the candidate's whole life. */
  checkIns: number;
  /** Check-ins since nurturing (re)started: a returned candidate must be checked on again before review. */
  checkInsThisRound: number;
  evidenceFiles: number;
  /** Versions of the nurturing plan written so far (the first at START_NURTURING). */
  planVersions: number;
  /** How many times the council has returned the candidate to nurturing. */
  returns: number;
}

export interface CandidateInput {
  kind: SubjectKind;
}

/**
 * A requirement a guard checks, with the reason shown when it is not met.
 * Kept beside the guards so that a refusal always explains itself in the same words.
 */
export interface Requirement {
  code: string;
  vi: string;
  en: string;
  met: (context: CandidateContext) => boolean;
}

export const REQUIREMENTS = {
  hasCheckInThisRound: {
    code: 'CHECK_IN_REQUIRED',
    vi: 'Cần ít nhất một lần kiểm tra, đánh giá bồi dưỡng (kể từ khi bắt đầu hoặc tiếp tục bồi dưỡng) trước khi đề nghị xét.',
    en: 'At least one nurturing check-in (since nurturing started or resumed) is required before proposing for review.',
    met: (c) => c.checkInsThisRound >= 1,
  },
  hasEvidence: {
    code: 'EVIDENCE_REQUIRED',
    vi: 'Cần ít nhất một tệp minh chứng thành tích trước khi đề nghị xét.',
    en: 'At least one evidence file is required before proposing for review.',
    met: (c) => c.evidenceFiles >= 1,
  },
} as const satisfies Record<string, Requirement>;

/** Guard name → the requirements it checks; a guard passes when all are met. */
export const GUARD_REQUIREMENTS = {
  readyForReview: [REQUIREMENTS.hasCheckInThisRound, REQUIREMENTS.hasEvidence],
} as const satisfies Record<string, readonly Requirement[]>;

export type GuardName = keyof typeof GUARD_REQUIREMENTS;

const allMet = (name: GuardName) => ({ context }: { context: CandidateContext }) =>
  GUARD_REQUIREMENTS[name].every((r) => r.met(context));

/** What a recognised exemplar records while it stays one (whether or not replication has started). */
const REPLICATION_RECORDS = {
  ATTACH_EVIDENCE: { actions: 'countEvidence' },
  RECORD_HONOURING: { actions: 'keepReplicationRecord' },
  RECORD_ADOPTION: { actions: 'keepReplicationRecord' },
  RECORD_FOLLOW_UP: { actions: 'keepReplicationRecord' },
} as const;

export const candidateMachine = setup({
  types: {
    context: {} as CandidateContext,
    events: {} as CandidateEvent,
    input: {} as CandidateInput,
  },
  guards: {
    readyForReview: allMet('readyForReview'),
  },
  actions: {
    countCheckIn: assign({
      checkIns: ({ context }) => context.checkIns + 1,
      checkInsThisRound: ({ context }) => context.checkInsThisRound + 1,
    }),
    countEvidence: assign({ evidenceFiles: ({ context }) => context.evidenceFiles + 1 }),
    startRound: assign({ checkInsThisRound: 0 }),
    countPlanVersion: assign({ planVersions: ({ context }) => context.planVersions + 1 }),
    countReturn: assign({ returns: ({ context }) => context.returns + 1 }),
    /**
     * The record itself is written by the API's effect for the event. The named action is what makes the
     * self-transition count: xstate's can() treats a transition with neither target nor actions as impossible.
     */
    keepReplicationRecord: () => {},
  },
}).createMachine({
  id: 'candidate',
  initial: 'discovered',
  // xstate evaluates this on every transition without input; only the first, from startCandidate, has one.
  context: ({ input }) => ({
    kind: input?.kind,
    checkIns: 0,
    checkInsThisRound: 0,
    evidenceFiles: 0,
    planVersions: 0,
    returns: 0,
  }),
  states: {
    /** Phát hiện: recorded by a unit head with its achievement and evidence. */
    discovered: {
      on: {
        ATTACH_EVIDENCE: { actions: 'countEvidence' },
        START_NURTURING: { target: 'nurturing', actions: ['startRound', 'countPlanVersion'] },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    /** Bồi dưỡng: a plan and regular check-ins naming strengths and shortcomings. */
    nurturing: {
      on: {
        ATTACH_EVIDENCE: { actions: 'countEvidence' },
        REVISE_PLAN: { actions: 'countPlanVersion' },
        RECORD_CHECK_IN: { actions: 'countCheckIn' },
        PROPOSE_FOR_REVIEW: { target: 'underReview', guard: 'readyForReview' },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    /** Tổng kết: the emulation council reviews the candidate against its criteria and decides. */
    underReview: {
      on: {
        RECOGNISE: { target: 'recognised' },
        RETURN_TO_NURTURING: { target: 'returned', actions: 'countReturn' },
        REJECT: { target: 'rejected' },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    /** Trả về bồi dưỡng: the council named shortcomings to work on; the unit revises its plan and resumes. */
    returned: {
      on: {
        ATTACH_EVIDENCE: { actions: 'countEvidence' },
        RESUME_NURTURING: { target: 'nurturing', actions: ['startRound', 'countPlanVersion'] },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    /**
     * Được công nhận: recognised as an advanced exemplar. From here on it is publicised, studied by other
     * units and followed up every year; each record is a self-transition, so it has its audit record.
     */
    recognised: {
      on: {
        ...REPLICATION_RECORDS,
        START_REPLICATION: { target: 'replicating' },
      },
    },
    /** Nhân rộng: publicised and adopted by other units. */
    replicating: {
      on: {
        ...REPLICATION_RECORDS,
        END_REPLICATION: { target: 'replicationEnded' },
      },
    },
    /** Dừng nhân rộng: no longer holds up; kept with its reasons, never deleted. */
    replicationEnded: { type: 'final' },
    /** Không công nhận. */
    rejected: { type: 'final' },
    /** Rút khỏi danh sách by its unit before a decision. */
    withdrawn: { type: 'final' },
  },
});

export type CandidateMachine = typeof candidateMachine;
