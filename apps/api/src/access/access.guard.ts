/**
 * The global guard: every route needs a sign-in session and a role that `@Allow` names, unless it is `@Public`.
 * Changes made with the session cookie must carry the session's CSRF token. Refusals are audited.
 */
import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '#domain';
import type { RequestWithActor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './decorators.js';
import { AccessRefusals } from './access-refusals.js';
import { SignInSessions } from '../accounts/sign-in-sessions.service.js';
import { clientAddress, userAgent } from '../accounts/client.js';

export const SESSION_COOKIE = 'dth_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SignInSessions,
    private readonly refusals: AccessRefusals,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    const { actor, csrfHash } = await this.sessions.resolve((req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]);
    req.actor = { ...actor, origin: { method: req.method, path: req.originalUrl.split('?')[0]!, clientAddress: clientAddress(req), userAgent: userAgent(req) } };

    if (!SAFE_METHODS.has(req.method) && !SignInSessions.csrfMatches(csrfHash, req.header(CSRF_HEADER))) {
      await this.refusals.record(req.actor, 'CSRF_TOKEN_INVALID');
      throw new DomainError('CSRF_TOKEN_INVALID');
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!roles) {
      // Fail closed: a route that forgot to say who may call it is refused to everyone.
      this.logger.error(`Route ${req.method} ${req.route?.path ?? req.path} declares no @Allow or @Public`);
      throw new DomainError('FORBIDDEN');
    }
    if (!roles.includes(actor.role)) {
      await this.refusals.record(req.actor, 'ROLE_NOT_ALLOWED');
      throw new DomainError('FORBIDDEN', { role: actor.role });
    }
    return true;
  }
}
