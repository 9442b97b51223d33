/** The SQL of public comments, their moderation and the published answers. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NoticeAnswerPublication, PublicComment, PublicCommentModeration, type ModerationDecision } from './publicity.entities.js';

export type PublicCommentRow = Omit<PublicComment, 'notice' | 'item' | 'attachment'>;

export interface PublicCommentWithModeration extends PublicCommentRow {
  decision: ModerationDecision | null;
  reason: string | null;
  noticeCommentId: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}

const COLUMNS = `p.id, p.notice_id AS "noticeId", p.item_id AS "itemId", p.author_name AS "authorName", p.contact, p.body,
  p.attachment_name AS "attachmentName", p.attachment_type AS "attachmentType", p.attachment_size AS "attachmentSize",
  p.attachment_sha256 AS "attachmentSha256", p.sender_key AS "senderKey", p.challenge, to_char(p.received_on, 'YYYY-MM-DD') AS "receivedOn", p.received_at AS "receivedAt"`;

@Injectable()
export class PublicCommentRepository {
  /** Serialises the submissions of one sender, so that two at once cannot both pass the limit. */
  async lockSender(em: EntityManager, senderKey: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('public-sender:' || $1, 0))`, [senderKey]);
  }

  async challengeUsed(em: EntityManager, challenge: string): Promise<boolean> {
    return ((await em.query('SELECT 1 FROM public_comment WHERE challenge = $1', [challenge])) as unknown[]).length > 0;
  }

  /** How many comments the sender sent within the last day and the last hour, and the oldest of each window. */
  async sentSince(em: EntityManager, senderKey: string, daySince: Date, hourSince: Date): Promise<{ lastDay: number; lastHour: number; oldestInDay: Date | null; oldestInHour: Date | null }> {
    const [row] = (await em.query(
      `SELECT count(*)::int AS "lastDay", count(*) FILTER (WHERE received_at > $3)::int AS "lastHour",
              min(received_at) AS "oldestInDay", min(received_at) FILTER (WHERE received_at > $3) AS "oldestInHour"
         FROM public_comment WHERE sender_key = $1 AND received_at > $2`,
      [senderKey, daySince, hourSince],
    )) as { lastDay: number; lastHour: number; oldestInDay: Date | null; oldestInHour: Date | null }[];
    return row!;
  }

  async insert(em: EntityManager, row: Omit<PublicComment, 'notice' | 'item'>): Promise<void> {
    await em.insert(PublicComment, row);
  }

  /** Every public comment of a notice with its moderation, oldest first. */
  async ofNotice(em: EntityManager, noticeId: string): Promise<PublicCommentWithModeration[]> {
    return (await em.query(
      `SELECT ${COLUMNS}, m.decision, m.reason, m.notice_comment_id AS "noticeCommentId", m.decided_by AS "decidedBy", m.decided_at AS "decidedAt"
         FROM public_comment p LEFT JOIN public_comment_moderation m ON m.public_comment_id = p.id
        WHERE p.notice_id = $1 ORDER BY p.received_at, p.id`,
      [noticeId],
    )) as PublicCommentWithModeration[];
  }

  async find(em: EntityManager, noticeId: string, id: string): Promise<PublicCommentWithModeration | null> {
    return (await this.ofNotice(em, noticeId)).find((c) => c.id === id) ?? null;
  }

  async attachment(em: EntityManager, noticeId: string, id: string): Promise<{ name: string; type: string; sha256: string; content: Buffer } | null> {
    const [row] = (await em.query(
      `SELECT attachment_name AS name, attachment_type AS type, attachment_sha256 AS sha256, attachment AS content FROM public_comment WHERE id = $1 AND notice_id = $2 AND attachment IS NOT NULL`,
      [id, noticeId],
    )) as { name: string; type: string; sha256: string; content: Buffer }[];
    return row ?? null;
  }

  async insertModeration(em: EntityManager, row: Omit<PublicCommentModeration, 'publicComment' | 'noticeComment'>): Promise<void> {
    await em.insert(PublicCommentModeration, row);
  }

  /** The answer to a comment of the notice, with whether it is published. */
  async answerOf(em: EntityManager, noticeId: string, commentId: string): Promise<{ answerId: string; published: boolean } | null> {
    const [row] = (await em.query(
      `SELECT a.id AS "answerId", (p.answer_id IS NOT NULL) AS published FROM notice_comment c JOIN notice_answer a ON a.comment_id = c.id
         LEFT JOIN notice_answer_publication p ON p.answer_id = a.id WHERE c.id = $1 AND c.notice_id = $2`,
      [commentId, noticeId],
    )) as { answerId: string; published: boolean }[];
    return row ?? null;
  }

  async insertPublication(em: EntityManager, row: Omit<NoticeAnswerPublication, 'answer'>): Promise<void> {
    await em.insert(NoticeAnswerPublication, row);
  }
}
