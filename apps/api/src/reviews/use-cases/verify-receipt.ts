/**
 * A member checks with their receipt that their secret ballot is in the urn, and with which choice (only the
 * receipt's holder can ask). Reads only: no lock, no audit record. A receipt whose check symbol does not match (or
 * that is neither format) is refused as probably mistyped, before the urn is read: "not found" is kept for a
 * well-formed receipt that is not in this candidate's urn.
 */
import { Injectable } from '@nestjs/common';
import { readReceipt } from '#domain';
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
    const reading = readReceipt(receipt);
    if (reading.kind === 'mistyped') throw new DomainError('RECEIPT_MISTYPED', { field: 'receipt', reason: reading.reason });
    const hash = receiptHash(reading.canonical);
    const found = box.ballots.find((b) => b.receiptHash === hash);
    if (!found) throw new DomainError('RECEIPT_NOT_FOUND', { itemId });
    return { counted: true, choice: found.choice, ballots: box.ballots.length, sealed: box.sealedAt !== null };
  }
}
