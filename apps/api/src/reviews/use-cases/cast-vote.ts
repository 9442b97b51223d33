/**
 * A council member votes on a candidate (biểu quyết): once, unless in conflict of interest.
 *
 * In an open ballot the vote row holds the choice. In a secret ballot it holds only *that* the member voted; the
 * choice goes into the candidate's urn at a random position, with the hash of a receipt given to the member and
 * nothing else — no voter, no time, no sequence — so the ballot cannot be joined to the voter, by auditors or
 * anyone reading the database. The audit records the participation, never the secret choice.
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { RECEIPT_RANDOM_SYMBOLS, formatReceipt } from '#domain';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { BallotRepository } from '../ballot.repository.js';
import { conflictOfInterest, inConflict } from '../conflict-of-interest.js';
import { CouncilAttendanceRepository } from '../council-attendance.repository.js';
import type { CouncilVote, SealedBallot } from '../review.entities.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges, requireItemStatus } from '../session-changes.js';

export type VoteChoice = SealedBallot['choice'];

/**
 * What the urn keeps of a receipt: the hash of the receipt as issued (grouped Crockford base32, or a first-format
 * receipt as it was given), so that receipts issued before the current format keep verifying.
 */
export const receiptHash = (receipt: string) => createHash('sha256').update(receipt.trim(), 'utf8').digest('hex');

@Injectable()
export class CastVote {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly ballots: BallotRepository,
    private readonly attendance: CouncilAttendanceRepository,
    private readonly clock: Clock,
  ) {}

  /** Returns the receipt of a secret ballot (shown once; only its hash is kept). */
  execute(sessionId: string, itemId: string, command: { choice: VoteChoice; opinion?: string }, actor: Actor): Promise<{ voteId: string; mode: CouncilVote['mode']; receipt?: string }> {
    return this.changes.run(sessionId, 'CAST_VOTE', actor, async (em, session) => {
      const item = await this.changes.item(em, sessionId, itemId, true);
      requireItemStatus(item, ['PENDING']);
      const facts = await this.sessions.itemFacts(em, item);
      if (facts.candidate.state !== 'underReview') throw new DomainError('CANDIDATE_NOT_PROPOSED', { candidateId: item.candidateId, state: facts.candidate.state });
      // NĐ 152/2025 Điều 4.4: no vote on a candidate while a hold is open (the item view shows its grounds).
      if (facts.candidate.openHolds > 0) throw new DomainError('CANDIDATE_ON_HOLD', { candidateId: item.candidateId, openHolds: facts.candidate.openHolds });
      const member = (await this.sessions.members(em, sessionId)).find((m) => m.accountId === actor.accountId);
      if (!member) throw new DomainError('NOT_A_SESSION_MEMBER', { accountId: actor.accountId });
      if (inConflict(member.unitPath, facts.candidate.unitPath)) throw conflictOfInterest(member, facts.candidate);
      if (await this.ballots.hasVoted(em, itemId, actor.accountId)) throw new DomainError('ALREADY_VOTED', { itemId });
      // Under a rule set only members present vote here: a written opinion is the signed form the secretariat records.
      if ((await this.attendance.pinned(em, sessionId)) && member.attendance !== 'PRESENT') {
        throw new DomainError(member.attendance === 'WRITTEN_OPINION' ? 'VOTE_BY_WRITTEN_OPINION' : 'MEMBER_ABSENT', { attendance: member.attendance });
      }
      if (session.ballot === 'SECRET' && command.opinion) {
        throw new DomainError('OPINION_NOT_IN_SECRET_BALLOT', { field: 'opinion' });
      }
      // Members at the meeting vote in person; an absent member's vote is their written opinion.
      const mode: CouncilVote['mode'] = member.attendance === 'PRESENT' ? 'IN_PERSON' : 'WRITTEN_OPINION';
      const now = this.clock.now();
      const vote = {
        id: randomUUID(),
        itemId,
        memberId: actor.accountId,
        mode,
        choice: session.ballot === 'OPEN' ? command.choice : null,
        opinion: session.ballot === 'OPEN' ? (command.opinion ?? null) : null,
        castAt: now,
      };
      await this.ballots.insertVote(em, vote);
      let receipt: string | undefined;
      if (session.ballot === 'SECRET') {
        receipt = formatReceipt(Array.from({ length: RECEIPT_RANDOM_SYMBOLS }, () => randomInt(0, 32)));
        const ballots = [...((await this.ballots.lockUrn(em, itemId)) ?? [])];
        ballots.splice(randomInt(0, ballots.length + 1), 0, { receiptHash: receiptHash(receipt), choice: command.choice });
        await this.ballots.storeUrn(em, itemId, ballots);
      }
      await this.changes.record(em, sessionId, 'VOTE_CAST', {
        itemId,
        mode,
        ...(session.ballot === 'OPEN' ? { choice: command.choice, opinion: command.opinion ?? null } : { secret: true }),
      }, actor, now, item.candidateId);
      return { voteId: vote.id, mode, ...(receipt ? { receipt } : {}) };
    });
  }
}
