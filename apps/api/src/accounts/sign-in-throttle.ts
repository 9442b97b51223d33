/**
 * Throttling of password guesses without a lockout anyone else can cause (OWASP ASVS 6.3, NIST SP 800-63B 5.2.2).
 * Every password check (a sign-in, or the current password when changing it) is admitted here first:
 *
 * 1. per (account, address): SIGN_IN_FREE_FAILURES failures since the last success there are free; after them each
 *    attempt must wait SIGN_IN_DELAY_BASE_SECONDS × 2^(failures − free) after the last failure, at most
 *    SIGN_IN_DELAY_MAX_SECONDS. A correct password from another address is not held back by it;
 * 2. per account (a spread-out attack): SIGN_IN_MAX_FAILURES_PER_ACCOUNT failures within the window from at least
 *    SIGN_IN_ACCOUNT_LIMIT_MIN_ADDRESSES addresses hold back every address outside TRUSTED_NETWORKS (the office)
 *    until failures leave the window; an administrator can also clear the account's throttle (audited);
 * 3. per address (password spraying): SIGN_IN_MAX_FAILURES_PER_ADDRESS failures on any accounts within the window.
 *
 * Only failures count. The attempt is reserved (counted as a failure) before the password is tried, under advisory
 * locks on the account and the address, so simultaneous guesses are admitted one by one; a success turns the
 * reservation into a success afterwards.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isIP, type BlockList } from 'node:net';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { SignInRepository } from './sign-in.repository.js';

/** Why an attempt is held back (the reason in the audit records). */
export type ThrottleReason = 'ACCOUNT_ADDRESS_DELAY' | 'ACCOUNT_UNDER_ATTACK' | 'ADDRESS_FAILURES';

export type Admission = { admitted: true; attemptId: string } | { admitted: false; reason: ThrottleReason; retryAfterSeconds: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;

@Injectable()
export class SignInThrottle {
  private readonly trusted: BlockList;

  constructor(
    private readonly dataSource: DataSource,
    private readonly signIns: SignInRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.trusted = config.trustedNetworks;
  }

  isTrusted(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }

  /** Admits one password check of `username` from `address` (reserving it as a failure), or says how long to wait. */
  admit(username: string, address: string): Promise<Admission> {
    const c = this.config;
    const windowMs = c.SIGN_IN_WINDOW_MINUTES * MINUTE;
    return this.dataSource.transaction(async (em) => {
      await this.signIns.lockAttempts(em, username, address);
      const now = this.clock.realNow();
      const facts = await this.signIns.throttleFacts(em, {
        username,
        address,
        memorySince: new Date(now.getTime() - c.SIGN_IN_FAILURE_MEMORY_HOURS * 60 * MINUTE),
        windowSince: new Date(now.getTime() - windowMs),
        accountLimit: c.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
        addressLimit: c.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      });
      const holds: { reason: ThrottleReason; until: number }[] = [];
      if (facts.pairFailures >= c.SIGN_IN_FREE_FAILURES && facts.pairLastFailure) {
        const delayMs = Math.min(c.SIGN_IN_DELAY_BASE_SECONDS * 2 ** (facts.pairFailures - c.SIGN_IN_FREE_FAILURES), c.SIGN_IN_DELAY_MAX_SECONDS) * SECOND;
        holds.push({ reason: 'ACCOUNT_ADDRESS_DELAY', until: new Date(facts.pairLastFailure).getTime() + delayMs });
      }
      if (facts.accountFailures >= c.SIGN_IN_MAX_FAILURES_PER_ACCOUNT && facts.accountAddresses >= c.SIGN_IN_ACCOUNT_LIMIT_MIN_ADDRESSES && facts.accountOldest && !this.isTrusted(address)) {
        holds.push({ reason: 'ACCOUNT_UNDER_ATTACK', until: new Date(facts.accountOldest).getTime() + windowMs });
      }
      if (facts.addressFailures >= c.SIGN_IN_MAX_FAILURES_PER_ADDRESS && facts.addressOldest) {
        holds.push({ reason: 'ADDRESS_FAILURES', until: new Date(facts.addressOldest).getTime() + windowMs });
      }
      const longest = holds.filter((h) => h.until > now.getTime()).sort((a, b) => b.until - a.until)[0];
      if (longest) return { admitted: false as const, reason: longest.reason, retryAfterSeconds: Math.max(1, Math.ceil((longest.until - now.getTime()) / SECOND)) };
      const attemptId = randomUUID();
      await this.signIns.insertAttempt(em, attemptId, username, address, now);
      return { admitted: true as const, attemptId };
    });
  }

  succeeded(attemptId: string): Promise<void> {
    return this.signIns.markSucceeded(attemptId);
  }
}

/** A wait in Vietnamese and English words: "2 phút 30 giây" / "2 minutes 30 seconds". */
export function waitInWords(totalSeconds: number): { vi: string; en: string } {
  const s = Math.max(1, Math.ceil(totalSeconds));
  const parts: [number, string, string][] = [
    [Math.floor(s / 3600), 'giờ', 'hour'],
    [Math.floor((s % 3600) / 60), 'phút', 'minute'],
    [s % 60, 'giây', 'second'],
  ];
  const shown = parts.filter(([n]) => n > 0);
  return {
    vi: shown.map(([n, vi]) => `${n} ${vi}`).join(' '),
    en: shown.map(([n, , en]) => `${n} ${en}${n === 1 ? '' : 's'}`).join(' '),
  };
}
