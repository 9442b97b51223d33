/**
 * Council review (tổng kết): criteria sets, review sessions with their candidates, checklists, ballots, outcomes
 * and public notice, a candidate's reviews and a council member's waiting work. The stages and item statuses are
 * the review session lifecycle's (libs/workflow), the outcomes the council rules'.
 */
import { CRITERIA_SETS, CouncilPositionCodes, FieldCodes, SubjectKindCodes } from '#domain';
import {
  CANDIDATE_STATE_CODES,
  CLEARANCE_RULES,
  CLEARANCE_STATES,
  REVIEW_ITEM_STATUS_CODES,
  REVIEW_SESSION_STATUS_CODES,
  type CouncilOutcome,
} from '#workflow';
import { TransitionResult } from './candidates.js';
import { CouncilRuleSetSchema } from './council-rules.js';
import { ClearanceView } from './clearances.js';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, Uuid, file, json, type EndpointTable, type Static, type TSchema } from './schema.js';
import { HoldView } from './holds.js';
import { PeopleNames } from './audit.js';
import { RepeatRecognition } from './candidates.js';

/** How a session votes: open (each vote named) or secret ballot (only the urn holds the choices). */
export const BALLOT_KINDS = ['OPEN', 'SECRET'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];

export const VOTE_CHOICES = ['IN_FAVOUR', 'AGAINST', 'ABSTAIN'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** In person at the meeting, or by the written opinion of a member absent from it. */
export const VOTE_MODES = ['IN_PERSON', 'WRITTEN_OPINION'] as const;
export type VoteMode = (typeof VOTE_MODES)[number];

/** Present, absent giving a written opinion (the signed form attached), or absent. */
export const ATTENDANCES = ['PRESENT', 'WRITTEN_OPINION', 'ABSENT'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

/** Every outcome the council rules can give, each listed once. */
const OUTCOMES: Record<CouncilOutcome, true> = { RECOGNISE: true, RETURN_TO_NURTURING: true, REJECT: true, NO_DECISION: true };
export const COUNCIL_OUTCOME_CODES = Object.keys(OUTCOMES) as CouncilOutcome[];

export const CRITERIA_SET_CODES = CRITERIA_SETS.map((s) => s.code);

const SessionStatus = Code(REVIEW_SESSION_STATUS_CODES);

/** An object keyed by any string (OpenAPI 3.0 knows `additionalProperties`, not the `patternProperties` of Type.Record). */
const Dictionary = <T extends TSchema>(value: T) => Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value });
const Count = Type.Integer({ minimum: 0 });

export const Criterion = Type.Object({ code: Type.String(), vi: Type.String(), en: Type.String() });
export type Criterion = Static<typeof Criterion>;

export const CriteriaSetView = Type.Object({
  id: Uuid,
  code: Code(CRITERIA_SET_CODES),
  version: Type.Integer({ minimum: 1 }),
  appliesTo: Type.Array(Code(SubjectKindCodes)),
  criteria: Type.Array(Criterion),
  note: Nullable(Type.String()),
  publishedBy: Type.String(),
  publishedAt: Instant,
  /** The people it names by login (see PeopleNames): screens show these, never the login. */
  people: PeopleNames,
  /** The newest version of its set: the one a session opening now pins. */
  inForce: Type.Boolean(),
});
export type CriteriaSetView = Static<typeof CriteriaSetView>;

/** A stage of a session with its words. */
export const SessionStatusLabel = Type.Object({ code: SessionStatus, vi: Type.String(), en: Type.String() });

export const CouncilRules = Type.Object({
  quorum: Type.Object({ numerator: Type.Integer(), denominator: Type.Integer() }),
  recognitionPercent: Type.Integer(),
  rejectionPercent: Type.Integer(),
});
export type CouncilRules = Static<typeof CouncilRules>;

const ChecklistCoverage = Type.Object({ assigned: Count, submitted: Count, criteria: Count, criteriaReviewed: Count });
/** One clearance as the council judged it (libs/workflow ClearanceStatus). */
const ClearanceStatus = Type.Object({ agencyCode: Type.String(), agencyName: Type.String(), dueOn: CalendarDate, state: Code(CLEARANCE_STATES.map((s) => s.code)) });

/** Everything an outcome follows from, in a session opened before rule sets (libs/workflow CouncilVerdict). */
export const LegacyVerdict = Type.Object({
  sessionId: Uuid,
  rules: CouncilRules,
  tally: Type.Object({ eligible: Count, participants: Count, inFavour: Count, against: Count, abstain: Count }),
  checklists: ChecklistCoverage,
  /** The candidate's clearances when voting closed, with the session's rule on them (absent from earlier verdicts). */
  clearances: Type.Optional(Type.Object({ rule: Code(CLEARANCE_RULES), requests: Type.Array(ClearanceStatus) })),
});
export type LegacyVerdict = Static<typeof LegacyVerdict>;

/** A candidate ranked under a session's quota (libs/workflow QuotaStanding). */
export const QuotaStanding = Type.Object({ candidateId: Uuid, inFavour: Count, preferred: Type.Boolean(), order: Type.Integer() });

/** Everything an outcome follows from, in a session judged by the rule set it pinned (libs/workflow SessionVerdict). */
export const RuleSetVerdict = Type.Object({
  sessionId: Uuid,
  ruleSet: CouncilRuleSetSchema,
  tally: Type.Object({
    members: Count,
    present: Count,
    writtenOpinions: Count,
    recused: Count,
    inFavour: Count,
    against: Count,
    abstain: Count,
    chairCastingVote: Nullable(Code(['FOR', 'AGAINST'] as const)),
  }),
  checklists: ChecklistCoverage,
  considersAwards: Type.Boolean(),
  /** The candidate's clearances when voting closed, when some were requested; the rule set's `clearances` judges them. */
  clearances: Type.Optional(Type.Array(ClearanceStatus)),
  candidateId: Type.Optional(Uuid),
  standing: Type.Optional(Type.Array(QuotaStanding)),
});
export type RuleSetVerdict = Static<typeof RuleSetVerdict>;

export const Verdict = Type.Union([LegacyVerdict, RuleSetVerdict]);
export type Verdict = Static<typeof Verdict>;

/** The figures a candidate was judged by under a rule set (for the minutes and the session page). */
export const Figures = Type.Object({ base: Count, needed: Count, inFavour: Count, against: Count, tieBrokenByChair: Type.Boolean() });
export type Figures = Static<typeof Figures>;

/** The rule set a session pinned when it opened. */
export const PinnedRuleSet = Type.Object({
  id: Uuid,
  code: Type.String(),
  version: Type.Integer(),
  name: Type.Object({ vi: Type.String(), en: Type.String() }),
  source: Type.Object({ vi: Type.String(), en: Type.String() }),
  rules: CouncilRuleSetSchema,
  considersAwards: Type.Boolean(),
});
export type PinnedRuleSet = Static<typeof PinnedRuleSet>;

/** An absent member's written opinion: the signed form (its SHA-256) and the choices read from it. */
export const WrittenOpinionView = Type.Object({
  id: Uuid,
  accountId: Uuid,
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Count,
  sha256: Type.String(),
  choices: Dictionary(Code(VOTE_CHOICES)),
  recordedBy: Type.String(),
  recordedAt: Instant,
});
export type WrittenOpinionView = Static<typeof WrittenOpinionView>;

/** Why an outcome is what it is. */
export const Finding = Type.Object({ code: Type.String(), vi: Type.String(), en: Type.String() });
export type Finding = Static<typeof Finding>;

/** The council a session belongs to (null only while no council exists at all). */
export const SessionCouncil = Type.Object({ id: Uuid, name: Type.String(), unitName: Type.String() });

export const SessionSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  year: Type.Integer(),
  status: SessionStatus,
  statusLabel: SessionStatusLabel,
  ballot: Code(BALLOT_KINDS),
  openedAt: Instant,
  votingClosedAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  version: Type.Integer(),
  /** How many candidates the session holds. */
  candidates: Count,
  /** The council whose session it is. */
  council: Nullable(SessionCouncil),
});
export type SessionSummary = Static<typeof SessionSummary>;

export const SessionMember = Type.Object({
  accountId: Uuid,
  displayName: Type.String(),
  unitId: Nullable(Uuid),
  unitName: Nullable(Type.String()),
  /** The position the member held in the council's composition when the session opened. */
  position: Code(CouncilPositionCodes),
  positionLabel: Labels,
  /** Recorded when voting opens; null before. */
  attendance: Nullable(Code(ATTENDANCES)),
});
export type SessionMember = Static<typeof SessionMember>;

export const CriterionMark = Type.Object({
  criterionCode: Type.String(),
  met: Type.Boolean(),
  comment: Type.String(),
  evidenceIds: Type.Array(Uuid),
});
export type CriterionMark = Static<typeof CriterionMark>;

/** A reviewer's checklist, in force or corrected by a later one. */
export const ChecklistView = Type.Object({
  id: Uuid,
  reviewerId: Uuid,
  reviewerName: Type.String(),
  criteriaSetId: Uuid,
  marks: Type.Array(CriterionMark),
  correctsId: Nullable(Uuid),
  correctedById: Nullable(Uuid),
  inForce: Type.Boolean(),
  submittedAt: Instant,
});
export type ChecklistView = Static<typeof ChecklistView>;

/** One candidate in a session, as its reader sees it (secret choices never appear). */
export const ReviewItemView = Type.Object({
  id: Uuid,
  status: Code(REVIEW_ITEM_STATUS_CODES),
  candidate: Type.Object({
    id: Uuid,
    name: Type.String(),
    kind: Code(SubjectKindCodes),
    unitId: Uuid,
    unitName: Type.String(),
    field: Code(FieldCodes),
    state: Code(CANDIDATE_STATE_CODES),
    version: Type.Integer(),
  }),
  criteriaSetId: Uuid,
  criteria: Type.Array(Criterion),
  /** Session members who may neither review nor vote on this candidate. */
  conflicts: Type.Array(Uuid),
  reviewers: Type.Array(Uuid),
  checklists: Type.Array(ChecklistView),
  voted: Type.Array(Uuid),
  votedModes: Dictionary(Code(VOTE_MODES)),
  myVote: Type.Boolean(),
  verdict: Nullable(Verdict),
  outcome: Nullable(Code(COUNCIL_OUTCOME_CODES)),
  quorumMet: Nullable(Type.Boolean()),
  thresholdMet: Nullable(Type.Boolean()),
  /** Under a rule set: the figures the outcome was judged by; null before voting closes or in an older session. */
  figures: Nullable(Figures),
  /** The chair's casting vote on a tie, when recorded. */
  castingVote: Nullable(Code(['FOR', 'AGAINST'] as const)),
  findings: Nullable(Type.Array(Finding)),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  ballot: Code(BALLOT_KINDS),
  /** The clearances (hiệp y) requested for the candidate in this session, with where each stands today. */
  clearances: Type.Array(ClearanceView),
  /** The candidate's holds (NĐ 152 Điều 4.4), open and lifted: while one is open it is not voted on or recognised. */
  holds: Type.Array(HoldView),
  /** One achievement, one recognition: the earlier recognitions it repeats, with their decisions, and the unit head's justification. */
  repeatRecognition: RepeatRecognition,
});
export type ReviewItemView = Static<typeof ReviewItemView>;

export const PublicNoticeView = Type.Object({
  id: Uuid,
  sessionId: Uuid,
  publishedOn: CalendarDate,
  /** The last day of the notice; the final decision may be made from the next day. */
  endsOn: CalendarDate,
  workingDays: Type.Integer(),
  holidays: Type.Array(CalendarDate),
  channels: Type.String(),
  publishedBy: Type.String(),
  publishedAt: Instant,
});
export type PublicNoticeView = Static<typeof PublicNoticeView>;

export const NoticeCommentView = Type.Object({
  id: Uuid,
  itemId: Nullable(Uuid),
  author: Type.String(),
  body: Type.String(),
  receivedOn: CalendarDate,
  recordedBy: Type.String(),
  recordedAt: Instant,
  answerId: Nullable(Uuid),
  answer: Nullable(Type.String()),
  upheld: Nullable(Type.Boolean()),
  answeredBy: Nullable(Type.String()),
  answeredAt: Nullable(Instant),
  /** When the answer was published on the public notice page; null while it is not. */
  answerPublishedAt: Nullable(Instant),
});
export type NoticeCommentView = Static<typeof NoticeCommentView>;

export const SessionDetail = Type.Object({
  id: Uuid,
  /** The full name of each account this view names by login (openedBy, decidedBy, recordedBy, answeredBy). */
  people: Dictionary(Type.String()),
  /** The product's date today (the rehearsal clock's while it is on), so that a screen judges the notice by it. */
  today: CalendarDate,
  title: Type.String(),
  year: Type.Integer(),
  status: SessionStatus,
  statusLabel: SessionStatusLabel,
  version: Type.Integer(),
  ballot: Code(BALLOT_KINDS),
  /** The session's own percentages (how sessions opened before rule sets were judged). */
  rules: CouncilRules,
  /** The rule set pinned when the session opened; null for sessions opened before rule sets. */
  ruleSet: Nullable(PinnedRuleSet),
  writtenOpinions: Type.Array(WrittenOpinionView),
  noticeWorkingDays: Type.Integer(),
  /** The criteria set version pinned when the session opened, per set code. */
  criteriaSetIds: Dictionary(Uuid),
  council: Nullable(SessionCouncil),
  chairName: Type.String(),
  venue: Nullable(Type.String()),
  /** The session's deadlines (optional): checklists due, voting closes. */
  checklistsDueOn: Nullable(CalendarDate),
  votingClosesOn: Nullable(CalendarDate),
  openedBy: Type.String(),
  openedAt: Instant,
  votingOpenedAt: Nullable(Instant),
  votingClosedAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  members: Type.Array(SessionMember),
  items: Type.Array(ReviewItemView),
  notice: Nullable(PublicNoticeView),
  comments: Type.Array(NoticeCommentView),
});
export type SessionDetail = Static<typeof SessionDetail>;

/** One review of a candidate: its item in a session, with the session and the criteria version it was judged against. */
export const CandidateReview = Type.Object({
  ...ReviewItemView.properties,
  session: Type.Object({ id: Uuid, title: Type.String(), year: Type.Integer(), status: SessionStatus }),
  criteriaSet: Type.Object({ id: Uuid, code: Code(CRITERIA_SET_CODES), version: Type.Integer() }),
});
export type CandidateReview = Static<typeof CandidateReview>;

export const CandidateReviews = Type.Object({ candidateId: Uuid, reviews: Type.Array(CandidateReview) });
export type CandidateReviews = Static<typeof CandidateReviews>;

/** A candidate waiting for a council member's checklist or vote. */
export const WaitingWork = Type.Object({ sessionId: Uuid, title: Type.String(), itemId: Uuid, candidateId: Uuid, name: Type.String() });
export const MyCouncilWork = Type.Object({ checklists: Type.Array(WaitingWork), votes: Type.Array(WaitingWork) });
export type MyCouncilWork = Static<typeof MyCouncilWork>;

export const SessionOpened = Type.Object({ id: Uuid });
export const CandidateAdded = Type.Object({ itemId: Uuid });
export const ReviewersAssigned = Type.Object({ assigned: Type.Array(Uuid) });
export const AutomaticAssignment = Type.Object({
  assignments: Type.Array(Type.Object({ itemId: Uuid, reviewerId: Uuid })),
  /** Candidates that could not get the reviewers wanted (too many conflicts of interest). */
  short: Type.Array(Type.Object({ itemId: Uuid, wanted: Count, possible: Count })),
});
export const ChecklistSubmitted = Type.Object({ checklistId: Uuid });

export const VoteCast = Type.Object({
  voteId: Uuid,
  mode: Code(VOTE_MODES),
  /** A secret ballot's receipt, shown once: the urn keeps only its hash. */
  receipt: Type.Optional(Type.String()),
});
export type VoteCast = Static<typeof VoteCast>;

export const ReceiptCheck = Type.Object({ counted: Type.Literal(true), choice: Code(VOTE_CHOICES), ballots: Count, sealed: Type.Boolean() });
export type ReceiptCheck = Static<typeof ReceiptCheck>;

/** The ballots once voting has closed: the urn of a secret ballot (unlinked from the voters), or each open vote. */
export const Ballots = Type.Union([
  Type.Object({
    ballot: Type.Literal('SECRET'),
    voters: Type.Array(Type.Object({ memberId: Uuid, displayName: Type.String(), mode: Code(VOTE_MODES) })),
    ballots: Type.Array(Type.Object({ receiptHash: Type.String(), choice: Code(VOTE_CHOICES) })),
    countsMatch: Type.Boolean(),
  }),
  Type.Object({
    ballot: Type.Literal('OPEN'),
    votes: Type.Array(
      Type.Object({ memberId: Uuid, displayName: Type.String(), mode: Code(VOTE_MODES), choice: Code(VOTE_CHOICES), opinion: Nullable(Type.String()), castAt: Instant }),
    ),
  }),
]);
export type Ballots = Static<typeof Ballots>;

export const VotingClosed = Type.Object({
  results: Type.Array(Type.Object({ itemId: Uuid, candidateId: Uuid, outcome: Code([...COUNCIL_OUTCOME_CODES, 'WITHDRAWN'] as const) })),
});

export const NoticePublished = Type.Object({ noticeId: Uuid, publishedOn: CalendarDate, endsOn: CalendarDate, holidaysInPeriod: Type.Array(CalendarDate) });
export type NoticePublished = Static<typeof NoticePublished>;

export const CommentRecorded = Type.Object({ commentId: Uuid, late: Type.Boolean() });
export const CommentAnswered = Type.Object({ answerId: Uuid });
export const SessionFinalised = Type.Object({ recognised: Type.Array(Uuid), confirmedOn: CalendarDate });
export type SessionFinalised = Static<typeof SessionFinalised>;

export const CRITERIA_SET_ENDPOINTS = {
  'GET /api/criteria-sets': json(Type.Array(CriteriaSetView)),
  'POST /api/criteria-sets/{code}/versions': json(CriteriaSetView, 201),
} satisfies EndpointTable;

export const REVIEW_ENDPOINTS = {
  'GET /api/review-sessions': json(Type.Array(SessionSummary)),
  'POST /api/review-sessions': json(SessionOpened, 201),
  'GET /api/review-sessions/{id}': json(SessionDetail),
  'POST /api/review-sessions/{id}/items': json(CandidateAdded, 201),
  'POST /api/review-sessions/{id}/items/{itemId}/assignments': json(ReviewersAssigned),
  'POST /api/review-sessions/{id}/assignments/automatic': json(AutomaticAssignment),
  'POST /api/review-sessions/{id}/items/{itemId}/checklists': json(ChecklistSubmitted, 201),
  'POST /api/review-sessions/{id}/voting/open': json(SessionDetail),
  'POST /api/review-sessions/{id}/items/{itemId}/votes': json(VoteCast, 201),
  'POST /api/review-sessions/{id}/written-opinions': json(WrittenOpinionView, 201),
  'GET /api/review-sessions/{id}/written-opinions/{opinionId}': file('application/octet-stream'),
  'POST /api/review-sessions/{id}/items/{itemId}/casting-vote': json(SessionDetail, 201),
  'POST /api/review-sessions/{id}/items/{itemId}/ballots/verify': json(ReceiptCheck),
  'GET /api/review-sessions/{id}/items/{itemId}/ballots': json(Ballots),
  'POST /api/review-sessions/{id}/voting/close': json(VotingClosed),
  'POST /api/review-sessions/{id}/items/{itemId}/decision': json(TransitionResult),
  'POST /api/review-sessions/{id}/notice': json(NoticePublished, 201),
  'POST /api/review-sessions/{id}/notice/comments': json(CommentRecorded, 201),
  'POST /api/review-sessions/{id}/notice/comments/{commentId}/answer': json(CommentAnswered, 201),
  'POST /api/review-sessions/{id}/items/{itemId}/drop': json(TransitionResult),
  'POST /api/review-sessions/{id}/finalise': json(SessionFinalised),
  'GET /api/review-sessions/{id}/minutes.pdf': file('application/pdf'),
  'GET /api/candidates/{id}/reviews': json(CandidateReviews),
  'GET /api/council/my-work': json(MyCouncilWork),
} satisfies EndpointTable;
