/**
 * The SQL of recognition decisions: the session a decision is issued from, the exemplars it recognised, the
 * numbering counter, the decisions and their recipients (append-only), and what later decisions say of earlier
 * ones. Methods used while issuing take the transaction's EntityManager; each returns rows whose types say
 * exactly which columns they carry.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CandidateState, ReviewSessionStatus } from '#workflow';
import { DecisionRecipient, RecognitionDecision, type DecisionKind } from './decision.entities.js';

/** A decision's columns (the entity less its relations); issued on as YYYY-MM-DD. */
export type DecisionRow = Omit<RecognitionDecision, 'session' | 'amends'>;
/** A recipient's columns, as the decision printed them. */
export type RecipientRow = Omit<DecisionRecipient, 'decision' | 'candidate'>;
/** A recipient before the decision numbers it. */
export type RecipientDraft = Omit<RecipientRow, 'decisionId' | 'position' | 'serial'>;

/** The review session a recognition decision is issued from. */
export interface SessionToDecide {
  id: string;
  title: string;
  status: ReviewSessionStatus;
  year: number;
  votingClosedAt: Date;
  closedAt: Date | null;
}

/** A later decision that corrects or revokes one. */
export interface Amendment {
  id: string;
  kind: DecisionKind;
  number: number;
  symbol: string;
  issuedOn: string;
}

const DECISION_COLUMNS = `id, authority_code AS "authorityCode", year, number, symbol, kind, session_id AS "sessionId", amends_id AS "amendsId", subject, bases, reasons,
  to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn", signer_title AS "signerTitle", signer_name AS "signerName", issued_by AS "issuedBy", issued_at AS "issuedAt",
  profile_version AS "profileVersion"`;

@Injectable()
export class RecognitionDecisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Outside a transaction: the application's own manager. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  // ---- issuing ----

  /** The session, share-locked so that it cannot change while its decision is issued. */
  async sessionToDecide(em: EntityManager, sessionId: string): Promise<SessionToDecide | null> {
    const [row] = (await em.query(
      `SELECT id, title, status, year, voting_closed_at AS "votingClosedAt", closed_at AS "closedAt" FROM review_session WHERE id = $1 FOR SHARE`,
      [sessionId],
    )) as SessionToDecide[];
    return row ?? null;
  }

  /** The recognition decision already issued for the session, if any. */
  async recognitionOf(em: EntityManager, sessionId: string): Promise<string | null> {
    const [row] = (await em.query(`SELECT id FROM recognition_decision WHERE session_id = $1 AND kind = 'RECOGNITION'`, [sessionId])) as { id: string }[];
    return row?.id ?? null;
  }

  /**
   * The exemplars a session finally recognised that are still in one of the states given, as the decision will
   * name them, share-locked until the decision is written.
   */
  async recognisedIn(em: EntityManager, sessionId: string, states: readonly CandidateState[]): Promise<RecipientDraft[]> {
    return (await em.query(
      `SELECT c.id AS "candidateId", c.name, c.kind, u.name AS "unitName", c.field, c.achievement
         FROM review_item i JOIN candidate c ON c.id = i.candidate_id JOIN unit u ON u.id = c.unit_id
        WHERE i.session_id = $1 AND i.status = 'DECIDED' AND i.outcome = 'RECOGNISE' AND c.state = ANY($2::text[])
        ORDER BY c.kind, c.name, c.id FOR SHARE OF c`,
      [sessionId, [...states]],
    )) as RecipientDraft[];
  }

  /** Whom the session's decision would name now (no lock: what a draft shows). */
  async recognisedNow(em: EntityManager, sessionId: string, states: readonly CandidateState[]): Promise<RecipientDraft[]> {
    return (await em.query(
      `SELECT c.id AS "candidateId", c.name, c.kind, u.name AS "unitName", c.field, c.achievement
         FROM review_item i JOIN candidate c ON c.id = i.candidate_id JOIN unit u ON u.id = c.unit_id
        WHERE i.session_id = $1 AND i.status = 'DECIDED' AND i.outcome = 'RECOGNISE' AND c.state = ANY($2::text[])
        ORDER BY c.kind, c.name, c.id`,
      [sessionId, [...states]],
    )) as RecipientDraft[];
  }

  async insert(em: EntityManager, decision: DecisionRow, recipients: RecipientRow[]): Promise<void> {
    await em.insert(RecognitionDecision, decision);
    if (recipients.length > 0) await em.insert(DecisionRecipient, recipients);
  }

  /**
   * A decision about to be amended, under its transaction-scoped advisory lock so that two amendments of it are
   * serialised. Not `FOR UPDATE`: that needs UPDATE privilege, which the application does not have on this
   * append-only table.
   */
  async lock(em: EntityManager, id: string): Promise<DecisionRow | null> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`recognition_decision:${id}`]);
    const [row] = (await em.query(`SELECT ${DECISION_COLUMNS} FROM recognition_decision WHERE id = $1`, [id])) as DecisionRow[];
    return row ?? null;
  }

  // ---- reading ----

  async find(em: EntityManager, id: string): Promise<DecisionRow | null> {
    const [row] = (await em.query(`SELECT ${DECISION_COLUMNS} FROM recognition_decision WHERE id = $1`, [id])) as DecisionRow[];
    return row ?? null;
  }

  /** Decisions, newest first. */
  async list(filter: { year?: number; authorityCode?: string; sessionId?: string }): Promise<DecisionRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.year) where.push(`year = $${params.push(filter.year)}`);
    if (filter.authorityCode) where.push(`authority_code = $${params.push(filter.authorityCode)}`);
    if (filter.sessionId) where.push(`session_id = $${params.push(filter.sessionId)}`);
    return (await this.dataSource.query(
      `SELECT ${DECISION_COLUMNS} FROM recognition_decision ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY issued_on DESC, year DESC, number DESC`,
      params,
    )) as DecisionRow[];
  }

  async recipients(em: EntityManager, decisionId: string): Promise<RecipientRow[]> {
    return (await em.query(
      `SELECT decision_id AS "decisionId", candidate_id AS "candidateId", position, name, kind, unit_name AS "unitName", field, achievement, serial
         FROM decision_recipient WHERE decision_id = $1 ORDER BY position`,
      [decisionId],
    )) as RecipientRow[];
  }

  /** The later decisions that correct or revoke this one, oldest first. */
  async amendmentsOf(em: EntityManager, decisionId: string): Promise<Amendment[]> {
    return (await em.query(`SELECT id, kind, number, symbol, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn" FROM recognition_decision WHERE amends_id = $1 ORDER BY issued_at`, [
      decisionId,
    ])) as Amendment[];
  }

  /**
   * The candidates whom a revocation anywhere in this decision's chain revoked (the recognition, its corrections and
   * what revokes any of them): a revocation ends the recognition in every decision of the chain.
   */
  async revokedOf(em: EntityManager, decisionId: string): Promise<Set<string>> {
    const rows = (await em.query(
      `WITH RECURSIVE up AS (
         SELECT id, amends_id FROM recognition_decision WHERE id = $1
         UNION ALL SELECT d.id, d.amends_id FROM recognition_decision d JOIN up ON d.id = up.amends_id
       ), down AS (
         SELECT id FROM up WHERE amends_id IS NULL
         UNION ALL SELECT d.id FROM recognition_decision d JOIN down ON d.amends_id = down.id
       )
       SELECT DISTINCT r.candidate_id AS id FROM recognition_decision d JOIN down USING (id) JOIN decision_recipient r ON r.decision_id = d.id WHERE d.kind = 'REVOCATION'`,
      [decisionId],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** The audit record of a decision in its authority's stream, which the printed decision cites. */
  async auditRecordOf(stream: string, decisionId: string): Promise<{ seq: number; hash: string } | null> {
    const [row] = (await this.dataSource.query(`SELECT seq, hash FROM audit_event WHERE stream = $1 AND payload->>'decisionId' = $2`, [stream, decisionId])) as { seq: number; hash: string }[];
    return row ?? null;
  }
}
