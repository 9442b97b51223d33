/**
 * Who is acting. Until accounts exist the person is named in the X-Actor header; the accounts feature
 * replaces `resolveActor` with the signed-in session and every controller keeps asking for `@CurrentActor()`.
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from './domain-error.js';

export interface Actor {
  /** Stable identifier recorded in the audit trail. */
  id: string;
}

const ACTOR_PATTERN = /^[\p{L}\p{N}._@ -]{1,100}$/u;

export function resolveActor(request: Request): Actor {
  const raw = request.header('x-actor');
  let id = '';
  try {
    id = raw === undefined ? '' : decodeURIComponent(raw).trim();
  } catch {
    throw new DomainError('ACTOR_REQUIRED');
  }
  if (!id || !ACTOR_PATTERN.test(id)) throw new DomainError('ACTOR_REQUIRED');
  return { id };
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => resolveActor(ctx.switchToHttp().getRequest<Request>()));
