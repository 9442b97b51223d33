/**
 * A decision's documents as the decision flow hands them to the signatures: the decision itself and the
 * certificate of each recipient not revoked (a revocation carries no certificates), each with how to render it.
 */
import { Injectable } from '@nestjs/common';
import type { IssuedDocumentView } from '#contracts';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { DecisionDocuments } from '../decisions/decision-documents.js';
import { DecisionViews } from '../decisions/decision.views.js';
import { DocumentSignatures, type IssuedDocumentSource } from './document-signatures.js';
import { SigningKeys } from './signing-keys.js';

@Injectable()
export class DecisionSigning {
  constructor(
    private readonly signatures: DocumentSignatures,
    private readonly decisionDocuments: DecisionDocuments,
    private readonly views: DecisionViews,
    private readonly keys: SigningKeys,
  ) {}

  /** Whether a server-side signing certificate is configured (or the demo's key can be made). */
  async canSignOnServer(): Promise<boolean> {
    return (await this.keys.credentials()) !== null;
  }

  /** Signs on the server every document of the decision not signed yet; refuses when all are. */
  async signAllOnServer(id: string, actor: Actor): Promise<IssuedDocumentView[]> {
    const sources = await this.sources(id);
    const done = new Set((await this.signatures.list(id)).filter((d) => d.signature).map((d) => d.candidateId ?? ''));
    const pending = sources.filter((s) => !done.has(s.candidateId ?? ''));
    if (pending.length === 0) throw new DomainError('DOCUMENT_ALREADY_SIGNED', { decisionId: id });
    for (const source of pending) await this.signatures.signOnServer(source, actor);
    return this.signatures.list(id);
  }


  async sources(id: string): Promise<IssuedDocumentSource[]> {
    const data = await this.decisionDocuments.decisionData(id);
    const decision = await this.decisionSource(id);
    if (data.amends?.kind === 'REVOCATION') return [decision];
    const { recipients } = await this.views.get(id);
    const certificates = await Promise.all(recipients.filter((r) => !r.revoked).map((r) => this.certificateSource(id, r.candidateId)));
    return [decision, ...certificates];
  }

  async decisionSource(id: string): Promise<IssuedDocumentSource> {
    const data = await this.decisionDocuments.decisionData(id);
    const printed = () => this.decisionDocuments.renderDecision(data);
    return {
      decisionId: id,
      candidateId: null,
      kind: 'DECISION',
      reference: data.number,
      fileName: `quyet-dinh-${data.number.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`,
      place: data.issuer.place,
      signerName: data.signerName,
      render: async () => (await printed()).pdf,
    };
  }

  async certificateSource(id: string, candidateId: string): Promise<IssuedDocumentSource> {
    const data = await this.decisionDocuments.certificateData(id, candidateId);
    return {
      decisionId: id,
      candidateId,
      kind: 'CERTIFICATE',
      reference: data.serial,
      fileName: `giay-chung-nhan-${data.serial.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-')}.pdf`,
      place: data.issuer.place,
      signerName: data.signerName,
      render: async () => (await this.decisionDocuments.renderCertificate(data)).pdf,
    };
  }
}
