/**
 * Notifications (thông báo) and the mail outbox (hộp thư đi).
 *
 * A notification is written in the same transaction as the change that causes it (a reviewer assigned, a vote
 * opened, a decision issued…), so that it exists exactly when the change does. The mail it leads to is an outbox
 * row of the same transaction plus a job of the queue (pg-boss, schema `pgboss`); a sender delivers it and records
 * the outcome on the row. See notifications.ts and mail-queue.ts.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { MailMode, MailStatus, NotificationKind } from '#domain';
import { Account } from '../accounts/account.entities.js';

/** One notice to one person, shown in the notification centre until read (and kept after). */
@Entity('notification')
@Index('IDX_notification_account_created', ['accountId', 'createdAt'])
@Index('UQ_notification_account_dedupe', ['accountId', 'dedupeKey'], { unique: true, where: '"dedupe_key" IS NOT NULL' })
export class Notification {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column('text')
  kind: NotificationKind;

  /** Vietnamese first; the English text for the English interface. */
  @Column('text')
  title: string;

  @Column('text', { name: 'title_en' })
  titleEn: string;

  @Column('text')
  body: string;

  @Column('text', { name: 'body_en' })
  bodyEn: string;

  /** The web route where the person acts on it. */
  @Column('text')
  link: string;

  /** A reminder's identity (e.g. `checklist:<item>:<reviewer>:<date>`), so that one reminder is written once. */
  @Column('text', { name: 'dedupe_key', nullable: true })
  dedupeKey: string | null;

  /** How the person wanted mail for this kind when it was written: OFF, IMMEDIATE or DIGEST. */
  @Column('text', { name: 'mail_mode' })
  mailMode: MailMode;

  /** When a daily digest took it (DIGEST only). */
  @Column('timestamptz', { name: 'digested_at', nullable: true })
  digestedAt: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}

/** One message of the outbox: written with the change, delivered by the queue, its outcome kept. */
@Entity('mail_message')
@Index('IDX_mail_message_status_created', ['status', 'createdAt'])
export class MailMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column('text', { name: 'to_address' })
  toAddress: string;

  @Column('text')
  subject: string;

  /** The plain-text part. */
  @Column('text', { name: 'text_body' })
  textBody: string;

  @Column('text', { name: 'html_body' })
  htmlBody: string;

  /** The notifications it carries: one (IMMEDIATE) or a day's (DIGEST). */
  @Column('jsonb', { name: 'notification_ids' })
  notificationIds: string[];

  @Column('text')
  status: MailStatus;

  @Column('int')
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

/** A person's choice of mail for one kind of notification (absent: the kind's default). */
@Entity('notification_preference')
export class NotificationPreference {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId: string;

  @PrimaryColumn('text')
  kind: NotificationKind;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column('text')
  mail: MailMode;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
