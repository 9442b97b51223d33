/**
 * Takes a comment or objection from the public (no sign-in) on a notice in its period. In order: the fields (each
 * refusal names its field, in Vietnamese), the attachment (the evidence checks: type, extension, first bytes; the
 * size is capped by the upload's own limit), the proof of work, then, in one transaction under the session's lock
 * (SessionChanges: the notice must still take comments), the per-address limits under an advisory lock on the
 * sender, the row and its audit record. The comment waits for moderation: nothing of it is public until the
 * secretariat accepts it and publishes an answer.
 */
import { Notifications } from '../../notifications/notifications.js';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { systemActor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { acceptFile, type UploadedFileParts } from '../../evidence/evidence-policy.js';
import { ReviewSessionRepository } from '../../reviews/review-session.repository.js';
import { SessionChanges } from '../../reviews/session-changes.js';
import { waitInWords } from '../../accounts/sign-in-throttle.js';
import { proofProblem } from '../proof-of-work.js';
import { PublicCommentRepository } from '../public-comment.repository.js';
import { PublicPagesRepository } from '../public-pages.repository.js';

/** Who the audit trail names for what the public sends. */
export const PUBLIC_ACTOR = systemActor('cong-chung');

export const PUBLIC_COMMENT_LIMITS = { name: 200, contact: 200, body: 5000 } as const;

export interface PublicCommentForm {
  itemId?: string;
  name?: string;
  contact?: string;
  body?: string;
  challenge?: string;
  nonce?: string;
}

export interface FieldProblem {
  field: string;
  vi: string;
  en: string;
}

const HOUR = 3_600_000;

@Injectable()
export class SubmitPublicComment {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly pages: PublicPagesRepository,
    private readonly comments: PublicCommentRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly notifications: Notifications,
  ) {}

  async execute(noticeId: string, form: PublicCommentForm, file: UploadedFileParts | undefined, address: string): Promise<{ publicCommentId: string }> {
    const now = this.clock.now();
    const [notice] = await this.pages.openNotices(this.clock.today(), noticeId);
    if (!notice) throw new DomainError('PUBLIC_NOTICE_NOT_FOUND', { noticeId });
    const entries = await this.pages.noticeEntries(notice.sessionId);
    const fields = checkFields(form, entries.map((e) => e.itemId));
    if (fields.problems.length > 0) throw fieldsRefused(fields.problems);
    const attachment = file && file.size > 0 ? { ...acceptFile(file, 'attachment'), size: file.size, content: file.buffer } : null;
    const problem = proofProblem(form.challenge ?? '', form.nonce ?? '', noticeId, this.config.PUBLIC_COMMENT_POW_BITS, now);
    if (problem) throw new DomainError('PUBLIC_COMMENT_PROOF_INVALID', { field: 'proof', problem });
    const senderKey = createHash('sha256').update(`dth-public-sender:${address}`).digest('hex');

    return this.changes.run(notice.sessionId, 'RECORD_COMMENT', PUBLIC_ACTOR, async (em, session) => {
      const current = await this.sessions.notice(em, notice.sessionId);
      if (!current || current.id !== noticeId || this.clock.today() > current.endsOn) throw new DomainError('PUBLIC_NOTICE_CLOSED', { noticeId });
      await this.comments.lockSender(em, senderKey);
      if (await this.comments.challengeUsed(em, form.challenge!)) throw new DomainError('PUBLIC_COMMENT_PROOF_INVALID', { field: 'proof', problem: 'USED' });
      const sent = await this.comments.sentSince(em, senderKey, new Date(now.getTime() - 24 * HOUR), new Date(now.getTime() - HOUR));
      const over = sent.lastHour >= this.config.PUBLIC_COMMENTS_PER_ADDRESS_PER_HOUR ? sent.oldestInHour : sent.lastDay >= this.config.PUBLIC_COMMENTS_PER_ADDRESS_PER_DAY ? sent.oldestInDay : null;
      if (over) {
        const window = sent.lastHour >= this.config.PUBLIC_COMMENTS_PER_ADDRESS_PER_HOUR ? HOUR : 24 * HOUR;
        const retryAfterSeconds = Math.max(1, Math.ceil((new Date(over).getTime() + window - now.getTime()) / 1000));
        const wait = waitInWords(retryAfterSeconds);
        throw new DomainError('PUBLIC_COMMENT_TOO_MANY', { retryAfterSeconds }, {
          vi: `Địa chỉ của bạn đã gửi quá nhiều ý kiến. Vui lòng thử lại sau ${wait.vi}.`,
          en: `Too many comments were sent from your address. Try again in ${wait.en}.`,
        });
      }
      const row = {
        id: randomUUID(),
        noticeId,
        itemId: form.itemId || null,
        authorName: fields.name,
        contact: fields.contact,
        body: fields.body,
        attachmentName: attachment?.fileName ?? null,
        attachmentType: attachment?.contentType ?? null,
        attachmentSize: attachment?.size ?? null,
        attachmentSha256: attachment?.sha256 ?? null,
        attachment: attachment?.content ?? null,
        senderKey,
        challenge: form.challenge!,
        receivedOn: this.clock.dateOf(now),
        receivedAt: now,
      };
      await this.comments.insert(em, row);
      await this.changes.moveOn(em, session, 'RECORD_COMMENT', {}, now);
      const candidateId = entries.find((e) => e.itemId === row.itemId)?.candidateId ?? null;
      // The sender's contact and address stay out of the trail's payload: the row's digest vouches for them.
      await this.changes.record(em, notice.sessionId, 'PUBLIC_COMMENT_RECEIVED', {
        publicCommentId: row.id,
        noticeId,
        itemId: row.itemId,
        author: row.authorName,
        body: row.body,
        attachment: attachment ? { fileName: attachment.fileName, contentType: attachment.contentType, sizeBytes: attachment.size, sha256: attachment.sha256 } : null,
        receivedOn: row.receivedOn,
      }, PUBLIC_ACTOR, now, candidateId);
      // The secretariat is told in this transaction: the comment waits for its moderation.
      const entry = entries.find((e) => e.itemId === row.itemId);
      await this.notifications.notify(em, {
        kind: 'PUBLIC_COMMENT_RECEIVED',
        to: await this.notifications.withRoles(em, ['COUNCIL_SECRETARY']),
        title: { vi: `Ý kiến của nhân dân: ${session.title}`, en: `Public comment: ${session.title}` },
        body: {
          vi: `${fields.name} gửi ý kiến${entry ? ` về ${entry.name}` : ''} trong thời gian niêm yết; ý kiến chờ kiểm duyệt trước khi trả lời.`,
          en: `${fields.name} commented${entry ? ` on ${entry.name}` : ''} during the notice; it waits for moderation before it is answered.`,
        },
        link: `/hoi-dong/${notice.sessionId}`,
      });
      return { publicCommentId: row.id };
    });
  }
}

/** Every field's problem at once (the form shows each beside its field), and the cleaned values. */
export function checkFields(form: PublicCommentForm, itemIds: string[]): { problems: FieldProblem[]; name: string; contact: string; body: string } {
  const problems: FieldProblem[] = [];
  const name = (form.name ?? '').normalize('NFC').trim();
  const contact = (form.contact ?? '').normalize('NFC').trim();
  const body = (form.body ?? '').normalize('NFC').replace(/\r\n/g, '\n').trim();
  const required = (field: string, value: string, vi: string, en: string, max: number) => {
    if (!value) problems.push({ field, vi: `Vui lòng nhập ${vi}.`, en: `Please enter ${en}.` });
    else if ([...value].length > max) problems.push({ field, vi: `${cap(vi)} dài quá ${max} ký tự.`, en: `${cap(en)} is longer than ${max} characters.` });
  };
  required('name', name, 'họ và tên', 'your name', PUBLIC_COMMENT_LIMITS.name);
  required('contact', contact, 'số điện thoại hoặc thư điện tử để liên hệ', 'a telephone number or e-mail address', PUBLIC_COMMENT_LIMITS.contact);
  if (contact && [...contact].length <= PUBLIC_COMMENT_LIMITS.contact && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact) && !/^\+?[\d\s.()-]{8,20}$/.test(contact)) {
    problems.push({ field: 'contact', vi: 'Thông tin liên hệ phải là số điện thoại hoặc địa chỉ thư điện tử.', en: 'The contact must be a telephone number or an e-mail address.' });
  }
  required('body', body, 'nội dung ý kiến', 'the comment', PUBLIC_COMMENT_LIMITS.body);
  if (form.itemId && !itemIds.includes(form.itemId)) problems.push({ field: 'itemId', vi: 'Người được góp ý không có trong danh sách công khai.', en: 'The person commented on is not on the notice.' });
  return { problems, name, contact, body };
}

export function fieldsRefused(problems: FieldProblem[]): DomainError {
  return new DomainError('PUBLIC_COMMENT_FIELD_INVALID', { field: problems[0]!.field, errors: problems.map((p) => ({ field: p.field, message: p.vi, messageEn: p.en })) }, {
    vi: problems.map((p) => p.vi).join(' '),
    en: problems.map((p) => p.en).join(' '),
  });
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
