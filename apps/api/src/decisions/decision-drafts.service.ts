/**
 * A recognition decision from draft to issue (issue 18):
 * 1. the secretariat drafts it from a closed session (the draft prints watermarked "DỰ THẢO", and as a DOCX the
 *    office edits in Word) — the register of the authority and symbol is opened on first use;
 * 2. the clerk (văn thư) gives it the number and date of the document register: entered from the office's register
 *    and checked unique per register, symbol and year, or reserved from this product's counter when the office
 *    keeps its register here;
 * 3. the clerk issues it: only then is the recognition decision written, under that number and date.
 * A correction or revocation of an issued decision goes the same way: the secretariat drafts it from the decision it
 * amends (its terms are checked then, and again on numbering and issue), the clerk numbers it from the register of
 * its authority and issues it. Nothing is issued without a register's number.
 * Every step is one transaction with its audit record.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { DecisionDraftView, DecisionIssued } from '#contracts';
import { FIELDS, ISSUING_AUTHORITIES, REVOCATION_GROUNDS, SUBJECT_KINDS, labelsOf, type IssuingAuthority } from '#domain';
import { AuditWriter } from '../audit/audit.writer.js';
import { decisionDraftStream } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { JurisdictionProfiles } from '../jurisdiction/jurisdiction-profiles.js';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import { DecisionDraftRepository, type DraftRow } from './decision-draft.repository.js';
import { DocumentRegisters, registerView } from './document-registers.js';
import { RecognitionDecisionRepository } from './recognition-decision.repository.js';
import { RecognitionDecisions, recognitionSubject, type AmendmentPlan } from './recognition-decisions.service.js';
import type { AmendmentTerms } from './amendments.js';
import type { RecipientDraft } from './recognition-decision.repository.js';
import { chainOf } from './decision-chain.js';
import { formatDateVi } from '../documents/vietnamese-format.js';

/** Numbering, issuing or abandoning again an abandoned draft is refused: it is kept as history only. */
function refuseAbandoned(draft: DraftRow): void {
  if (draft.status === 'ABANDONED') throw new DomainError('DECISION_DRAFT_ABANDONED', { draftId: draft.id });
}

/** The exemplars a correction or revocation is about: those a correction changes, those a revocation revokes. */
const namedBy = (terms: AmendmentTerms, plan: AmendmentPlan): string[] =>
  terms.kind === 'CORRECTION' ? terms.recipients.map((r) => r.candidateId) : plan.recipients.map((r) => r.candidateId);

export interface DraftCommand {
  sessionId: string;
  authorityCode: IssuingAuthority;
  signerTitle?: string;
  signerName?: string;
}

export interface AmendmentDraftCommand {
  authorityCode: IssuingAuthority;
  signerTitle?: string;
  signerName?: string;
}

export interface NumberCommand {
  /** The register's number (CLERK_ENTERED registers); absent for a register kept here (COUNTER). */
  number?: number;
  /** The date the register gave (ngày ban hành). */
  issuedOn: string;
}

@Injectable()
export class DecisionDrafts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafts: DecisionDraftRepository,
    private readonly decisionsRepo: RecognitionDecisionRepository,
    private readonly decisions: RecognitionDecisions,
    private readonly registers: DocumentRegisters,
    private readonly profiles: JurisdictionProfiles,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async create(command: DraftCommand, actor: Actor): Promise<DecisionDraftView> {
    const id = await this.dataSource.transaction(async (em) => {
      const session = await this.decisions.recognitionToIssue(em, command.sessionId);
      const existing = await this.drafts.draftOfSession(em, session.id);
      if (existing) throw new DomainError('DECISION_DRAFT_EXISTS', { field: 'sessionId', draftId: existing });
      const recipients = await this.decisionsRepo.recognisedIn(em, session.id, RECOGNISED_STATES);
      if (recipients.length === 0) throw new DomainError('NOTHING_TO_DECIDE', { field: 'sessionId' });
      // The symbol, and so the register, of the authority as the profile in force today names it.
      const profile = await this.profiles.inForceOn(this.clock.today(), em);
      const authority = this.profiles.authority(profile, command.authorityCode);
      const register = await this.registers.ensure(em, authority.code, authority.symbol, actor);
      const now = this.clock.now();
      const draft: DraftRow = {
        id: randomUUID(),
        kind: 'RECOGNITION',
        amendsId: null,
        terms: null,
        sessionId: session.id,
        authorityCode: authority.code,
        registerId: register.id,
        status: 'DRAFT',
        signerTitle: command.signerTitle ?? null,
        signerName: command.signerName ?? null,
        draftedBy: actor.username,
        draftedAt: now,
        number: null,
        year: null,
        issuedOn: null,
        numberSource: null,
        numberedBy: null,
        numberedAt: null,
        decisionId: null,
        issuedBy: null,
        issuedAt: null,
        abandonedBy: null,
        abandonedAt: null,
        abandonReason: null,
      };
      await this.drafts.insertDraft(em, draft);
      await this.audit.append(em, {
        stream: decisionDraftStream(draft.id),
        eventType: 'DECISION_DRAFTED',
        payload: { draftId: draft.id, sessionId: session.id, authorityCode: authority.code, registerId: register.id, signerTitle: draft.signerTitle, signerName: draft.signerName },
        actor: actor.username,
        occurredAt: now,
      });
      return draft.id;
    });
    return this.get(id);
  }

  /**
   * The secretariat drafts a correction or revocation of an issued decision: its terms are checked now (the
   * exemplars named are in the decision's chain and not revoked, the grounds are codes of the law), kept on the
   * draft, and checked again when the clerk numbers and issues it. While a draft of the same chain naming one of the
   * same exemplars is open (not issued, its terms still holding), a second is refused: two drafts would each say
   * something different of one exemplar, and whichever the clerk issued second would rest on a text already changed.
   */
  async createAmendment(decisionId: string, terms: AmendmentTerms, command: AmendmentDraftCommand, actor: Actor): Promise<DecisionDraftView> {
    const id = await this.dataSource.transaction(async (em) => {
      const plan = await this.decisions.planAmendment(em, decisionId, terms, true);
      if (!plan.original.sessionId) throw new DomainError('DECISION_NOT_AMENDABLE', { decisionId, kind: plan.original.kind });
      await this.refuseConflictingDraft(em, plan, terms);
      const profile = await this.profiles.inForceOn(this.clock.today(), em);
      const authority = this.profiles.authority(profile, command.authorityCode);
      const register = await this.registers.ensure(em, authority.code, authority.symbol, actor);
      const now = this.clock.now();
      const draft: DraftRow = {
        id: randomUUID(),
        kind: plan.kind,
        amendsId: plan.original.id,
        terms,
        sessionId: plan.original.sessionId,
        authorityCode: authority.code,
        registerId: register.id,
        status: 'DRAFT',
        signerTitle: command.signerTitle ?? null,
        signerName: command.signerName ?? null,
        draftedBy: actor.username,
        draftedAt: now,
        number: null,
        year: null,
        issuedOn: null,
        numberSource: null,
        numberedBy: null,
        numberedAt: null,
        decisionId: null,
        issuedBy: null,
        issuedAt: null,
        abandonedBy: null,
        abandonedAt: null,
        abandonReason: null,
      };
      await this.drafts.insertDraft(em, draft);
      await this.audit.append(em, {
        stream: decisionDraftStream(draft.id),
        eventType: 'DECISION_DRAFTED',
        payload: {
          draftId: draft.id,
          kind: plan.kind,
          amendsId: plan.original.id,
          sessionId: draft.sessionId,
          authorityCode: authority.code,
          registerId: register.id,
          signerTitle: draft.signerTitle,
          signerName: draft.signerName,
          terms,
        },
        actor: actor.username,
        occurredAt: now,
      });
      return draft.id;
    });
    return this.get(id);
  }

  /**
   * Refuses a correction or revocation while another draft of the same chain, not issued and still issuable, names
   * one of the exemplars this one names. The chain's recognition row is locked first, so two secretaries drafting
   * at once on different decisions of one chain are serialised too.
   */
  private async refuseConflictingDraft(em: EntityManager, plan: AmendmentPlan, terms: AmendmentTerms): Promise<void> {
    const chain = await chainOf(em, plan.original.id);
    const root = chain.decisions.find((d) => d.amendsId === null) ?? chain.decisions[0]!;
    if (root.id !== plan.original.id) await this.decisionsRepo.lock(em, root.id);
    const open = await this.drafts.openAmendmentDrafts(em, chain.decisions.map((d) => d.id));
    const names = namedBy(terms, plan);
    for (const other of open) {
      const otherPlan = await this.planOf(em, other);
      if (!otherPlan) continue;
      const common = namedBy(other.terms!, otherPlan).filter((id) => names.includes(id));
      if (common.length === 0) continue;
      const what = other.kind === 'REVOCATION' ? 'thu hồi' : 'đính chính';
      const whom = otherPlan.recipients.filter((r) => common.includes(r.candidateId)).map((r) => r.name);
      const drafted = formatDateVi(this.clock.dateOf(new Date(other.draftedAt)));
      throw new DomainError(
        'AMENDMENT_DRAFT_CONFLICT',
        { field: terms.kind === 'CORRECTION' ? 'recipients' : 'candidateIds', draftId: other.id, kind: other.kind, candidateIds: common },
        {
          vi: `Đã có dự thảo quyết định ${what} chưa ban hành (lập ngày ${drafted}) cũng nêu ${whom.join(', ')}: hãy để văn thư ban hành dự thảo đó trước khi lập dự thảo mới.`,
          en: `An unissued ${other.kind === 'REVOCATION' ? 'revocation' : 'correction'} draft (drafted ${drafted}) already names ${whom.join(', ')}: have the clerk issue it first.`,
        },
      );
    }
  }

  /** The clerk gives the draft the register's number and date (again, to correct a typing error, before issue). */
  async number(id: string, command: NumberCommand, actor: Actor): Promise<DecisionDraftView> {
    await this.dataSource.transaction(async (em) => {
      const draft = await this.lockDraft(em, id);
      if (draft.status === 'ISSUED') throw new DomainError('DECISION_DRAFT_ISSUED', { draftId: id, decisionId: draft.decisionId });
      refuseAbandoned(draft);
      // Numbering is serialised per register: its row is locked until this transaction ends.
      const register = (await this.drafts.register(em, draft.registerId, true))!;
      const { earliest, latest } = await this.dateRange(em, draft);
      if (command.issuedOn < earliest || command.issuedOn > latest) {
        throw new DomainError('ISSUED_ON_OUT_OF_RANGE', { field: 'issuedOn', issuedOn: command.issuedOn, earliest, latest });
      }
      const year = Number(command.issuedOn.slice(0, 4));
      let number: number;
      if (register.mode === 'COUNTER') {
        if (command.number !== undefined) throw new DomainError('REGISTER_NUMBER_FROM_COUNTER', { field: 'number', registerId: register.id });
        // A number reserved here stays the draft's: reserving again would leave a gap in the register.
        if (draft.numberSource === 'COUNTER' && draft.year === year) throw new DomainError('REGISTER_RENUMBER_REFUSED', { field: 'number', number: draft.number });
        number = await this.drafts.reserveNumber(em, register, year);
      } else {
        if (command.number === undefined) throw new DomainError('REGISTER_NUMBER_REQUIRED', { field: 'number', registerId: register.id });
        if (await this.drafts.numberTaken(em, register, year, command.number, draft.id)) {
          throw new DomainError('REGISTER_NUMBER_TAKEN', { field: 'number', number: `${command.number}/${register.symbol}`, year });
        }
        number = command.number;
      }
      const now = this.clock.now();
      const source = register.mode === 'COUNTER' ? 'COUNTER' : 'CLERK_ENTERED';
      await this.drafts.recordNumber(em, id, { number, year, issuedOn: command.issuedOn, source, by: actor.username, at: now });
      await this.audit.append(em, {
        stream: decisionDraftStream(id),
        eventType: 'DECISION_NUMBERED',
        payload: {
          draftId: id,
          registerId: register.id,
          number: `${number}/${register.symbol}`,
          issuedOn: command.issuedOn,
          source,
          ...(draft.number !== null ? { previous: { number: draft.number, issuedOn: draft.issuedOn } } : {}),
        },
        actor: actor.username,
        occurredAt: now,
      });
    });
    return this.get(id);
  }

  /** The clerk issues the numbered draft: the recognition decision is written under the register's number and date. */
  async issue(id: string, actor: Actor): Promise<DecisionIssued> {
    return this.dataSource.transaction(async (em) => {
      const draft = await this.lockDraft(em, id);
      if (draft.status === 'ISSUED') throw new DomainError('DECISION_DRAFT_ISSUED', { draftId: id, decisionId: draft.decisionId });
      refuseAbandoned(draft);
      if (draft.status !== 'NUMBERED' || draft.number === null || !draft.issuedOn) throw new DomainError('DECISION_NOT_NUMBERED', { draftId: id });
      const register = (await this.drafts.register(em, draft.registerId))!;
      const signer = { authorityCode: draft.authorityCode, ...(draft.signerTitle ? { signerTitle: draft.signerTitle } : {}), ...(draft.signerName ? { signerName: draft.signerName } : {}) };
      const registered = { number: draft.number, symbol: register.symbol };
      const issued = draft.kind === 'RECOGNITION' ? await this.decisions.issueNumbered(
        em,
        {
          sessionId: draft.sessionId,
          authorityCode: draft.authorityCode,
          issuedOn: draft.issuedOn,
          ...(draft.signerTitle ? { signerTitle: draft.signerTitle } : {}),
          ...(draft.signerName ? { signerName: draft.signerName } : {}),
          registered,
        },
        actor,
      ) : await this.decisions.issueAmendment(em, draft.amendsId!, draft.terms!, { ...signer, issuedOn: draft.issuedOn, registered }, actor);
      const now = this.clock.now();
      await this.drafts.recordIssued(em, id, issued.id, actor.username, now);
      await this.audit.append(em, {
        stream: decisionDraftStream(id),
        eventType: 'DECISION_DRAFT_ISSUED',
        payload: { draftId: id, decisionId: issued.id, number: issued.number, issuedOn: issued.issuedOn },
        actor: actor.username,
        occurredAt: now,
      });
      return issued;
    });
  }

  /**
   * The secretariat abandons a wrong correction or revocation draft before issue (hủy dự thảo): its status becomes
   * ABANDONED, with who, when and why, in one transaction with its audit record; nothing is deleted. An abandoned
   * draft no longer counts as open (a new draft about the same exemplars is accepted) and holds no register number:
   * a number the clerk entered may be entered again, one the counter gave is given to the next draft numbered. A
   * session's recognition draft is not abandoned: it is the session's one draft, numbered and issued as it stands.
   */
  async abandon(id: string, reason: string, actor: Actor): Promise<DecisionDraftView> {
    await this.dataSource.transaction(async (em) => {
      const draft = await this.lockDraft(em, id);
      if (draft.status === 'ISSUED') throw new DomainError('ISSUED_DRAFT_NOT_ABANDONED', { draftId: id, decisionId: draft.decisionId });
      refuseAbandoned(draft);
      if (draft.kind === 'RECOGNITION') throw new DomainError('RECOGNITION_DRAFT_NOT_ABANDONED', { draftId: id, sessionId: draft.sessionId });
      const now = this.clock.now();
      await this.drafts.recordAbandoned(em, id, actor.username, now, reason);
      await this.audit.append(em, {
        stream: decisionDraftStream(id),
        eventType: 'DECISION_DRAFT_ABANDONED',
        payload: {
          draftId: id,
          kind: draft.kind,
          amendsId: draft.amendsId,
          reason,
          fromStatus: draft.status,
          // The number it held, freed in its register.
          ...(draft.number !== null ? { released: { registerId: draft.registerId, number: draft.number, year: draft.year, source: draft.numberSource } } : {}),
        },
        actor: actor.username,
        occurredAt: now,
      });
    });
    return this.get(id);
  }

  async list(filter: { sessionId?: string; status?: string }): Promise<DecisionDraftView[]> {
    const rows = await this.drafts.drafts(filter);
    return Promise.all(rows.map((r) => this.view(this.drafts.reader, r)));
  }

  async get(id: string): Promise<DecisionDraftView> {
    const em = this.drafts.reader;
    const row = await this.drafts.draft(em, id);
    if (!row) throw new DomainError('DECISION_DRAFT_NOT_FOUND', { draftId: id });
    return this.view(em, row);
  }

  /** The dates the register may give: from the session's close (recognition) or the amended chain's latest decision, to today. */
  private async dateRange(em: EntityManager, draft: DraftRow): Promise<{ earliest: string; latest: string }> {
    if (draft.kind === 'RECOGNITION') return this.decisions.issueDateRange(await this.decisions.recognitionToIssue(em, draft.sessionId));
    const plan = await this.decisions.planAmendment(em, draft.amendsId!, draft.terms!);
    return { earliest: plan.earliest, latest: this.clock.today() };
  }

  /** What a correction or revocation draft would issue now; null when its terms no longer hold (issuing will say why). */
  async planOf(em: EntityManager, d: DraftRow): Promise<AmendmentPlan | null> {
    if (d.kind === 'RECOGNITION' || !d.amendsId || !d.terms) return null;
    try {
      return await this.decisions.planAmendment(em, d.amendsId, d.terms);
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }

  /** What a correction or revocation draft would issue now, or the refusal that issuing it would meet. */
  async amendmentPlan(id: string): Promise<AmendmentPlan> {
    const row = await this.drafts.draft(this.drafts.reader, id);
    if (!row) throw new DomainError('DECISION_DRAFT_NOT_FOUND', { draftId: id });
    if (row.kind === 'RECOGNITION') throw new DomainError('DECISION_NOT_AMENDABLE', { draftId: id, kind: row.kind });
    return this.decisions.planAmendment(this.drafts.reader, row.amendsId!, row.terms!);
  }

  private async lockDraft(em: EntityManager, id: string): Promise<DraftRow> {
    const draft = await this.drafts.draft(em, id, true);
    if (!draft) throw new DomainError('DECISION_DRAFT_NOT_FOUND', { draftId: id });
    return draft;
  }

  private async view(em: EntityManager, d: DraftRow): Promise<DecisionDraftView> {
    const register = (await this.drafts.register(em, d.registerId))!;
    const session = (await this.drafts.sessionFacts(em, d.sessionId))!;
    const authority = ISSUING_AUTHORITIES.find((a) => a.code === d.authorityCode)!;
    const amended = d.amendsId ? await this.decisionsRepo.find(em, d.amendsId) : null;
    const issued = d.decisionId ? await this.decisionsRepo.find(em, d.decisionId) : null;
    const plan = issued ? null : await this.planOf(em, d);
    // Before issue: whom the decision would name now; after: whom it named.
    const recipients: RecipientDraft[] = d.decisionId
      ? await this.decisionsRepo.recipients(em, d.decisionId)
      : d.kind === 'RECOGNITION'
        ? await this.decisionsRepo.recognisedNow(em, d.sessionId, RECOGNISED_STATES)
        : (plan?.recipients ?? []);
    const amendedNumber = amended ? `${amended.number}/${amended.symbol}` : '';
    const subject =
      issued?.subject ??
      (d.kind === 'RECOGNITION' ? recognitionSubject(session.year) : (plan?.subject ?? `Về việc ${d.kind === 'CORRECTION' ? 'đính chính' : 'thu hồi'} Quyết định số ${amendedNumber}`));
    const grounds = d.terms?.kind === 'REVOCATION' ? d.terms.grounds.map((code) => REVOCATION_GROUNDS.find((g) => g.code === code)!) : [];
    return {
      id: d.id,
      kind: d.kind,
      amends: amended ? { id: amended.id, number: amendedNumber, issuedOn: amended.issuedOn, kind: amended.kind } : null,
      reasons: d.terms?.reasons ?? null,
      grounds: grounds.map((g) => ({ code: g.code, vi: g.vi, en: g.en, article: g.article, citation: g.citation })),
      sessionId: d.sessionId,
      sessionTitle: session.title,
      authority: { code: authority.code, vi: authority.vi, en: authority.en },
      register: registerView(register),
      status: d.status,
      subject,
      number: d.number !== null ? `${d.number}/${register.symbol}` : null,
      issuedOn: d.issuedOn,
      numberSource: d.numberSource,
      numberedBy: d.numberedBy,
      numberedAt: d.numberedAt ? new Date(d.numberedAt).toISOString() : null,
      signerTitle: d.signerTitle,
      signerName: d.signerName,
      draftedBy: d.draftedBy,
      draftedAt: new Date(d.draftedAt).toISOString(),
      decisionId: d.decisionId,
      issuedBy: d.issuedBy,
      issuedAt: d.issuedAt ? new Date(d.issuedAt).toISOString() : null,
      abandonedBy: d.abandonedBy,
      abandonedAt: d.abandonedAt ? new Date(d.abandonedAt).toISOString() : null,
      abandonReason: d.abandonReason,
      recipients: recipients.map((r) => ({
        candidateId: r.candidateId,
        name: r.name,
        kind: r.kind,
        kindLabel: labelsOf(SUBJECT_KINDS, r.kind),
        unitName: r.unitName,
        field: r.field,
        fieldLabel: labelsOf(FIELDS, r.field),
        achievement: r.achievement,
      })),
    };
  }
}
