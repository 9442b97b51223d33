/** What a person reads and sets: their notifications, read marks and mail preferences; and the outbox for administrators. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { labelsOf, MAIL_STATUSES, NOTIFICATION_KINDS, NotificationKindCodes, defaultMailMode, type MailMode, type MailStatus, type NotificationKind } from '#domain';
import type { MailMessageView, MailOutbox, NotificationList, NotificationPreferences, NotificationView } from '#contracts';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { JobQueue } from './job-queue.js';
import { MailSender } from './mail-sender.js';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  title_en: string;
  body: string;
  body_en: string;
  link: string;
  created_at: Date;
  read_at: Date | null;
}

interface MailRow {
  id: string;
  account_id: string;
  username: string;
  to_address: string;
  subject: string;
  text_body: string;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const notificationView = (r: NotificationRow): NotificationView => ({
  id: r.id,
  kind: r.kind,
  kindLabel: labelsOf(NOTIFICATION_KINDS, r.kind) ?? { vi: r.kind, en: r.kind },
  title: r.title,
  titleEn: r.title_en,
  body: r.body,
  bodyEn: r.body_en,
  link: r.link,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
});

const mailView = (r: MailRow): MailMessageView => ({
  id: r.id,
  accountId: r.account_id,
  username: r.username,
  to: r.to_address,
  subject: r.subject,
  text: r.text_body,
  status: r.status,
  statusLabel: labelsOf(MAIL_STATUSES, r.status)!,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: new Date(r.created_at).toISOString(),
  sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
});

/** TypeORM answers an UPDATE on PostgreSQL with [rows, affected count]. */
const affected = (result: unknown): number => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

@Injectable()
export class NotificationCentre {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly sender: MailSender,
    private readonly queue: JobQueue,
  ) {}

  async list(actor: Actor, query: { unread?: boolean; limit?: number }): Promise<NotificationList> {
    const rows = (await this.dataSource.query(
      `SELECT id, kind, title, title_en, body, body_en, link, created_at, read_at FROM notification
        WHERE account_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
        ORDER BY created_at DESC, id LIMIT $3`,
      [actor.accountId, query.unread ?? false, query.limit ?? 50],
    )) as NotificationRow[];
    return { unread: await this.unread(actor.accountId), items: rows.map(notificationView) };
  }

  private async unread(accountId: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE account_id = $1 AND read_at IS NULL`, [accountId])) as { n: number }[];
    return row!.n;
  }

  /** Marks the person's own notifications read (others' ids are refused as not found). */
  async markRead(actor: Actor, command: { ids?: string[]; all?: boolean }): Promise<{ marked: number; unread: number }> {
    const now = this.clock.now();
    let marked = 0;
    if (command.all) {
      marked = affected(await this.dataSource.query(`UPDATE notification SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL`, [actor.accountId, now]));
    } else if (command.ids?.length) {
      const ids = [...new Set(command.ids)];
      marked = await this.dataSource.transaction(async (em) => {
        const mine = (await em.query(`SELECT id, read_at FROM notification WHERE id = ANY($1::uuid[]) AND account_id = $2`, [ids, actor.accountId])) as { id: string; read_at: Date | null }[];
        if (mine.length !== ids.length) {
          const missing = ids.filter((id) => !mine.some((m) => m.id === id));
          throw new DomainError('NOTIFICATION_NOT_FOUND', { field: 'ids', ids: missing });
        }
        return affected(await em.query(`UPDATE notification SET read_at = $2 WHERE id = ANY($1::uuid[]) AND read_at IS NULL`, [ids, now]));
      });
    }
    return { marked, unread: await this.unread(actor.accountId) };
  }

  async preferences(actor: Actor): Promise<NotificationPreferences> {
    const rows = (await this.dataSource.query(`SELECT kind, mail FROM notification_preference WHERE account_id = $1`, [actor.accountId])) as { kind: NotificationKind; mail: MailMode }[];
    const [contact] = (await this.dataSource.query(`SELECT email FROM account_contact WHERE account_id = $1`, [actor.accountId])) as { email: string }[];
    return {
      email: contact?.email ?? null,
      preferences: NotificationKindCodes.map((kind) => ({
        kind,
        kindLabel: labelsOf(NOTIFICATION_KINDS, kind)!,
        mail: rows.find((r) => r.kind === kind)?.mail ?? defaultMailMode(kind),
        defaultMail: defaultMailMode(kind),
      })),
    };
  }

  async setPreferences(actor: Actor, preferences: { kind: NotificationKind; mail: MailMode }[]): Promise<NotificationPreferences> {
    const kinds = preferences.map((p) => p.kind);
    if (new Set(kinds).size !== kinds.length) throw new DomainError('PREFERENCE_KIND_REPEATED', { field: 'preferences' });
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      for (const p of preferences) {
        await em.query(
          `INSERT INTO notification_preference (account_id, kind, mail, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (account_id, kind) DO UPDATE SET mail = EXCLUDED.mail, updated_at = EXCLUDED.updated_at`,
          [actor.accountId, p.kind, p.mail, now],
        );
      }
    });
    return this.preferences(actor);
  }

  async outbox(query: { status?: MailStatus; limit?: number }): Promise<MailOutbox> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.account_id, a.username, m.to_address, m.subject, m.text_body, m.status, m.attempts, m.last_error, m.created_at, m.sent_at
         FROM mail_message m JOIN account a ON a.id = m.account_id
        WHERE ($1::text IS NULL OR m.status = $1)
        ORDER BY m.created_at DESC, m.id LIMIT $2`,
      [query.status ?? null, query.limit ?? 100],
    )) as MailRow[];
    const counts = (await this.dataSource.query(`SELECT status, count(*)::int AS n FROM mail_message GROUP BY status`)) as { status: MailStatus; n: number }[];
    const count = (s: MailStatus) => counts.find((c) => c.status === s)?.n ?? 0;
    return {
      counts: { PENDING: count('PENDING'), SENT: count('SENT'), KEPT: count('KEPT'), FAILED: count('FAILED') },
      smtpConfigured: this.sender.configured,
      items: rows.map(mailView),
    };
  }

  /** Queues an undeliverable message again (after the address was corrected, the server fixed…), or a kept one once a server is configured. */
  async retry(id: string): Promise<MailMessageView> {
    return this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(`SELECT status FROM mail_message WHERE id = $1 FOR UPDATE`, [id])) as { status: MailStatus }[];
      if (!row) throw new DomainError('MAIL_MESSAGE_NOT_FOUND', { mailId: id });
      if (!(row.status === 'FAILED' || (row.status === 'KEPT' && this.sender.configured))) throw new DomainError('MAIL_NOT_RETRYABLE', { mailId: id, status: row.status });
      await em.query(`UPDATE mail_message SET status = 'PENDING', attempts = 0, updated_at = $2 WHERE id = $1`, [id, this.clock.now()]);
      await this.queue.enqueueMail(em, { mailId: id });
      const [view] = (await em.query(
        `SELECT m.id, m.account_id, a.username, m.to_address, m.subject, m.text_body, m.status, m.attempts, m.last_error, m.created_at, m.sent_at
           FROM mail_message m JOIN account a ON a.id = m.account_id WHERE m.id = $1`,
        [id],
      )) as MailRow[];
      return mailView(view!);
    });
  }
}
