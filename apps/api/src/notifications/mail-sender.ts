/**
 * The SMTP side (nodemailer 10, pinned): one transport for the process, from SMTP_URL. Failures are classified
 * the way mail servers mean them: a 5xx answer is permanent (the address or the message is refused: retrying
 * cannot help), a 4xx answer and socket, time-out and DNS errors are temporary (retried with backoff).
 * nodemailer is loaded with the first message sent, not at start.
 */
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.js';
import { lazyModule } from '../common/lazy-module.js';

/** nodemailer, loaded with the first message sent. */
const loadNodemailer = lazyModule(() => import('nodemailer'));

export interface OutgoingMail {
  /** The outbox row: the Message-ID is derived from it, so that a message sent twice is recognisably one. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type SendOutcome = { ok: true; response: string } | { ok: false; permanent: boolean; error: string };

/** The Message-ID of an outbox row. */
export const messageIdOf = (mailId: string) => `<${mailId}@dien-hinh-tien-tien>`;

@Injectable()
export class MailSender implements OnModuleDestroy {
  private transport: Transporter | undefined;

  constructor(private readonly config: AppConfig) {}

  /** Whether a mail server is configured; without one, mail is kept in the outbox. */
  get configured(): boolean {
    return Boolean(this.config.SMTP_URL);
  }

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    if (!this.config.SMTP_URL) return { ok: false, permanent: true, error: 'SMTP_URL is not set' };
    if (!this.transport) {
      const { default: nodemailer } = await loadNodemailer();
      // Bounded waits: a sender holds its message's row while it talks to the server. (Another send may have made
      // the transport while this one loaded nodemailer: there is one per process.)
      this.transport ??= nodemailer.createTransport({ url: this.config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as Parameters<typeof nodemailer.createTransport>[0]);
    }
    try {
      const info = await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: messageIdOf(mail.id),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Outbox-Id': mail.id },
      });
      // A refused recipient does not throw: the server answered 5xx for it (nodemailer lists it in `rejected`).
      const rejected = info.rejected ?? [];
      if (rejected.length > 0) {
        return { ok: false, permanent: true, error: `rejected: ${rejected.map(String).join(', ')}${info.response ? ` (${info.response})` : ''}` };
      }
      return { ok: true, response: String(info.response ?? '') };
    } catch (error) {
      const e = error as Error & { responseCode?: number; code?: string; response?: string };
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
      return { ok: false, permanent, error: `${e.code ?? 'ERROR'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${(e.response ?? e.message).slice(0, 500)}` };
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
    this.transport = undefined;
  }
}
