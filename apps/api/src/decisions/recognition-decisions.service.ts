/**
 * Recognition decisions: issued once a review session's recognitions are final, from a draft the clerk numbered
 * from the authority's document register (decision-drafts.service.ts), with one certificate serial per exemplar. A decision is never edited: a correction or a
 * revocation is a new decision that refers to it, and a revocation moves each exemplar it names through the
 * statechart (REVOKE_RECOGNITION) in the same transaction.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { DecisionIssued } from '#contracts';
import { REVOCATION_GROUNDS, signatureLines, type IssuingAuthority, type ProfileAuthority } from '#domain';
import { sessionClosed } from '#workflow';
import { AuditWriter } from '../audit/audit.writer.js';
import { decisionStream } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { Notifications } from '../notifications/notifications.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { JurisdictionProfiles, type ProfileInForce } from '../jurisdiction/jurisdiction-profiles.js';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import { CandidateTransitions } from '../transitions/candidate-transitions.service.js';
import type { DecisionKind } from './decision.entities.js';
import { chainOf, citationOf, latestTexts, revokedIn } from './decision-chain.js';
import { DecisionRevocation } from './revocation.entities.js';
import { RecognitionDecisionRepository, type DecisionRow, type RecipientDraft, type SessionToDecide } from './recognition-decision.repository.js';
import type { AmendmentTerms } from './amendments.js';
import { formatDateVi } from '../documents/vietnamese-format.js';

export interface SignerCommand {
  authorityCode: IssuingAuthority;
  issuedOn?: string;
  /** Default: the signature block of the authority in the jurisdiction profile. */
  signerTitle?: string;
  signerName?: string;
}

/** What a correction or revocation would say if issued now (planAmendment), and what issuing it also does. */
export interface AmendmentPlan {
  kind: 'CORRECTION' | 'REVOCATION';
  original: DecisionRow;
  /** The earliest date it may be issued on: the latest decision of the chain it amends. */
  earliest: string;
  subject: string;
  bases: (profile: ProfileInForce, authority: ProfileAuthority) => string[];
  reasons: string;
  recipients: RecipientDraft[];
  extra?: Record<string, unknown>;
  /** After the decision is written, in its transaction: the statechart events (and a revocation's record). */
  apply(em: EntityManager, issued: DecisionIssued, actor: Actor): Promise<void>;
}


/** "12/QĐ-UBND ngày 05/01/2026": how a later decision cites the one it amends. */
const citation = (d: DecisionRow) => `${d.number}/${d.symbol} ngày ${formatDateVi(d.issuedOn)}`;

/** The subject of a session's recognition decision. */
export const recognitionSubject = (year: number) => `Về việc công nhận điển hình tiên tiến năm ${year}`;

/** The legal bases of a session's recognition decision: the authority's, the session's result, the proposal. */
export function recognitionBases(profile: ProfileInForce, authority: ProfileAuthority, session: { title: string; votingClosedAt: Date }, clock: Clock): string[] {
  const closedOn = formatDateVi(clock.dateOf(new Date(session.votingClosedAt)));
  return [
    ...authority.legalBases,
    `Căn cứ kết quả đợt xét "${session.title}" của ${profile.content.council.name} (biên bản họp ngày ${closedOn}) và kết quả công khai lấy ý kiến;`,
    authority.proposal,
  ];
}

@Injectable()
export class RecognitionDecisions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: RecognitionDecisionRepository,
    private readonly audit: AuditWriter,
    private readonly transitions: CandidateTransitions,
    private readonly profiles: JurisdictionProfiles,
    private readonly clock: Clock,
    private readonly notifications: Notifications,
  ) {}

  /**
   * The recognition decision of a closed session, issued from its numbered draft (decision-drafts.service.ts) in
   * the caller's transaction: every candidate the session finally recognised, under the number and date the clerk
   * gave from the document register. Nothing is issued without a register's number.
   */
  async issueNumbered(
    em: EntityManager,
    command: SignerCommand & { sessionId: string; issuedOn: string; registered: { number: number; symbol: string } },
    actor: Actor,
  ): Promise<DecisionIssued> {
    const session = await this.recognitionToIssue(em, command.sessionId);
    const recipients = await this.decisions.recognisedIn(em, session.id, RECOGNISED_STATES);
    if (recipients.length === 0) throw new DomainError('NOTHING_TO_DECIDE', { field: 'sessionId' });
    const issuedOn = this.issuedOn(command.issuedOn, this.clock.dateOf(new Date(session.closedAt!)));
    return this.write(em, {
      kind: 'RECOGNITION',
      command: { ...command, issuedOn },
      registered: command.registered,
      sessionId: session.id,
      amends: null,
      subject: recognitionSubject(session.year),
      bases: (profile, authority) => recognitionBases(profile, authority, session, this.clock),
      reasons: null,
      recipients,
      actor,
    });
  }

  /** The closed session a recognition decision may be drafted or issued for (share-locked), or the refusal. */
  async recognitionToIssue(em: EntityManager, sessionId: string): Promise<SessionToDecide> {
    const session = await this.decisions.sessionToDecide(em, sessionId);
    if (!session) throw new DomainError('REFERENCED_REVIEW_SESSION_NOT_FOUND', { field: 'sessionId', sessionId });
    if (!sessionClosed(session.status)) throw new DomainError('SESSION_NOT_CLOSED', { field: 'sessionId', status: session.status });
    const existing = await this.decisions.recognitionOf(em, session.id);
    if (existing) throw new DomainError('DECISION_ALREADY_ISSUED', { field: 'sessionId', decisionId: existing });
    return session;
  }

  /** The earliest and latest issue dates of a session's recognition decision: its close, and today. */
  issueDateRange(session: SessionToDecide): { earliest: string; latest: string } {
    return { earliest: this.clock.dateOf(new Date(session.closedAt!)), latest: this.clock.today() };
  }

  /**
   * What a correction or revocation of a decision would say if issued now, or the refusal: checked when the
   * secretariat drafts it, when the clerk numbers it and again when it is issued (the chain may have moved since).
   *
   * A correction restates the chain's list as it now reads (the latest text of each exemplar, less those a
   * revocation of the chain ended), with the corrections applied. A revocation names the chain it ends (the
   * recognition and every correction of it, whichever of them it is given), the grounds of Luật Thi đua, khen thưởng
   * 2022 Chương VII it rests on, and the exemplars whose recognition it revokes, quoted as the chain's latest decision
   * printed them.
   */
  async planAmendment(em: EntityManager, decisionId: string, terms: AmendmentTerms, lock = false): Promise<AmendmentPlan> {
    const original = await this.amendable(em, decisionId, lock);
    const chain = await chainOf(em, original.id);
    const revoked = revokedIn(chain);
    const all = await latestTexts(em, chain);
    if (terms.kind === 'CORRECTION') {
      const unknown = terms.recipients.filter((r) => !all.some((c) => c.candidateId === r.candidateId));
      if (unknown.length > 0) throw new DomainError('RECIPIENT_NOT_IN_DECISION', { field: 'recipients', candidateIds: unknown.map((u) => u.candidateId) });
      const ofRevoked = terms.recipients.filter((r) => revoked.has(r.candidateId));
      if (ofRevoked.length > 0) throw new DomainError('DECISION_REVOKED', { field: 'recipients', decisionId, candidateIds: ofRevoked.map((r) => r.candidateId) });
      const current = all.filter((c) => !revoked.has(c.candidateId));
      const recipients = current.map((c) => {
        const fix = terms.recipients.find((r) => r.candidateId === c.candidateId);
        return { candidateId: c.candidateId, name: fix?.name ?? c.name, kind: c.kind, unitName: fix?.unitName ?? c.unitName, field: c.field, achievement: fix?.achievement ?? c.achievement };
      });
      const changes = recipients.flatMap((fixed) => {
        const before = current.find((c) => c.candidateId === fixed.candidateId)!;
        const name = fixed.name !== before.name ? fixed.name : undefined;
        const achievement = fixed.achievement !== before.achievement ? fixed.achievement : undefined;
        return name === undefined && achievement === undefined ? [] : [{ candidateId: fixed.candidateId, name, achievement }];
      });
      return {
        kind: 'CORRECTION',
        original,
        earliest: original.issuedOn,
        subject: `Về việc đính chính Quyết định số ${citation(original)}`,
        bases: (_, authority) => [...authority.legalBases, `Căn cứ Quyết định số ${citation(original)} về việc công nhận điển hình tiên tiến;`, authority.proposal],
        reasons: terms.reasons,
        recipients,
        apply: async (tx, issued, actor) => {
          for (const c of changes) {
            await this.transitions.sendWithin(tx, {
              candidateId: c.candidateId,
              event: { type: 'CORRECT_RECOGNITION', decisionId: issued.id, correctsDecisionId: original.id, reasons: terms.reasons, ...(c.name !== undefined ? { name: c.name } : {}), ...(c.achievement !== undefined ? { achievement: c.achievement } : {}) },
              actor,
            });
          }
        },
      };
    }
    const current = all.filter((c) => !revoked.has(c.candidateId));
    const wanted = terms.candidateIds ?? current.map((c) => c.candidateId);
    const already = wanted.filter((id) => revoked.has(id));
    if (already.length > 0) throw new DomainError('DECISION_REVOKED', { field: 'candidateIds', decisionId, candidateIds: already });
    const unknown = wanted.filter((id) => !current.some((c) => c.candidateId === id));
    if (unknown.length > 0) throw new DomainError('RECIPIENT_NOT_IN_DECISION', { field: 'candidateIds', candidateIds: unknown });
    if (wanted.length === 0) throw new DomainError('DECISION_REVOKED', { field: 'candidateIds', decisionId });
    const grounds = [...new Set(terms.grounds)].map((code) => REVOCATION_GROUNDS.find((g) => g.code === code)!);
    const ended = chain.members;
    const cited = ended.map((d) => `Quyết định số ${citationOf(d)}${d.kind === 'CORRECTION' ? ' (đính chính)' : ''}`);
    const chainFacts = ended.map((d) => ({ id: d.id, number: d.number, issuedOn: d.issuedOn, kind: d.kind }));
    return {
      kind: 'REVOCATION',
      original,
      earliest: ended.at(-1)?.issuedOn ?? original.issuedOn,
      subject: `Về việc thu hồi ${cited.length > 1 ? `${cited.slice(0, -1).join(', ')} và ${cited.at(-1)}` : cited[0]}`,
      bases: (_, authority) => [
        ...authority.legalBases,
        ...ended.map((d) => `Căn cứ Quyết định số ${citationOf(d)} về việc ${d.kind === 'CORRECTION' ? 'đính chính quyết định công nhận' : 'công nhận điển hình tiên tiến'};`),
        authority.proposal,
      ],
      reasons: `${grounds.map((g) => g.vi).join('; ')} (${[...new Set(grounds.map((g) => g.citation))].join('; ')}). ${terms.reasons}`,
      recipients: current.filter((c) => wanted.includes(c.candidateId)).map(({ decisionId: _d, position: _p, serial: _s, ...draft }) => draft),
      extra: { grounds: grounds.map((g) => g.code), chain: chainFacts },
      apply: async (tx, issued, actor) => {
        await tx.insert(DecisionRevocation, { decisionId: issued.id, grounds: grounds.map((g) => g.code), chain: chainFacts });
        for (const candidateId of wanted) {
          await this.transitions.sendWithin(tx, { candidateId, event: { type: 'REVOKE_RECOGNITION', decisionId: issued.id, reasons: terms.reasons }, actor });
        }
      },
    };
  }

  /**
   * Issues a correction or revocation from its numbered draft (decision-drafts.service.ts), in the caller's
   * transaction: the decision under the register's number and date, then each exemplar's statechart event (a
   * correction updates the candidate's facts, a revocation moves it to `revoked`) in the same transaction.
   */
  async issueAmendment(
    em: EntityManager,
    decisionId: string,
    terms: AmendmentTerms,
    command: SignerCommand & { issuedOn: string; registered: { number: number; symbol: string } },
    actor: Actor,
  ): Promise<DecisionIssued> {
    const plan = await this.planAmendment(em, decisionId, terms, true);
    const issued = await this.write(em, {
      kind: plan.kind,
      command: { ...command, issuedOn: this.issuedOn(command.issuedOn, plan.earliest) },
      registered: command.registered,
      sessionId: plan.original.sessionId,
      amends: plan.original,
      subject: plan.subject,
      bases: plan.bases,
      reasons: plan.reasons,
      recipients: plan.recipients,
      actor,
      ...(plan.extra ? { extra: plan.extra } : {}),
    });
    await plan.apply(em, issued, actor);
    return issued;
  }

  /** The decision to correct or revoke, locked; a revocation itself is never amended. */
  private async amendable(em: EntityManager, decisionId: string, lock = true): Promise<DecisionRow> {
    const original = lock ? await this.decisions.lock(em, decisionId) : await this.decisions.find(em, decisionId);
    if (!original) throw new DomainError('DECISION_NOT_FOUND', { decisionId });
    if (original.kind === 'REVOCATION') throw new DomainError('DECISION_NOT_AMENDABLE', { decisionId, kind: original.kind });
    return original;
  }

  private issuedOn(given: string | undefined, earliest: string): string {
    const today = this.clock.today();
    const issuedOn = given ?? today;
    if (issuedOn > today || issuedOn < earliest) throw new DomainError('ISSUED_ON_OUT_OF_RANGE', { field: 'issuedOn', issuedOn, earliest, latest: today });
    return issuedOn;
  }

  /** Writes a decision with the next number of its authority and year, its recipients' serials, and its audit record. */
  private async write(
    em: EntityManager,
    d: {
      kind: DecisionKind;
      command: SignerCommand & { issuedOn: string };
      /** The number and symbol the clerk gave from the register (or reserved from its counter on numbering). */
      registered: { number: number; symbol: string };
      sessionId: string | null;
      amends: DecisionRow | null;
      subject: string;
      /** The legal bases, from the profile in force on the issue date and its authority. */
      bases: (profile: ProfileInForce, authority: ProfileAuthority) => string[];
      reasons: string | null;
      recipients: RecipientDraft[];
      actor: Actor;
      /** Facts the audit record adds (a revocation's grounds and the chain it ends). */
      extra?: Record<string, unknown>;
    },
  ): Promise<DecisionIssued> {
    const profile = await this.profiles.inForceOn(d.command.issuedOn, em);
    const authority = this.profiles.authority(profile, d.command.authorityCode);
    const signerTitle = d.command.signerTitle ?? signatureLines(authority.signatory).join('\n');
    const signerName = d.command.signerName ?? authority.signatory.name;
    if (!signerName) throw new DomainError('SIGNER_NAME_REQUIRED', { field: 'signerName', profileVersion: profile.version });
    const year = Number(d.command.issuedOn.slice(0, 4));
    // The register's number, given by the clerk (or reserved from the register kept here) on the draft: never here.
    const { number, symbol } = d.registered;
    const now = this.clock.now();
    const decision: DecisionRow = {
      id: randomUUID(),
      authorityCode: authority.code,
      year,
      number,
      symbol,
      kind: d.kind,
      sessionId: d.sessionId,
      amendsId: d.amends?.id ?? null,
      subject: d.subject,
      bases: d.bases(profile, authority),
      reasons: d.reasons,
      issuedOn: d.command.issuedOn,
      signerTitle,
      signerName,
      issuedBy: d.actor.username,
      issuedAt: now,
      profileVersion: profile.version,
    };
    const recipients = d.recipients.map((r, i) => ({
      ...r,
      decisionId: decision.id,
      position: i + 1,
      serial: `ĐHTT-${year}-${String(number).padStart(4, '0')}-${String(i + 1).padStart(3, '0')}${authority.code === 'UBND_TINH' ? '' : `-${authority.code}`}`,
    }));
    await this.decisions.insert(em, decision, recipients);
    await this.audit.append(em, {
      stream: decisionStream(authority.code, year),
      eventType: `DECISION_${d.kind}`,
      payload: {
        decisionId: decision.id,
        number: `${number}/${symbol}`,
        issuedOn: decision.issuedOn,
        sessionId: decision.sessionId,
        amendsId: decision.amendsId,
        reasons: decision.reasons,
        signer: `${decision.signerTitle} ${decision.signerName}`,
        profileVersion: profile.version,
        recipients: recipients.map((r) => ({ candidateId: r.candidateId, name: r.name, serial: r.serial })),
        ...(d.extra ?? {}),
      },
      actor: d.actor.username,
      occurredAt: now,
    });
    // The unit heads of each candidate it names, in the same transaction: a decision concerning their unit.
    const what = { RECOGNITION: { vi: 'công nhận', en: 'recognising' }, CORRECTION: { vi: 'đính chính', en: 'correcting' }, REVOCATION: { vi: 'thu hồi', en: 'revoking' } }[d.kind];
    for (const r of recipients) {
      await this.notifications.notify(em, {
        kind: 'DECISION_ISSUED',
        to: await this.notifications.unitHeadsOfCandidate(em, r.candidateId),
        title: { vi: `Quyết định số ${number}/${symbol}: ${r.name}`, en: `Decision No. ${number}/${symbol}: ${r.name}` },
        body: {
          vi: `Quyết định ${what.vi} số ${number}/${symbol} ngày ${formatDateVi(decision.issuedOn)} có tên "${r.name}" của đơn vị.`,
          en: `Decision No. ${number}/${symbol} of ${decision.issuedOn}, ${what.en}, names your unit's "${r.name}".`,
        },
        link: `/ho-so/${r.candidateId}`,
      });
    }
    return { id: decision.id, number: `${number}/${symbol}`, year, kind: d.kind, issuedOn: decision.issuedOn, recipients: recipients.length };
  }
}
