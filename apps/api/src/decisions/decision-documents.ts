/**
 * The printed decision and each exemplar's certificate, as PDF: the facts gathered from the decision as it reads
 * now (with what amended it), laid out by the documents module. The decision cites its own audit record so that a
 * reader can check the paper against the trail.
 */
import { Injectable } from '@nestjs/common';
import type { DecisionView } from '#contracts';
import type { ProfileAuthority } from '#domain';
import { decisionStream } from '../audit/streams.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { DocumentSignatures } from '../signatures/document-signatures.js';
import { verificationUrl } from '../signatures/verification-url.js';
import { DomainError } from '../common/domain-error.js';
import type { CertificateData, IssuingBody, RecognitionDecisionData } from '../documents/document-data.js';
import { DocumentsService } from '../documents/documents.service.js';
import { JurisdictionProfiles, type ProfileInForce } from '../jurisdiction/jurisdiction-profiles.js';
import { DecisionViews } from './decision.views.js';
import { RecognitionDecisionRepository } from './recognition-decision.repository.js';
import type { SupersededStamp } from '../documents/superseded-stamp.js';
import { stampOf, supersedingOf } from './superseded.js';
import { formatDateVi } from '../documents/vietnamese-format.js';

/** The header's issuing body: the authority as the profile the decision was issued under defines it. */
const issuerOf = (profile: ProfileInForce, authority: ProfileAuthority): IssuingBody => ({
  ...(authority.parentName ? { parentName: authority.parentName } : {}),
  name: authority.header,
  place: profile.content.place,
});

/** A PDF with the name it is downloaded under. */
export interface PrintedDocument {
  pdf: Buffer;
  fileName: string;
}

/** "125/QĐ-UBND" as it goes into a file name: "125-QĐ-UBND". */
const numberInName = (number: string) => number.replace(/\//g, '-');

@Injectable()
export class DecisionDocuments {
  constructor(
    private readonly views: DecisionViews,
    private readonly decisions: RecognitionDecisionRepository,
    private readonly documents: DocumentsService,
    private readonly profiles: JurisdictionProfiles,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly signatures: DocumentSignatures,
  ) {}

  /**
   * The decision as handed out: its signed copy once it is signed, else rendered now. Once a later decision corrects
   * or revokes it, it is rendered again with the stamp that says so (a signed copy cannot carry one).
   */
  async decision(id: string): Promise<PrintedDocument> {
    const data = await this.decisionData(id);
    if (data.supersededStamp) return this.renderDecision(data);
    return (await this.signatures.signedCopy(id, null)) ?? this.renderDecision(data);
  }

  /**
   * A certificate as handed out: its signed copy once it is signed, else rendered now. Refused once a revocation
   * anywhere in its decision's chain names the exemplar, whichever decision of the chain printed it; `archived`: the
   * record's copy of such a certificate, stamped "ĐÃ THU HỒI …" on every page (as is a corrected one).
   */
  async certificate(id: string, candidateId: string, archived = false): Promise<PrintedDocument> {
    const data = await this.certificateData(id, candidateId, archived);
    if (data.supersededStamp) return this.renderCertificate(data);
    return (await this.signatures.signedCopy(id, candidateId)) ?? this.renderCertificate(data);
  }

  async renderDecision(data: RecognitionDecisionData): Promise<PrintedDocument> {
    return { pdf: await this.documents.renderRecognitionDecision(data), fileName: `Quyết định ${numberInName(data.number)}.pdf` };
  }

  async renderCertificate(data: CertificateData): Promise<PrintedDocument> {
    return { pdf: await this.documents.renderCertificate(data), fileName: `Giấy chứng nhận ${data.serial} - ${data.recipientName}.pdf` };
  }

  /**
   * Every certificate the decision grants, one page each, in one PDF to print in bulk; each page as the certificate
   * downloads alone. So a certificate a later correction restated comes stamped "ĐÃ ĐÍNH CHÍNH theo Quyết định số …"
   * on its page, and a revoked one (a revocation anywhere in the chain names the exemplar) is left out, as its
   * download is refused (CERTIFICATE_REVOKED): a bulk print is for handing out, and the stamped "ĐÃ THU HỒI" copy
   * is an archive copy, downloaded one at a time (`archived`). When all are revoked: DECISION_REVOKED.
   */
  async certificates(id: string): Promise<PrintedDocument> {
    const d = await this.views.get(id);
    if (d.kind === 'REVOCATION') throw new DomainError('DECISION_NOT_AMENDABLE', { decisionId: id, kind: d.kind });
    const standing = d.recipients.filter((r) => !r.revoked);
    if (standing.length === 0) throw new DomainError('DECISION_REVOKED', { decisionId: id });
    const list = await Promise.all(standing.map((r) => this.certificateData(id, r.candidateId, false, d)));
    return {
      pdf: await this.documents.renderCertificates(list, `Giấy chứng nhận điển hình tiên tiến — Quyết định số ${d.number}`),
      fileName: `Giấy chứng nhận - Quyết định ${numberInName(d.number)}.pdf`,
    };
  }

  async decisionData(id: string): Promise<RecognitionDecisionData> {
    const d = await this.views.get(id);
    // Printed as issued: under the profile version the decision recorded, whatever is in force today.
    const profile = await this.profiles.version(d.profileVersion);
    const authority = this.profiles.authority(profile, d.authority.code);
    const amended = d.amendsId ? await this.views.get(d.amendsId) : null;
    const stream = decisionStream(d.authority.code, d.year);
    const record = await this.decisions.auditRecordOf(stream, d.id);
    return {
      issuer: issuerOf(profile, authority),
      // The one who decides, printed under the subject (Decree 30/2020/NĐ-CP).
      authority: authority.authority,
      number: d.number,
      date: d.issuedOn,
      subject: d.subject,
      bases: d.bases,
      signerTitle: d.signerTitle,
      signerName: d.signerName,
      recipients: d.recipients.map((r) => ({ name: r.name, kindLabel: r.kindLabel?.vi ?? r.kind, unitName: r.unitName, fieldLabel: r.fieldLabel?.vi ?? r.field, achievement: r.achievement })),
      ...(amended ? { amends: { kind: d.kind === 'REVOCATION' ? ('REVOCATION' as const) : ('CORRECTION' as const), number: amended.number, date: amended.issuedOn, reasons: d.reasons ?? '' } } : {}),
      distribution: authority.distribution,
      generatedAt: this.clock.now().toISOString(),
      auditReference: record ? `${stream} #${record.seq} ${record.hash.slice(0, 16)}` : stream,
      ...this.stamped(d.kind === 'REVOCATION' ? undefined : stampOf(await supersedingOf(this.decisions.reader, d.id, d.recipients.map((r) => r.candidateId)), { decisionId: d.id, candidateId: null })),
    };
  }

  private stamped(stamp: SupersededStamp | undefined) {
    return stamp ? { supersededStamp: stamp } : {};
  }

  async certificateData(id: string, candidateId: string, archived = false, known?: DecisionView): Promise<CertificateData> {
    const d = known ?? (await this.views.get(id));
    if (d.kind === 'REVOCATION') throw new DomainError('DECISION_NOT_AMENDABLE', { decisionId: id, kind: d.kind });
    const r = d.recipients.find((x) => x.candidateId === candidateId);
    if (!r) throw new DomainError('RECIPIENT_NOT_IN_DECISION', { candidateId });
    const superseding = await supersedingOf(this.decisions.reader, d.id, [candidateId]);
    if (superseding.revokedBy.length > 0 && !archived) {
      const by = superseding.revokedBy.map((x) => `${x.number} ngày ${formatDateVi(x.issuedOn)}`).join(', ');
      throw new DomainError(
        'CERTIFICATE_REVOKED',
        { decisionId: id, candidateId, revokedBy: superseding.revokedBy.map((x) => ({ id: x.id, number: x.number, issuedOn: x.issuedOn })) },
        {
          vi: `Giấy chứng nhận này không còn giá trị: công nhận đã bị thu hồi theo Quyết định số ${by}. Chỉ tải được bản lưu có đóng dấu "ĐÃ THU HỒI".`,
          en: `This certificate is no longer valid: the recognition was revoked by Decision No. ${by}. Only the archive copy stamped "revoked" can be downloaded.`,
        },
      );
    }
    if (archived && superseding.revokedBy.length === 0) throw new DomainError('CERTIFICATE_NOT_REVOKED', { field: 'archived', decisionId: id, candidateId });
    const profile = await this.profiles.version(d.profileVersion);
    const authority = this.profiles.authority(profile, d.authority.code);
    return {
      issuer: issuerOf(profile, authority),
      recipientName: r.name,
      kindLabel: r.kindLabel?.vi ?? r.kind,
      unitName: r.unitName,
      achievement: r.achievement,
      decisionNumber: d.number,
      decisionDate: d.issuedOn,
      signerTitle: d.signerTitle,
      signerName: d.signerName,
      serial: r.serial,
      verificationUrl: verificationUrl(this.config, r.serial),
      generatedAt: this.clock.now().toISOString(),
      ...this.stamped(stampOf(superseding, { decisionId: d.id, candidateId })),
    };
  }
}
