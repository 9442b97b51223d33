/**
 * Decisions as people read them: each with its authority, what later decisions say of it (corrected, partly or
 * wholly revoked) and its recipients, each marked when a revocation names them. Decisions are public acts of the
 * province: everyone who reads candidates reads them.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DecisionStatus, DecisionView } from '#contracts';
import { FIELDS, ISSUING_AUTHORITIES, SUBJECT_KINDS, labelsOf } from '#domain';
import { DomainError } from '../common/domain-error.js';
import { RecognitionDecisionRepository, type DecisionRow } from './recognition-decision.repository.js';

@Injectable()
export class DecisionViews {
  constructor(private readonly decisions: RecognitionDecisionRepository) {}

  async list(filter: { year?: number; authorityCode?: string; sessionId?: string }): Promise<DecisionView[]> {
    const rows = await this.decisions.list(filter);
    return Promise.all(rows.map((r) => this.view(this.decisions.reader, r)));
  }

  async get(id: string): Promise<DecisionView> {
    const em = this.decisions.reader;
    const row = await this.decisions.find(em, id);
    if (!row) throw new DomainError('DECISION_NOT_FOUND', { decisionId: id });
    return this.view(em, row);
  }

  private async view(em: EntityManager, d: DecisionRow): Promise<DecisionView> {
    const recipients = await this.decisions.recipients(em, d.id);
    const amendedBy = await this.decisions.amendmentsOf(em, d.id);
    // A revocation names those it revokes; it is not itself revoked (nothing amends a revocation).
    const revokedIds = d.kind === 'REVOCATION' ? new Set<string>() : await this.decisions.revokedOf(em, d.id);
    const status: DecisionStatus =
      revokedIds.size > 0 && recipients.every((r) => revokedIds.has(r.candidateId))
        ? 'REVOKED'
        : revokedIds.size > 0
          ? 'PARTLY_REVOKED'
          : amendedBy.some((a) => a.kind === 'CORRECTION')
            ? 'CORRECTED'
            : 'IN_FORCE';
    const authority = ISSUING_AUTHORITIES.find((a) => a.code === d.authorityCode)!;
    return {
      id: d.id,
      number: `${d.number}/${d.symbol}`,
      authority: { code: authority.code, vi: authority.vi, en: authority.en },
      year: d.year,
      kind: d.kind,
      status,
      sessionId: d.sessionId,
      amendsId: d.amendsId,
      amendedBy: amendedBy.map((a) => ({ id: a.id, kind: a.kind, number: `${a.number}/${a.symbol}`, issuedOn: a.issuedOn })),
      subject: d.subject,
      bases: d.bases,
      reasons: d.reasons,
      issuedOn: d.issuedOn,
      signerTitle: d.signerTitle,
      signerName: d.signerName,
      issuedBy: d.issuedBy,
      profileVersion: d.profileVersion,
      issuedAt: new Date(d.issuedAt).toISOString(),
      recipients: recipients.map((r) => ({ ...r, revoked: revokedIds.has(r.candidateId), kindLabel: labelsOf(SUBJECT_KINDS, r.kind), fieldLabel: labelsOf(FIELDS, r.field) })),
    };
  }
}
