/**
 * Verification for anyone (no sign-in): from an uploaded PDF or a typed decision or certificate number, which
 * document it is, issued when and by whom, whether its signature is valid (and by whom), whether its content is
 * the issued content, and whether a later decision has corrected or revoked it.
 *
 * `standing()` reads corrections and revocations from the decisions as they are stored (recognition_decision's
 * amends_id and kind, decision_recipient for whom each names): the whole chain a decision belongs to, so that a
 * revocation of the original also ends the certificates of its corrections.
 *
 * A stamped copy (a superseded document downloaded again, marked "ĐÃ THU HỒI …" or "ĐÃ ĐÍNH CHÍNH …") is never
 * the issued file, so it cannot be found by its bytes; its document information names the document it copies
 * (superseded-stamp.ts), and the answer is that document, refused as valid, with the decisions that superseded it.
 */
import { Injectable } from '@nestjs/common';
import type { DocumentStandingView, VerificationView } from '#contracts';
import { ISSUING_AUTHORITIES } from '#domain';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { stampedCopyOf, type SupersededStamp } from '../documents/superseded-stamp.js';
import { sha256 } from './digest.js';
import type { SignatureReading } from './pades.js';
import { SignatureRepository, type DecisionFacts, type IssuedDocumentRow, type RecipientFacts } from './signature.repository.js';
import { loadPades, loadPdfLib } from './signature-engine.js';
import { SigningKeys } from './signing-keys.js';
import { formatDateVi } from '../documents/vietnamese-format.js';

const PDF_MAGIC = Buffer.from('%PDF-');
const EOF_MARK = Buffer.from('%%EOF');

type Verdict = VerificationView['verdict'];

const MESSAGES: Record<Verdict, { vi: string; en: string }> = {
  VALID: { vi: 'Văn bản hợp lệ: đúng văn bản đã ban hành, chữ ký số hợp lệ.', en: 'Valid: the issued document, with a valid digital signature.' },
  NOT_VALID: { vi: 'Văn bản KHÔNG hợp lệ.', en: 'Not valid.' },
  NOT_FOUND: { vi: 'Không tìm thấy văn bản này trong các văn bản đã ban hành.', en: 'This document is not one of the issued documents.' },
  UNSIGNED: { vi: 'Đúng văn bản đã ban hành nhưng chưa có chữ ký số.', en: 'The issued document, but not digitally signed.' },
  REVOKED: { vi: 'Văn bản đã bị THU HỒI, không còn hiệu lực.', en: 'This document has been REVOKED and is no longer in force.' },
  // Said in full by stampedCopyMessage(), which names the document and the decisions.
  STAMPED_COPY: { vi: 'Văn bản KHÔNG hợp lệ: đây là bản đóng dấu của một văn bản đã bị thay thế.', en: 'Not valid: this is the stamped copy of a superseded document.' },
};

@Injectable()
export class DocumentVerification {
  constructor(
    private readonly repository: SignatureRepository,
    private readonly keys: SigningKeys,
    private readonly clock: Clock,
  ) {}

  /**
   * Where a decision (candidateId null) or a certificate stands: in force, corrected or revoked, and by which later
   * decisions. Works on the decisions as stored today; the certificate of a correction is revoked with the original.
   */
  async standing(decisionId: string, candidateId: string | null): Promise<DocumentStandingView> {
    const em = this.repository.reader;
    const self = await this.repository.decision(em, decisionId);
    if (!self) throw new DomainError('DECISION_NOT_FOUND', { decisionId });
    const later = (await this.repository.chainOf(em, decisionId)).filter((d) => new Date(d.issuedAt) > new Date(self.issuedAt) || d.kind === 'REVOCATION');
    const concerns = (d: { candidateIds: string[] }) => candidateId === null || d.candidateIds.includes(candidateId);
    const revokedBy = later.filter((d) => d.kind === 'REVOCATION' && concerns(d));
    const correctedBy = later.filter((d) => d.kind === 'CORRECTION' && concerns(d));
    const by = [...correctedBy, ...revokedBy].sort((a, b) => +new Date(a.issuedAt) - +new Date(b.issuedAt)).map((d) => ({ id: d.id, kind: d.kind, number: d.number, issuedOn: d.issuedOn }));
    return { status: revokedBy.length > 0 ? 'REVOKED' : correctedBy.length > 0 ? 'CORRECTED' : 'IN_FORCE', by };
  }

  async verifyFile(file: Buffer | undefined): Promise<VerificationView> {
    if (!file || file.length === 0) throw new DomainError('VERIFICATION_INPUT_REQUIRED', { field: 'file' });
    if (!file.subarray(0, 5).equals(PDF_MAGIC)) throw new DomainError('SIGNED_FILE_NOT_PDF', { field: 'file' });
    const em = this.repository.reader;
    const { readSignatures, sameDocument } = await loadPades();
    const readings = await readSignatures(file, await this.keys.trustedRoots(), this.clock.now());
    const digest = sha256(file).toString('hex');
    let issued: IssuedDocumentRow | null = null;
    let unchanged: boolean | null = null;
    const stored = await this.repository.signatureBySha256(em, digest);
    if (stored) {
      issued = await this.repository.issuedById(em, stored.issuedDocumentId);
      unchanged = true;
    } else {
      // The issued bytes end at one of the file's %%EOF marks (an incremental update follows them).
      const prefixes: string[] = [];
      for (let at = file.indexOf(EOF_MARK); at >= 0; at = file.indexOf(EOF_MARK, at + 1)) {
        const end = at + EOF_MARK.length;
        for (const tail of [0, 1, 2]) if (end + tail <= file.length) prefixes.push(sha256(file.subarray(0, end + tail)).toString('hex'));
      }
      issued = await this.repository.issuedBySha256(em, prefixes);
      if (issued) unchanged = issued.sha256.trim() === digest || (await sameDocument(issued.content, file)) === null;
    }
    const reading = readings.at(-1) ?? null;
    const signature = reading ? signatureView(reading, readings) : null;
    if (!issued) {
      const copyOf = await stampedCopyIn(file);
      if (copyOf) return this.stampedCopy(copyOf, signature);
      return this.answer(signature && !signature.valid ? 'NOT_VALID' : 'NOT_FOUND', null, signature, null, null);
    }
    const document = await this.documentFacts(issued.decisionId, issued.candidateId);
    const standing = await this.standing(issued.decisionId, issued.candidateId);
    const verdict: Verdict = !unchanged || (signature && !signature.valid) ? 'NOT_VALID' : standing.status === 'REVOKED' ? 'REVOKED' : signature ? 'VALID' : 'UNSIGNED';
    return this.answer(verdict, document, signature, unchanged, standing);
  }

  async verifyReference(input: string | undefined): Promise<VerificationView> {
    const reference = normalizeReference(input ?? '');
    if (!reference) throw new DomainError('VERIFICATION_INPUT_REQUIRED', { field: 'reference' });
    const em = this.repository.reader;
    const recipient = await this.repository.recipientBySerial(em, reference);
    const decisionId = recipient?.decisionId ?? (await this.repository.decisionsNumbered(em, reference))[0]?.id;
    if (!decisionId) return this.answer('NOT_FOUND', null, null, null, null);
    const candidateId = recipient?.candidateId ?? null;
    const document = await this.documentFacts(decisionId, candidateId);
    const standing = await this.standing(decisionId, candidateId);
    // The stored signed copy's signature, checked again now.
    const issued = await this.repository.issued(em, decisionId, candidateId);
    const stored = issued ? await this.repository.signatureOf(em, issued.id) : null;
    const { readSignatures } = await loadPades();
    const readings = stored ? await readSignatures(stored.content, await this.keys.trustedRoots(), this.clock.now()) : [];
    const signature = readings.length ? signatureView(readings.at(-1)!, readings) : null;
    const verdict: Verdict = signature && !signature.valid ? 'NOT_VALID' : standing.status === 'REVOKED' ? 'REVOKED' : signature ? 'VALID' : 'UNSIGNED';
    return this.answer(verdict, document, signature, null, standing);
  }

  /**
   * The answer for a stamped copy: the document it copies, where that stands now, and a verdict that is never valid.
   * A copy whose named document the product does not know, or whose document stands in force (the mark was written
   * by someone else), is not valid either.
   */
  private async stampedCopy(of: SupersededStamp['of'], signature: VerificationView['signature']): Promise<VerificationView> {
    const em = this.repository.reader;
    const decision = await this.repository.decision(em, of.decisionId);
    const recipient = decision && of.candidateId ? await this.repository.recipient(em, of.decisionId, of.candidateId) : null;
    if (!decision || (of.candidateId && !recipient)) return this.answer('NOT_VALID', null, signature, false, null);
    const document = await this.documentFacts(of.decisionId, of.candidateId);
    const standing = await this.standing(of.decisionId, of.candidateId);
    if (standing.status === 'IN_FORCE') return this.answer('NOT_VALID', document, signature, false, standing);
    return { ...this.answer('STAMPED_COPY', document, signature, false, standing), ...stampedCopyMessage(document, standing) };
  }

  private async documentFacts(decisionId: string, candidateId: string | null): Promise<NonNullable<VerificationView['document']>> {
    const em = this.repository.reader;
    const d = (await this.repository.decision(em, decisionId)) as DecisionFacts;
    const r: RecipientFacts | null = candidateId ? await this.repository.recipient(em, decisionId, candidateId) : null;
    const authority = ISSUING_AUTHORITIES.find((a) => a.code === d.authorityCode);
    return {
      kind: r ? 'CERTIFICATE' : 'DECISION',
      reference: r ? r.serial : d.number,
      decisionId: d.id,
      decisionNumber: d.number,
      subject: d.subject,
      issuedOn: d.issuedOn,
      issuer: authority?.vi ?? d.authorityCode,
      signerTitle: d.signerTitle,
      signerName: d.signerName,
      recipientName: r?.name ?? null,
      serial: r?.serial ?? null,
    };
  }

  private answer(verdict: Verdict, document: VerificationView['document'], signature: VerificationView['signature'], unchanged: boolean | null, standing: DocumentStandingView | null): VerificationView {
    const m = MESSAGES[verdict];
    const corrected = verdict === 'VALID' && standing?.status === 'CORRECTED' ? standing.by.filter((b) => b.kind === 'CORRECTION').map((b) => b.number) : [];
    return {
      verdict,
      message: corrected.length ? `${m.vi} Lưu ý: văn bản đã được đính chính theo Quyết định số ${corrected.join(', ')}.` : m.vi,
      messageEn: corrected.length ? `${m.en} Note: corrected by Decision No. ${corrected.join(', ')}.` : m.en,
      document,
      signature,
      contentUnchanged: unchanged,
      standing,
    };
  }
}

/** Which document an uploaded file says it is the stamped copy of (its Keywords), or null; unreadable: null. */
async function stampedCopyIn(file: Buffer): Promise<SupersededStamp['of'] | null> {
  const { PDFDocument } = await loadPdfLib();
  try {
    const pdf = await PDFDocument.load(file, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
    return stampedCopyOf(pdf.getKeywords());
  } catch {
    return null;
  }
}

/** "Văn bản KHÔNG hợp lệ: đây là bản đóng dấu “ĐÃ THU HỒI” của Giấy chứng nhận số …, đã bị thu hồi theo …". */
function stampedCopyMessage(d: NonNullable<VerificationView['document']>, standing: DocumentStandingView): { message: string; messageEn: string } {
  const revoked = standing.status === 'REVOKED';
  const by = standing.by.filter((b) => b.kind === (revoked ? 'REVOCATION' : 'CORRECTION'));
  const numbers = by.map((b) => `${b.number} ngày ${formatDateVi(b.issuedOn)}`).join(', ');
  const what = d.kind === 'CERTIFICATE' ? `Giấy chứng nhận số ${d.serial}${d.recipientName ? ` (${d.recipientName})` : ''}` : `Quyết định số ${d.decisionNumber}`;
  const whatEn = d.kind === 'CERTIFICATE' ? `Certificate No. ${d.serial}` : `Decision No. ${d.decisionNumber}`;
  return revoked
    ? {
        message: `Văn bản KHÔNG hợp lệ: đây là bản đóng dấu “ĐÃ THU HỒI” của ${what}, đã bị thu hồi theo Quyết định số ${numbers}. Bản này không có giá trị sử dụng.`,
        messageEn: `Not valid: this is the copy stamped “revoked” of ${whatEn}, revoked by Decision No. ${by.map((b) => b.number).join(', ')}. It has no force.`,
      }
    : {
        message: `Văn bản KHÔNG hợp lệ: đây là bản đóng dấu “ĐÃ ĐÍNH CHÍNH” của ${what}, đã được đính chính theo Quyết định số ${numbers}. Bản này không thay cho văn bản đã ban hành và quyết định đính chính.`,
        messageEn: `Not valid: this is the copy stamped “corrected” of ${whatEn}, corrected by Decision No. ${by.map((b) => b.number).join(', ')}. It does not stand for the issued document and its correction.`,
      };
}

function signatureView(reading: SignatureReading, all: SignatureReading[]): NonNullable<VerificationView['signature']> {
  const problems = [...new Set(all.flatMap((r) => r.problems))];
  return {
    valid: problems.length === 0,
    problems,
    level: reading.level === 'CMS' ? null : reading.level,
    signerName: reading.signer?.subjectCommonName ?? null,
    signerSubject: reading.signer?.subject ?? null,
    issuerSubject: reading.signer?.issuer ?? null,
    claimedSigningTime: reading.claimedSigningTime?.toISOString() ?? null,
    timeStampedAt: reading.timeStampedAt?.toISOString() ?? null,
  };
}

/** "dhtt-2025-0001-001" → "ĐHTT-2025-0001-001"; "12/qd-ubnd" → "12/QĐ-UBND". */
export function normalizeReference(input: string): string {
  const s = input.normalize('NFC').trim().replace(/\s+/g, '').toUpperCase().slice(0, 100);
  return s.replace(/^DHTT-/, 'ĐHTT-').replace(/\/QD-/, '/QĐ-').replace(/-HDTDKT$/, '-HĐTĐKT');
}
