/**
 * The scheduled backup: every hour, when the last archive made is older than BACKUP_INTERVAL_HOURS (or there is
 * none), makes one with BACKUP_PASSPHRASE, then applies the retention rule. Several instances: the advisory
 * lock in Backups.make lets one run; the others find a fresh archive at their next tick. A failed run is in the
 * audit trail and on the administrator's screen, and notifies every administrator (BACKUP_FAILED, in the app and by
 * mail as each chose, once a day while it keeps failing); it is retried at the next tick and never stops the application.
 */
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { systemActor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { Backups } from './backups.service.js';

const TICK_MS = 3_600_000;

@Injectable()
export class BackupScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Backups');
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly backups: Backups,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const state = this.backups.scheduleState();
    if (!state.enabled) {
      if (this.config.BACKUP_INTERVAL_HOURS > 0) this.logger.warn(`Không có sao lưu tự động / No scheduled backups: ${state.reason}`);
      return;
    }
    this.logger.log(`Sao lưu tự động mỗi ${state.intervalHours} giờ vào ${this.backups.target?.describe() ?? '—'} / Scheduled backups every ${state.intervalHours} h to ${this.backups.target?.describe() ?? '—'}`);
    this.schedule(60_000);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current?.catch(() => undefined);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.runIfDue().finally(() => this.schedule(TICK_MS));
    }, delay);
    this.timer.unref();
  }

  /** Whether a run was made. Public for tests and for an operator's one-off. */
  async runIfDue(): Promise<boolean> {
    if (this.config.BACKUP_INTERVAL_HOURS === 0 || !this.config.BACKUP_PASSPHRASE) return false;
    try {
      const last = (await this.backups.runs(50)).find((r) => r.status === 'MADE');
      if (last && this.clock.now().getTime() - Date.parse(last.at) < this.config.BACKUP_INTERVAL_HOURS * 3_600_000 - 60_000) return false;
      await this.backups.make(this.config.BACKUP_PASSPHRASE!, systemActor('sao-luu-tu-dong'), 'SCHEDULED');
      const pruned = await this.backups.prune(this.config.backupRetention);
      if (pruned.length) this.logger.log(`Đã xóa bản sao lưu cũ theo quy tắc giữ lại / Pruned by the retention rule: ${pruned.join(', ')}`);
      return true;
    } catch {
      // Recorded by Backups.make (audit record BACKUP_FAILED, shown on the screen, administrators notified);
      // retried at the next tick.
      return false;
    }
  }
}
