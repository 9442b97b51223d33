/**
 * Notifications (issue 19): the centre in the app, mail per person's choice, reminders, and a transactional
 * outbox delivered by a job queue on PostgreSQL (pg-boss). Global, so that any use case can write a notification
 * in its own transaction with `Notifications.notify(em, …)`.
 */
import { Global, Module } from '@nestjs/common';
import { JurisdictionModule } from '../jurisdiction/jurisdiction.module.js';
import { Digest } from './digest.js';
import { JobQueue } from './job-queue.js';
import { MailDelivery } from './mail-delivery.js';
import { MailSender } from './mail-sender.js';
import { NotificationCentre } from './notification-centre.js';
import { NotificationJobs } from './notification-jobs.js';
import { Notifications } from './notifications.js';
import { NotificationsController } from './notifications.controller.js';
import { Reminders } from './reminders.js';

@Global()
@Module({
  imports: [JurisdictionModule],
  controllers: [NotificationsController],
  providers: [JobQueue, MailSender, MailDelivery, Notifications, NotificationCentre, Reminders, Digest, NotificationJobs],
  exports: [Notifications, JobQueue, MailDelivery, Reminders, Digest],
})
export class NotificationsModule {}
