/**
 * The time, for everything that records when it happened or depends on the calendar (notice periods, deadlines).
 * One injectable source, so that "today" is the date in the province's time zone rather than the server's, and so
 * that a history can be entered as of the dates it happened (the demo province's past sessions) with `during`.
 *
 * On a rehearsal instance it also carries the rehearsal clock (apps/api/src/rehearsal/): a setting that moves the
 * product's date by whole days, so that a notice period can be walked through in minutes. Everything that reads
 * `now` or `today` follows it; only the audit trail's own machinery (checkpoints, the witness, verification) keeps
 * to the real clock, which it reads directly. Setting it is RehearsalClockService's job alone.
 */
import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppConfig } from '../config/app-config.js';
import { parseRehearsalClock, shifted, type RehearsalClockSetting } from '../rehearsal/rehearsal-clock.js';

@Injectable()
export class Clock {
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly asOf = new AsyncLocalStorage<Date>();
  private rehearsalSetting: RehearsalClockSetting | null;

  constructor(config: AppConfig) {
    this.dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: config.TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
    // loadConfig has already refused a rehearsal clock on a production instance.
    this.rehearsalSetting = config.REHEARSAL_CLOCK && config.REHEARSAL_CLOCK !== 'off' ? parseRehearsalClock(config.REHEARSAL_CLOCK) : null;
  }

  now(): Date {
    const at = this.asOf.getStore();
    if (at) return new Date(at);
    const real = this.realNow();
    return shifted(real, this.dateOf(real), this.rehearsalSetting);
  }

  /**
   * The real instant, whatever the rehearsal clock says: for what measures real durations (sign-in sessions and
   * throttles) and for records about the rehearsal clock itself. `now` is built on it, so a test that moves it
   * moves both.
   */
  realNow(): Date {
    return new Date();
  }

  /** Today's date (YYYY-MM-DD) in the province's time zone. */
  today(): string {
    return this.dateOf(this.now());
  }

  /** The date (YYYY-MM-DD) of an instant in the province's time zone. */
  dateOf(at: Date): string {
    return this.dateFormat.format(at);
  }

  /** The rehearsal clock in force, or null when the product reads the real time. */
  rehearsal(): RehearsalClockSetting | null {
    return this.rehearsalSetting;
  }

  /** Only RehearsalClockService calls this, after the change is committed with its audit record. */
  applyRehearsal(setting: RehearsalClockSetting | null): void {
    this.rehearsalSetting = setting;
  }

  /**
   * Runs `work` as of another time: only code called from `work` sees it (AsyncLocalStorage), never a concurrent
   * request. For entering a past history in order; nothing in request handling uses it.
   */
  during<T>(at: Date, work: () => Promise<T>): Promise<T> {
    return this.asOf.run(at, work);
  }
}
