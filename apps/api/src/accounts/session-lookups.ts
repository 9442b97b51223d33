/**
 * Sign-in session lookups kept in this process for a moment (SESSION_CACHE_MS, 2 s by default; 0 turns it off), so a
 * person's burst of requests costs one session query instead of one each. What this process changes reaches it at
 * once: sign-out forgets the session; any change of an account (disabled, role or unit changed, password reset or
 * changed) and a reorganisation (units and accounts move) forget what they touch before their answer is sent. A lookup
 * that was under way while something was forgotten is not kept (it may have read the row from before the change).
 * A change made by another instance or directly in the database reaches this one within SESSION_CACHE_MS.
 * Expiry and idle time are checked on every request against the kept row and the current time.
 */
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { SessionOfAccountRow } from './sign-in.repository.js';

/** More kept lookups than this and the expired ones are dropped (or all, if none has expired). */
const MAX_KEPT = 10_000;

@Injectable()
export class SessionLookups {
  private readonly kept = new Map<string, { row: SessionOfAccountRow; until: number }>();
  /** Moves at every forgetting: a lookup started under an older generation is not kept. */
  private generation = 0;
  private readonly keepMs: number;

  constructor(config: AppConfig) {
    this.keepMs = config.SESSION_CACHE_MS;
  }

  async lookup(id: string, load: () => Promise<SessionOfAccountRow | undefined>): Promise<SessionOfAccountRow | undefined> {
    const now = Date.now();
    const hit = this.kept.get(id);
    if (hit && hit.until > now) return hit.row;
    if (hit) this.kept.delete(id);
    const generation = this.generation;
    const row = await load();
    if (row && this.keepMs > 0 && generation === this.generation) {
      if (this.kept.size >= MAX_KEPT) this.sweep(now);
      this.kept.set(id, { row, until: now + this.keepMs });
    }
    return row;
  }

  /** The idle clock of a kept session was refreshed. */
  touched(id: string, at: Date): void {
    const hit = this.kept.get(id);
    if (hit) hit.row = { ...hit.row, lastSeenAt: at };
  }

  forgetSession(id: string): void {
    this.generation++;
    this.kept.delete(id);
  }

  forgetAccount(accountId: string): void {
    this.generation++;
    for (const [id, { row }] of this.kept) if (row.accountId === accountId) this.kept.delete(id);
  }

  forgetAll(): void {
    this.generation++;
    this.kept.clear();
  }

  private sweep(now: number): void {
    for (const [id, { until }] of this.kept) if (until <= now) this.kept.delete(id);
    if (this.kept.size >= MAX_KEPT) this.kept.clear();
  }
}
