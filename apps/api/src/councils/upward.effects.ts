/**
 * The effect of PROPOSE_UPWARD (the statechart's recordUpwardProposal): the upward proposal row, written in the
 * event's transaction and attested by its audit record. The candidacy at the parent level it names exists already
 * (created in the same transaction by the use case, upward-proposals.service.ts).
 */
import type { Effect } from '../transitions/effects.js';

export const recordUpwardProposal: Effect<'recordUpwardProposal'> = async ({ em, candidate, event, actor, now }) => {
  await em.query(
    `INSERT INTO upward_proposal (id, lower_candidate_id, upper_candidate_id, from_council_id, to_council_id, lower_session_id, lower_decision_id, reasons, proposed_by, proposed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [event.proposalId, candidate.id, event.upperCandidateId, event.fromCouncilId, event.toCouncilId, event.lowerSessionId, event.lowerDecisionId ?? null, event.reasons, actor.username, now],
  );
  return { proposalId: event.proposalId };
};
