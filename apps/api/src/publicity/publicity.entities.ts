/**
 * The public side's own rows: comments sent by the public through the notice page (kept as received, with the
 * proof of work that let them in), the secretariat's moderation of each (accepted into the notice's comments, or
 * set aside with a reason), and the publication of an answer on the public page. All three are append-only: a
 * comment is never edited or deleted, whatever becomes of the notice.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { NoticeAnswer, NoticeComment, PublicNotice, ReviewItem } from '../reviews/review.entities.js';

export const MODERATION_DECISIONS = ['ACCEPTED', 'REJECTED'] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

/** A comment or objection sent by a member of the public during a notice; waits for moderation. */
@Entity('public_comment')
@Index('IDX_public_comment_notice', ['noticeId', 'receivedAt'])
@Index('IDX_public_comment_sender', ['senderKey', 'receivedAt'])
@Index('UQ_public_comment_challenge', ['challenge'], { unique: true })
export class PublicComment {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'notice_id' })
  noticeId: string;

  @ManyToOne(() => PublicNotice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_id' })
  notice?: Relation<PublicNotice>;

  /** The candidate of the notice it is about; null for the list as a whole. */
  @Column('uuid', { name: 'item_id', nullable: true })
  itemId: string | null;

  @ManyToOne(() => ReviewItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<ReviewItem>;

  @Column('text', { name: 'author_name' })
  authorName: string;

  /** How to reach the sender (telephone or e-mail): for the secretariat only, never shown publicly. */
  @Column('text')
  contact: string;

  @Column('text')
  body: string;

  @Column('text', { name: 'attachment_name', nullable: true })
  attachmentName: string | null;

  @Column('text', { name: 'attachment_type', nullable: true })
  attachmentType: string | null;

  @Column('int', { name: 'attachment_size', nullable: true })
  attachmentSize: number | null;

  @Column('text', { name: 'attachment_sha256', nullable: true })
  attachmentSha256: string | null;

  @Column('bytea', { name: 'attachment', nullable: true })
  attachment: Buffer | null;

  /** SHA-256 of the sender's address: enough to count per address, without keeping the address itself. */
  @Column('text', { name: 'sender_key' })
  senderKey: string;

  /** The proof-of-work challenge it was sent with: used once. */
  @Column('text')
  challenge: string;

  @Column('date', { name: 'received_on' })
  receivedOn: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;
}

/** The secretariat's decision on a public comment; one per comment. */
@Entity('public_comment_moderation')
export class PublicCommentModeration {
  @PrimaryColumn('uuid', { name: 'public_comment_id' })
  publicCommentId: string;

  @ManyToOne(() => PublicComment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'public_comment_id' })
  publicComment?: Relation<PublicComment>;

  @Column('text')
  decision: ModerationDecision;

  /** Why it was set aside (rejected: abusive, off-topic, a duplicate…). */
  @Column('text', { nullable: true })
  reason: string | null;

  /** The notice comment it became (accepted). */
  @Column('uuid', { name: 'notice_comment_id', nullable: true })
  noticeCommentId: string | null;

  @ManyToOne(() => NoticeComment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_comment_id' })
  noticeComment?: Relation<NoticeComment>;

  @Column('text', { name: 'decided_by' })
  decidedBy: string;

  @Column('timestamptz', { name: 'decided_at' })
  decidedAt: Date;
}

/** An answer the secretariat published on the public notice page. */
@Entity('notice_answer_publication')
export class NoticeAnswerPublication {
  @PrimaryColumn('uuid', { name: 'answer_id' })
  answerId: string;

  @ManyToOne(() => NoticeAnswer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'answer_id' })
  answer?: Relation<NoticeAnswer>;

  @Column('text', { name: 'published_by' })
  publishedBy: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;
}

export const PUBLICITY_ENTITIES = [PublicComment, PublicCommentModeration, NoticeAnswerPublication];
