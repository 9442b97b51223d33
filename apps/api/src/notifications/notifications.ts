/**
 * Notifications.notify(em, …): the one way a notification is written, always inside the transaction of the change
 * that causes it (the use case's, the transition's), so that it exists exactly when the change does.
 *
 * For each recipient (disabled accounts and repeats left out): a `notification` row (a reminder with a dedupeKey
 * is written once per person); and by the person's choice for the kind (notification_preference, else the kind's
 * default): no mail, a mail at once, or a place in the daily digest. A mail at once is an outbox row plus a queue
 * job in the same transaction; without a mail server (SMTP_URL unset) it is kept in the outbox (KEPT).
 *
 * Adding a kind's event elsewhere is one call:
 *   await notifications.notify(em, { kind: 'HOLD_CHANGED', to: await notifications.unitHeadsOf(em, unitId), title, body, link });
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { defaultMailMode, type MailMode, type NotificationKind, type Role } from '#domain';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { JobQueue } from './job-queue.js';
import { immediateMail } from './mail-content.js';
import { MailSender } from './mail-sender.js';

export interface Words {
  vi: string;
  en: string;
}

export interface NotifyCommand {
  kind: NotificationKind;
  /** Account ids. */
  to: readonly string[];
  title: Words;
  body: Words;
  /** The web route where the person acts (e.g. `/hoi-dong/<id>`). */
  link: string;
  /** A reminder's identity: with it, a person gets this notification once however often it is asked for. */
  dedupeKey?: string;
}

interface Recipient {
  id: string;
  display_name: string;
  email: string | null;
  mail: MailMode | null;
}

@Injectable()
export class Notifications {
  constructor(
    private readonly queue: JobQueue,
    private readonly sender: MailSender,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Writes the notifications (and their mail) in the caller's transaction; returns the ids written. */
  async notify(em: EntityManager, command: NotifyCommand): Promise<string[]> {
    const ids = [...new Set(command.to)];
    if (ids.length === 0) return [];
    const recipients = (await em.query(
      `SELECT a.id, a.display_name, c.email, p.mail
         FROM account a
         LEFT JOIN account_contact c ON c.account_id = a.id
         LEFT JOIN notification_preference p ON p.account_id = a.id AND p.kind = $2
        WHERE a.id = ANY($1::uuid[]) AND a.disabled_at IS NULL
        ORDER BY a.username`,
      [ids, command.kind],
    )) as Recipient[];
    const now = this.clock.now();
    const written: string[] = [];
    for (const r of recipients) {
      const mode: MailMode = r.mail ?? defaultMailMode(command.kind);
      const id = randomUUID();
      const inserted = (await em.query(
        `INSERT INTO notification (id, account_id, kind, title, title_en, body, body_en, link, dedupe_key, mail_mode, digested_at, created_at, read_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, NULL)
         ON CONFLICT (account_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
         RETURNING id`,
        [id, r.id, command.kind, command.title.vi, command.title.en, command.body.vi, command.body.en, command.link, command.dedupeKey ?? null, mode, now],
      )) as { id: string }[];
      if (inserted.length === 0) continue;
      written.push(id);
      if (mode === 'IMMEDIATE' && r.email) {
        const content = immediateMail({ title: command.title.vi, titleEn: command.title.en, body: command.body.vi, bodyEn: command.body.en, link: command.link }, r.display_name, this.config.APP_URL);
        await this.writeMail(em, { accountId: r.id, to: r.email, notificationIds: [id], ...content }, now);
      }
    }
    return written;
  }

  /** An outbox row, queued when a mail server is configured and kept otherwise. */
  async writeMail(em: EntityManager, mail: { accountId: string; to: string; subject: string; text: string; html: string; notificationIds: string[] }, now: Date): Promise<string> {
    const id = randomUUID();
    const status = this.sender.configured ? 'PENDING' : 'KEPT';
    await em.query(
      `INSERT INTO mail_message (id, account_id, to_address, subject, text_body, html_body, notification_ids, status, attempts, last_error, created_at, sent_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, 0, NULL, $9, NULL, $9)`,
      [id, mail.accountId, mail.to, mail.subject, mail.text, mail.html, JSON.stringify(mail.notificationIds), status, now],
    );
    if (status === 'PENDING') await this.queue.enqueueMail(em, { mailId: id });
    return id;
  }

  // Recipients, as the events name them.

  /** Enabled accounts of these roles. */
  async withRoles(em: EntityManager, roles: readonly Role[]): Promise<string[]> {
    const rows = (await em.query(`SELECT id FROM account WHERE role = ANY($1::text[]) AND disabled_at IS NULL ORDER BY username`, [roles])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The unit heads who reach a unit: those of the unit itself and of the units above it. */
  async unitHeadsOf(em: EntityManager, unitId: string): Promise<string[]> {
    const rows = (await em.query(
      `SELECT a.id FROM account a JOIN unit head ON head.id = a.unit_id JOIN unit u ON u.id = $1
        WHERE a.role = 'UNIT_HEAD' AND a.disabled_at IS NULL AND u.path LIKE head.path || '%'
        ORDER BY a.username`,
      [unitId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The unit heads who reach a candidate's unit. */
  async unitHeadsOfCandidate(em: EntityManager, candidateId: string): Promise<string[]> {
    const [row] = (await em.query(`SELECT unit_id FROM candidate WHERE id = $1`, [candidateId])) as { unit_id: string }[];
    return row ? this.unitHeadsOf(em, row.unit_id) : [];
  }
}
