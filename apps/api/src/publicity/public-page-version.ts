/**
 * The version of what the public pages show: the counter of public_page_version (moved at the commit of any change
 * to those facts, by the PublicPageVersion migration's triggers) and today's date, as "<counter>@<date>".
 *
 * Read once per request, but cheaply: one query at a time, shared by every reader who arrives while none is under
 * way. A reader who arrives while a query is under way waits for the next one, which starts after it arrived: a
 * query that started earlier could have missed a change committed just before this reader came, and a page of the
 * version before that change must not be served to someone who may have seen the change. So a reader sees every
 * change committed before its request, on every instance, at the cost of at most two short queries' wait and a
 * query rate bounded by the database's round trip, not by the request rate.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';

@Injectable()
export class PublicPageVersion {
  private running: Promise<string> | null = null;
  private queued: Promise<string> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The current version, or null when it cannot be read (then nothing is reused). */
  async current(): Promise<string | null> {
    try {
      return `${await this.counter()}@${this.clock.today()}`;
    } catch {
      return null;
    }
  }

  private counter(): Promise<string> {
    if (!this.running) {
      this.running = this.query().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    if (!this.queued) {
      const after = this.running.then(
        () => undefined,
        () => undefined,
      );
      this.queued = after.then(() => {
        this.queued = null;
        // A query someone started since the last one ended began after these readers arrived: they may share it.
        return this.running ?? this.counter();
      });
    }
    return this.queued;
  }

  private async query(): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT version::text AS version FROM public_page_version WHERE id = 1`)) as { version: string }[];
    if (!row) throw new Error('public_page_version has no row');
    return row.version;
  }
}
