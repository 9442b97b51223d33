/**
 * A decision draft as the office reads it before issue: the PDF watermarked "DỰ THẢO" on every page, and the DOCX
 * the office edits in Word. Both print what the decision would say if issued now: the recipients the session
 * recognised (still recognised today), the subject and bases of the profile in force on the register's date (or
 * today, before the clerk dates it), the register's number once given ("Số:      /QĐ-UBND" before).
 */
import { Injectable } from '@nestjs/common';
import { signatureLines } from '#domain';
import { Clock } from '../common/clock.js';
import type { RecognitionDecisionData } from '../documents/document-data.js';
import { DocumentsService } from '../documents/documents.service.js';
import { JurisdictionProfiles } from '../jurisdiction/jurisdiction-profiles.js';
import { DecisionDraftRepository } from './decision-draft.repository.js';
import { DecisionDrafts } from './decision-drafts.service.js';
import { recognitionBases } from './recognition-decisions.service.js';

/** A draft's file with the name it is downloaded under. */
export interface DraftFile {
  content: Buffer;
  fileName: string;
}

@Injectable()
export class DraftDocuments {
  constructor(
    private readonly drafts: DecisionDrafts,
    private readonly repo: DecisionDraftRepository,
    private readonly documents: DocumentsService,
    private readonly profiles: JurisdictionProfiles,
    private readonly clock: Clock,
  ) {}

  async pdf(id: string): Promise<DraftFile> {
    const { data, name } = await this.data(id);
    return { content: await this.documents.renderRecognitionDecision(data), fileName: `${name}.pdf` };
  }

  async docx(id: string): Promise<DraftFile> {
    const { data, name } = await this.data(id);
    return { content: await this.documents.renderRecognitionDecisionDocx(data), fileName: `${name}.docx` };
  }

  async data(id: string): Promise<{ data: RecognitionDecisionData; name: string }> {
    const draft = await this.drafts.get(id);
    const on = draft.issuedOn ?? this.clock.today();
    const profile = await this.profiles.inForceOn(on, this.repo.reader);
    const authority = this.profiles.authority(profile, draft.authority.code);
    const session = (await this.repo.sessionFacts(this.repo.reader, draft.sessionId))!;
    const number = draft.number ?? `/${draft.register.symbol}`;
    // A correction or revocation prints its bases and reasons as it would be issued now.
    const plan = draft.kind === 'RECOGNITION' ? null : await this.drafts.amendmentPlan(id);
    const bases = plan ? plan.bases(profile, authority) : recognitionBases(profile, authority, { title: session.title, votingClosedAt: session.votingClosedAt ?? new Date() }, this.clock);
    const data: RecognitionDecisionData = {
      issuer: { ...(authority.parentName ? { parentName: authority.parentName } : {}), name: authority.header, place: profile.content.place },
      authority: authority.authority,
      number,
      date: draft.issuedOn,
      draft: { year: Number(on.slice(0, 4)) },
      subject: draft.subject,
      bases,
      ...(plan && draft.amends ? { amends: { kind: plan.kind, number: draft.amends.number, date: draft.amends.issuedOn, reasons: plan.reasons } } : {}),
      signerTitle: draft.signerTitle ?? signatureLines(authority.signatory).join('\n'),
      signerName: draft.signerName ?? authority.signatory.name ?? '',
      recipients: draft.recipients.map((r) => ({ name: r.name, kindLabel: r.kindLabel?.vi ?? r.kind, unitName: r.unitName, fieldLabel: r.fieldLabel?.vi ?? r.field, achievement: r.achievement })),
      distribution: authority.distribution,
      generatedAt: this.clock.now().toISOString(),
      auditReference: `decision-draft:${draft.id}`,
    };
    const what = { RECOGNITION: '', CORRECTION: ' đính chính', REVOCATION: ' thu hồi' }[draft.kind];
    const name = draft.number
      ? `Dự thảo Quyết định${what} ${draft.number.replace(/\//g, '-')}`
      : draft.amends
        ? `Dự thảo Quyết định${what} - ${draft.amends.number.replace(/\//g, '-')}`
        : `Dự thảo Quyết định - ${session.title}`;
    return { data, name };
  }
}
