/**
 * The one way a review session changes. In one transaction: lock the session row (which serialises the session's
 * writers and guards its audit chain), ask the lifecycle (libs/workflow) whether the session's stage allows the
 * operation, let the use case do its work, and append its audit record to the session's stream before the commit.
 * A stage that refuses is refused here and only here, with SESSION_STAGE_FORBIDS naming the stages that would allow it.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sessionStageRefusal, sessionStatusAfter, type ReviewItemStatus, type ReviewSessionOperation } from '#workflow';
import { AuditWriter } from '../audit/audit.writer.js';
import { reviewSessionStream } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { CouncilRepository } from '../councils/council.repository.js';
import type { ReviewSession } from './review.entities.js';
import { ReviewSessionRepository, type ReviewItemRow } from './review-session.repository.js';

/** Refuses an operation the session's stage does not allow, naming the stage and the stages that would. */
export function requireStage(session: Pick<ReviewSession, 'status'>, operation: ReviewSessionOperation): void {
  const refusal = sessionStageRefusal(session.status, operation);
  if (refusal) {
    throw new DomainError('SESSION_STAGE_FORBIDS', { status: refusal.status, allowed: refusal.allowed, action: refusal.action }, { vi: refusal.vi, en: refusal.en });
  }
}

/** Refuses a change to a candidate whose review is past the step that allows it. */
export function requireItemStatus(item: ReviewItemRow, allowed: readonly ReviewItemStatus[]): void {
  if (!allowed.includes(item.status)) throw new DomainError('REVIEW_ITEM_STAGE_FORBIDS', { itemId: item.id, status: item.status, allowed });
}

@Injectable()
export class SessionChanges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ReviewSessionRepository,
    private readonly audit: AuditWriter,
    private readonly councils: CouncilRepository,
  ) {}

  /**
   * Runs one change to a session: locked, its council's secretariat asked for (a commune's secretariat does not
   * change the province's session), its stage asked, all in one transaction.
   */
  run<T>(sessionId: string, operation: ReviewSessionOperation, actor: Pick<Actor, 'role' | 'accountId'>, work: (em: EntityManager, session: ReviewSession) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      const session = await this.sessions.lock(em, sessionId);
      if (!session) throw new DomainError('REVIEW_SESSION_NOT_FOUND', { sessionId });
      await this.councils.requireSecretariatOf(em, sessionId, actor);
      requireStage(session, operation);
      return work(em, session);
    });
  }

  /** A session to read (no lock): the views, the ballots, the minutes. */
  async read(em: EntityManager, sessionId: string): Promise<ReviewSession> {
    const session = await this.sessions.find(em, sessionId);
    if (!session) throw new DomainError('REVIEW_SESSION_NOT_FOUND', { sessionId });
    return session;
  }

  /** One candidate of the session, locked when it is about to change. */
  async item(em: EntityManager, sessionId: string, itemId: string, lock = false): Promise<ReviewItemRow> {
    const item = await this.sessions.item(em, sessionId, itemId, lock);
    if (!item) throw new DomainError('REVIEW_ITEM_NOT_FOUND', { sessionId, itemId });
    return item;
  }

  /**
   * Records that the operation moved the session on: the stage the lifecycle leads to, the dates given, version + 1.
   * Called inside run(), where the stage was already found to allow the operation.
   */
  async moveOn(
    em: EntityManager,
    session: ReviewSession,
    operation: ReviewSessionOperation,
    dates: Partial<Pick<ReviewSession, 'votingOpenedAt' | 'votingClosedAt' | 'closedAt'>>,
    now: Date,
  ): Promise<void> {
    const status = sessionStatusAfter(session.status, operation);
    if (!status) requireStage(session, operation);
    await this.sessions.update(em, session, { ...dates, status: status! }, now);
  }

  /** Appends the change's record to the session's audit stream (and names the candidate it concerns, if one). */
  async record(
    em: EntityManager,
    sessionId: string,
    eventType: string,
    payload: Record<string, unknown>,
    actor: Actor,
    now: Date,
    candidateId: string | null = null,
  ): Promise<void> {
    await this.audit.append(em, { stream: reviewSessionStream(sessionId), candidateId, eventType, payload: { sessionId, ...payload }, actor: actor.username, occurredAt: now });
  }
}
