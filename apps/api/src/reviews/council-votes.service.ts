/**
 * What council members do in a session: submit their checklist for the candidates assigned to them, and vote.
 *
 * Checklists are locked once submitted; a correction is a new row naming the one it corrects.
 *
 * Votes: one per member per candidate (a unique index, and the item row lock taken first). In an open ballot the
 * vote row holds the choice. In a secret ballot it holds only *that* the member voted; the choice goes into the
 * candidate's urn (ballot_box) at a random position, with the hash of a receipt given to the member and nothing
 * else — no voter, no time, no sequence — so the ballot cannot be joined to the voter, by auditors or anyone
 * reading the database. The audit records the participation, never the secret choice.
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { inConflict } from './conflict-of-interest.js';
import { CouncilVote, ReviewChecklist, type CriterionMark, type SealedBallot } from './review.entities.js';
import { ReviewSessions } from './review-sessions.service.js';
import { appendSessionAudit, findItem, lockSession, readSession, requireItemStatus, requireStatus } from './session-records.js';

export type VoteChoice = SealedBallot['choice'];

export const receiptHash = (receipt: string) => createHash('sha256').update(receipt.trim(), 'utf8').digest('hex');

@Injectable()
export class CouncilVotes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly sessions: ReviewSessions,
    private readonly clock: Clock,
  ) {}

  async submitChecklist(sessionId: string, itemId: string, command: { marks: (Omit<CriterionMark, 'evidenceIds'> & { evidenceIds?: string[] })[]; correctsId?: string }, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['PREPARING', 'VOTING'], 'nộp phiếu đánh giá');
      const item = await findItem(em, sessionId, itemId, true);
      requireItemStatus(item, ['PENDING']);
      const facts = await this.sessions.itemFacts(em, item);
      const member = (await this.sessions.members(em, sessionId)).find((m) => m.accountId === actor.accountId);
      if (!member) throw new DomainError('NOT_A_SESSION_MEMBER', { accountId: actor.accountId });
      if (inConflict(member.unitPath, facts.candidate.unitPath)) throw this.sessions.conflict(member, facts.candidate);
      if (!(await this.sessions.assignedReviewers(em, itemId)).includes(actor.accountId)) throw new DomainError('NOT_ASSIGNED_REVIEWER', { itemId });

      // Every criterion of the pinned set, each exactly once, and nothing else.
      const expected = facts.criteria.map((c) => c.code);
      const given = command.marks.map((m) => m.criterionCode);
      const unknown = given.filter((c) => !expected.includes(c));
      const repeated = given.filter((c, i) => given.indexOf(c) !== i);
      const missing = expected.filter((c) => !given.includes(c));
      if (unknown.length + repeated.length + missing.length > 0) {
        throw new DomainError('CHECKLIST_CRITERIA_MISMATCH', { field: 'marks', missing, unknown, repeated: [...new Set(repeated)], expected });
      }
      const evidenceIds = [...new Set(command.marks.flatMap((m) => m.evidenceIds ?? []))];
      if (evidenceIds.length > 0) {
        const found = (await em.query('SELECT id FROM evidence_file WHERE id = ANY($1::uuid[]) AND candidate_id = $2', [evidenceIds, item.candidateId])) as { id: string }[];
        const foreign = evidenceIds.filter((id) => !found.some((f) => f.id === id));
        if (foreign.length > 0) throw new DomainError('REFERENCED_EVIDENCE_NOT_FOUND', { field: 'marks.evidenceIds', evidenceIds: foreign });
      }

      const mine = (await this.sessions.checklistsInForce(em, itemId)).find((k) => k.reviewerId === actor.accountId);
      if (!command.correctsId && mine) throw new DomainError('CHECKLIST_ALREADY_SUBMITTED', { checklistId: mine.id });
      if (command.correctsId && command.correctsId !== mine?.id) {
        throw new DomainError('CHECKLIST_CORRECTION_STALE', { field: 'correctsId', correctsId: command.correctsId, currentId: mine?.id ?? null });
      }
      const now = this.clock.now();
      const checklist = {
        id: randomUUID(),
        itemId,
        reviewerId: actor.accountId,
        criteriaSetId: item.criteriaSetId,
        marks: command.marks.map((m) => ({ criterionCode: m.criterionCode, met: m.met, comment: m.comment, evidenceIds: m.evidenceIds ?? [] })),
        correctsId: command.correctsId ?? null,
        submittedAt: now,
      };
      await em.insert(ReviewChecklist, checklist);
      await appendSessionAudit(this.audit, em, sessionId, command.correctsId ? 'CHECKLIST_CORRECTED' : 'CHECKLIST_SUBMITTED', {
        itemId,
        checklistId: checklist.id,
        correctsId: checklist.correctsId,
        criteriaSetId: item.criteriaSetId,
        marks: checklist.marks,
      }, actor, now, item.candidateId);
      return { checklistId: checklist.id };
    });
  }

  /** Casts the member's vote. Returns the receipt of a secret ballot (shown once; only its hash is kept). */
  async cast(sessionId: string, itemId: string, command: { choice: VoteChoice; opinion?: string }, actor: Actor): Promise<{ voteId: string; mode: CouncilVote['mode']; receipt?: string }> {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['VOTING'], 'biểu quyết');
      const item = await findItem(em, sessionId, itemId, true);
      requireItemStatus(item, ['PENDING']);
      const facts = await this.sessions.itemFacts(em, item);
      if (facts.candidate.state !== 'underReview') throw new DomainError('CANDIDATE_NOT_PROPOSED', { candidateId: item.candidateId, state: facts.candidate.state });
      const member = (await this.sessions.members(em, sessionId)).find((m) => m.accountId === actor.accountId);
      if (!member) throw new DomainError('NOT_A_SESSION_MEMBER', { accountId: actor.accountId });
      if (inConflict(member.unitPath, facts.candidate.unitPath)) throw this.sessions.conflict(member, facts.candidate);
      const [already] = await em.query('SELECT 1 FROM council_vote WHERE item_id = $1 AND member_id = $2', [itemId, actor.accountId]);
      if (already) throw new DomainError('ALREADY_VOTED', { itemId });
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
      await em.insert(CouncilVote, vote);
      let receipt: string | undefined;
      if (session.ballot === 'SECRET') {
        receipt = randomBytes(15).toString('base64url');
        const [box] = (await em.query('SELECT ballots FROM ballot_box WHERE item_id = $1 FOR UPDATE', [itemId])) as { ballots: SealedBallot[] }[];
        const ballots = [...(box?.ballots ?? [])];
        ballots.splice(randomInt(0, ballots.length + 1), 0, { receiptHash: receiptHash(receipt), choice: command.choice });
        await em.query('UPDATE ballot_box SET ballots = $2 WHERE item_id = $1', [itemId, JSON.stringify(ballots)]);
      }
      await appendSessionAudit(this.audit, em, sessionId, 'VOTE_CAST', {
        itemId,
        mode,
        ...(session.ballot === 'OPEN' ? { choice: command.choice, opinion: command.opinion ?? null } : { secret: true }),
      }, actor, now, item.candidateId);
      return { voteId: vote.id, mode, ...(receipt ? { receipt } : {}) };
    });
  }

  /** Whether a secret ballot with this receipt is in the urn, and its choice (only the receipt's holder knows it). */
  async verifyReceipt(sessionId: string, itemId: string, receipt: string) {
    const item = await findItem(this.dataSource.manager, sessionId, itemId);
    const [box] = (await this.dataSource.query('SELECT ballots, sealed_at AS "sealedAt" FROM ballot_box WHERE item_id = $1', [item.id])) as { ballots: SealedBallot[]; sealedAt: Date | null }[];
    if (!box) throw new DomainError('NOT_A_SECRET_BALLOT', { itemId });
    const hash = receiptHash(receipt);
    const found = box.ballots.find((b) => b.receiptHash === hash);
    if (!found) throw new DomainError('RECEIPT_NOT_FOUND', { itemId });
    return { counted: true, choice: found.choice, ballots: box.ballots.length, sealed: box.sealedAt !== null };
  }

  /**
   * The ballots of a candidate once voting has closed: for a secret ballot the urn (receipt hashes and choices, in
   * the urn's shuffled order) with the number of members recorded as having voted; for an open ballot each vote.
   */
  async ballots(sessionId: string, itemId: string) {
    const em = this.dataSource.manager;
    const session = await readSession(em, sessionId);
    const item = await findItem(em, sessionId, itemId);
    if (session.status === 'PREPARING' || session.status === 'VOTING') {
      throw new DomainError('SESSION_STAGE_FORBIDS', { status: session.status, allowed: ['VOTING_CLOSED', 'NOTICE', 'CLOSED'], action: 'xem phiếu' });
    }
    const votes = (await em.query(
      `SELECT v.member_id AS "memberId", a.display_name AS "displayName", v.mode, v.choice, v.opinion, v.cast_at AS "castAt"
         FROM council_vote v JOIN account a ON a.id = v.member_id WHERE v.item_id = $1 ORDER BY a.display_name, v.member_id`,
      [item.id],
    )) as { memberId: string; displayName: string; mode: string; choice: string | null; opinion: string | null; castAt: Date }[];
    if (session.ballot === 'SECRET') {
      const [box] = (await em.query('SELECT ballots FROM ballot_box WHERE item_id = $1', [item.id])) as { ballots: SealedBallot[] }[];
      return {
        ballot: 'SECRET' as const,
        voters: votes.map((v) => ({ memberId: v.memberId, displayName: v.displayName, mode: v.mode })),
        ballots: box?.ballots ?? [],
        countsMatch: (box?.ballots.length ?? 0) === votes.length,
      };
    }
    return { ballot: 'OPEN' as const, votes: votes.map((v) => ({ ...v, castAt: new Date(v.castAt).toISOString() })) };
  }
}
