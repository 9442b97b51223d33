/**
 * The SQL of issued documents, their signatures, and what the verification reads of decisions: a decision or a
 * certificate by the number a reader types, and the later decisions that corrected or revoked it. Append-only
 * writes take the transaction's EntityManager.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DocumentSignature, IssuedDocument, type IssuedDocumentKind } from './signature.entities.js';

export type IssuedDocumentRow = Omit<IssuedDocument, 'decision' | 'candidate'>;
export type SignatureRow = Omit<DocumentSignature, 'issuedDocument'>;
/** An issued document without its bytes, with its signature's facts (without the signed bytes). */
export type IssuedDocumentListed = Omit<IssuedDocumentRow, 'content'> & { signature: Omit<SignatureRow, 'content'> | null };

/** What a verification shows of the decision a document belongs to. */
export interface DecisionFacts {
  id: string;
  authorityCode: string;
  year: number;
  number: string;
  kind: string;
  subject: string;
  issuedOn: string;
  signerTitle: string;
  signerName: string;
  profileVersion: number;
  issuedAt: Date;
}

export interface RecipientFacts {
  candidateId: string;
  name: string;
  serial: string;
}

export interface Amendment {
  id: string;
  kind: string;
  number: string;
  issuedOn: string;
  issuedAt: Date;
  /** The candidates it names (a revocation: those whose recognition it revokes). */
  candidateIds: string[];
}

const DOC = `d.id, d.decision_id AS "decisionId", d.candidate_id AS "candidateId", d.kind, d.reference, d.file_name AS "fileName", d.sha256, d.issued_by AS "issuedBy", d.issued_at AS "issuedAt"`;
const SIG = `s.id, s.issued_document_id AS "issuedDocumentId", s.method, s.level, s.signer_subject AS "signerSubject", s.signer_common_name AS "signerCommonName",
  s.issuer_subject AS "issuerSubject", s.certificate_serial AS "certificateSerial", s.certificate_sha256 AS "certificateSha256", s.certificate_not_after AS "certificateNotAfter",
  s.claimed_signing_time AS "claimedSigningTime", s.time_stamped_at AS "timeStampedAt", s.sha256, s.recorded_by AS "recordedBy", s.recorded_at AS "recordedAt"`;
const DECISION = `id, authority_code AS "authorityCode", year, number || '/' || symbol AS number, kind, subject, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn",
  signer_title AS "signerTitle", signer_name AS "signerName", profile_version AS "profileVersion", issued_at AS "issuedAt"`;

@Injectable()
export class SignatureRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  /** Serialises the freezing and signing of one document (no UPDATE right on these append-only tables). */
  async lockDocument(em: EntityManager, decisionId: string, candidateId: string | null): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`issued_document:${decisionId}:${candidateId ?? ''}`]);
  }

  async issued(em: EntityManager, decisionId: string, candidateId: string | null): Promise<IssuedDocumentRow | null> {
    const [row] = (await em.query(`SELECT ${DOC}, d.content FROM issued_document d WHERE d.decision_id = $1 AND d.candidate_id IS NOT DISTINCT FROM $2`, [decisionId, candidateId])) as IssuedDocumentRow[];
    return row ?? null;
  }

  async issuedBySha256(em: EntityManager, sha256s: string[]): Promise<IssuedDocumentRow | null> {
    const [row] = (await em.query(`SELECT ${DOC}, d.content FROM issued_document d WHERE d.sha256 = ANY($1::text[]) ORDER BY d.issued_at LIMIT 1`, [sha256s])) as IssuedDocumentRow[];
    return row ?? null;
  }

  async issuedById(em: EntityManager, id: string): Promise<IssuedDocumentRow | null> {
    const [row] = (await em.query(`SELECT ${DOC}, d.content FROM issued_document d WHERE d.id = $1`, [id])) as IssuedDocumentRow[];
    return row ?? null;
  }

  async signatureOf(em: EntityManager, issuedDocumentId: string): Promise<SignatureRow | null> {
    const [row] = (await em.query(`SELECT ${SIG}, s.content FROM document_signature s WHERE s.issued_document_id = $1`, [issuedDocumentId])) as SignatureRow[];
    return row ?? null;
  }

  async signatureBySha256(em: EntityManager, sha256: string): Promise<SignatureRow | null> {
    const [row] = (await em.query(`SELECT ${SIG}, s.content FROM document_signature s WHERE s.sha256 = $1`, [sha256])) as SignatureRow[];
    return row ?? null;
  }

  async insertIssued(em: EntityManager, row: IssuedDocumentRow): Promise<void> {
    await em.insert(IssuedDocument, row);
  }

  async insertSignature(em: EntityManager, row: SignatureRow): Promise<void> {
    await em.insert(DocumentSignature, row);
  }

  /** A decision's issued documents (the decision first, then certificates in the decision's order) with their signatures. */
  async ofDecision(em: EntityManager, decisionId: string): Promise<IssuedDocumentListed[]> {
    const rows = (await em.query(
      `SELECT ${DOC}, (SELECT row_to_json(x) FROM (SELECT ${SIG} FROM document_signature s WHERE s.issued_document_id = d.id) x) AS signature
         FROM issued_document d LEFT JOIN decision_recipient r ON r.decision_id = d.decision_id AND r.candidate_id = d.candidate_id
        WHERE d.decision_id = $1 ORDER BY d.candidate_id IS NOT NULL, r.position`,
      [decisionId],
    )) as (Omit<IssuedDocumentListed, 'signature'> & { signature: Record<string, unknown> | null })[];
    return rows.map((r) => ({ ...r, signature: r.signature ? reviveSignature(r.signature) : null }));
  }

  // ---- what verification reads of decisions ----

  async decision(em: EntityManager, id: string): Promise<DecisionFacts | null> {
    const [row] = (await em.query(`SELECT ${DECISION} FROM recognition_decision WHERE id = $1`, [id])) as DecisionFacts[];
    return row ?? null;
  }

  /** Decisions whose printed number is the one typed ("12/QĐ-UBND"), newest first (numbers restart every year). */
  async decisionsNumbered(em: EntityManager, number: string): Promise<DecisionFacts[]> {
    return (await em.query(`SELECT ${DECISION} FROM recognition_decision WHERE upper(number || '/' || symbol) = upper($1) ORDER BY issued_at DESC`, [number])) as DecisionFacts[];
  }

  async recipient(em: EntityManager, decisionId: string, candidateId: string): Promise<RecipientFacts | null> {
    const [row] = (await em.query(`SELECT candidate_id AS "candidateId", name, serial FROM decision_recipient WHERE decision_id = $1 AND candidate_id = $2`, [decisionId, candidateId])) as RecipientFacts[];
    return row ?? null;
  }

  async recipientBySerial(em: EntityManager, serial: string): Promise<(RecipientFacts & { decisionId: string }) | null> {
    const [row] = (await em.query(`SELECT decision_id AS "decisionId", candidate_id AS "candidateId", name, serial FROM decision_recipient WHERE upper(serial) = upper($1)`, [serial])) as (RecipientFacts & {
      decisionId: string;
    })[];
    return row ?? null;
  }

  /**
   * Every other decision of the chain a decision belongs to (the recognition it stems from, and every correction and
   * revocation that refers, directly or through another, to that recognition), oldest first, with whom each names.
   */
  async chainOf(em: EntityManager, decisionId: string): Promise<Amendment[]> {
    return (await em.query(
      `WITH RECURSIVE up AS (
         SELECT id, amends_id FROM recognition_decision WHERE id = $1
         UNION SELECT d.id, d.amends_id FROM recognition_decision d JOIN up ON d.id = up.amends_id
       ), down AS (
         SELECT id FROM up WHERE amends_id IS NULL
         UNION SELECT d.id FROM recognition_decision d JOIN down ON d.amends_id = down.id
       )
       SELECT d.id, d.kind, d.number || '/' || d.symbol AS number, to_char(d.issued_on, 'YYYY-MM-DD') AS "issuedOn", d.issued_at AS "issuedAt",
              COALESCE((SELECT array_agg(r.candidate_id::text) FROM decision_recipient r WHERE r.decision_id = d.id), '{}') AS "candidateIds"
         FROM recognition_decision d WHERE d.id IN (SELECT id FROM down) AND d.id <> $1 ORDER BY d.issued_at`,
      [decisionId],
    )) as Amendment[];
  }
}

function reviveSignature(s: Record<string, unknown>): Omit<SignatureRow, 'content'> {
  const date = (v: unknown) => (v ? new Date(String(v)) : null);
  return {
    ...(s as unknown as Omit<SignatureRow, 'content'>),
    certificateNotAfter: date(s.certificateNotAfter)!,
    claimedSigningTime: date(s.claimedSigningTime),
    timeStampedAt: date(s.timeStampedAt),
    recordedAt: date(s.recordedAt)!,
  };
}

export type { IssuedDocumentKind };
