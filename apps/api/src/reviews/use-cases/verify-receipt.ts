/**
 * A member checks with their receipt that their secret ballot is in the urn, and with which choice (only the
 * receipt's holder can ask). Reads only: no lock, no audit record.
 */
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error.js';
import { BallotRepository } from '../ballot.repository.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges } from '../session-changes.js';
import { receiptHash, type VoteChoice } from './cast-vote.js';

@Injectable()
export class VerifyReceipt {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly ballots: BallotRepository,
  ) {}

  async execute(sessionId: string, itemId: string, receipt: string): Promise<{ counted: true; choice: VoteChoice; ballots: number; sealed: boolean }> {
    const em = this.sessions.reader;
    const item = await this.changes.item(em, sessionId, itemId);
    const box = await this.ballots.urn(em, item.id);
    if (!box) throw new DomainError('NOT_A_SECRET_BALLOT', { itemId });
    const hash = receiptHash(receipt);
    const found = box.ballots.find((b) => b.receiptHash === hash);
    if (!found) throw new DomainError('RECEIPT_NOT_FOUND', { itemId });
    return { counted: true, choice: found.choice, ballots: box.ballots.length, sealed: box.sealedAt !== null };
  }
}
