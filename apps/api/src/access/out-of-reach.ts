import { DomainError } from '../common/domain-error.js';

/**
 * A candidate outside the actor's reach, found under a transition's row lock: it answers exactly as a missing one
 * (404), so that its existence does not leak; `CandidateAccess.sendingWithinReach` records the refusal.
 */
export class OutOfReach extends DomainError {
  constructor(readonly candidateId: string) {
    super('CANDIDATE_NOT_FOUND', { candidateId });
  }
}
