/**
 * Starts the queue's work in this process (MAIL_DELIVERY): the mail sender, and the reminder and digest schedules.
 * pg-boss hands each job to one worker across every instance; a job whose worker died expires
 * (MAIL_EXPIRE_SECONDS) and goes to another; a temporary failure is retried with exponential backoff from
 * MAIL_RETRY_DELAY_SECONDS, at most MAIL_RETRY_LIMIT times, after which the message is FAILED (listed for
 * administrators).
 */
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Digest } from './digest.js';
import { JobQueue, QUEUES, type MailJob } from './job-queue.js';
import { MailDelivery } from './mail-delivery.js';
import { Reminders } from './reminders.js';

@Injectable()
export class NotificationJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly config: AppConfig,
    private readonly queue: JobQueue,
    private readonly delivery: MailDelivery,
    private readonly reminders: Reminders,
    private readonly digest: Digest,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.MAIL_DELIVERY) return;
    const boss = await this.queue.start();
    const polling = { pollingIntervalSeconds: this.config.MAIL_POLL_SECONDS };
    await boss.work<MailJob>(QUEUES.mail, { ...polling, batchSize: 10 }, async (jobs) => {
      for (const job of jobs) {
        const { outcome, error } = await this.delivery.deliver(job.data.mailId);
        // A temporary failure fails this job only (the others of the batch complete): pg-boss retries it later.
        if (outcome === 'RETRY') await boss.fail(QUEUES.mail, job.id, { message: error ?? 'temporary failure' });
      }
    });
    await boss.work(QUEUES.reminders, polling, async () => {
      const run = await this.reminders.run();
      if (run.written > 0) this.logger.log(`Nhắc việc: ${run.written} thông báo / Reminders: ${run.written} notifications`);
    });
    await boss.work(QUEUES.digest, polling, async () => {
      await this.digest.run();
    });
    await boss.schedule(QUEUES.reminders, this.config.NOTIFICATION_REMINDER_CRON, {}, { tz: this.config.TIME_ZONE });
    await boss.schedule(QUEUES.digest, this.config.NOTIFICATION_DIGEST_CRON, {}, { tz: this.config.TIME_ZONE });
  }
}
