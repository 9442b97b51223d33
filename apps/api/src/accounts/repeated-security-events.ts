/**
 * Repeated security records (refused requests, rate-limited sign-ins) aggregated so that a flood of them cannot
 * flood the audit trail. Per window of REFUSAL_AGGREGATION_WINDOW_SECONDS, aligned on the clock:
 *
 * - the first record of a key (stream: an account's or an address's; event type; reason) is written at once with
 *   its details;
 * - the rest of that key in the window are counted, and one `<EVENT>_REPEATED` record with the count (the first
 *   included) and the window is written in the same stream when the window closes (a timer, the next record after
 *   it, or the application's shutdown);
 * - at most REFUSAL_AGGREGATION_MAX_KEYS keys per window: records past them are counted under the overflow stream
 *   (`security:overflow`), one record at the first overflow and one with the count when the window closes.
 *
 * So a window adds at most 2 × MAX_KEYS + 2 records per instance, however many refusals it sees. Nothing that
 * must be recorded individually (a sign-in, a change, a failed password) comes here. The counts are kept in memory:
 * a crash loses the counts of the open window (never a first occurrence), and each instance counts its own.
 */
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SECURITY_OVERFLOW_STREAM, accountStream } from '../audit/streams.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { SecurityAudit, type SecurityEvent } from './security-audit.js';

interface Tally {
  event: SecurityEvent & { stream: string };
  reason: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
}

interface Window {
  start: number;
  tallies: Map<string, Tally>;
  overflow: { count: number; firstAt: Date; lastAt: Date } | null;
}

@Injectable()
export class RepeatedSecurityEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SecurityAudit');
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private window: Window | null = null;
  private timer: NodeJS.Timeout | undefined;
  /** Writes of closed windows still under way (awaited at shutdown). */
  private readonly closing = new Set<Promise<void>>();

  constructor(
    private readonly security: SecurityAudit,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.windowMs = config.REFUSAL_AGGREGATION_WINDOW_SECONDS * 1000;
    this.maxKeys = config.REFUSAL_AGGREGATION_MAX_KEYS;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.closeDue(), Math.min(this.windowMs, 60_000));
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    const open = this.window;
    this.window = null;
    if (open) this.track(this.close(open, this.clock.realNow()));
    await Promise.all([...this.closing]);
  }

  /**
   * Records `event` under the key (stream, event type, `reason`): written at once if it is the key's first in the
   * window, else counted. Resolves once the first occurrence is written.
   */
  async record(event: SecurityEvent, reason: string): Promise<void> {
    const now = this.clock.realNow();
    this.roll(now);
    const window = this.window!;
    const stream = event.stream ?? accountStream(event.accountId);
    const key = `${stream}\u0000${event.eventType}\u0000${reason}`;
    const tally = window.tallies.get(key);
    if (tally) {
      tally.count += 1;
      tally.lastAt = now;
      return;
    }
    const windowFacts = { aggregationWindow: { start: new Date(window.start).toISOString(), seconds: this.windowMs / 1000 } };
    if (window.tallies.size >= this.maxKeys) {
      if (window.overflow) {
        window.overflow.count += 1;
        window.overflow.lastAt = now;
        return;
      }
      window.overflow = { count: 1, firstAt: now, lastAt: now };
      await this.security.record({
        accountId: null,
        stream: SECURITY_OVERFLOW_STREAM,
        eventType: 'SECURITY_RECORDS_OVERFLOW',
        actor: 'he-thong',
        payload: { maxKeys: this.maxKeys, first: { stream, eventType: event.eventType, actor: event.actor, ...event.payload }, ...windowFacts },
      });
      return;
    }
    window.tallies.set(key, { event: { ...event, stream }, reason, count: 1, firstAt: now, lastAt: now });
    await this.security.record({ ...event, stream, payload: { ...event.payload, ...windowFacts } });
  }

  /** Closes the window if its time is over, writing its counts (what the timer calls). */
  async closeDue(): Promise<void> {
    this.roll(this.clock.realNow());
    await Promise.all([...this.closing]);
  }

  private roll(now: Date): void {
    const start = Math.floor(now.getTime() / this.windowMs) * this.windowMs;
    if (this.window && this.window.start === start) return;
    const closed = this.window;
    this.window = { start, tallies: new Map(), overflow: null };
    if (closed) this.track(this.close(closed, new Date(Math.min(closed.start + this.windowMs, now.getTime()))));
  }

  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.closing.delete(tracked));
    this.closing.add(tracked);
  }

  /** Writes the counts of a closed window: one record per key seen more than once, one for the overflow. */
  private async close(window: Window, end: Date): Promise<void> {
    const span = { windowStart: new Date(window.start).toISOString(), windowEnd: end.toISOString() };
    for (const t of window.tallies.values()) {
      if (t.count < 2) continue;
      await this.write({
        accountId: t.event.accountId,
        stream: t.event.stream,
        eventType: `${t.event.eventType}_REPEATED`,
        actor: t.event.actor,
        payload: { reason: t.reason, count: t.count, notRecordedSeparately: t.count - 1, firstAt: t.firstAt.toISOString(), lastAt: t.lastAt.toISOString(), ...span },
      });
    }
    if (window.overflow) {
      const o = window.overflow;
      await this.write({
        accountId: null,
        stream: SECURITY_OVERFLOW_STREAM,
        eventType: 'SECURITY_RECORDS_OVERFLOW_COUNT',
        actor: 'he-thong',
        payload: { count: o.count, maxKeys: this.maxKeys, firstAt: o.firstAt.toISOString(), lastAt: o.lastAt.toISOString(), ...span },
      });
    }
  }

  private async write(event: SecurityEvent): Promise<void> {
    try {
      await this.security.record(event);
    } catch (e) {
      this.logger.error(`Could not write the count of repeated ${event.eventType} records: ${(e as Error).message}`);
    }
  }
}
