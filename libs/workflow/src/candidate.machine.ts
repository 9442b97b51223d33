/**
 * The candidate statechart: the single source of truth for which step of the programme may follow which.
 *
 * Owns: states, events, guards and the context they read, and the names of the writes each event brings
 * (its effects: the API carries them out). Must never do I/O, read clocks or randomness, or know about Nest or
 * the database: the API persists what this machine computes and writes what it names.
 *
 * Guards read only the context, so the events a candidate can take now can be listed without a payload;
 * the shape of each payload is checked by the API before the event reaches the machine.
 */
import { assign, setup } from 'xstate';
import type { SubjectKind } from '#domain';
import { verdictGives, decideVerdict, type AnyCouncilVerdict } from './council.js';
import type { CandidateEvent, CandidateEventType } from './events.js';

/**
 * Bumped whenever states, events or guards change meaning; every persisted snapshot records it.
 * 2: recognised and replicating exemplars take RECORD_HONOURING, RECORD_ADOPTION, RECORD_FOLLOW_UP and
 *    ATTACH_EVIDENCE (self-transitions). States and context are unchanged, so a version-1 snapshot restores
 *    and continues as it is.
 * 3: the council decides through review sessions. RECOGNISE, RETURN_TO_NURTURING and REJECT carry the council's
 *    verdict (rules, tally, checklist coverage) and their guards recompute the outcome from it; RECOGNISE leads to
 *    the public notice (publicNotice), and CONFIRM_RECOGNITION, allowed only after the notice period, to
 *    recognised; an objection upheld during the notice can REJECT. Versions 1 and 2 decided without a verdict,
 *    so their histories cannot be replayed by this machine (the verifier reports them as skipped, not broken).
 * 4: a recognition can be revoked by a decision that refers to it: REVOKE_RECOGNITION (recognised or
 *    replicating → revoked). Only adds an event and a state, so version-3 histories replay unchanged.
 *    Still 4 after the writes that go with events became named actions of the machine (storeEvidence, startPlan,
 *    revisePlan, recordCheckIn, recordHonouring, recordAdoption, recordFollowUp; see EFFECT_EVENTS) and the
 *    placeholder keepReplicationRecord went: every transition keeps its source, target, guard and context
 *    updates, so snapshots and recorded histories are exactly what they were. Naming actions changes what the API
 *    is told to write, not which states and events mean what: no new version.
 * 5: the council's verdict may also be one judged by the rule set the session pinned when it opened
 *    (council-rules.ts: quorum and award attendance over all members, written opinions, recusal, the chair's
 *    casting vote; council-quota.ts: the session's quota with the preference among equals). The decision guards
 *    recompute the outcome from either shape; a version-3/4 verdict (the session's own percentages) still gives
 *    what it gave, so their histories replay unchanged.
 *    A council verdict may also carry the candidate's clearances (hiệp y) with the session's rule on them, and the
 *    decision guards recompute the outcome with them: a missing or negative clearance the rule says blocks makes
 *    RECOGNISE refused (the verdict gives NO_DECISION). Verdicts without clearances decide exactly as before.
 *    Also in 5, upward proposals (liên thông): A recognised or replicating exemplar takes PROPOSE_UPWARD (a self-transition:
 *    it stays recognised at its level; guard upwardProposalRecorded; effect recordUpwardProposal writes the
 *    proposal), and the parent level's new candidacy takes
 *    ENTER_UPWARD_REVIEW (discovered → underReview; guard carriesLowerRecognition: the lower level's session, whose
 *    minutes recognised it, stands in for the nurturing round and the evidence PROPOSE_FOR_REVIEW requires). These only
 *    add events. So version-3 and version-4 histories replay unchanged.
 *    Also in 5: holds (NĐ 152/2025 Điều 4.4). PLACE_HOLD and LIFT_HOLD count the open holds in the context
 *    (`openHolds`, absent until the first hold, so a snapshot without holds is exactly what version 4 wrote); while any is open
 *    the candidate cannot be proposed (PROPOSE_FOR_REVIEW), provisionally recognised (RECOGNISE) or confirmed
 *    (CONFIRM_RECOGNITION). Holds are taken from discovery to the public notice; a recognised exemplar takes none
 *    (a recognition issued is undone only by REVOKE_RECOGNITION). PROPOSE_FOR_REVIEW names the effect
 *    noteEarlierRecognitions (one achievement, one recognition: Luật 2022 Điều 5). Version-3 and -4 histories never
 *    held a candidate, so they replay unchanged.
 *    Also in 5: a correction decision (đính chính) corrects a recognised or replicating exemplar's facts:
 *    CORRECT_RECOGNITION (a self-transition; guard correctionDecision; effect recordCorrection writes the corrected
 *    name or achievement on the candidate). It only adds an event, so earlier histories replay unchanged.
 */
export const CANDIDATE_MACHINE_VERSION = 5;

/**
 * Machine versions whose recorded histories this machine replays to the same states. A version that changes the
 * meaning of existing events is not listed: 1 and 2 recognised without a council verdict.
 */
export const REPLAYABLE_MACHINE_VERSIONS: readonly number[] = [3, 4, 5];

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
  /**
   * Holds open now (NĐ 152 Điều 4.4: discipline, inspection, investigation, complaint, press report). Absent until
   * the first PLACE_HOLD, so that a candidate never held keeps the context versions 3 and 4 wrote; absent is 0.
   */
  openHolds?: number;
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
  met: (context: CandidateContext, event: CandidateEvent) => boolean;
  /** A refusal that depends on the event (e.g. what the council's votes actually gave), when the fixed words are not enough. */
  explain?: (event: CandidateEvent) => { vi: string; en: string };
}

const verdictOf = (event: CandidateEvent): AnyCouncilVerdict | undefined => ('verdict' in event ? (event.verdict as AnyCouncilVerdict | undefined) : undefined);

const OUTCOME_WORDS = {
  RECOGNISE: { vi: 'công nhận', en: 'recognise' },
  RETURN_TO_NURTURING: { vi: 'trả về bồi dưỡng', en: 'return to nurturing' },
  REJECT: { vi: 'không công nhận', en: 'reject' },
  NO_DECISION: { vi: 'chưa đủ điều kiện quyết định', en: 'no decision possible' },
} as const;

/** A guard on the council's verdict: the decision must be the one the rules give for the recorded votes and checklists. */
function councilGives(outcome: 'RECOGNISE' | 'RETURN_TO_NURTURING' | 'REJECT'): Requirement {
  return {
    code: 'COUNCIL_VERDICT_MISMATCH',
    vi: `Kết quả biểu quyết và phiếu đánh giá của Hội đồng không cho phép quyết định "${OUTCOME_WORDS[outcome].vi}".`,
    en: `The council's votes and checklists do not allow the decision "${OUTCOME_WORDS[outcome].en}".`,
    met: (_c, event) => verdictGives(verdictOf(event), outcome),
    explain: (event) => {
      const verdict = verdictOf(event);
      const decided = verdict ? decideVerdict(verdict) : undefined;
      const gives = decided ? OUTCOME_WORDS[decided.outcome] : OUTCOME_WORDS.NO_DECISION;
      const why = decided?.findings ?? [];
      return {
        vi: `Kết quả biểu quyết của Hội đồng cho kết luận "${gives.vi}", không phải "${OUTCOME_WORDS[outcome].vi}". ${why.map((f) => f.vi).join(' ')}`.trim(),
        en: `The council's verdict gives "${gives.en}", not "${OUTCOME_WORDS[outcome].en}". ${why.map((f) => f.en).join(' ')}`.trim(),
      };
    },
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const nonEmpty = (value: unknown): boolean => typeof value === 'string' && /\S/.test(value);

const openHoldsOf = (c: CandidateContext) => c.openHolds ?? 0;

/** No proposal, recognition or confirmation while a hold is open (NĐ 152/2025/NĐ-CP Điều 4.4). */
const notOnHold = (doing: { vi: string; en: string }): Requirement => ({
  code: 'CANDIDATE_ON_HOLD',
  vi: `Hồ sơ đang tạm dừng xét (đang bị xem xét kỷ luật, thanh tra, điều tra, hoặc có khiếu nại, phản ánh đang được xác minh): chưa được ${doing.vi} cho đến khi có kết luận chấm dứt tạm dừng (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4).`,
  en: `The candidate is on hold (under discipline, inspection or investigation, or a complaint or press report is being verified): it cannot be ${doing.en} until a conclusion lifts the hold (Decree 152/2025, Article 4.4).`,
  met: (c) => openHoldsOf(c) === 0,
});

export const REQUIREMENTS = {
  notOnHoldToPropose: notOnHold({ vi: 'đề nghị Hội đồng xét', en: 'proposed for review' }),
  notOnHoldToRecognise: notOnHold({ vi: 'đề nghị công nhận', en: 'recognised' }),
  notOnHoldToConfirm: notOnHold({ vi: 'công nhận chính thức', en: 'confirmed as recognised' }),
  holdOpen: {
    code: 'NO_OPEN_HOLD',
    vi: 'Hồ sơ không có trường hợp tạm dừng xét nào đang mở.',
    en: 'The candidate has no open hold.',
    met: (c) => openHoldsOf(c) >= 1,
  },
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
  councilRecognises: councilGives('RECOGNISE'),
  councilReturns: councilGives('RETURN_TO_NURTURING'),
  councilRejects: councilGives('REJECT'),
  noticePeriodEnded: {
    code: 'NOTICE_PERIOD_NOT_ENDED',
    vi: 'Chưa hết thời gian niêm yết công khai lấy ý kiến; chỉ được quyết định chính thức sau khi hết thời hạn.',
    en: 'The public notice period has not ended; the final decision can only be recorded after it.',
    met: (_c, event) =>
      event.type === 'CONFIRM_RECOGNITION' && ISO_DATE.test(event.noticeEndsOn) && ISO_DATE.test(event.confirmedOn) && event.confirmedOn > event.noticeEndsOn,
  },
  revocationDecision: {
    code: 'REVOCATION_DECISION_REQUIRED',
    vi: 'Chỉ thu hồi công nhận bằng một quyết định thu hồi viện dẫn quyết định công nhận.',
    en: 'A recognition is revoked only by a revocation decision that refers to the recognition decision.',
    met: (_c, event) => event.type === 'REVOKE_RECOGNITION' && typeof event.decisionId === 'string' && event.decisionId.length > 0 && typeof event.reasons === 'string' && /\S/.test(event.reasons),
  },
  correctionDecision: {
    code: 'CORRECTION_DECISION_REQUIRED',
    vi: 'Chỉ đính chính thông tin đã công nhận bằng một quyết định đính chính viện dẫn quyết định được đính chính, nêu lý do và ít nhất một nội dung đính chính (tên hoặc thành tích).',
    en: 'A recognised exemplar’s facts are corrected only by a correction decision that cites the decision it corrects, gives its reasons and corrects the name or the achievement.',
    met: (_c, event) =>
      event.type === 'CORRECT_RECOGNITION' &&
      nonEmpty(event.decisionId) &&
      nonEmpty(event.correctsDecisionId) &&
      nonEmpty(event.reasons) &&
      (nonEmpty(event.name) || nonEmpty(event.achievement)),
  },
  upwardProposalRecorded: {
    code: 'UPWARD_PROPOSAL_REQUIRED',
    vi: 'Đề nghị lên cấp trên phải nêu Hội đồng cấp dưới đã công nhận và biên bản của nó, Hội đồng cấp trên (khác cấp dưới), hồ sơ xét ở cấp trên và lý do đề nghị.',
    en: 'An upward proposal must name the lower council that recognised it and its minutes, a different parent council, the candidacy at the parent level and its reasons.',
    met: (_c, event) =>
      event.type === 'PROPOSE_UPWARD' &&
      [event.proposalId, event.fromCouncilId, event.toCouncilId, event.upperCandidateId, event.lowerSessionId, event.reasons].every(nonEmpty) &&
      event.fromCouncilId !== event.toCouncilId,
  },
  carriesLowerRecognition: {
    code: 'LOWER_RECOGNITION_REQUIRED',
    vi: 'Hồ sơ đề nghị từ cấp dưới phải kèm biên bản của Hội đồng cấp dưới đã công nhận.',
    en: 'A candidacy proposed from the lower level must carry the minutes of the lower council that recognised it.',
    met: (_c, event) => event.type === 'ENTER_UPWARD_REVIEW' && nonEmpty(event.proposalId) && nonEmpty(event.lowerCandidateId) && nonEmpty(event.lowerSessionId),
  },
  objectionUpheld: {
    code: 'OBJECTION_REQUIRED',
    vi: 'Chỉ được loại khỏi danh sách công nhận tạm thời khi có ý kiến phản ánh được chấp nhận.',
    en: 'A provisional recognition can only be dropped on an upheld objection from the public notice.',
    met: (_c, event) => event.type === 'REJECT' && Array.isArray(event.upheldCommentIds) && event.upheldCommentIds.length > 0,
  },
} as const satisfies Record<string, Requirement>;

/** Guard name → the requirements it checks; a guard passes when all are met. */
export const GUARD_REQUIREMENTS = {
  readyForReview: [REQUIREMENTS.notOnHoldToPropose, REQUIREMENTS.hasCheckInThisRound, REQUIREMENTS.hasEvidence],
  councilRecognises: [REQUIREMENTS.notOnHoldToRecognise, REQUIREMENTS.councilRecognises],
  councilReturns: [REQUIREMENTS.councilReturns],
  councilRejects: [REQUIREMENTS.councilRejects],
  noticePeriodEnded: [REQUIREMENTS.notOnHoldToConfirm, REQUIREMENTS.noticePeriodEnded],
  holdOpen: [REQUIREMENTS.holdOpen],
  objectionUpheld: [REQUIREMENTS.objectionUpheld],
  revocationDecision: [REQUIREMENTS.revocationDecision],
  correctionDecision: [REQUIREMENTS.correctionDecision],
  upwardProposalRecorded: [REQUIREMENTS.upwardProposalRecorded],
  carriesLowerRecognition: [REQUIREMENTS.carriesLowerRecognition],
} as const satisfies Record<string, readonly Requirement[]>;

export type GuardName = keyof typeof GUARD_REQUIREMENTS;

const allMet = (name: GuardName) => ({ context, event }: { context: CandidateContext; event: CandidateEvent }) =>
  GUARD_REQUIREMENTS[name].every((r: Requirement) => r.met(context, event));

/**
 * The writes that go with an event besides the candidate's own row and its audit record, each named after what it
 * writes, with the events it is written for. They are actions of the machine so that the machine says what an
 * event writes: xstate's pure `transition` returns them (`applyEvent` keeps them), and the API carries each out in
 * the event's transaction from one static table, action name → the feature's effect
 * (apps/api/src/transitions/effects.ts).
 */
export const EFFECT_EVENTS = {
  /** The uploaded evidence file, with its SHA-256. */
  storeEvidence: ['ATTACH_EVIDENCE'],
  /** Version 1 of the nurturing plan. */
  startPlan: ['START_NURTURING'],
  /** A new version of the nurturing plan (revised, or written again when nurturing resumes after a return). */
  revisePlan: ['REVISE_PLAN', 'RESUME_NURTURING'],
  /** A dated check-in with strengths and shortcomings. */
  recordCheckIn: ['RECORD_CHECK_IN'],
  /** An honouring act in the replication ledger. */
  recordHonouring: ['RECORD_HONOURING'],
  /** A study visit, adoption or outcome by another unit. */
  recordAdoption: ['RECORD_ADOPTION'],
  /** The yearly follow-up. */
  recordFollowUp: ['RECORD_FOLLOW_UP'],
  /** The upward proposal (liên thông) linking the exemplar to its candidacy at the parent level. */
  recordUpwardProposal: ['PROPOSE_UPWARD'],
  /** The hold with its kind, grounds and document (and the document's file with its SHA-256). */
  recordHold: ['PLACE_HOLD'],
  /** The lifting of one open hold, with its conclusion and document. */
  recordHoldLift: ['LIFT_HOLD'],
  /**
   * Nothing but the audit record's facts: the subject's earlier recognitions of the same year or achievement (with
   * their decisions) beside the unit head's justification; refuses the proposal when one exists and none is given.
   */
  noteEarlierRecognitions: ['PROPOSE_FOR_REVIEW'],
  /** The corrected name or achievement on the candidate, with what it replaces in the audit record's facts. */
  recordCorrection: ['CORRECT_RECOGNITION'],
} as const satisfies Record<string, readonly CandidateEventType[]>;

export type CandidateEffect = keyof typeof EFFECT_EVENTS;
export const CANDIDATE_EFFECTS = Object.keys(EFFECT_EVENTS) as CandidateEffect[];

/** The events an effect is written for, with their payloads. */
export type EffectEvent<N extends CandidateEffect> = Extract<CandidateEvent, { type: (typeof EFFECT_EVENTS)[N][number] }>;

/**
 * An effect's implementation inside the machine. The machine does no I/O, so it only names the write; the API
 * carries it out. Nothing runs the machine as an actor (the API and the tests use the pure `transition`, which
 * returns the action without running it), so running one means the write was skipped: it says so instead.
 */
const carriedOutByTheApi = (name: CandidateEffect) => () => {
  throw new Error(`The effect ${name} is written by the API inside the event's transaction, not by an actor of the candidate machine`);
};

const ATTACH_EVIDENCE = { actions: ['countEvidence', 'storeEvidence'] } as const;

/** Holds are placed and lifted from discovery to the public notice (self-transitions: the state stays as it is). */
const HOLDS = {
  PLACE_HOLD: { actions: ['countHoldPlaced', 'recordHold'] },
  LIFT_HOLD: { guard: 'holdOpen', actions: ['countHoldLifted', 'recordHoldLift'] },
} as const;

/** What a recognised exemplar records while it stays one (whether or not replication has started). */
const REPLICATION_RECORDS = {
  ATTACH_EVIDENCE,
  RECORD_HONOURING: { actions: 'recordHonouring' },
  RECORD_ADOPTION: { actions: 'recordAdoption' },
  RECORD_FOLLOW_UP: { actions: 'recordFollowUp' },
} as const;

export const candidateMachine = setup({
  types: {
    context: {} as CandidateContext,
    events: {} as CandidateEvent,
    input: {} as CandidateInput,
  },
  guards: {
    readyForReview: allMet('readyForReview'),
    councilRecognises: allMet('councilRecognises'),
    councilReturns: allMet('councilReturns'),
    councilRejects: allMet('councilRejects'),
    noticePeriodEnded: allMet('noticePeriodEnded'),
    objectionUpheld: allMet('objectionUpheld'),
    revocationDecision: allMet('revocationDecision'),
    correctionDecision: allMet('correctionDecision'),
    upwardProposalRecorded: allMet('upwardProposalRecorded'),
    carriesLowerRecognition: allMet('carriesLowerRecognition'),
    holdOpen: allMet('holdOpen'),
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
    countHoldPlaced: assign({ openHolds: ({ context }) => openHoldsOf(context) + 1 }),
    countHoldLifted: assign({ openHolds: ({ context }) => openHoldsOf(context) - 1 }),
    storeEvidence: carriedOutByTheApi('storeEvidence'),
    startPlan: carriedOutByTheApi('startPlan'),
    revisePlan: carriedOutByTheApi('revisePlan'),
    recordCheckIn: carriedOutByTheApi('recordCheckIn'),
    recordHonouring: carriedOutByTheApi('recordHonouring'),
    recordAdoption: carriedOutByTheApi('recordAdoption'),
    recordFollowUp: carriedOutByTheApi('recordFollowUp'),
    recordUpwardProposal: carriedOutByTheApi('recordUpwardProposal'),
    recordHold: carriedOutByTheApi('recordHold'),
    recordHoldLift: carriedOutByTheApi('recordHoldLift'),
    noteEarlierRecognitions: carriedOutByTheApi('noteEarlierRecognitions'),
    recordCorrection: carriedOutByTheApi('recordCorrection'),
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
        ATTACH_EVIDENCE,
        ...HOLDS,
        START_NURTURING: { target: 'nurturing', actions: ['startRound', 'countPlanVersion', 'startPlan'] },
        ENTER_UPWARD_REVIEW: { target: 'underReview', guard: 'carriesLowerRecognition' },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    /** Bồi dưỡng: a plan and regular check-ins naming strengths and shortcomings. */
    nurturing: {
      on: {
        ATTACH_EVIDENCE,
        REVISE_PLAN: { actions: ['countPlanVersion', 'revisePlan'] },
        RECORD_CHECK_IN: { actions: ['countCheckIn', 'recordCheckIn'] },
        ...HOLDS,
        PROPOSE_FOR_REVIEW: { target: 'underReview', guard: 'readyForReview', actions: 'noteEarlierRecognitions' },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    /**
     * Tổng kết: the emulation council reviews the candidate against its criteria in a review session, votes and
     * decides. Each decision carries the verdict it follows from; the guard recomputes it.
     */
    underReview: {
      on: {
        ...HOLDS,
        RECOGNISE: { target: 'publicNotice', guard: 'councilRecognises' },
        RETURN_TO_NURTURING: { target: 'returned', guard: 'councilReturns', actions: 'countReturn' },
        REJECT: { target: 'rejected', guard: 'councilRejects' },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    /**
     * Công khai lấy ý kiến: provisionally recognised, on the published list for the notice period. Recognition
     * becomes final only after the period ends; an objection that is upheld drops the candidate.
     */
    publicNotice: {
      on: {
        ...HOLDS,
        CONFIRM_RECOGNITION: { target: 'recognised', guard: 'noticePeriodEnded' },
        REJECT: { target: 'rejected', guard: 'objectionUpheld' },
      },
    },
    /** Trả về bồi dưỡng: the council named shortcomings to work on; the unit revises its plan and resumes. */
    returned: {
      on: {
        ATTACH_EVIDENCE,
        ...HOLDS,
        RESUME_NURTURING: { target: 'nurturing', actions: ['startRound', 'countPlanVersion', 'revisePlan'] },
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
        PROPOSE_UPWARD: { guard: 'upwardProposalRecorded', actions: 'recordUpwardProposal' },
        REVOKE_RECOGNITION: { target: 'revoked', guard: 'revocationDecision' },
        CORRECT_RECOGNITION: { guard: 'correctionDecision', actions: 'recordCorrection' },
      },
    },
    /** Nhân rộng: publicised and adopted by other units. */
    replicating: {
      on: {
        ...REPLICATION_RECORDS,
        END_REPLICATION: { target: 'replicationEnded' },
        PROPOSE_UPWARD: { guard: 'upwardProposalRecorded', actions: 'recordUpwardProposal' },
        REVOKE_RECOGNITION: { target: 'revoked', guard: 'revocationDecision' },
        CORRECT_RECOGNITION: { guard: 'correctionDecision', actions: 'recordCorrection' },
      },
    },
    /** Bị thu hồi công nhận: a later decision revoked the recognition; kept with its reasons, never deleted. */
    revoked: { type: 'final' },
    /** Dừng nhân rộng: no longer holds up; kept with its reasons, never deleted. */
    replicationEnded: { type: 'final' },
    /** Không công nhận. */
    rejected: { type: 'final' },
    /** Rút khỏi danh sách by its unit before a decision. */
    withdrawn: { type: 'final' },
  },
});

export type CandidateMachine = typeof candidateMachine;
