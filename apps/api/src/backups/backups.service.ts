/**
 * Backups made by the running product: from the administrator's screen and on the schedule. Each run, made or
 * failed, is an audit record of the `backups` stream (what was written, or why not), which is also where the
 * screen reads the last runs from: a failed scheduled run stays visible to administrators until one succeeds.
 *
 * One run at a time: in this process by a flag, across instances on a server by a session advisory lock held on
 * a connection of its own for the run (the embedded database admits one process). Never restores: restoring is
 * the command line's, into an empty instance.
 */
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { vietnameseDateTime } from '../common/validation.js';
import { ERROR_CODES } from '../common/error-codes.js';
import { AuditCheckpoints } from '../audit/audit-checkpoints.service.js';
import { AuditWriter } from '../audit/audit.writer.js';
import { AuditWitness } from '../audit/audit-witness.js';
import { BACKUP_STREAM } from '../audit/streams.js';
import { Notifications } from '../notifications/notifications.js';
import { ARCHIVE_SUFFIX } from './backup-manifest.js';
import { backupTarget, DirectoryTarget, S3Target, type BackupTarget, type StoredArchive } from './backup-target.js';
import { makeBackup } from './make-backup.js';
import { archivesToKeep } from './retention.js';

/** Arbitrary but fixed: the advisory lock a backup run holds, so two instances never make one together. */
const BACKUP_LOCK_KEY = 7_412_019_022;

export interface BackupRunView {
  status: 'MADE' | 'FAILED';
  at: string;
  actor: string;
  /** Who, in words: the account's name for a run asked for on the screen; null for the schedule's. */
  actorName: string | null;
  trigger: 'MANUAL' | 'SCHEDULED';
  file: string | null;
  bytes: number | null;
  durationMs: number | null;
  treeSize: number | null;
  errorCode: string | null;
  message: string | null;
}

export interface BackupsOverview {
  directory: string | null;
  schedule: { enabled: boolean; intervalHours: number; retention: { daily: number; weekly: number; monthly: number }; reason: string | null; reasonCode: 'OFF' | 'NO_TARGET' | 'NO_PASSPHRASE' | null };
  lastRun: BackupRunView | null;
  lastSuccess: BackupRunView | null;
  archives: { file: string; bytes: number; createdAt: string }[];
}

@Injectable()
export class Backups implements OnModuleDestroy {
  private readonly logger = new Logger('Backups');
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditWriter,
    private readonly checkpoints: AuditCheckpoints,
    private readonly witness: AuditWitness,
    private readonly notifications: Notifications,
  ) {}

  private configured: BackupTarget | null | undefined;

  /** Where archives go (a folder or a bucket), or null when neither is configured. */
  get target(): BackupTarget | null {
    if (this.configured === undefined) this.configured = backupTarget(this.config);
    return this.configured;
  }

  /** The folder archives go to, when the target is a folder. */
  get directory(): string | null {
    const target = this.target;
    return target instanceof DirectoryTarget ? target.directory : null;
  }

  onModuleDestroy(): void {
    if (this.configured instanceof S3Target) this.configured.destroy();
  }

  /** Makes one archive in the backup folder; records the run (made or failed) in the audit trail. */
  async make(passphrase: string, actor: Actor, trigger: 'MANUAL' | 'SCHEDULED'): Promise<BackupRunView> {
    const target = this.target;
    if (!target) throw new DomainError('BACKUP_DIRECTORY_MISSING');
    if (this.running) throw new DomainError('BACKUP_IN_PROGRESS');
    this.running = true;
    const lock = this.dataSource.createQueryRunner();
    try {
      await lock.connect();
      let locked = true;
      if (!this.config.embedded) {
        const [{ ok }] = (await lock.query('SELECT pg_try_advisory_lock($1) AS ok', [BACKUP_LOCK_KEY])) as { ok: boolean }[];
        locked = ok;
      }
      // The embedded database has one connection: it goes back to the pool before the backup needs it.
      if (this.config.embedded) await lock.release();
      if (!locked) throw new DomainError('BACKUP_IN_PROGRESS');
      try {
        return await this.run(target, passphrase, actor, trigger);
      } finally {
        if (!this.config.embedded) await lock.query('SELECT pg_advisory_unlock($1)', [BACKUP_LOCK_KEY]);
      }
    } finally {
      if (!lock.isReleased) await lock.release();
      this.running = false;
    }
  }

  private async run(target: BackupTarget, passphrase: string, actor: Actor, trigger: 'MANUAL' | 'SCHEDULED'): Promise<BackupRunView> {
    const started = this.clock.now();
    const name = `dth-${started.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}${ARCHIVE_SUFFIX}`;
    try {
      const local = join(target.staging(), name);
      const result = await makeBackup(this.dataSource, this.config, passphrase, local, {
        signCheckpoint: this.checkpoints.enabled ? () => this.checkpoints.build() : undefined,
        witnessDir: this.witness.location,
      });
      await target.store(local, name);
      const payload = {
        trigger,
        file: name,
        bytes: result.bytes,
        durationMs: result.durationMs,
        snapshotAt: result.manifest.snapshot.takenAt,
        auditRecords: result.manifest.snapshot.auditRecords,
        treeSize: result.manifest.checkpoint?.treeSize ?? null,
        rootHash: result.manifest.checkpoint?.rootHash ?? null,
        migrations: result.manifest.migrations.length,
      };
      await this.record(actor, 'BACKUP_MADE', payload);
      return { status: 'MADE', at: this.clock.now().toISOString(), actor: actor.username, actorName: await this.nameOf(actor.username), trigger, file: name, bytes: result.bytes, durationMs: result.durationMs, treeSize: payload.treeSize, errorCode: null, message: null };
    } catch (error) {
      const code = error instanceof DomainError ? error.code : 'BACKUP_RUN_FAILED';
      const message = error instanceof DomainError ? ERROR_CODES[error.code].vi : error instanceof Error ? error.message : String(error);
      this.logger.error(`Sao lưu thất bại / Backup failed (${trigger}): ${message}`);
      const failure = { trigger, file: name, errorCode: code, message: message.slice(0, 500) };
      await this.record(actor, 'BACKUP_FAILED', failure, trigger === 'SCHEDULED' ? (em) => this.notifyFailure(em, failure, started) : undefined).catch((e: unknown) =>
        this.logger.error(`Không ghi được nhật ký sao lưu / Could not record the failed backup: ${e instanceof Error ? e.message : String(e)}`),
      );
      throw error instanceof DomainError ? error : new DomainError('BACKUP_RUN_FAILED', { reason: message.slice(0, 500) });
    }
  }

  private async nameOf(username: string): Promise<string | null> {
    const rows = (await this.dataSource.query('SELECT display_name FROM account WHERE username = $1', [username])) as { display_name: string }[];
    return rows[0]?.display_name ?? null;
  }

  /**
   * One archive of the target, for an administrator to download (the archive holds every record, its keys only
   * encrypted): the folder's own file, or the bucket's copied into a private temporary folder first. Only a name
   * the target lists is served; each download is an audit record of the `backups` stream.
   */
  async download(name: string, actor: Actor): Promise<{ path: string; bytes: number; dispose: () => void }> {
    const target = this.target;
    if (!target) throw new DomainError('BACKUP_DIRECTORY_MISSING');
    const archive = (await target.list()).find((a) => a.file === name);
    if (!archive) throw new DomainError('BACKUP_ARCHIVE_NOT_FOUND', { file: name });
    let path = join(target instanceof DirectoryTarget ? target.directory : '', name);
    let dispose = () => {};
    if (!(target instanceof DirectoryTarget)) {
      const dir = mkdtempSync(join(tmpdir(), 'dth-backup-download-'));
      dispose = () => rmSync(dir, { recursive: true, force: true });
      path = join(dir, name);
      try {
        await target.fetch(name, path);
      } catch (error) {
        dispose();
        throw error;
      }
    }
    await this.record(actor, 'BACKUP_DOWNLOADED', { file: name, bytes: archive.bytes });
    return { path, bytes: archive.bytes, dispose };
  }

  private record(actor: Actor, eventType: 'BACKUP_MADE' | 'BACKUP_FAILED' | 'BACKUP_DOWNLOADED', payload: Record<string, unknown>, alongside?: (em: EntityManager) => Promise<unknown>): Promise<unknown> {
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockStream(em, BACKUP_STREAM);
      const appended = await this.audit.append(em, { stream: BACKUP_STREAM, eventType, payload, actor: actor.username, occurredAt: this.clock.now() });
      await alongside?.(em);
      return appended;
    });
  }

  /**
   * A failed scheduled run tells every administrator (in the app, and by mail as each chose for BACKUP_FAILED), in
   * the transaction of the run's audit record. The schedule retries every hour while no archive is fresh: one
   * notification per administrator and day (dedupe key), not one an hour.
   */
  private notifyFailure(em: EntityManager, failure: { file: string; errorCode: string; message: string }, at: Date): Promise<unknown> {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: this.config.TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
    const where = this.target?.describe() ?? '—';
    return this.notifications.withRoles(em, ['ADMIN']).then((to) =>
      this.notifications.notify(em, {
        kind: 'BACKUP_FAILED',
        to,
        title: { vi: 'Sao lưu tự động không thành công', en: 'The scheduled backup failed' },
        body: {
          vi: `Lần sao lưu tự động lúc ${vietnameseDateTime(at, this.config.TIME_ZONE)} vào ${where} không tạo được bản sao lưu (${failure.errorCode}): ${failure.message}. Hệ thống sẽ thử lại mỗi giờ; hãy kiểm tra nơi lưu và dung lượng đĩa.`,
          en: `The scheduled backup at ${vietnameseDateTime(at, this.config.TIME_ZONE)} (Vietnam time) to ${where} made no archive (${failure.errorCode}): ${failure.message}. It is retried every hour; check the backup target and the free space.`,
        },
        link: '/quan-tri/sao-luu',
        dedupeKey: `backup-failed:${day}`,
      }),
    );
  }

  async runs(limit: number): Promise<BackupRunView[]> {
    const rows = (await this.dataSource.query(
      `SELECT e.event_type, e.payload, e.actor, e.occurred_at, a.display_name FROM audit_event e LEFT JOIN account a ON a.username = e.actor
        WHERE e.stream = $1 AND e.event_type IN ('BACKUP_MADE', 'BACKUP_FAILED') ORDER BY e.seq DESC LIMIT $2`,
      [BACKUP_STREAM, limit],
    )) as { event_type: string; payload: Record<string, unknown>; actor: string; occurred_at: Date; display_name: string | null }[];
    return rows.map((r) => ({
      status: r.event_type === 'BACKUP_MADE' ? 'MADE' : 'FAILED',
      at: r.occurred_at.toISOString(),
      actor: r.actor,
      actorName: r.payload.trigger === 'SCHEDULED' ? null : r.display_name,
      trigger: r.payload.trigger === 'SCHEDULED' ? 'SCHEDULED' : 'MANUAL',
      file: (r.payload.file as string | undefined) ?? null,
      bytes: (r.payload.bytes as number | undefined) ?? null,
      durationMs: (r.payload.durationMs as number | undefined) ?? null,
      treeSize: (r.payload.treeSize as number | null | undefined) ?? null,
      errorCode: (r.payload.errorCode as string | undefined) ?? null,
      message: (r.payload.message as string | undefined) ?? null,
    }));
  }

  scheduleState(): BackupsOverview['schedule'] {
    const retention = this.config.backupRetention;
    const base = { intervalHours: this.config.BACKUP_INTERVAL_HOURS, retention };
    if (this.config.BACKUP_INTERVAL_HOURS === 0) return { ...base, enabled: false, reasonCode: 'OFF', reason: 'Lịch sao lưu đã tắt (BACKUP_INTERVAL_HOURS=0). / The schedule is off (BACKUP_INTERVAL_HOURS=0).' };
    if (!this.target) return { ...base, enabled: false, reasonCode: 'NO_TARGET', reason: 'Chưa cấu hình nơi lưu bản sao lưu (BACKUP_DIR hoặc BACKUP_S3_BUCKET). / No backup folder or bucket (BACKUP_DIR or BACKUP_S3_BUCKET).' };
    if (!this.config.BACKUP_PASSPHRASE) return { ...base, enabled: false, reasonCode: 'NO_PASSPHRASE', reason: 'Chưa đặt mật khẩu sao lưu tự động (BACKUP_PASSPHRASE). / No passphrase for scheduled backups (BACKUP_PASSPHRASE).' };
    return { ...base, enabled: true, reason: null, reasonCode: null };
  }

  /** The target's archives, newest first (none when no target is configured). */
  async listArchives(): Promise<StoredArchive[]> {
    return (await this.target?.list()) ?? [];
  }

  async overview(): Promise<BackupsOverview> {
    const runs = await this.runs(50);
    return {
      directory: this.target?.describe() ?? null,
      schedule: this.scheduleState(),
      lastRun: runs[0] ?? null,
      lastSuccess: runs.find((r) => r.status === 'MADE') ?? null,
      archives: await this.listArchives().catch((error: unknown) => {
        this.logger.error(`Không đọc được danh sách bản sao lưu / Could not list the archives: ${error instanceof Error ? error.message : String(error)}`);
        return [];
      }),
    };
  }

  /** Deletes the archives (in the folder or the bucket) the retention rule no longer keeps; returns their names. */
  async prune(rule = this.config.backupRetention): Promise<string[]> {
    const target = this.target;
    if (!target) return [];
    const files = (await target.list()).map((a) => ({ name: a.file, createdAt: new Date(a.createdAt) }));
    const keep = archivesToKeep(files, rule, this.config.TIME_ZONE);
    const gone = files.filter((f) => !keep.has(f.name)).map((f) => f.name);
    for (const name of gone) await target.remove(name);
    return gone;
  }
}
