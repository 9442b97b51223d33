/**
 * Runs the checkpoint job every AUDIT_CHECKPOINT_INTERVAL_MS (0: never). One run at a time per process; the
 * advisory lock in the job makes it one at a time per database. A failed run is logged and retried at the
 * next tick; it never stops the application.
 */
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { AuditCheckpoints } from './audit-checkpoints.service.js';

@Injectable()
export class AuditCheckpointScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Audit');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.AUDIT_CHECKPOINT_INTERVAL_MS;
    if (interval === 0 || !this.checkpoints.enabled) return;
    this.logger.log(`Lập điểm kiểm mỗi ${interval} ms / Signing a checkpoint every ${interval} ms`);
    // The first run comes at once: records written before this start (a first start, an upgrade) are covered now.
    this.schedule(interval, 0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // The pool closes after this: let a run in progress finish rather than fail mid-transaction.
    await this.running;
  }

  private schedule(interval: number, delay = interval, catchingUp = false): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce(interval, catchingUp).then((more) => {
        this.running = undefined;
        // A backlog (first start on a large trail) is caught up at once rather than one batch per interval.
        this.schedule(interval, more ? 0 : interval, more);
      });
    }, delay);
    // A pending tick never keeps the process alive on its own.
    this.timer.unref();
  }

  /** Whether records were left for another run. */
  private async runOnce(interval: number, catchingUp: boolean): Promise<boolean> {
    try {
      // With several instances, a checkpoint signed by another within this interval means this run is not needed.
      const outcome = await this.checkpoints.build(catchingUp ? {} : { skipIfNewerThanMs: interval * 0.9 });
      if (outcome.status !== 'created') return false;
      this.logger.log(
        `Đã ký điểm kiểm: ${outcome.checkpoint.treeSize} bản ghi (+${outcome.newLeaves}) / Signed checkpoint: tree size ${outcome.checkpoint.treeSize} (+${outcome.newLeaves})`,
      );
      return outcome.more;
    } catch (error) {
      this.logger.error(error, 'Không lập được điểm kiểm / Checkpoint job failed');
      return false;
    }
  }
}
