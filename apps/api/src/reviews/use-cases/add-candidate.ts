/**
 * Adds a candidate proposed for review to a preparing session, judged against the session's pinned criteria set
 * for its kind. A candidate is held by one open session at a time, and only by a session of the council of the
 * level that recognises it (its unit's nearest council, or the parent level's for a candidacy proposed upward).
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { CriteriaSetRepository } from '../criteria-set.repository.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges } from '../session-changes.js';
import { CouncilRepository } from '../../councils/council.repository.js';

@Injectable()
export class AddCandidate {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly criteriaSets: CriteriaSetRepository,
    private readonly clock: Clock,
    private readonly councils: CouncilRepository,
  ) {}

  execute(sessionId: string, candidateId: string, actor: Actor): Promise<{ itemId: string }> {
    return this.changes.run(sessionId, 'ADD_CANDIDATE', actor, async (em, session) => {
      const candidate = await this.sessions.candidateToAdd(em, candidateId);
      if (!candidate) throw new DomainError('REFERENCED_CANDIDATE_NOT_FOUND', { field: 'candidateId', candidateId });
      if (candidate.state !== 'underReview') throw new DomainError('CANDIDATE_NOT_PROPOSED', { field: 'candidateId', candidateId, state: candidate.state });
      const reviewing = await this.councils.reviewing(em, candidateId);
      const sessionCouncil = await this.councils.ofSession(em, sessionId);
      if (reviewing && sessionCouncil && reviewing.id !== sessionCouncil.id) {
        throw new DomainError('CANDIDATE_OF_ANOTHER_COUNCIL', { field: 'candidateId', candidateId, councilId: reviewing.id, councilName: reviewing.name });
      }
      const holding = await this.sessions.sessionHolding(em, candidateId);
      if (holding) throw new DomainError('CANDIDATE_ALREADY_IN_SESSION', { field: 'candidateId', candidateId, sessionId: holding });
      const setId = await this.criteriaSets.pinnedFor(em, Object.values(session.criteriaSetIds), candidate.kind);
      if (!setId) throw new DomainError('CRITERIA_SET_NOT_FOUND', { kind: candidate.kind });
      const now = this.clock.now();
      const item = {
        id: randomUUID(),
        sessionId,
        candidateId,
        criteriaSetId: setId,
        status: 'PENDING' as const,
        verdict: null,
        outcome: null,
        findings: null,
        addedBy: actor.username,
        addedAt: now,
        decidedBy: null,
        decidedAt: null,
        closedAt: null,
      };
      await this.sessions.insertItem(em, item);
      await this.changes.record(em, sessionId, 'CANDIDATE_ADDED', { itemId: item.id, candidateId, criteriaSetId: setId }, actor, now, candidateId);
      return { itemId: item.id };
    });
  }
}
