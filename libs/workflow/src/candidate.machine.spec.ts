import { describe, expect, it } from '@jest/globals';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from '@xstate/graph';
import {
  CANDIDATE_EFFECTS,
  CANDIDATE_EVENT_TYPES,
  CANDIDATE_MACHINE_VERSION,
  EFFECT_EVENTS,
  CANDIDATE_STATE_CODES,
  applyEvent,
  allowedEvents,
  candidateMachine,
  replay,
  startCandidate,
  stageOf,
  type CandidateEffect,
  type CandidateEvent,
  type CandidateEventType,
  type CandidateState,
  type CouncilVerdict,
  type PersistedCandidateSnapshot,
} from './index.js';

/** A council verdict whose votes give the outcome named: 5 eligible members, every checklist in. */
function verdict(inFavour: number, against: number, abstain = 0): CouncilVerdict {
  return {
    sessionId: 's1',
    rules: { quorum: { numerator: 2, denominator: 3 }, recognitionPercent: 70, rejectionPercent: 50 },
    tally: { eligible: 5, participants: inFavour + against + abstain, inFavour, against, abstain },
    checklists: { assigned: 2, submitted: 2, criteria: 5, criteriaReviewed: 5 },
  };
}
const RECOGNISING = verdict(4, 1);
const RETURNING = verdict(2, 1, 1);
const REJECTING = verdict(1, 3);

/** One example of every event, with a valid payload. */
const EXAMPLES: Record<CandidateEvent['type'], CandidateEvent> = {
  ATTACH_EVIDENCE: { type: 'ATTACH_EVIDENCE', evidenceId: 'e1', fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: 'ab' },
  START_NURTURING: { type: 'START_NURTURING', goals: 'Mục tiêu', supporter: 'Phòng Nội vụ' },
  REVISE_PLAN: { type: 'REVISE_PLAN', goals: 'Mục tiêu mới', supporter: 'Phòng Nội vụ' },
  RECORD_CHECK_IN: { type: 'RECORD_CHECK_IN', date: '2025-03-01', strengths: 'Tốt', shortcomings: 'Chưa lan tỏa' },
  PROPOSE_FOR_REVIEW: { type: 'PROPOSE_FOR_REVIEW' },
  RECOGNISE: { type: 'RECOGNISE', verdict: RECOGNISING },
  RETURN_TO_NURTURING: { type: 'RETURN_TO_NURTURING', verdict: RETURNING, shortcomings: ['Thiếu minh chứng'] },
  // Both grounds at once, so that one example is accepted wherever a REJECT may happen.
  REJECT: { type: 'REJECT', reasons: 'Không đạt tiêu chí', verdict: REJECTING, upheldCommentIds: ['c1'] },
  CONFIRM_RECOGNITION: { type: 'CONFIRM_RECOGNITION', sessionId: 's1', noticeEndsOn: '2025-12-22', confirmedOn: '2025-12-23' },
  REVOKE_RECOGNITION: { type: 'REVOKE_RECOGNITION', decisionId: 'd2', reasons: 'Thành tích không trung thực' },
  CORRECT_RECOGNITION: { type: 'CORRECT_RECOGNITION', decisionId: 'd3', correctsDecisionId: 'd1', reasons: 'Sai chính tả tên', name: 'Nguyễn Thị Hường' },
  RESUME_NURTURING: { type: 'RESUME_NURTURING', goals: 'Khắc phục', supporter: 'Phòng Nội vụ' },
  START_REPLICATION: { type: 'START_REPLICATION' },
  END_REPLICATION: { type: 'END_REPLICATION', reasons: 'Không còn duy trì' },
  WITHDRAW: { type: 'WITHDRAW', reason: 'Đơn vị rút' },
  RECORD_HONOURING: { type: 'RECORD_HONOURING', form: 'PROVINCIAL_NEWSPAPER', date: '2025-06-01', outlet: 'Báo Bắc Giang', title: 'Lan tỏa mô hình hay' },
  RECORD_ADOPTION: { type: 'RECORD_ADOPTION', adoptingUnitId: 'u2', stage: 'STUDY_VISIT', date: '2025-07-01', description: 'Đoàn huyện bạn tham quan' },
  RECORD_FOLLOW_UP: { type: 'RECORD_FOLLOW_UP', year: 2025, date: '2025-12-01', holdsUp: true, findings: 'Vẫn duy trì tốt' },
  PROPOSE_UPWARD: { type: 'PROPOSE_UPWARD', proposalId: 'p1', fromCouncilId: 'c-xa', toCouncilId: 'c-tinh', upperCandidateId: 'k2', lowerSessionId: 's-xa', reasons: 'Điển hình tiêu biểu của xã' },
  ENTER_UPWARD_REVIEW: { type: 'ENTER_UPWARD_REVIEW', proposalId: 'p1', lowerCandidateId: 'k1', lowerSessionId: 's-xa' },
  PLACE_HOLD: { type: 'PLACE_HOLD', holdId: 'h1', kind: 'COMPLAINT', grounds: 'Đơn khiếu nại về thành tích', documentNumber: '12/TTr', documentDate: '2025-09-01', documentIssuer: 'Thanh tra tỉnh' },
  LIFT_HOLD: { type: 'LIFT_HOLD', holdId: 'h1', conclusion: 'Khiếu nại không có cơ sở', documentNumber: '20/KL-TTr', documentDate: '2025-10-01', documentIssuer: 'Thanh tra tỉnh' },
};

const ev = (type: CandidateEvent['type']) => EXAMPLES[type];

/** Drives a candidate through a list of events, failing loudly at the first refusal. */
function drive(types: CandidateEvent['type'][]): PersistedCandidateSnapshot {
  return replay({ kind: 'COLLECTIVE' }, types.map(ev));
}

const READY_FOR_REVIEW: CandidateEvent['type'][] = ['ATTACH_EVIDENCE', 'START_NURTURING', 'RECORD_CHECK_IN'];
const UNDER_REVIEW: CandidateEvent['type'][] = [...READY_FOR_REVIEW, 'PROPOSE_FOR_REVIEW'];

/** A snapshot in each state, reached through the machine itself. */
const IN_STATE: Record<CandidateState, CandidateEvent['type'][]> = {
  discovered: [],
  nurturing: ['START_NURTURING'],
  underReview: UNDER_REVIEW,
  publicNotice: [...UNDER_REVIEW, 'RECOGNISE'],
  returned: [...UNDER_REVIEW, 'RETURN_TO_NURTURING'],
  recognised: [...UNDER_REVIEW, 'RECOGNISE', 'CONFIRM_RECOGNITION'],
  replicating: [...UNDER_REVIEW, 'RECOGNISE', 'CONFIRM_RECOGNITION', 'START_REPLICATION'],
  replicationEnded: [...UNDER_REVIEW, 'RECOGNISE', 'CONFIRM_RECOGNITION', 'START_REPLICATION', 'END_REPLICATION'],
  rejected: [...UNDER_REVIEW, 'REJECT'],
  revoked: [...UNDER_REVIEW, 'RECOGNISE', 'CONFIRM_RECOGNITION', 'REVOKE_RECOGNITION'],
  withdrawn: ['WITHDRAW'],
};

/** States that take holds (from discovery to the public notice). */
const HOLDING_STATES: CandidateState[] = ['discovered', 'nurturing', 'underReview', 'publicNotice', 'returned'];

/** Every transition of the machine but PROPOSE_FOR_REVIEW and LIFT_HOLD (guarded by the context), with its target. */
const TARGETS: [CandidateState, CandidateEvent['type'], CandidateState][] = [
  ...HOLDING_STATES.map((s): [CandidateState, CandidateEvent['type'], CandidateState] => [s, 'PLACE_HOLD', s]),
  ['discovered', 'ATTACH_EVIDENCE', 'discovered'],
  ['discovered', 'START_NURTURING', 'nurturing'],
  ['discovered', 'WITHDRAW', 'withdrawn'],
  ['nurturing', 'ATTACH_EVIDENCE', 'nurturing'],
  ['nurturing', 'REVISE_PLAN', 'nurturing'],
  ['nurturing', 'RECORD_CHECK_IN', 'nurturing'],
  ['nurturing', 'WITHDRAW', 'withdrawn'],
  ['underReview', 'RECOGNISE', 'publicNotice'],
  ['publicNotice', 'CONFIRM_RECOGNITION', 'recognised'],
  ['publicNotice', 'REJECT', 'rejected'],
  ['underReview', 'RETURN_TO_NURTURING', 'returned'],
  ['underReview', 'REJECT', 'rejected'],
  ['underReview', 'WITHDRAW', 'withdrawn'],
  ['returned', 'ATTACH_EVIDENCE', 'returned'],
  ['returned', 'RESUME_NURTURING', 'nurturing'],
  ['returned', 'WITHDRAW', 'withdrawn'],
  ['recognised', 'START_REPLICATION', 'replicating'],
  ['recognised', 'ATTACH_EVIDENCE', 'recognised'],
  ['recognised', 'RECORD_HONOURING', 'recognised'],
  ['recognised', 'RECORD_ADOPTION', 'recognised'],
  ['recognised', 'RECORD_FOLLOW_UP', 'recognised'],
  ['replicating', 'END_REPLICATION', 'replicationEnded'],
  ['recognised', 'REVOKE_RECOGNITION', 'revoked'],
  ['replicating', 'REVOKE_RECOGNITION', 'revoked'],
  ['recognised', 'CORRECT_RECOGNITION', 'recognised'],
  ['replicating', 'CORRECT_RECOGNITION', 'replicating'],
  ['replicating', 'ATTACH_EVIDENCE', 'replicating'],
  ['replicating', 'RECORD_HONOURING', 'replicating'],
  ['replicating', 'RECORD_ADOPTION', 'replicating'],
  ['replicating', 'RECORD_FOLLOW_UP', 'replicating'],
  ['recognised', 'PROPOSE_UPWARD', 'recognised'],
  ['replicating', 'PROPOSE_UPWARD', 'replicating'],
  ['discovered', 'ENTER_UPWARD_REVIEW', 'underReview'],
];

describe('candidate statechart: generated paths', () => {
  // Counters make the context unbounded; the traversal distinguishes what the guards can see.
  const serializeState = (s: { value: unknown; context: { checkInsThisRound: number; evidenceFiles: number; openHolds?: number } }) =>
    JSON.stringify([s.value, s.context.checkInsThisRound > 0, s.context.evidenceFiles > 0, (s.context.openHolds ?? 0) > 0]);
  const options = {
    input: { kind: 'INDIVIDUAL' as const },
    events: Object.values(EXAMPLES),
    serializeState: serializeState as never,
  };

  it('reaches every state from discovery', () => {
    const reached = new Set(getShortestPaths(candidateMachine, options).map((p) => p.state.value as string));
    expect([...reached].sort()).toEqual([...CANDIDATE_STATE_CODES].sort());
  });

  it('takes every transition declared in the machine from some reachable state', () => {
    const declared = new Set<string>();
    for (const state of CANDIDATE_STATE_CODES) {
      for (const type of Object.keys(candidateMachine.states[state]!.on)) declared.add(`${state}:${type}`);
    }
    const exercised = new Set<string>();
    // The adjacency map holds every reachable (abstract) state; try every event from each.
    for (const vertex of Object.values(getAdjacencyMap(candidateMachine, options))) {
      const persisted = candidateMachine.getPersistedSnapshot(vertex.state) as unknown as PersistedCandidateSnapshot;
      for (const event of Object.values(EXAMPLES)) {
        const outcome = applyEvent(persisted, event);
        if (outcome.accepted) exercised.add(`${outcome.from}:${event.type}`);
      }
    }
    expect([...declared].filter((t) => !exercised.has(t))).toEqual([]);
    expect([...exercised].filter((t) => !declared.has(t))).toEqual([]);
  });

  it('every generated path to a recognised or replicating exemplar takes each replication record and stays there', () => {
    const RECORDS = ['RECORD_HONOURING', 'RECORD_ADOPTION', 'RECORD_FOLLOW_UP', 'ATTACH_EVIDENCE'] as const;
    const ends = getShortestPaths(candidateMachine, options).filter((p) => ['recognised', 'replicating'].includes(p.state.value as string));
    // Each reached with and without the nurturing round (a candidacy proposed upward skips it): both kinds take the records.
    expect([...new Set(ends.map((p) => p.state.value))].sort()).toEqual(['recognised', 'replicating']);
    for (const path of ends) {
      const events = path.steps.slice(1).map((s) => s.event as CandidateEvent);
      const after = replay({ kind: 'INDIVIDUAL' }, [...events, ...RECORDS.map(ev), ...RECORDS.map(ev)]);
      expect(after.value).toBe(path.state.value);
    }
  });

  it('reaches every final state along a simple path', () => {
    const ends = new Set(getSimplePaths(candidateMachine, options).map((p) => p.state.value as string));
    for (const final of ['rejected', 'withdrawn', 'replicationEnded']) expect(ends).toContain(final);
  });

  it('every generated path replays to the state it claims', () => {
    for (const path of getShortestPaths(candidateMachine, options)) {
      const events = path.steps.slice(1).map((s) => s.event as CandidateEvent);
      expect(replay({ kind: 'INDIVIDUAL' }, events).value).toBe(path.state.value);
    }
  });
});

describe('candidate statechart: each transition pinned', () => {

  it.each(TARGETS)('%s --%s--> %s', (from, type, to) => {
    const start = drive(IN_STATE[from]);
    expect(start.value).toBe(from);
    const outcome = applyEvent(start, ev(type));
    expect(outcome).toMatchObject({ accepted: true, from, to });
  });

  it('nurturing --PROPOSE_FOR_REVIEW--> underReview once a check-in and evidence exist', () => {
    const outcome = applyEvent(drive(READY_FOR_REVIEW), ev('PROPOSE_FOR_REVIEW'));
    expect(outcome).toMatchObject({ accepted: true, from: 'nurturing', to: 'underReview' });
  });

  it('every other (state, event) pair is refused as not possible in that state', () => {
    const allowedPairs = new Set([...TARGETS.map(([s, e]) => `${s}:${e}`), 'nurturing:PROPOSE_FOR_REVIEW', ...HOLDING_STATES.map((s) => `${s}:LIFT_HOLD`)]);
    for (const state of CANDIDATE_STATE_CODES) {
      for (const type of CANDIDATE_EVENT_TYPES) {
        if (allowedPairs.has(`${state}:${type}`)) continue;
        const outcome = applyEvent(drive(IN_STATE[state]), ev(type));
        expect({ state, type, outcome: outcome.accepted ? 'accepted' : outcome.reason }).toEqual({ state, type, outcome: 'NOT_IN_THIS_STATE' });
      }
    }
  });
});

describe('candidate statechart: guards', () => {
  it('refuses review without a check-in, naming the missing check-in', () => {
    const outcome = applyEvent(drive(['ATTACH_EVIDENCE', 'START_NURTURING']), ev('PROPOSE_FOR_REVIEW'));
    expect(outcome).toMatchObject({ accepted: false, reason: 'GUARD_REFUSED' });
    expect(outcome.accepted === false && outcome.reason === 'GUARD_REFUSED' && outcome.refusals.map((r) => r.code)).toEqual(['CHECK_IN_REQUIRED']);
  });

  it('refuses review without evidence, naming the missing evidence', () => {
    const outcome = applyEvent(drive(['START_NURTURING', 'RECORD_CHECK_IN']), ev('PROPOSE_FOR_REVIEW'));
    expect(outcome.accepted === false && outcome.reason === 'GUARD_REFUSED' && outcome.refusals.map((r) => r.code)).toEqual(['EVIDENCE_REQUIRED']);
  });

  it('names both missing requirements at once', () => {
    const outcome = applyEvent(drive(['START_NURTURING']), ev('PROPOSE_FOR_REVIEW'));
    expect(outcome.accepted === false && outcome.reason === 'GUARD_REFUSED' && outcome.refusals.map((r) => r.code)).toEqual([
      'CHECK_IN_REQUIRED',
      'EVIDENCE_REQUIRED',
    ]);
  });

  it('a returned candidate needs a new check-in before it can be proposed again', () => {
    const resumed = drive([...IN_STATE.returned, 'RESUME_NURTURING']);
    expect(resumed.context).toMatchObject({ checkIns: 1, checkInsThisRound: 0, returns: 1 });
    expect(applyEvent(resumed, ev('PROPOSE_FOR_REVIEW'))).toMatchObject({ accepted: false, reason: 'GUARD_REFUSED' });
    const checked = drive([...IN_STATE.returned, 'RESUME_NURTURING', 'RECORD_CHECK_IN']);
    expect(applyEvent(checked, ev('PROPOSE_FOR_REVIEW'))).toMatchObject({ accepted: true, to: 'underReview' });
  });

  it('a decision must be the one the council verdict gives: anything else is refused with what the votes gave', () => {
    const under = drive(UNDER_REVIEW);
    for (const [type, given] of [['RECOGNISE', RETURNING], ['RETURN_TO_NURTURING', RECOGNISING], ['REJECT', RETURNING]] as const) {
      const event = { ...ev(type), verdict: given, upheldCommentIds: undefined } as CandidateEvent;
      const outcome = applyEvent(under, event);
      expect(outcome).toMatchObject({ accepted: false, reason: 'GUARD_REFUSED', refusals: [{ code: 'COUNCIL_VERDICT_MISMATCH' }] });
    }
    const refused = applyEvent(under, { type: 'RECOGNISE', verdict: RETURNING });
    expect(refused.accepted === false && refused.reason === 'GUARD_REFUSED' && refused.refusals[0]!.vi).toMatch(/trả về bồi dưỡng.*không phải "công nhận"/);
    // No verdict at all, or one that cannot be real, decides nothing.
    expect(applyEvent(under, { type: 'RECOGNISE' } as unknown as CandidateEvent)).toMatchObject({ accepted: false, reason: 'GUARD_REFUSED' });
    const forged = { ...RECOGNISING, tally: { ...RECOGNISING.tally, inFavour: 9, participants: 10 } };
    expect(applyEvent(under, { type: 'RECOGNISE', verdict: forged })).toMatchObject({ accepted: false, reason: 'GUARD_REFUSED' });
  });

  it('a verdict judged by the rule set the session pinned: the guard recomputes it, quota included', async () => {
    const { REGULATION_2025_PRESET } = await import('./index.js');
    const under = drive(UNDER_REVIEW);
    const ruleSet = { ...REGULATION_2025_PRESET.ruleSet, quota: 1 };
    const ruled = (candidateId: string, inFavour: number) => ({
      sessionId: 's',
      ruleSet,
      tally: { members: 11, present: 9, writtenOpinions: 0, recused: 0, inFavour, against: 9 - inFavour, abstain: 0, chairCastingVote: null },
      checklists: { assigned: 2, submitted: 2, criteria: 5, criteriaReviewed: 5 },
      considersAwards: true,
      candidateId,
      standing: [{ candidateId: 'a', inFavour: 8, preferred: false, order: 1 }, { candidateId: 'b', inFavour: 8, preferred: true, order: 2 }],
    });
    expect(applyEvent(under, { type: 'RECOGNISE', verdict: ruled('b', 8) })).toMatchObject({ accepted: true, to: 'publicNotice' });
    // 'a' met the threshold but the quota of one went to the preferred candidate with the same votes.
    expect(applyEvent(under, { type: 'RECOGNISE', verdict: ruled('a', 8) })).toMatchObject({ accepted: false, refusals: [{ code: 'COUNCIL_VERDICT_MISMATCH' }] });
    expect(applyEvent(under, { type: 'RETURN_TO_NURTURING', verdict: ruled('a', 8), shortcomings: ['Ngoài hạn mức'] })).toMatchObject({ accepted: true, to: 'returned' });
  });

  it('a recognition the clearances block under the session rule is refused; advisory clearances and old verdicts are not', () => {
    const under = drive(UNDER_REVIEW);
    const police = { agencyCode: 'CONG_AN', agencyName: 'Công an tỉnh', dueOn: '2025-12-10' };
    const blocked: CouncilVerdict = { ...RECOGNISING, clearances: { rule: 'MISSING_OR_NEGATIVE_BLOCKS', requests: [{ ...police, state: 'NO_ANSWER' }] } };
    const refused = applyEvent(under, { type: 'RECOGNISE', verdict: blocked });
    expect(refused).toMatchObject({ accepted: false, reason: 'GUARD_REFUSED', refusals: [{ code: 'COUNCIL_VERDICT_MISMATCH' }] });
    expect(refused.accepted === false && refused.reason === 'GUARD_REFUSED' && refused.refusals[0]!.vi).toMatch(/Công an tỉnh/);
    const advisory: CouncilVerdict = { ...RECOGNISING, clearances: { rule: 'ADVISORY', requests: [{ ...police, state: 'DISAGREES' }] } };
    expect(applyEvent(under, { type: 'RECOGNISE', verdict: advisory })).toMatchObject({ accepted: true, to: 'publicNotice' });
    // A verdict recorded before clearances existed (no field) decides as it always did.
    expect(applyEvent(under, { type: 'RECOGNISE', verdict: RECOGNISING })).toMatchObject({ accepted: true });
    // The clearances never stand in the way of a return to nurturing.
    const returning: CouncilVerdict = { ...RETURNING, clearances: { rule: 'NEGATIVE_BLOCKS', requests: [{ ...police, state: 'DISAGREES' }] } };
    expect(applyEvent(under, { type: 'RETURN_TO_NURTURING', verdict: returning, shortcomings: ['x'] })).toMatchObject({ accepted: true, to: 'returned' });
  });

  it('recognition becomes final only after the notice period, and a provisional one is dropped only on an upheld objection', () => {
    const notice = drive(IN_STATE.publicNotice);
    const on = (confirmedOn: string) => applyEvent(notice, { type: 'CONFIRM_RECOGNITION', sessionId: 's1', noticeEndsOn: '2025-12-22', confirmedOn });
    expect(on('2025-12-22')).toMatchObject({ accepted: false, refusals: [{ code: 'NOTICE_PERIOD_NOT_ENDED' }] });
    expect(on('2025-12-23')).toMatchObject({ accepted: true, to: 'recognised' });
    expect(applyEvent(notice, { type: 'REJECT', reasons: 'x' })).toMatchObject({ accepted: false, refusals: [{ code: 'OBJECTION_REQUIRED' }] });
    expect(applyEvent(notice, { type: 'REJECT', reasons: 'x', upheldCommentIds: ['c9'] })).toMatchObject({ accepted: true, to: 'rejected' });
  });

  it('lists allowed events from the context alone, leaving out those a guard refuses', () => {
    // The council's decisions need a verdict, so none is offered without one.
    expect(allowedEvents(drive(UNDER_REVIEW))).toEqual(['WITHDRAW', 'PLACE_HOLD']);
    expect(allowedEvents(drive(['START_NURTURING']))).toEqual(['ATTACH_EVIDENCE', 'REVISE_PLAN', 'RECORD_CHECK_IN', 'WITHDRAW', 'PLACE_HOLD']);
    expect(allowedEvents(drive(READY_FOR_REVIEW))).toContain('PROPOSE_FOR_REVIEW');
    expect(allowedEvents(drive(IN_STATE.withdrawn))).toEqual([]);
    expect(allowedEvents(drive(IN_STATE.recognised))).toEqual(['ATTACH_EVIDENCE', 'START_REPLICATION', 'RECORD_HONOURING', 'RECORD_ADOPTION', 'RECORD_FOLLOW_UP']);
    expect(allowedEvents(drive(IN_STATE.replicating))).toEqual(['ATTACH_EVIDENCE', 'END_REPLICATION', 'RECORD_HONOURING', 'RECORD_ADOPTION', 'RECORD_FOLLOW_UP']);
    expect(allowedEvents(drive(IN_STATE.replicationEnded))).toEqual([]);
  });

  it('replication records leave the context as it was, so a version-1 snapshot continues unchanged', () => {
    const recognised = drive(IN_STATE.recognised);
    for (const type of ['RECORD_HONOURING', 'RECORD_ADOPTION', 'RECORD_FOLLOW_UP'] as const) {
      const outcome = applyEvent(recognised, ev(type));
      expect(outcome.accepted && outcome.snapshot.context).toEqual(recognised.context);
    }
    const withFile = applyEvent(recognised, ev('ATTACH_EVIDENCE'));
    expect(withFile.accepted && withFile.snapshot.context.evidenceFiles).toBe(recognised.context.evidenceFiles + 1);
  });
});

describe('candidate statechart: the effects each event names', () => {
  /** What each accepted event writes besides the candidate's row and audit record, pinned by hand. */
  const EFFECTS_OF: Record<CandidateEventType, CandidateEffect[]> = {
    ATTACH_EVIDENCE: ['storeEvidence'],
    START_NURTURING: ['startPlan'],
    REVISE_PLAN: ['revisePlan'],
    RESUME_NURTURING: ['revisePlan'],
    RECORD_CHECK_IN: ['recordCheckIn'],
    RECORD_HONOURING: ['recordHonouring'],
    RECORD_ADOPTION: ['recordAdoption'],
    RECORD_FOLLOW_UP: ['recordFollowUp'],
    PROPOSE_FOR_REVIEW: ['noteEarlierRecognitions'],
    PLACE_HOLD: ['recordHold'],
    LIFT_HOLD: ['recordHoldLift'],
    RECOGNISE: [],
    RETURN_TO_NURTURING: [],
    REJECT: [],
    CONFIRM_RECOGNITION: [],
    REVOKE_RECOGNITION: [],
    CORRECT_RECOGNITION: ['recordCorrection'],
    START_REPLICATION: [],
    END_REPLICATION: [],
    WITHDRAW: [],
    PROPOSE_UPWARD: ['recordUpwardProposal'],
    ENTER_UPWARD_REVIEW: [],
  };

  it.each(TARGETS)('%s --%s--> names its effects', (from, type) => {
    const outcome = applyEvent(drive(IN_STATE[from]), ev(type));
    expect(outcome.accepted && outcome.actions).toEqual(EFFECTS_OF[type]);
  });

  it('nurturing --PROPOSE_FOR_REVIEW--> notes the earlier recognitions of its subject (one achievement, one recognition)', () => {
    expect(applyEvent(drive(READY_FOR_REVIEW), ev('PROPOSE_FOR_REVIEW'))).toMatchObject({ accepted: true, actions: ['noteEarlierRecognitions'] });
  });

  it('--LIFT_HOLD--> writes the lifting of the hold', () => {
    expect(applyEvent(drive(['PLACE_HOLD']), ev('LIFT_HOLD'))).toMatchObject({ accepted: true, actions: ['recordHoldLift'] });
  });

  it('the effects table lists, for each effect, exactly the events that name it', () => {
    const named: Record<string, string[]> = {};
    for (const [type, effects] of Object.entries(EFFECTS_OF)) for (const effect of effects) (named[effect] ??= []).push(type);
    expect(Object.fromEntries(Object.entries(EFFECT_EVENTS).map(([effect, types]) => [effect, [...types].sort()]))).toEqual(
      Object.fromEntries(Object.entries(named).map(([effect, types]) => [effect, types.sort()])),
    );
  });

  it('a refused event names no effects', () => {
    const outcome = applyEvent(drive(['START_NURTURING']), ev('PROPOSE_FOR_REVIEW'));
    expect(outcome.accepted).toBe(false);
    expect('actions' in outcome).toBe(false);
  });

  it('the machine only names its effects: running one outside the API is refused', () => {
    const implementations = candidateMachine.implementations.actions as Record<string, () => void>;
    for (const effect of CANDIDATE_EFFECTS) expect(() => implementations[effect]!()).toThrow(new RegExp(`${effect} is written by the API`));
  });
});

describe('persistence and replay', () => {
  it('a persisted snapshot survives a JSON round trip (as through jsonb) and keeps working', () => {
    const persisted = JSON.parse(JSON.stringify(drive(READY_FOR_REVIEW))) as PersistedCandidateSnapshot;
    expect(applyEvent(persisted, ev('PROPOSE_FOR_REVIEW'))).toMatchObject({ accepted: true, to: 'underReview' });
  });

  it('a new candidate starts discovered, with the machine version', () => {
    const started = startCandidate({ kind: 'HOUSEHOLD' });
    expect(started).toMatchObject({ state: 'discovered', machineVersion: CANDIDATE_MACHINE_VERSION });
    expect(started.snapshot.context).toEqual({ kind: 'HOUSEHOLD', checkIns: 0, checkInsThisRound: 0, evidenceFiles: 0, planVersions: 0, returns: 0 });
  });

  it('replay refuses a history the machine would not accept', () => {
    expect(() => replay({ kind: 'COLLECTIVE' }, [ev('RECOGNISE')])).toThrow(/RECOGNISE/);
  });

  it('maps states to the programme stages', () => {
    expect(stageOf('discovered')).toBe('DISCOVER');
    expect(stageOf('returned')).toBe('NURTURE');
    expect(stageOf('underReview')).toBe('SUMMARIZE');
    expect(stageOf('replicating')).toBe('REPLICATE');
    expect(stageOf('withdrawn')).toBeNull();
  });
});

describe('machine versions', () => {
  it('replays versions 3, 4 and 5 (4 added revocation, 5 verdicts judged by a rule set, clearances, holds and upward proposals); versions 1 and 2 decided without a council verdict', async () => {
    const { REPLAYABLE_MACHINE_VERSIONS } = await import('./index.js');
    expect(CANDIDATE_MACHINE_VERSION).toBe(5);
    expect(REPLAYABLE_MACHINE_VERSIONS).toEqual([3, 4, 5]);
  });

  it('an upward proposal names the parent council, the new candidacy and its reasons; the exemplar stays recognised', () => {
    const recognised = drive(IN_STATE.recognised);
    expect(applyEvent(recognised, { ...EXAMPLES.PROPOSE_UPWARD, reasons: ' ' } as CandidateEvent)).toMatchObject({ accepted: false, refusals: [{ code: 'UPWARD_PROPOSAL_REQUIRED' }] });
    expect(applyEvent(recognised, { ...EXAMPLES.PROPOSE_UPWARD, toCouncilId: '' } as CandidateEvent)).toMatchObject({ accepted: false });
    const proposed = applyEvent(recognised, ev('PROPOSE_UPWARD'));
    expect(proposed).toMatchObject({ accepted: true, from: 'recognised', to: 'recognised', actions: ['recordUpwardProposal'] });
    // A council cannot propose to itself.
    expect(applyEvent(recognised, { ...EXAMPLES.PROPOSE_UPWARD, toCouncilId: 'c-xa' } as CandidateEvent)).toMatchObject({ accepted: false });
  });

  it('a candidacy enters the parent level review only with the lower council session that recognised it', () => {
    const fresh = drive([]);
    expect(applyEvent(fresh, { ...EXAMPLES.ENTER_UPWARD_REVIEW, lowerSessionId: '' } as CandidateEvent)).toMatchObject({ accepted: false, refusals: [{ code: 'LOWER_RECOGNITION_REQUIRED' }] });
    const entered = applyEvent(fresh, ev('ENTER_UPWARD_REVIEW'));
    expect(entered).toMatchObject({ accepted: true, from: 'discovered', to: 'underReview' });
    // Once there, the council decides as for any other candidate.
    if (!entered.accepted) throw new Error('refused');
    expect(applyEvent(entered.snapshot, ev('RECOGNISE'))).toMatchObject({ accepted: true, to: 'publicNotice' });
  });

  it('a candidate never held keeps the context version 4 wrote (no openHolds), so earlier snapshots compare equal', () => {
    for (const state of CANDIDATE_STATE_CODES) expect(Object.keys(drive(IN_STATE[state]).context)).not.toContain('openHolds');
  });

  it('a revocation needs the decision that revokes and its reasons', () => {
    const recognised = drive(IN_STATE.recognised);
    expect(applyEvent(recognised, { type: 'REVOKE_RECOGNITION', decisionId: '', reasons: 'x' })).toMatchObject({ accepted: false, refusals: [{ code: 'REVOCATION_DECISION_REQUIRED' }] });
    expect(applyEvent(recognised, { type: 'REVOKE_RECOGNITION', decisionId: 'd', reasons: ' ' })).toMatchObject({ accepted: false });
    expect(applyEvent(recognised, ev('REVOKE_RECOGNITION'))).toMatchObject({ accepted: true, to: 'revoked', allowedEvents: [] });
  });

  it('a correction needs the correcting decision, the one it corrects, its reasons and something corrected; the exemplar stays where it is', () => {
    const recognised = drive(IN_STATE.recognised);
    const base = { type: 'CORRECT_RECOGNITION' as const, decisionId: 'd3', correctsDecisionId: 'd1', reasons: 'Sai tên' };
    expect(applyEvent(recognised, base)).toMatchObject({ accepted: false, refusals: [{ code: 'CORRECTION_DECISION_REQUIRED' }] });
    expect(applyEvent(recognised, { ...base, correctsDecisionId: '', name: 'X' })).toMatchObject({ accepted: false });
    expect(applyEvent(recognised, { ...base, reasons: ' ', achievement: 'Y' })).toMatchObject({ accepted: false });
    expect(applyEvent(recognised, { ...base, achievement: 'Y' })).toMatchObject({ accepted: true, to: 'recognised', actions: ['recordCorrection'] });
    expect(applyEvent(drive(IN_STATE.revoked), { ...base, name: 'X' })).toMatchObject({ accepted: false, reason: 'NOT_IN_THIS_STATE' });
  });
});

describe('holds (NĐ 152/2025 Điều 4.4)', () => {
  const refusalCodes = (outcome: ReturnType<typeof applyEvent>) => (outcome.accepted || outcome.reason !== 'GUARD_REFUSED' ? [] : outcome.refusals.map((r) => r.code));

  it('counts the open holds: several may be open at once, each lifting closes one', () => {
    const twice = drive([...READY_FOR_REVIEW, 'PLACE_HOLD', 'PLACE_HOLD']);
    expect(twice.context.openHolds).toBe(2);
    const once = drive([...READY_FOR_REVIEW, 'PLACE_HOLD', 'PLACE_HOLD', 'LIFT_HOLD']);
    expect(once.context.openHolds).toBe(1);
    expect(allowedEvents(once)).not.toContain('PROPOSE_FOR_REVIEW');
    const none = drive([...READY_FOR_REVIEW, 'PLACE_HOLD', 'PLACE_HOLD', 'LIFT_HOLD', 'LIFT_HOLD']);
    expect(none.context.openHolds).toBe(0);
    expect(allowedEvents(none)).toContain('PROPOSE_FOR_REVIEW');
    expect(allowedEvents(none)).not.toContain('LIFT_HOLD');
  });

  it('a held candidate cannot be proposed, with the reason in Vietnamese and English', () => {
    const held = drive([...READY_FOR_REVIEW, 'PLACE_HOLD']);
    const outcome = applyEvent(held, ev('PROPOSE_FOR_REVIEW'));
    expect(refusalCodes(outcome)).toEqual(['CANDIDATE_ON_HOLD']);
    expect(outcome).toMatchObject({ refusals: [{ vi: expect.stringMatching(/tạm dừng xét.*Điều 4/), en: expect.stringMatching(/on hold/) }] });
  });

  it('names the hold beside the other missing requirements', () => {
    expect(refusalCodes(applyEvent(drive(['START_NURTURING', 'PLACE_HOLD']), ev('PROPOSE_FOR_REVIEW')))).toEqual(['CANDIDATE_ON_HOLD', 'CHECK_IN_REQUIRED', 'EVIDENCE_REQUIRED']);
  });

  it('a held candidate under review cannot be recognised, but may still be returned, rejected or withdrawn', () => {
    const held = drive([...UNDER_REVIEW, 'PLACE_HOLD']);
    expect(refusalCodes(applyEvent(held, ev('RECOGNISE')))).toEqual(['CANDIDATE_ON_HOLD']);
    expect(allowedEvents(held)).toEqual(expect.arrayContaining(['WITHDRAW', 'LIFT_HOLD', 'PLACE_HOLD']));
    expect(applyEvent(held, ev('REJECT'))).toMatchObject({ accepted: true, to: 'rejected' });
    expect(allowedEvents(held)).not.toContain('RECOGNISE');
    expect(applyEvent(held, ev('RETURN_TO_NURTURING'))).toMatchObject({ accepted: true, to: 'returned' });
    expect(applyEvent(drive([...UNDER_REVIEW, 'PLACE_HOLD', 'LIFT_HOLD']), ev('RECOGNISE'))).toMatchObject({ accepted: true, to: 'publicNotice' });
  });

  it('a held candidate on public notice cannot be confirmed until the hold is lifted', () => {
    const held = drive([...UNDER_REVIEW, 'RECOGNISE', 'PLACE_HOLD']);
    expect(refusalCodes(applyEvent(held, ev('CONFIRM_RECOGNITION')))).toEqual(['CANDIDATE_ON_HOLD']);
    expect(applyEvent(drive([...UNDER_REVIEW, 'RECOGNISE', 'PLACE_HOLD', 'LIFT_HOLD']), ev('CONFIRM_RECOGNITION'))).toMatchObject({ accepted: true, to: 'recognised' });
  });

  it('a hold held through a return is still open when nurturing resumes', () => {
    const resumed = drive([...UNDER_REVIEW, 'PLACE_HOLD', 'RETURN_TO_NURTURING', 'RESUME_NURTURING', 'RECORD_CHECK_IN']);
    expect(refusalCodes(applyEvent(resumed, ev('PROPOSE_FOR_REVIEW')))).toEqual(['CANDIDATE_ON_HOLD']);
  });

  it('lifting needs an open hold', () => {
    expect(refusalCodes(applyEvent(drive(['START_NURTURING']), ev('LIFT_HOLD')))).toEqual(['NO_OPEN_HOLD']);
  });

  it('a recognition already issued is not undone by a hold: recognised and replicating exemplars take none', () => {
    for (const state of ['recognised', 'replicating'] as const) {
      const outcome = applyEvent(drive(IN_STATE[state]), ev('PLACE_HOLD'));
      expect(outcome).toMatchObject({ accepted: false, reason: 'NOT_IN_THIS_STATE', state });
    }
  });

  it('a snapshot written by version 4 (no openHolds) takes holds and counts from zero', () => {
    const v4 = drive(READY_FOR_REVIEW);
    const { openHolds: _ignored, ...context } = v4.context;
    const outcome = applyEvent({ ...v4, context }, ev('PLACE_HOLD'));
    expect(outcome).toMatchObject({ accepted: true, snapshot: { context: { openHolds: 1 } } });
  });
});
