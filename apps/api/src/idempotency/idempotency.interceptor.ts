/**
 * Idempotency keys on every state-changing request (POST, PUT, PATCH, DELETE under /api), after the IETF draft
 * "The Idempotency-Key HTTP Header Field" and Stripe's practice:
 * - no key: the request runs as it always has;
 * - a key seen for the first time (per account): the request runs, its response is kept and replayed to any
 *   retry with the same key and the same request (status and body, with `Idempotent-Replayed: true`);
 * - the same key with another request: 422 IDEMPOTENCY_KEY_REUSED; while the first is still running: 409
 *   IDEMPOTENCY_KEY_IN_PROGRESS with Retry-After;
 * - a request whose change committed but whose response was lost (the process stopped in between): 409
 *   IDEMPOTENCY_KEY_ALREADY_APPLIED, never a second change (see idempotency-scope.ts for how the commit and the
 *   key's mark are made atomic).
 * Responses that say the request as sent cannot be processed (400, 413, 415) and server errors (5xx) are not
 * kept unless the change had committed: the same key can be retried. Routes without a signed-in account
 * (sign-in) have no account to scope a key to and ignore it.
 *
 * Runs as a global interceptor, hence after the access guard (the account is known and the CSRF token checked)
 * and before route interceptors such as the upload parser.
 */
import { Injectable, Logger, StreamableFile, type CallHandler, type ExecutionContext, type NestInterceptor, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import type { RequestWithActor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { errorBody } from '../common/exception.filter.js';
import { AppConfig } from '../config/app-config.js';
import { idempotencyScope, type IdempotencyClaim } from './idempotency-scope.js';
import { IdempotencyStore, type FinishMode, type StoredResponse } from './idempotency.store.js';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey, requestFingerprint } from './request-fingerprint.js';

export const REPLAYED_HEADER = 'Idempotent-Replayed';
export const STATE_CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Above the largest evidence file: multipart overhead and the form's small fields. */
const MULTIPART_SLACK_BYTES = 1024 * 1024;

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private readonly pendingReleases = new Set<NodeJS.Timeout>();

  constructor(
    private readonly store: IdempotencyStore,
    private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    const res = context.switchToHttp().getResponse<Response>();
    const raw = req.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    if (raw === undefined || !STATE_CHANGING_METHODS.has(req.method) || !req.actor) return next.handle();

    const key = parseIdempotencyKey(raw);
    const fingerprint = await requestFingerprint(req, req.actor.accountId, this.config.EVIDENCE_MAX_BYTES + MULTIPART_SLACK_BYTES);
    const outcome = await this.store.claim({ accountId: req.actor.accountId, key, fingerprint, method: req.method, path: req.originalUrl });
    switch (outcome.kind) {
      case 'replay':
        return of(this.replay(res, outcome.response));
      case 'mismatch':
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', { idempotencyKey: key });
      case 'in-progress':
        throw new DomainError('IDEMPOTENCY_KEY_IN_PROGRESS', { idempotencyKey: key, retryAfterSeconds: outcome.retryAfterSeconds });
      case 'applied-response-lost':
        throw new DomainError('IDEMPOTENCY_KEY_ALREADY_APPLIED', { idempotencyKey: key });
      case 'claimed':
        return this.carryOut(outcome.claim, req, res, next);
    }
  }

  private carryOut(claim: IdempotencyClaim, req: RequestWithActor, res: Response, next: CallHandler): Observable<unknown> {
    return new Observable((subscriber) => {
      // The handler (and every transaction it commits) runs inside the claim's scope.
      const subscription = idempotencyScope.run(claim, () =>
        next
          .handle()
          .pipe(
            mergeMap((result) => from(this.finish(claim, 'store', { status: res.statusCode, ...encode(result) }).then(() => result))),
            catchError((error: unknown) => {
              const body = errorBody(error, String(req.id ?? ''));
              const mode: FinishMode = body.statusCode >= 500 ? 'server-error' : [400, 413, 415].includes(body.statusCode) ? 'request-error' : 'store';
              return from(this.finish(claim, mode, { status: body.statusCode, contentType: 'json', body: JSON.stringify(body) })).pipe(mergeMap(() => throwError(() => error)));
            }),
          )
          .subscribe(subscriber),
      );
      return () => subscription.unsubscribe();
    });
  }

  /**
   * Never fails the request: when the response cannot be stored (the database went away right after the
   * change committed), the client still gets its answer, and a retry learns the request was applied.
   * A key that could not be released is released later, so that its retry need not wait for the lease.
   */
  private async finish(claim: IdempotencyClaim, mode: FinishMode, response: StoredResponse): Promise<void> {
    try {
      await idempotencyScope.exit(() => this.store.finish(claim, mode, response));
    } catch (error) {
      this.logger.warn({ err: error, key: claim.key }, 'Could not record the outcome of an idempotent request');
      if (mode !== 'store') this.releaseLater(claim, mode, response, 1);
    }
  }

  private releaseLater(claim: IdempotencyClaim, mode: FinishMode, response: StoredResponse, attempt: number): void {
    if (attempt * 1000 > this.config.IDEMPOTENCY_LEASE_SECONDS * 1000) return; // the lease has run out by now anyway
    const timer = idempotencyScope.exit(() =>
      setTimeout(() => {
        this.pendingReleases.delete(timer);
        this.store.finish(claim, mode, response).catch(() => this.releaseLater(claim, mode, response, attempt + 1));
      }, 1000),
    );
    timer.unref();
    this.pendingReleases.add(timer);
  }

  onModuleDestroy(): void {
    for (const timer of this.pendingReleases) clearTimeout(timer);
    this.pendingReleases.clear();
  }

  private replay(res: Response, stored: StoredResponse): unknown {
    res.status(stored.status);
    res.setHeader(REPLAYED_HEADER, 'true');
    if (stored.body === null) return undefined;
    if (stored.contentType === 'text') return stored.body;
    const body = JSON.parse(stored.body) as { retryAfterSeconds?: unknown };
    if (typeof body?.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(body.retryAfterSeconds));
    return body;
  }
}

/** The body as Nest will send it: objects as JSON, other values as text, nothing as an empty body. */
function encode(result: unknown): Pick<StoredResponse, 'contentType' | 'body'> {
  if (result === undefined || result === null) return { contentType: null, body: null };
  if (Buffer.isBuffer(result) || result instanceof Readable || result instanceof StreamableFile) return { contentType: null, body: null };
  if (typeof result === 'object') return { contentType: 'json', body: JSON.stringify(result) };
  return { contentType: 'text', body: String(result) };
}
