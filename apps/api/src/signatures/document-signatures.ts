/**
 * Signing issued documents: the narrow interface the decision flow calls.
 *
 * - `issuedCopy(source)`: the issued (unsigned) bytes of a decision or certificate, frozen the first time they are
 *   asked for (stored, audited), the same bytes every time after: the file a signer signs elsewhere.
 * - `signOnServer(source)`: signs the issued copy with the configured certificate (PAdES B-B; B-T with a TSA).
 * - `acceptSigned(source, file)`: takes a file signed elsewhere when it is the issued copy plus an incremental update
 *   that only adds a signature, the signature is valid, its certificate in force and chaining to a trusted root.
 * - `signedCopy(decisionId, candidateId)`: the signed file to hand out, if there is one.
 *
 * Each write is one transaction with its audit record in the decision's stream.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { IssuedDocumentView } from '#contracts';
import { AuditWriter } from '../audit/audit.writer.js';
import { decisionStream } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { sha256 } from './digest.js';
import type { SignatureReading } from './pades.js';
import { SignatureRepository, type IssuedDocumentListed, type IssuedDocumentRow } from './signature.repository.js';
import type { IssuedDocumentKind, SignatureMethod } from './signature.entities.js';
import { loadPades } from './signature-engine.js';
import { SigningKeys } from './signing-keys.js';

/** What the decision flow hands over for one document: who it is, and how to render its issued bytes. */
export interface IssuedDocumentSource {
  decisionId: string;
  /** The certificate's exemplar; null for the decision itself. */
  candidateId: string | null;
  kind: IssuedDocumentKind;
  /** The decision's number or the certificate's serial. */
  reference: string;
  fileName: string;
  /** For the signature dictionary (ASCII is written): where and why. */
  place: string;
  signerName: string;
  /** Renders the issued PDF; called only the first time, when the bytes are frozen. */
  render(): Promise<Buffer>;
}

const PDF_MAGIC = Buffer.from('%PDF-');

@Injectable()
export class DocumentSignatures {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SignatureRepository,
    private readonly keys: SigningKeys,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** The issued bytes, frozen once. */
  async issuedCopy(source: IssuedDocumentSource, actor: Actor): Promise<IssuedDocumentRow> {
    const existing = await this.repository.issued(this.repository.reader, source.decisionId, source.candidateId);
    if (existing) return existing;
    const pdf = await source.render();
    return this.dataSource.transaction(async (em) => this.freeze(em, source, pdf, actor));
  }

  /** Signs the issued copy on the server. */
  async signOnServer(source: IssuedDocumentSource, actor: Actor): Promise<IssuedDocumentListed> {
    const credentials = await this.keys.credentials();
    if (!credentials) throw new DomainError('SIGNING_NOT_CONFIGURED', {});
    const issued = await this.issuedCopy(source, actor);
    if (await this.repository.signatureOf(this.repository.reader, issued.id)) throw new DomainError('DOCUMENT_ALREADY_SIGNED', { reference: issued.reference });
    const now = this.clock.now();
    const { readSignatures, signPdf } = await loadPades();
    const signed = await signPdf(issued.content, credentials, {
      reason: source.kind === 'DECISION' ? `Ban hanh Quyet dinh so ${source.reference}` : `Cap Giay chung nhan so ${source.reference}`,
      location: source.place,
      name: source.signerName,
      signingTime: now,
      tsa: this.keys.tsa,
    });
    const [reading] = await readSignatures(signed.pdf, await this.keys.trustedRoots(), now);
    return this.record(issued, signed.pdf, reading!, 'SERVER', actor);
  }

  /** Takes a file signed elsewhere, after every check. */
  async acceptSigned(source: IssuedDocumentSource, file: Buffer | undefined, actor: Actor): Promise<IssuedDocumentListed> {
    if (!file || file.length === 0) throw new DomainError('SIGNED_FILE_REQUIRED', { field: 'file' });
    if (!file.subarray(0, 5).equals(PDF_MAGIC)) throw new DomainError('SIGNED_FILE_NOT_PDF', { field: 'file' });
    const issued = await this.issuedCopy(source, actor);
    if (await this.repository.signatureOf(this.repository.reader, issued.id)) throw new DomainError('DOCUMENT_ALREADY_SIGNED', { reference: issued.reference });
    const { readSignatures, sameDocument } = await loadPades();
    const readings = await readSignatures(file, await this.keys.trustedRoots(), this.clock.now());
    const reading = readings.at(-1);
    if (!reading) throw new DomainError('SIGNED_FILE_UNSIGNED', { field: 'file' });
    // Bytes changed after signing are named as such first; then: is it this document at all?
    if (readings.some((r) => r.problems.includes('DIGEST_MISMATCH') || r.problems.includes('NOT_WHOLE_FILE'))) throw new DomainError('SIGNED_FILE_TAMPERED', { field: 'file' });
    const same = await sameDocument(issued.content, file);
    if (same === 'NOT_A_PREFIX') throw new DomainError('SIGNED_FILE_WRONG_DOCUMENT', { field: 'file', reference: issued.reference });
    // Every signature of the file must hold, and the last one must cover the whole file.
    for (const r of readings) refuseProblems(r);
    if (same === 'CONTENT_CHANGED') throw new DomainError('SIGNED_FILE_WRONG_DOCUMENT', { field: 'file', reference: issued.reference, changed: true });
    return this.record(issued, file, reading, 'UPLOAD', actor);
  }

  /** The signed file of a document, if it is signed. */
  async signedCopy(decisionId: string, candidateId: string | null): Promise<{ pdf: Buffer; fileName: string } | null> {
    const em = this.repository.reader;
    const issued = await this.repository.issued(em, decisionId, candidateId);
    const signature = issued ? await this.repository.signatureOf(em, issued.id) : null;
    return issued && signature ? { pdf: signature.content, fileName: issued.fileName.replace(/\.pdf$/i, '-da-ky.pdf') } : null;
  }

  async list(decisionId: string): Promise<IssuedDocumentView[]> {
    return (await this.repository.ofDecision(this.repository.reader, decisionId)).map(issuedDocumentView);
  }

  private async freeze(em: EntityManager, source: IssuedDocumentSource, pdf: Buffer, actor: Actor): Promise<IssuedDocumentRow> {
    await this.repository.lockDocument(em, source.decisionId, source.candidateId);
    const raced = await this.repository.issued(em, source.decisionId, source.candidateId);
    if (raced) return raced;
    const decision = (await this.repository.decision(em, source.decisionId))!;
    const row: IssuedDocumentRow = {
      id: randomUUID(),
      decisionId: source.decisionId,
      candidateId: source.candidateId,
      kind: source.kind,
      reference: source.reference,
      fileName: source.fileName,
      sha256: sha256(pdf).toString('hex'),
      content: pdf,
      issuedBy: actor.username,
      issuedAt: this.clock.now(),
    };
    await this.repository.insertIssued(em, row);
    await this.audit.append(em, {
      stream: decisionStream(decision.authorityCode, decision.year),
      eventType: 'DOCUMENT_ISSUED_COPY',
      payload: { issuedDocumentId: row.id, decisionId: row.decisionId, candidateId: row.candidateId, kind: row.kind, reference: row.reference, sha256: row.sha256, bytes: pdf.length },
      actor: actor.username,
      occurredAt: row.issuedAt,
    });
    return row;
  }

  private async record(issued: IssuedDocumentRow, signed: Buffer, reading: SignatureReading, method: SignatureMethod, actor: Actor): Promise<IssuedDocumentListed> {
    const signer = reading.signer!;
    return this.dataSource.transaction(async (em) => {
      await this.repository.lockDocument(em, issued.decisionId, issued.candidateId);
      if (await this.repository.signatureOf(em, issued.id)) throw new DomainError('DOCUMENT_ALREADY_SIGNED', { reference: issued.reference });
      const decision = (await this.repository.decision(em, issued.decisionId))!;
      const row = {
        id: randomUUID(),
        issuedDocumentId: issued.id,
        method,
        level: reading.level === 'B-T' ? ('B-T' as const) : ('B-B' as const),
        signerSubject: signer.subject,
        signerCommonName: signer.subjectCommonName,
        issuerSubject: signer.issuer,
        certificateSerial: signer.serialNumber,
        certificateSha256: signer.sha256,
        certificateNotAfter: signer.notAfter,
        claimedSigningTime: reading.claimedSigningTime,
        timeStampedAt: reading.timeStampedAt,
        sha256: sha256(signed).toString('hex'),
        content: signed,
        recordedBy: actor.username,
        recordedAt: this.clock.now(),
      };
      await this.repository.insertSignature(em, row);
      await this.audit.append(em, {
        stream: decisionStream(decision.authorityCode, decision.year),
        eventType: 'DOCUMENT_SIGNED',
        payload: {
          issuedDocumentId: issued.id,
          signatureId: row.id,
          reference: issued.reference,
          method,
          level: row.level,
          signer: signer.subject,
          issuer: signer.issuer,
          certificateSerial: signer.serialNumber,
          certificateSha256: signer.sha256,
          issuedSha256: issued.sha256,
          signedSha256: row.sha256,
        },
        actor: actor.username,
        occurredAt: row.recordedAt,
      });
      const { content: _issuedBytes, ...doc } = issued;
      const { content: _signedBytes, ...facts } = row;
      return { ...doc, signature: facts };
    });
  }
}

function refuseProblems(reading: SignatureReading): void {
  const [problem] = reading.problems;
  if (!problem) return;
  const code = ({
    NO_SIGNATURE: 'SIGNED_FILE_UNSIGNED',
    MALFORMED: 'SIGNED_FILE_SIGNATURE_INVALID',
    NOT_WHOLE_FILE: 'SIGNED_FILE_TAMPERED',
    DIGEST_MISMATCH: 'SIGNED_FILE_TAMPERED',
    SIGNATURE_INVALID: 'SIGNED_FILE_SIGNATURE_INVALID',
    CERTIFICATE_EXPIRED: 'SIGNED_FILE_CERTIFICATE_EXPIRED',
    UNTRUSTED_CHAIN: 'SIGNED_FILE_UNTRUSTED',
  } as const)[problem];
  throw new DomainError(code, { field: 'file', problems: reading.problems });
}

export function issuedDocumentView(d: IssuedDocumentListed): IssuedDocumentView {
  const s = d.signature;
  return {
    id: d.id,
    decisionId: d.decisionId,
    candidateId: d.candidateId,
    kind: d.kind,
    reference: d.reference,
    fileName: d.fileName,
    sha256: d.sha256.trim(),
    issuedBy: d.issuedBy,
    issuedAt: new Date(d.issuedAt).toISOString(),
    signature: s
      ? {
          method: s.method,
          level: s.level,
          signerName: s.signerCommonName,
          signerSubject: s.signerSubject,
          issuerSubject: s.issuerSubject,
          certificateSerial: s.certificateSerial,
          certificateNotAfter: new Date(s.certificateNotAfter).toISOString(),
          claimedSigningTime: s.claimedSigningTime ? new Date(s.claimedSigningTime).toISOString() : null,
          timeStampedAt: s.timeStampedAt ? new Date(s.timeStampedAt).toISOString() : null,
          sha256: s.sha256.trim(),
          recordedBy: s.recordedBy,
          recordedAt: new Date(s.recordedAt).toISOString(),
        }
      : null,
  };
}
