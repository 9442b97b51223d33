/**
 * The one place where failures become HTTP responses.
 * Domain errors use the code table; known infrastructure failures map to 4xx/503; anything else is a 500
 * with a correlation id, logged with its stack, and never shown to the client.
 */
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DomainError } from './domain-error.js';
import { ERROR_CODES, type ErrorCode } from './error-codes.js';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  messageEn: string;
  correlationId: string;
  [detail: string]: unknown;
}

/** PostgreSQL error classes that mean "try again", not "the server is broken". */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01', '23505', '55P03']);
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '57014', '25P03']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM releases a transaction's connection when the server ends it (e.g. a restart); the next statement
  // of that transaction then fails with these rather than with the connection's own error.
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  // Class 08: every connection exception (08000, 08001, 08003, 08004, 08006, 08P01…).
  if (code && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e?.message ?? '');
}

export function classify(error: unknown): { code: ErrorCode; details: Record<string, unknown>; wording?: { vi: string; en: string } } {
  if (error instanceof DomainError) return { code: error.code, details: error.details, wording: error.wording };
  if (error instanceof QueryFailedError) {
    const sqlstate = (error.driverError as { code?: string } | undefined)?.code;
    if (sqlstate && RETRYABLE_SQLSTATES.has(sqlstate)) return { code: 'CONCURRENT_CHANGE', details: {} };
    // A character PostgreSQL text cannot hold (NUL, \u0000) anywhere in a value the request sent.
    if (sqlstate === '22021' || sqlstate === '22P05') return { code: 'UNSUPPORTED_CHARACTER', details: {} };
  }
  if (isDatabaseUnavailable(error)) return { code: 'DATABASE_UNAVAILABLE', details: {} };
  // Express's body parser reports its failures with a `type`; Nest wraps them in an HttpException's cause.
  const bodyParserType = ((error as { cause?: { type?: string } })?.cause ?? (error as { type?: string }))?.type;
  if (bodyParserType === 'entity.too.large') return { code: 'PAYLOAD_TOO_LARGE', details: {} };
  if (bodyParserType === 'entity.parse.failed') return { code: 'MALFORMED_JSON', details: {} };
  if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') return { code: 'UNSUPPORTED_ENCODING', details: {} };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse() as { message?: unknown };
    if (status === 404) return { code: 'NOT_FOUND', details: {} };
    // Multer's limit (Nest turns it into a 413 'File too large') is about the evidence file, not the body.
    if (status === 413 && /file too large/i.test(error.message)) return { code: 'EVIDENCE_TOO_LARGE', details: { field: 'file' } };
    if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', details: {} };
    if (status === 400 && /JSON/i.test(String(response?.message ?? error.message))) return { code: 'MALFORMED_JSON', details: {} };
    if (status === 400) return { code: 'VALIDATION_FAILED', details: {} };
    if (status === 403) return { code: 'FORBIDDEN', details: {} };
    if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', details: {} };
    if (status >= 400 && status < 500) return { code: 'REQUEST_REFUSED', details: {} };
  }
  return { code: 'INTERNAL', details: {} };
}

export function errorBody(error: unknown, correlationId: string): ErrorBody {
  const { code, details, wording } = classify(error);
  const entry = ERROR_CODES[code];
  // Details first: they may add facts but never replace the status, code, words or correlation id.
  return {
    ...details,
    statusCode: entry.status,
    code,
    message: wording?.vi ?? entry.vi,
    messageEn: wording?.en ?? entry.en,
    correlationId,
  };
}

@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const correlationId = String(request?.id ?? randomUUID());
    const body = errorBody(error, correlationId);
    if (body.statusCode >= 500) {
      this.logger.error({ err: error, correlationId, method: request?.method, url: request?.originalUrl }, `${body.code} ${correlationId}`);
    }
    if (response.headersSent) return;
    if (body.code === 'DATABASE_UNAVAILABLE') response.setHeader('Retry-After', '5');
    if (typeof body.retryAfterSeconds === 'number') response.setHeader('Retry-After', String(body.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }
}
