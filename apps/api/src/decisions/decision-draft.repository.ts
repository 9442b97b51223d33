/**
 * The SQL of document registers and decision drafts. Methods used while changing take the transaction's
 * EntityManager. Registers, counters and drafts are never deleted (the migration's triggers refuse it).
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegisterMode } from '#domain';
import { DecisionDraft, DocumentRegister } from './register.entities.js';

export type RegisterRow = Omit<DocumentRegister, never>;
export type DraftRow = Omit<DecisionDraft, 'session' | 'register' | 'decision' | 'amends'>;

const REGISTER_COLUMNS = `id, authority_code AS "authorityCode", symbol, name, mode, opened_by AS "openedBy", opened_at AS "openedAt", version`;
const DRAFT_COLUMNS = `id, kind, amends_id AS "amendsId", terms, session_id AS "sessionId", authority_code AS "authorityCode", register_id AS "registerId", status, signer_title AS "signerTitle",
  signer_name AS "signerName", drafted_by AS "draftedBy", drafted_at AS "draftedAt", number, year, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn",
  number_source AS "numberSource", numbered_by AS "numberedBy", numbered_at AS "numberedAt", decision_id AS "decisionId", issued_by AS "issuedBy", issued_at AS "issuedAt",
  abandoned_by AS "abandonedBy", abandoned_at AS "abandonedAt", abandon_reason AS "abandonReason"`;

@Injectable()
export class DecisionDraftRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  // ---- registers ----

  async registers(em: EntityManager): Promise<RegisterRow[]> {
    return (await em.query(`SELECT ${REGISTER_COLUMNS} FROM document_register ORDER BY authority_code, symbol`)) as RegisterRow[];
  }

  async register(em: EntityManager, id: string, lock = false): Promise<RegisterRow | null> {
    const [row] = (await em.query(`SELECT ${REGISTER_COLUMNS} FROM document_register WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as RegisterRow[];
    return row ?? null;
  }

  async registerOf(em: EntityManager, authorityCode: string, symbol: string): Promise<RegisterRow | null> {
    const [row] = (await em.query(`SELECT ${REGISTER_COLUMNS} FROM document_register WHERE authority_code = $1 AND symbol = $2`, [authorityCode, symbol])) as RegisterRow[];
    return row ?? null;
  }

  /** Inserts the register unless one exists for its authority and symbol; true when this call opened it. */
  async openRegister(em: EntityManager, row: RegisterRow): Promise<boolean> {
    const inserted = (await em.query(
      `INSERT INTO document_register (id, authority_code, symbol, name, mode, opened_by, opened_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
       ON CONFLICT (authority_code, symbol) DO NOTHING RETURNING id`,
      [row.id, row.authorityCode, row.symbol, row.name, row.mode, row.openedBy, row.openedAt],
    )) as { id: string }[];
    return inserted.length === 1;
  }

  /** Changes a register's mode if it is still at the version the caller saw; false when it was not. */
  async setMode(em: EntityManager, id: string, mode: RegisterMode, expectedVersion: number): Promise<boolean> {
    const rows = (await em.query(`UPDATE document_register SET mode = $2, version = version + 1 WHERE id = $1 AND version = $3 RETURNING id`, [id, mode, expectedVersion])) as [
      { id: string }[],
      number,
    ];
    return rows[1] === 1;
  }

  /**
   * Reserves a register's next number for a year: first a number the counter gave to a draft since abandoned, that
   * nothing else holds (the lowest), so that an abandoned draft consumes no number; else the counter's next. The counter row stays locked until the transaction commits; it
   * starts above every number already used under the register's authority, symbol and year (decisions issued before
   * registers existed, and numbers the clerk entered), so a reserved number is never taken.
   */
  async reserveNumber(em: EntityManager, register: RegisterRow, year: number): Promise<number> {
    const [released] = (await em.query(
      `SELECT min(a.number) AS number FROM decision_draft a
        WHERE a.register_id = $1 AND a.year = $4 AND a.status = 'ABANDONED' AND a.number_source = 'COUNTER'
          AND NOT EXISTS (SELECT 1 FROM decision_draft d WHERE d.register_id = $1 AND d.year = $4 AND d.number = a.number AND d.status <> 'ABANDONED')
          AND NOT EXISTS (SELECT 1 FROM recognition_decision r WHERE r.authority_code = $2 AND r.symbol = $3 AND r.year = $4 AND r.number = a.number)`,
      [register.id, register.authorityCode, register.symbol, year],
    )) as { number: number | null }[];
    if (released?.number !== null && released?.number !== undefined) return Number(released.number);
    const [row] = (await em.query(
      `INSERT INTO document_register_counter (register_id, year, last_number)
       VALUES ($1, $4, 1 + greatest(
         coalesce((SELECT max(number) FROM recognition_decision WHERE authority_code = $2 AND symbol = $3 AND year = $4), 0),
         coalesce((SELECT max(number) FROM decision_draft WHERE register_id = $1 AND year = $4 AND status <> 'ABANDONED'), 0)))
       ON CONFLICT (register_id, year) DO UPDATE SET last_number = 1 + greatest(document_register_counter.last_number,
         coalesce((SELECT max(number) FROM recognition_decision WHERE authority_code = $2 AND symbol = $3 AND year = $4), 0),
         coalesce((SELECT max(number) FROM decision_draft WHERE register_id = $1 AND year = $4 AND status <> 'ABANDONED'), 0))
       RETURNING last_number AS number`,
      [register.id, register.authorityCode, register.symbol, year],
    )) as { number: number }[];
    return row!.number;
  }

  /** Whether a number is used in the register's year: by an issued decision of its authority and symbol, or another draft not abandoned. */
  async numberTaken(em: EntityManager, register: RegisterRow, year: number, number: number, exceptDraftId: string): Promise<boolean> {
    const [row] = (await em.query(
      `SELECT EXISTS (SELECT 1 FROM recognition_decision WHERE authority_code = $1 AND symbol = $2 AND year = $3 AND number = $4)
           OR EXISTS (SELECT 1 FROM decision_draft WHERE register_id = $5 AND year = $3 AND number = $4 AND id <> $6 AND status <> 'ABANDONED') AS taken`,
      [register.authorityCode, register.symbol, year, number, register.id, exceptDraftId],
    )) as { taken: boolean }[];
    return row!.taken;
  }

  // ---- drafts ----

  async insertDraft(em: EntityManager, draft: DraftRow): Promise<void> {
    await em.insert(DecisionDraft, draft);
  }

  async draft(em: EntityManager, id: string, lock = false): Promise<DraftRow | null> {
    const [row] = (await em.query(`SELECT ${DRAFT_COLUMNS} FROM decision_draft WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as DraftRow[];
    return row ?? null;
  }

  async draftOfSession(em: EntityManager, sessionId: string): Promise<string | null> {
    const [row] = (await em.query(`SELECT id FROM decision_draft WHERE session_id = $1 AND kind = 'RECOGNITION'`, [sessionId])) as { id: string }[];
    return row?.id ?? null;
  }

  /** The correction and revocation drafts still open (neither issued nor abandoned) that amend one of these decisions (a chain's), oldest first. */
  async openAmendmentDrafts(em: EntityManager, decisionIds: string[]): Promise<DraftRow[]> {
    return (await em.query(`SELECT ${DRAFT_COLUMNS} FROM decision_draft WHERE amends_id = ANY($1::uuid[]) AND status IN ('DRAFT', 'NUMBERED') ORDER BY drafted_at, id`, [decisionIds])) as DraftRow[];
  }

  async drafts(filter: { sessionId?: string; status?: string }): Promise<DraftRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.sessionId) where.push(`session_id = $${params.push(filter.sessionId)}`);
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    return (await this.dataSource.query(`SELECT ${DRAFT_COLUMNS} FROM decision_draft ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY drafted_at DESC, id`, params)) as DraftRow[];
  }

  async recordNumber(em: EntityManager, id: string, n: { number: number; year: number; issuedOn: string; source: 'CLERK_ENTERED' | 'COUNTER'; by: string; at: Date }): Promise<void> {
    await em.query(
      `UPDATE decision_draft SET status = 'NUMBERED', number = $2, year = $3, issued_on = $4, number_source = $5, numbered_by = $6, numbered_at = $7 WHERE id = $1`,
      [id, n.number, n.year, n.issuedOn, n.source, n.by, n.at],
    );
  }

  async recordIssued(em: EntityManager, id: string, decisionId: string, by: string, at: Date): Promise<void> {
    await em.query(`UPDATE decision_draft SET status = 'ISSUED', decision_id = $2, issued_by = $3, issued_at = $4 WHERE id = $1`, [id, decisionId, by, at]);
  }

  async recordAbandoned(em: EntityManager, id: string, by: string, at: Date, reason: string): Promise<void> {
    await em.query(`UPDATE decision_draft SET status = 'ABANDONED', abandoned_by = $2, abandoned_at = $3, abandon_reason = $4 WHERE id = $1`, [id, by, at, reason]);
  }

  /** The session's title and the date it closed, as a draft shows them. */
  async sessionFacts(em: EntityManager, sessionId: string): Promise<{ title: string; year: number; closedAt: Date | null; votingClosedAt: Date | null; status: string } | null> {
    const [row] = (await em.query(`SELECT title, year, closed_at AS "closedAt", voting_closed_at AS "votingClosedAt", status FROM review_session WHERE id = $1`, [sessionId])) as {
      title: string;
      year: number;
      closedAt: Date | null;
      votingClosedAt: Date | null;
      status: string;
    }[];
    return row ?? null;
  }
}
