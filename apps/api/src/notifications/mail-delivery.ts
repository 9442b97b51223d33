/**
 * Delivers one message of the outbox. In one transaction: lock the row; if it is no longer PENDING it was
 * delivered (or given up) already, by this instance or another, and nothing is sent; otherwise send it and
 * record the outcome. The lock makes a second instance that took over an expired job wait, then find the message
 * SENT. The one window left is a process killed after the mail server accepted a message and before the commit:
 * that message goes out again, with the same Message-ID (mail-sender.ts), which receiving systems recognise.
 */
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { MailSender } from './mail-sender.js';

export type DeliveryOutcome = 'SENT' | 'KEPT' | 'FAILED' | 'RETRY' | 'ALREADY_DONE';

interface Row {
  id: string;
  status: string;
  attempts: number;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
}

@Injectable()
export class MailDelivery {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: MailSender,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  deliver(mailId: string): Promise<{ outcome: DeliveryOutcome; error?: string }> {
    return this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(
        `SELECT id, status, attempts, to_address, subject, text_body, html_body FROM mail_message WHERE id = $1 FOR UPDATE`,
        [mailId],
      )) as Row[];
      if (!row || row.status !== 'PENDING') return { outcome: 'ALREADY_DONE' as const };
      const now = this.clock.now();
      if (!this.sender.configured) {
        await em.query(`UPDATE mail_message SET status = 'KEPT', updated_at = $2 WHERE id = $1`, [mailId, now]);
        return { outcome: 'KEPT' as const };
      }
      const result = await this.sender.send({ id: row.id, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body });
      const attempts = row.attempts + 1;
      if (result.ok) {
        await em.query(`UPDATE mail_message SET status = 'SENT', attempts = $2, sent_at = $3, last_error = NULL, updated_at = $3 WHERE id = $1`, [mailId, attempts, now]);
        return { outcome: 'SENT' as const };
      }
      // Out of attempts, or refused for good: FAILED, listed for administrators (GET /api/notifications/mail).
      const giveUp = result.permanent || attempts > this.config.MAIL_RETRY_LIMIT;
      await em.query(`UPDATE mail_message SET status = $2, attempts = $3, last_error = $4, updated_at = $5 WHERE id = $1`, [mailId, giveUp ? 'FAILED' : 'PENDING', attempts, result.error, now]);
      if (giveUp) this.logger.warn(`Không gửi được thư ${mailId} / Undeliverable mail ${mailId}: ${result.error}`);
      return { outcome: giveUp ? ('FAILED' as const) : ('RETRY' as const), error: result.error };
    });
  }
}
