import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { RepeatedSecurityEvents } from '../accounts/repeated-security-events.js';

/**
 * Writes refused authorisations into the person's audit chain: who, what, when (UTC), from where. Aggregated per
 * (person, reason, window) so that a flood of refused requests cannot flood the trail: the first in full at once,
 * the count of the rest when the window closes (RepeatedSecurityEvents).
 */
@Injectable()
export class AccessRefusals {
  constructor(private readonly repeated: RepeatedSecurityEvents) {}

  record(actor: Actor, reason: string, details: Record<string, unknown> = {}): Promise<void> {
    return this.repeated.record(
      {
        accountId: actor.accountId,
        eventType: 'ACCESS_REFUSED',
        actor: actor.username,
        payload: { ...actor.origin, reason, ...details },
      },
      reason,
    );
  }
}
