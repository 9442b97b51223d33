/**
 * Who is acting: the signed-in person, attached to the request by the access guard (accounts/access.guard.ts).
 * Controllers ask for it with `@CurrentActor()`; services receive it and record `username` in the audit trail.
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '#domain';

export interface Actor {
  accountId: string;
  /** Stable and unique; the audit trail names people by it. */
  username: string;
  role: Role;
  unitId: string | null;
  /** The materialised path of the person's unit (`/root/…/unit/`), for subtree checks. */
  unitPath: string | null;
  /** The sign-in session the request came with (absent for system work such as seeding). */
  signInSessionId?: string;
  /** The request being served, for the audit of refusals: what, from where. */
  origin?: { method: string; path: string; clientAddress: string; userAgent: string };
}

export type RequestWithActor = Request & { actor?: Actor; id?: string };

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  // The guard runs before every handler that asks for an actor; reaching here without one is a wiring error.
  if (!actor) throw new Error('CurrentActor used on a route without a session');
  return actor;
});

/** The actor of work the system does by itself (demo data, first administrator). */
export function systemActor(username: string): Actor {
  return { accountId: '00000000-0000-0000-0000-000000000000', username, role: 'ADMIN', unitId: null, unitPath: null };
}
