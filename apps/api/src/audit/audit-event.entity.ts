import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity.js';

/**
 * One accepted change, appended in the same transaction as the change itself. The database refuses
 * UPDATE, DELETE and TRUNCATE on this table (see the migration). Records form one hash chain per stream:
 * `candidate:<id>`, `unit:<id>`, …; `hash` covers the canonical (RFC 8785) form of the record's content.
 */
@Entity('audit_event')
@Index('UQ_audit_event_stream_seq', ['stream', 'seq'], { unique: true })
@Index('IDX_audit_event_candidate', ['candidateId', 'seq'])
@Index('IDX_audit_event_actor', ['actor', 'occurredAt'])
export class AuditEvent {
  /** Global order of appends; the basis for checkpoints over all records. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('text')
  stream: string;

  /** 1, 2, 3… within the stream, without gaps. */
  @Column('int')
  seq: number;

  @Column('uuid', { name: 'candidate_id', nullable: true })
  candidateId: string | null;

  /** With RESTRICT, a candidate that has a history can never be deleted. */
  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('text', { name: 'event_type' })
  eventType: string;

  /** The event's data as recorded (jsonb: key order is not preserved, hence the canonical hash). */
  @Column('jsonb')
  payload: object;

  @Column('text', { name: 'from_state', nullable: true })
  fromState: string | null;

  @Column('text', { name: 'to_state', nullable: true })
  toState: string | null;

  @Column('text')
  actor: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('int', { name: 'machine_version', nullable: true })
  machineVersion: number | null;

  /** Hash of the previous record of the same stream; null for the first. */
  @Column('char', { name: 'prev_hash', length: 64, nullable: true })
  prevHash: string | null;

  @Column('char', { length: 64 })
  hash: string;

  /**
   * The digests of the rows this record's transaction wrote in covered tables (coverage.ts), hashed with the
   * record when present. Not part of the event's payload.
   */
  @Column('jsonb', { nullable: true })
  attests: object | null;

  /** HMAC-SHA256 over `hash` with the application's record key `macKeyId` (kept outside the database). */
  @Column('text', { nullable: true })
  mac: string | null;

  @Column('text', { name: 'mac_key_id', nullable: true })
  macKeyId: string | null;
}
