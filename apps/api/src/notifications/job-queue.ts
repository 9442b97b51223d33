/**
 * The job queue: pg-boss 10.4 (pinned; the last line that runs on Node 20) on the application's own database.
 *
 * Why pg-boss: it keeps jobs in PostgreSQL tables (so a job can be written in the same transaction as the change
 * that causes it), fetches with `FOR UPDATE SKIP LOCKED` (several instances never take the same job), retries
 * with exponential backoff, expires a job whose worker died and gives it to another, and runs cron schedules
 * once across instances. It also runs on the embedded database: it talks through the application's own pool
 * (`db.executeSql`) and needs no LISTEN (it polls), whereas graphile-worker's LISTEN client would hold the
 * embedded database's only connection. Its schema comes from a migration (Notifications), so it starts with
 * `migrate: false` and the application's role needs only data rights there (database/grants.ts).
 */
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { AppConfig } from '../config/app-config.js';

export const QUEUE_SCHEMA = 'pgboss';
/** The application's queues (created by the Notifications migration). */
export const QUEUES = { mail: 'notification-mail', reminders: 'notification-reminders', digest: 'notification-digest' } as const;

export interface MailJob {
  mailId: string;
}

@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private instance: PgBoss | undefined;
  private started = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** pg-boss on the application's pool (no pool of its own: the embedded database has one connection). */
  get boss(): PgBoss {
    if (!this.instance) {
      const pool = (this.dataSource.driver as PostgresDriver).master as pg.Pool;
      this.instance = new PgBoss({
        db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values as unknown[]) },
        schema: QUEUE_SCHEMA,
        migrate: false,
        // Expired jobs (a killed sender) are found by the maintenance pass; it runs often enough to hand them over.
        maintenanceIntervalSeconds: Math.max(1, Math.min(60, this.config.MAIL_EXPIRE_SECONDS)),
        cronMonitorIntervalSeconds: 30,
      } as PgBoss.ConstructorOptions);
      this.instance.on('error', (error: Error) => this.logger.error(error, 'Hàng đợi công việc báo lỗi / Job queue error'));
    }
    return this.instance;
  }

  /** Starts maintenance, schedules and workers' fetching in this process. */
  async start(): Promise<PgBoss> {
    if (!this.started) {
      await this.boss.start();
      this.started = true;
    }
    return this.boss;
  }

  /**
   * Puts a message on the mail queue inside the caller's transaction: the job exists exactly when the change and
   * its outbox row commit (rolled back with them otherwise).
   */
  async enqueueMail(em: EntityManager, job: MailJob): Promise<void> {
    await this.boss.send(QUEUES.mail, job, {
      retryLimit: this.config.MAIL_RETRY_LIMIT,
      retryDelay: this.config.MAIL_RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: this.config.MAIL_EXPIRE_SECONDS,
      db: transactionDb(em),
    });
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    // Lets a message being sent finish (its row lock and transaction end with it) before the pool closes.
    await this.boss.stop({ graceful: true, timeout: 10_000, close: false, wait: true }).catch((error: unknown) => this.logger.error(error));
  }
}

/** pg-boss' database interface on a TypeORM transaction's connection. */
export function transactionDb(em: EntityManager): PgBoss.Db {
  const runner = em.queryRunner;
  if (!runner) throw new Error('transactionDb needs a transaction’s entity manager');
  return {
    executeSql: async (text: string, values: unknown[]) => ({ rows: ((await runner.query(text, values, true)) as { records?: unknown[] }).records ?? [] }),
  };
}
