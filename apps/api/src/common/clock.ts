/**
 * The time, for everything that records when it happened or depends on the calendar (notice periods, deadlines).
 * One injectable source, so that "today" is the date in the province's time zone rather than the server's, and so
 * that a history can be entered as of the dates it happened (the demo province's past sessions) with `during`.
 */
import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppConfig } from '../config/app-config.js';

@Injectable()
export class Clock {
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly asOf = new AsyncLocalStorage<Date>();

  constructor(config: AppConfig) {
    this.dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: config.TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  now(): Date {
    const at = this.asOf.getStore();
    return at ? new Date(at) : new Date();
  }

  /** Today's date (YYYY-MM-DD) in the province's time zone. */
  today(): string {
    return this.dateOf(this.now());
  }

  /** The date (YYYY-MM-DD) of an instant in the province's time zone. */
  dateOf(at: Date): string {
    return this.dateFormat.format(at);
  }

  /**
   * Runs `work` as of another time: only code called from `work` sees it (AsyncLocalStorage), never a concurrent
   * request. For entering a past history in order; nothing in request handling uses it.
   */
  during<T>(at: Date, work: () => Promise<T>): Promise<T> {
    return this.asOf.run(at, work);
  }
}
