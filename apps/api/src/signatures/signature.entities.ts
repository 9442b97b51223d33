/**
 * Issued documents as files, and their signatures. Both append-only and attested (audit/coverage.ts):
 *
 * - `issued_document`: the exact bytes of a decision or a certificate as issued (unsigned), frozen once — the file
 *   a signer signs with their own token elsewhere, and the prefix every signed copy must start with;
 * - `document_signature`: the signed PDF (PAdES) of an issued document, with the facts of its signature, made on
 *   the server with the configured certificate or uploaded after signing elsewhere.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity.js';
import { RecognitionDecision } from '../decisions/decision.entities.js';

export type IssuedDocumentKind = 'DECISION' | 'CERTIFICATE';
export type SignatureMethod = 'SERVER' | 'UPLOAD';
export type SignatureLevel = 'B-B' | 'B-T';

@Entity('issued_document')
// One file per decision (candidate_id null) and per certificate: partial unique indexes created by the migration.
@Index('UQ_issued_document_decision', { synchronize: false })
@Index('UQ_issued_document_certificate', { synchronize: false })
@Index('IDX_issued_document_reference', ['reference'])
export class IssuedDocument {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @ManyToOne(() => RecognitionDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Relation<RecognitionDecision>;

  /** The exemplar of a certificate; null for the decision itself. */
  @Column('uuid', { name: 'candidate_id', nullable: true })
  candidateId: string | null;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('text')
  kind: IssuedDocumentKind;

  /** What a reader types to find it: the decision's number ("12/QĐ-UBND") or the certificate's serial. */
  @Column('text')
  reference: string;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('character', { length: 64 })
  sha256: string;

  @Column('bytea')
  content: Buffer;

  @Column('text', { name: 'issued_by' })
  issuedBy: string;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt: Date;
}

@Entity('document_signature')
@Index('UQ_document_signature_document', ['issuedDocumentId'], { unique: true })
@Index('IDX_document_signature_sha256', ['sha256'])
export class DocumentSignature {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'issued_document_id' })
  issuedDocumentId: string;

  @ManyToOne(() => IssuedDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issued_document_id' })
  issuedDocument?: Relation<IssuedDocument>;

  @Column('text')
  method: SignatureMethod;

  /** PAdES baseline level reached: B-B, or B-T with a time-stamp. */
  @Column('text')
  level: SignatureLevel;

  @Column('text', { name: 'signer_subject' })
  signerSubject: string;

  @Column('text', { name: 'signer_common_name' })
  signerCommonName: string;

  @Column('text', { name: 'issuer_subject' })
  issuerSubject: string;

  @Column('text', { name: 'certificate_serial' })
  certificateSerial: string;

  @Column('character', { name: 'certificate_sha256', length: 64 })
  certificateSha256: string;

  @Column('timestamptz', { name: 'certificate_not_after' })
  certificateNotAfter: Date;

  /** The signature dictionary's /M: the time the signer's software claims. */
  @Column('timestamptz', { name: 'claimed_signing_time', nullable: true })
  claimedSigningTime: Date | null;

  /** The time-stamp authority's time (B-T). */
  @Column('timestamptz', { name: 'time_stamped_at', nullable: true })
  timeStampedAt: Date | null;

  @Column('character', { length: 64 })
  sha256: string;

  @Column('bytea')
  content: Buffer;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

export const SIGNATURE_ENTITIES = [IssuedDocument, DocumentSignature];
