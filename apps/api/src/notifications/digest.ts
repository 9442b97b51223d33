/**
 * The daily digest (thư tổng hợp), run by the queue's schedule (NOTIFICATION_DIGEST_CRON): for each person, the
 * notifications of the kinds they chose to receive as a digest and not yet digested, in one mail. One run at a
 * time (advisory lock); the notifications are marked in the same transaction as the mail is written, so none is
 * mailed twice or lost.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { digestMail } from './mail-content.js';
import { Notifications } from './notifications.js';

/** pg_try_advisory_xact_lock key of the digest run ("dhtt-dig"). */
export const DIGEST_LOCK = 0x6468_7474_2d64_6967n;

interface Pending {
  id: string;
  account_id: string;
  display_name: string;
  email: string | null;
  title: string;
  title_en: string;
  body: string;
  body_en: string;
  link: string;
}

@Injectable()
export class Digest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: Notifications,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Writes one digest mail per person with pending notifications; returns how many mails. */
  run(): Promise<{ ran: boolean; mails: number }> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock($1::bigint) AS locked`, [DIGEST_LOCK.toString()])) as { locked: boolean }[];
      if (!locked) return { ran: false, mails: 0 };
      const now = this.clock.now();
      const rows = (await em.query(
        `SELECT n.id, n.account_id, a.display_name, c.email, n.title, n.title_en, n.body, n.body_en, n.link
           FROM notification n JOIN account a ON a.id = n.account_id LEFT JOIN account_contact c ON c.account_id = a.id
          WHERE n.mail_mode = 'DIGEST' AND n.digested_at IS NULL AND n.created_at <= $1
          ORDER BY n.account_id, n.created_at
          FOR UPDATE OF n`,
        [now],
      )) as Pending[];
      const byAccount = new Map<string, Pending[]>();
      for (const r of rows) byAccount.set(r.account_id, [...(byAccount.get(r.account_id) ?? []), r]);
      let mails = 0;
      for (const [accountId, items] of byAccount) {
        const first = items[0]!;
        if (first.email) {
          const content = digestMail(items.map((i) => ({ title: i.title, titleEn: i.title_en, body: i.body, bodyEn: i.body_en, link: i.link })), first.display_name, this.config.APP_URL, this.clock.today());
          await this.notifications.writeMail(em, { accountId, to: first.email, notificationIds: items.map((i) => i.id), ...content }, now);
          mails += 1;
        }
        await em.query(`UPDATE notification SET digested_at = $2 WHERE id = ANY($1::uuid[])`, [items.map((i) => i.id), now]);
      }
      return { ran: true, mails };
    });
  }
}
