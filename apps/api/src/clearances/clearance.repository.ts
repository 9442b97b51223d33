/**
 * The SQL of clearances: requests and answers (append-only), and the clearance rule pinned to a session. Also
 * reads what a clearance belongs to (the session's stage, the item's candidate) without depending on the review
 * feature's services, so that the review feature can read clearances when the council decides.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { clearanceState, type ClearanceAnswer as ClearanceAnswerCode, type ClearanceRule, type ClearanceState, type ClearanceStatus } from '#workflow';
import { ClearanceAnswer, ClearanceRequest, SessionClearanceRule } from './clearance.entities.js';

/** A request with its answer (if any), as the views and the council's decision read it. */
export interface ClearanceRow {
  id: string;
  sessionId: string;
  itemId: string;
  candidateId: string;
  agencyCode: string;
  agencyName: string;
  subject: string | null;
  profileVersion: number;
  requestedOn: string;
  dueOn: string;
  letterNumber: string | null;
  requestedBy: string;
  requestedAt: Date;
  answer: {
    id: string;
    answer: ClearanceAnswerCode;
    reasons: string | null;
    documentNumber: string;
    documentDate: string;
    fileName: string | null;
    contentType: string | null;
    sizeBytes: number | null;
    sha256: string | null;
    recordedBy: string;
    recordedAt: Date;
  } | null;
}

const REQUEST_COLUMNS = `r.id, r.session_id AS "sessionId", r.item_id AS "itemId", r.candidate_id AS "candidateId", r.agency_code AS "agencyCode",
  r.agency_name AS "agencyName", r.subject, r.profile_version AS "profileVersion", to_char(r.requested_on, 'YYYY-MM-DD') AS "requestedOn",
  to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn", r.letter_number AS "letterNumber", r.requested_by AS "requestedBy", r.requested_at AS "requestedAt",
  a.id AS "answerId", a.answer, a.reasons, a.document_number AS "documentNumber", to_char(a.document_date, 'YYYY-MM-DD') AS "documentDate",
  a.file_name AS "fileName", a.content_type AS "contentType", a.size_bytes AS "sizeBytes", a.sha256, a.recorded_by AS "recordedBy", a.recorded_at AS "recordedAt"`;

type Flat = Omit<ClearanceRow, 'answer'> & {
  answerId: string | null;
  answer: ClearanceAnswerCode | null;
  reasons: string | null;
  documentNumber: string | null;
  documentDate: string | null;
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  recordedBy: string | null;
  recordedAt: Date | null;
};

function unflatten(f: Flat): ClearanceRow {
  const { answerId, answer, reasons, documentNumber, documentDate, fileName, contentType, sizeBytes, sha256, recordedBy, recordedAt, ...request } = f;
  return {
    ...request,
    answer: answerId
      ? { id: answerId, answer: answer!, reasons, documentNumber: documentNumber!, documentDate: documentDate!, fileName, contentType, sizeBytes, sha256: sha256?.trim() ?? null, recordedBy: recordedBy!, recordedAt: recordedAt! }
      : null,
  };
}

/** A request's state on `today`, and the figures the council's decision reads. */
export function statusOf(row: ClearanceRow, today: string): ClearanceStatus {
  return { agencyCode: row.agencyCode, agencyName: row.agencyName, dueOn: row.dueOn, state: clearanceState(row.answer?.answer ?? null, row.dueOn, today) };
}

export function stateOf(row: ClearanceRow, today: string): ClearanceState {
  return clearanceState(row.answer?.answer ?? null, row.dueOn, today);
}

/** What a clearance is attached to: the session's stage and the item's candidate and status. */
export interface ClearanceTarget {
  sessionStatus: string;
  itemId: string;
  itemStatus: string;
  candidateId: string;
  candidateName: string;
}

@Injectable()
export class ClearanceRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  async sessionStatus(em: EntityManager, sessionId: string): Promise<string | null> {
    const rows = (await em.query('SELECT status FROM review_session WHERE id = $1', [sessionId])) as { status: string }[];
    return rows[0]?.status ?? null;
  }

  async target(em: EntityManager, sessionId: string, itemId: string): Promise<ClearanceTarget | null> {
    const rows = (await em.query(
      `SELECT s.status AS "sessionStatus", i.id AS "itemId", i.status AS "itemStatus", i.candidate_id AS "candidateId", c.name AS "candidateName"
         FROM review_item i JOIN review_session s ON s.id = i.session_id JOIN candidate c ON c.id = i.candidate_id
        WHERE i.id = $1 AND i.session_id = $2`,
      [itemId, sessionId],
    )) as ClearanceTarget[];
    return rows[0] ?? null;
  }

  /** Every request of a session (or of one item), oldest first, with its answer. */
  async ofSession(em: EntityManager, sessionId: string, itemId?: string): Promise<ClearanceRow[]> {
    const rows = (await em.query(
      `SELECT ${REQUEST_COLUMNS} FROM clearance_request r LEFT JOIN clearance_answer a ON a.request_id = r.id
        WHERE r.session_id = $1 ${itemId ? 'AND r.item_id = $2' : ''} ORDER BY r.requested_at, r.agency_code`,
      itemId ? [sessionId, itemId] : [sessionId],
    )) as Flat[];
    return rows.map(unflatten);
  }

  async request(em: EntityManager, sessionId: string, requestId: string, lock = false): Promise<ClearanceRow | null> {
    const rows = (await em.query(
      `SELECT ${REQUEST_COLUMNS} FROM clearance_request r LEFT JOIN clearance_answer a ON a.request_id = r.id WHERE r.id = $1 AND r.session_id = $2${lock ? ' FOR UPDATE OF r' : ''}`,
      [requestId, sessionId],
    )) as Flat[];
    return rows[0] ? unflatten(rows[0]) : null;
  }

  async candidateNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await em.query('SELECT id, name FROM candidate WHERE id = ANY($1::uuid[])', [ids])) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async insertRequests(em: EntityManager, rows: ClearanceRequest[]): Promise<void> {
    if (rows.length > 0) await em.insert(ClearanceRequest, rows);
  }

  async insertAnswer(em: EntityManager, row: ClearanceAnswer): Promise<void> {
    await em.insert(ClearanceAnswer, row);
  }

  async file(sessionId: string, requestId: string): Promise<{ fileName: string; contentType: string; sha256: string; content: Buffer } | null> {
    const rows = (await this.dataSource.query(
      `SELECT a.file_name AS "fileName", a.content_type AS "contentType", a.sha256, a.content
         FROM clearance_answer a JOIN clearance_request r ON r.id = a.request_id
        WHERE r.id = $1 AND r.session_id = $2 AND a.content IS NOT NULL`,
      [requestId, sessionId],
    )) as { fileName: string; contentType: string; sha256: string; content: Buffer }[];
    return rows[0] ?? null;
  }

  /** The clearance rule pinned to a session; ADVISORY for a session opened before clearances existed. */
  async ruleOf(em: EntityManager, sessionId: string): Promise<ClearanceRule> {
    const rows = (await em.query('SELECT rule FROM session_clearance_rule WHERE session_id = $1', [sessionId])) as { rule: ClearanceRule }[];
    return rows[0]?.rule ?? 'ADVISORY';
  }

  async pinRule(em: EntityManager, row: SessionClearanceRule): Promise<void> {
    await em.insert(SessionClearanceRule, row);
  }
}
