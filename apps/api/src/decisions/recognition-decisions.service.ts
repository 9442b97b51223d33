/**
 * Recognition decisions: issued once a review session's recognitions are final, numbered per issuing authority
 * and year without gaps, printed as an administrative decision with one certificate per exemplar. A decision is
 * never edited: a correction or a revocation is a new decision that refers to it, and a revocation moves each
 * exemplar it names through the statechart (REVOKE_RECOGNITION) in the same transaction.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { FIELDS, ISSUING_AUTHORITIES, SUBJECT_KINDS, labelsOf, type IssuingAuthority } from '#domain';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { CertificateData, RecognitionDecisionData } from '../documents/document-data.js';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import { CandidateTransitions } from '../transitions/candidate-transitions.service.js';
import { DecisionRecipient, RecognitionDecision, type DecisionKind } from './decision.entities.js';
import { decisionStream } from '../audit/streams.js';


const LEGAL_BASES = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;',
  'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
  'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
];
const DISTRIBUTION = ['Như Điều 3;', 'Ban Thi đua - Khen thưởng tỉnh;', 'Lưu: VT.'];
const PLACE = 'Bắc Giang';

export interface SignerCommand {
  authorityCode: IssuingAuthority;
  issuedOn?: string;
  signerTitle: string;
  signerName: string;
}

export interface RecipientCorrection {
  candidateId: string;
  name?: string;
  unitName?: string;
  achievement?: string;
}

const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const DECISION_COLUMNS = `id, authority_code AS "authorityCode", year, number, symbol, kind, session_id AS "sessionId", amends_id AS "amendsId", subject, bases, reasons,
  to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn", signer_title AS "signerTitle", signer_name AS "signerName", issued_by AS "issuedBy", issued_at AS "issuedAt"`;

@Injectable()
export class RecognitionDecisions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly transitions: CandidateTransitions,
    private readonly clock: Clock,
  ) {}

  // ---- issuing ----

  /** The recognition decision of a closed session: every candidate the session finally recognised. */
  async issue(command: SignerCommand & { sessionId: string }, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const [session] = (await em.query(
        `SELECT id, title, status, year, voting_closed_at AS "votingClosedAt", closed_at AS "closedAt" FROM review_session WHERE id = $1 FOR SHARE`,
        [command.sessionId],
      )) as { id: string; title: string; status: string; year: number; votingClosedAt: Date; closedAt: Date | null }[];
      if (!session) throw new DomainError('REFERENCED_REVIEW_SESSION_NOT_FOUND', { field: 'sessionId', sessionId: command.sessionId });
      if (session.status !== 'CLOSED') throw new DomainError('SESSION_NOT_CLOSED', { field: 'sessionId', status: session.status });
      const [existing] = (await em.query(`SELECT id FROM recognition_decision WHERE session_id = $1 AND kind = 'RECOGNITION'`, [session.id])) as { id: string }[];
      if (existing) throw new DomainError('DECISION_ALREADY_ISSUED', { field: 'sessionId', decisionId: existing.id });
      const recipients = (await em.query(
        `SELECT c.id AS "candidateId", c.name, c.kind, u.name AS "unitName", c.field, c.achievement
           FROM review_item i JOIN candidate c ON c.id = i.candidate_id JOIN unit u ON u.id = c.unit_id
          WHERE i.session_id = $1 AND i.status = 'DECIDED' AND i.outcome = 'RECOGNISE' AND c.state = ANY($2::text[])
          ORDER BY c.kind, c.name, c.id FOR SHARE OF c`,
        [session.id, [...RECOGNISED_STATES]],
      )) as Omit<DecisionRecipient, 'decisionId' | 'position' | 'serial'>[];
      if (recipients.length === 0) throw new DomainError('NOTHING_TO_DECIDE', { field: 'sessionId' });
      const issuedOn = this.issuedOn(command.issuedOn, this.clock.dateOf(new Date(session.closedAt!)));
      const closedOn = vnDate(this.clock.dateOf(new Date(session.votingClosedAt)));
      return this.write(em, {
        kind: 'RECOGNITION',
        command: { ...command, issuedOn },
        sessionId: session.id,
        amends: null,
        subject: `Về việc công nhận điển hình tiên tiến năm ${session.year}`,
        bases: [...LEGAL_BASES, `Căn cứ kết quả đợt xét "${session.title}" của Hội đồng Thi đua - Khen thưởng tỉnh (biên bản họp ngày ${closedOn}) và kết quả công khai lấy ý kiến;`, 'Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh.'],
        reasons: null,
        recipients,
        actor,
      });
    });
  }

  /** A correction: a new decision that refers to the one it corrects, with the corrected list. */
  async correct(decisionId: string, command: SignerCommand & { reasons: string; recipients: RecipientCorrection[] }, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const original = await this.lockDecision(em, decisionId);
      if (original.kind === 'REVOCATION') throw new DomainError('DECISION_NOT_AMENDABLE', { decisionId, kind: original.kind });
      // Those whose recognition was revoked are no longer part of what a correction restates.
      const revoked = await this.revokedOf(em, original.id);
      const all = await this.recipientsOf(em, original.id);
      const unknown = command.recipients.filter((r) => !all.some((c) => c.candidateId === r.candidateId));
      if (unknown.length > 0) throw new DomainError('RECIPIENT_NOT_IN_DECISION', { field: 'recipients', candidateIds: unknown.map((u) => u.candidateId) });
      const ofRevoked = command.recipients.filter((r) => revoked.has(r.candidateId));
      if (ofRevoked.length > 0) throw new DomainError('DECISION_REVOKED', { field: 'recipients', decisionId, candidateIds: ofRevoked.map((r) => r.candidateId) });
      const current = all.filter((c) => !revoked.has(c.candidateId));
      const recipients = current.map((c) => {
        const fix = command.recipients.find((r) => r.candidateId === c.candidateId);
        return { candidateId: c.candidateId, name: fix?.name ?? c.name, kind: c.kind, unitName: fix?.unitName ?? c.unitName, field: c.field, achievement: fix?.achievement ?? c.achievement };
      });
      const label = `${original.number}/${original.symbol} ngày ${vnDate(original.issuedOn)}`;
      return this.write(em, {
        kind: 'CORRECTION',
        command: { ...command, issuedOn: this.issuedOn(command.issuedOn, original.issuedOn) },
        sessionId: original.sessionId,
        amends: original,
        subject: `Về việc đính chính Quyết định số ${label}`,
        bases: [...LEGAL_BASES, `Căn cứ Quyết định số ${label} về việc công nhận điển hình tiên tiến;`, 'Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh.'],
        reasons: command.reasons,
        recipients,
        actor,
      });
    });
  }

  /** A revocation: a new decision naming the exemplars whose recognition it revokes; each moves to `revoked`. */
  async revoke(decisionId: string, command: SignerCommand & { reasons: string; candidateIds?: string[] }, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const original = await this.lockDecision(em, decisionId);
      if (original.kind === 'REVOCATION') throw new DomainError('DECISION_NOT_AMENDABLE', { decisionId, kind: original.kind });
      const current = await this.recipientsOf(em, original.id);
      const wanted = command.candidateIds ?? current.map((c) => c.candidateId);
      const unknown = wanted.filter((id) => !current.some((c) => c.candidateId === id));
      if (unknown.length > 0) throw new DomainError('RECIPIENT_NOT_IN_DECISION', { field: 'candidateIds', candidateIds: unknown });
      const label = `${original.number}/${original.symbol} ngày ${vnDate(original.issuedOn)}`;
      const decision = await this.write(em, {
        kind: 'REVOCATION',
        command: { ...command, issuedOn: this.issuedOn(command.issuedOn, original.issuedOn) },
        sessionId: original.sessionId,
        amends: original,
        subject: `Về việc thu hồi Quyết định số ${label}`,
        bases: [...LEGAL_BASES, `Căn cứ Quyết định số ${label} về việc công nhận điển hình tiên tiến;`, 'Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh.'],
        reasons: command.reasons,
        recipients: current.filter((c) => wanted.includes(c.candidateId)),
        actor,
      });
      for (const candidateId of wanted) {
        await this.transitions.sendWithin(em, { candidateId, event: { type: 'REVOKE_RECOGNITION', decisionId: decision.id, reasons: command.reasons }, actor });
      }
      return decision;
    });
  }

  private issuedOn(given: string | undefined, earliest: string): string {
    const today = this.clock.today();
    const issuedOn = given ?? today;
    if (issuedOn > today || issuedOn < earliest) throw new DomainError('ISSUED_ON_OUT_OF_RANGE', { field: 'issuedOn', issuedOn, earliest, latest: today });
    return issuedOn;
  }

  /**
   * Writes a decision with the next number of its authority and year. The counter row is created or incremented
   * in this transaction and stays locked until it commits: concurrent issuers wait, and a rolled-back issue gives
   * its number back, so numbers are unique and gapless.
   */
  private async write(
    em: EntityManager,
    d: {
      kind: DecisionKind;
      command: SignerCommand & { issuedOn: string };
      sessionId: string | null;
      amends: RecognitionDecision | null;
      subject: string;
      bases: string[];
      reasons: string | null;
      recipients: Omit<DecisionRecipient, 'decisionId' | 'position' | 'serial'>[];
      actor: Actor;
    },
  ) {
    const authority = ISSUING_AUTHORITIES.find((a) => a.code === d.command.authorityCode)!;
    const year = Number(d.command.issuedOn.slice(0, 4));
    const [{ number }] = (await em.query(
      `INSERT INTO decision_counter (authority_code, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (authority_code, year) DO UPDATE SET last_number = decision_counter.last_number + 1 RETURNING last_number AS number`,
      [authority.code, year],
    )) as { number: number }[];
    const now = this.clock.now();
    const decision: RecognitionDecision = {
      id: randomUUID(),
      authorityCode: authority.code,
      year,
      number,
      symbol: authority.symbol,
      kind: d.kind,
      sessionId: d.sessionId,
      amendsId: d.amends?.id ?? null,
      subject: d.subject,
      bases: d.bases,
      reasons: d.reasons,
      issuedOn: d.command.issuedOn,
      signerTitle: d.command.signerTitle,
      signerName: d.command.signerName,
      issuedBy: d.actor.username,
      issuedAt: now,
    };
    await em.insert(RecognitionDecision, decision);
    const recipients = d.recipients.map((r, i) => ({
      ...r,
      decisionId: decision.id,
      position: i + 1,
      serial: `ĐHTT-${year}-${String(number).padStart(4, '0')}-${String(i + 1).padStart(3, '0')}${authority.code === 'UBND_TINH' ? '' : `-${authority.code}`}`,
    }));
    if (recipients.length > 0) await em.insert(DecisionRecipient, recipients);
    await this.audit.append(em, {
      stream: decisionStream(authority.code, year),
      eventType: `DECISION_${d.kind}`,
      payload: {
        decisionId: decision.id,
        number: `${number}/${authority.symbol}`,
        issuedOn: decision.issuedOn,
        sessionId: decision.sessionId,
        amendsId: decision.amendsId,
        reasons: decision.reasons,
        signer: `${decision.signerTitle} ${decision.signerName}`,
        recipients: recipients.map((r) => ({ candidateId: r.candidateId, name: r.name, serial: r.serial })),
      },
      actor: d.actor.username,
      occurredAt: now,
    });
    return { id: decision.id, number: `${number}/${authority.symbol}`, year, kind: d.kind, issuedOn: decision.issuedOn, recipients: recipients.length };
  }

  private async lockDecision(em: EntityManager, id: string): Promise<RecognitionDecision> {
    const [row] = (await em.query(`SELECT ${DECISION_COLUMNS} FROM recognition_decision WHERE id = $1 FOR UPDATE`, [id])) as RecognitionDecision[];
    if (!row) throw new DomainError('DECISION_NOT_FOUND', { decisionId: id });
    return row;
  }

  /** The recipients of a decision whose recognition a revocation referring to it has revoked. */
  private async revokedOf(em: EntityManager, decisionId: string): Promise<Set<string>> {
    const rows = (await em.query(
      `SELECT r.candidate_id AS id FROM recognition_decision d JOIN decision_recipient r ON r.decision_id = d.id WHERE d.amends_id = $1 AND d.kind = 'REVOCATION'`,
      [decisionId],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  private recipientsOf(em: EntityManager, decisionId: string): Promise<DecisionRecipient[]> {
    return em.query(
      `SELECT decision_id AS "decisionId", candidate_id AS "candidateId", position, name, kind, unit_name AS "unitName", field, achievement, serial
         FROM decision_recipient WHERE decision_id = $1 ORDER BY position`,
      [decisionId],
    ) as Promise<DecisionRecipient[]>;
  }

  // ---- reading ----

  async list(filter: { year?: number; authorityCode?: string; sessionId?: string }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.year) where.push(`year = $${params.push(filter.year)}`);
    if (filter.authorityCode) where.push(`authority_code = $${params.push(filter.authorityCode)}`);
    if (filter.sessionId) where.push(`session_id = $${params.push(filter.sessionId)}`);
    const rows = (await this.dataSource.query(
      `SELECT ${DECISION_COLUMNS} FROM recognition_decision ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY issued_on DESC, year DESC, number DESC`,
      params,
    )) as RecognitionDecision[];
    return Promise.all(rows.map((r) => this.view(this.dataSource.manager, r)));
  }

  async get(id: string) {
    const [row] = (await this.dataSource.query(`SELECT ${DECISION_COLUMNS} FROM recognition_decision WHERE id = $1`, [id])) as RecognitionDecision[];
    if (!row) throw new DomainError('DECISION_NOT_FOUND', { decisionId: id });
    return this.view(this.dataSource.manager, row);
  }

  private async view(em: EntityManager, d: RecognitionDecision) {
    const recipients = await this.recipientsOf(em, d.id);
    const amendedBy = (await em.query(`SELECT id, kind, number, symbol, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn" FROM recognition_decision WHERE amends_id = $1 ORDER BY issued_at`, [d.id])) as {
      id: string;
      kind: DecisionKind;
      number: number;
      symbol: string;
      issuedOn: string;
    }[];
    const revocations = amendedBy.filter((a) => a.kind === 'REVOCATION');
    const revokedIds = new Set(
      revocations.length
        ? ((await em.query('SELECT candidate_id AS id FROM decision_recipient WHERE decision_id = ANY($1::uuid[])', [revocations.map((r) => r.id)])) as { id: string }[]).map((r) => r.id)
        : [],
    );
    const status = revokedIds.size > 0 && recipients.every((r) => revokedIds.has(r.candidateId)) ? 'REVOKED' : revokedIds.size > 0 ? 'PARTLY_REVOKED' : amendedBy.some((a) => a.kind === 'CORRECTION') ? 'CORRECTED' : 'IN_FORCE';
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
      issuedAt: new Date(d.issuedAt).toISOString(),
      recipients: recipients.map((r) => ({ ...r, revoked: revokedIds.has(r.candidateId), kindLabel: labelsOf(SUBJECT_KINDS, r.kind), fieldLabel: labelsOf(FIELDS, r.field) })),
    };
  }

  // ---- documents ----

  async documentData(id: string): Promise<RecognitionDecisionData> {
    const d = await this.get(id);
    const authority = ISSUING_AUTHORITIES.find((a) => a.code === d.authority.code)!;
    const amended = d.amendsId ? await this.get(d.amendsId) : null;
    const [head] = (await this.dataSource.query(`SELECT seq, hash FROM audit_event WHERE stream = $1 AND payload->>'decisionId' = $2`, [decisionStream(d.authority.code, d.year), d.id])) as {
      seq: number;
      hash: string;
    }[];
    return {
      issuer: { ...(authority.code === 'HDTDKT_TINH' ? { parentName: 'UBND TỈNH BẮC GIANG' } : {}), name: authority.header, place: PLACE },
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
      distribution: DISTRIBUTION,
      generatedAt: this.clock.now().toISOString(),
      auditReference: head ? `${decisionStream(d.authority.code, d.year)} #${head.seq} ${head.hash.slice(0, 16)}` : decisionStream(d.authority.code, d.year),
    };
  }

  async certificateData(id: string, candidateId: string): Promise<CertificateData> {
    const d = await this.get(id);
    if (d.kind === 'REVOCATION') throw new DomainError('DECISION_NOT_AMENDABLE', { decisionId: id, kind: d.kind });
    const r = d.recipients.find((x) => x.candidateId === candidateId);
    if (!r) throw new DomainError('RECIPIENT_NOT_IN_DECISION', { candidateId });
    if (r.revoked) throw new DomainError('DECISION_REVOKED', { decisionId: id, candidateId });
    const authority = ISSUING_AUTHORITIES.find((a) => a.code === d.authority.code)!;
    return {
      issuer: { ...(authority.code === 'HDTDKT_TINH' ? { parentName: 'UBND TỈNH BẮC GIANG' } : {}), name: authority.header, place: PLACE },
      recipientName: r.name,
      kindLabel: r.kindLabel?.vi ?? r.kind,
      unitName: r.unitName,
      achievement: r.achievement,
      decisionNumber: d.number,
      decisionDate: d.issuedOn,
      signerTitle: d.signerTitle,
      signerName: d.signerName,
      serial: r.serial,
      generatedAt: this.clock.now().toISOString(),
    };
  }
}
