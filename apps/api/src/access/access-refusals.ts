import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { SecurityAudit } from '../accounts/security-audit.js';

/** Writes refused authorisations into the person's audit chain: who, what, when (UTC), from where. */
@Injectable()
export class AccessRefusals {
  constructor(private readonly security: SecurityAudit) {}

  record(actor: Actor, reason: string, details: Record<string, unknown> = {}): Promise<void> {
    return this.security.record({
      accountId: actor.accountId,
      eventType: 'ACCESS_REFUSED',
      actor: actor.username,
      payload: { ...actor.origin, reason, ...details },
    });
  }
}
