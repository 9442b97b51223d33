/** One class per operation on a review session or a criteria set, each named with the council's verb. */
import { AddCandidate } from './add-candidate.js';
import { AnswerComment } from './answer-comment.js';
import { AssignAutomatically } from './assign-automatically.js';
import { AssignReviewers } from './assign-reviewers.js';
import { CastVote } from './cast-vote.js';
import { CloseVoting } from './close-voting.js';
import { ConfirmDecision } from './confirm-decision.js';
import { DrawUpMinutes } from './draw-up-minutes.js';
import { DropOnObjection } from './drop-on-objection.js';
import { Finalise } from './finalise.js';
import { OpenSession } from './open-session.js';
import { OpenVoting } from './open-voting.js';
import { PublishCriteriaSet } from './publish-criteria-set.js';
import { PublishNotice } from './publish-notice.js';
import { RecordCastingVote } from './record-casting-vote.js';
import { RecordComment } from './record-comment.js';
import { RecordWrittenOpinion } from './record-written-opinion.js';
import { SubmitChecklist } from './submit-checklist.js';
import { VerifyReceipt } from './verify-receipt.js';

export {
  AddCandidate,
  AnswerComment,
  AssignAutomatically,
  AssignReviewers,
  CastVote,
  CloseVoting,
  ConfirmDecision,
  DrawUpMinutes,
  DropOnObjection,
  Finalise,
  OpenSession,
  OpenVoting,
  PublishCriteriaSet,
  PublishNotice,
  RecordCastingVote,
  RecordComment,
  RecordWrittenOpinion,
  SubmitChecklist,
  VerifyReceipt,
};

/** In the order of a session's life. */
export const REVIEW_USE_CASES = [
  PublishCriteriaSet,
  OpenSession,
  AddCandidate,
  AssignReviewers,
  AssignAutomatically,
  SubmitChecklist,
  OpenVoting,
  CastVote,
  RecordWrittenOpinion,
  VerifyReceipt,
  CloseVoting,
  RecordCastingVote,
  ConfirmDecision,
  DrawUpMinutes,
  PublishNotice,
  RecordComment,
  AnswerComment,
  DropOnObjection,
  Finalise,
];
