/**
 * The SQL of the public side. Reads only public facts: the provisional list of a notice in its period, the
 * answers the secretariat published, and recognised exemplars with their decisions, honouring and adoption
 * records. It never selects votes, ballots, checklists, contacts, internal notes or who recorded what; the
 * public pages are rendered from exactly the columns these methods return.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { prefixQuery, type Field, type SubjectKind } from '#domain';

/** The states of a recognised exemplar that the gallery shows; a revoked one leaves it. */
export const GALLERY_STATES = ['recognised', 'replicating', 'replicationEnded'] as const;

export interface OpenNotice {
  id: string;
  sessionId: string;
  sessionTitle: string;
  year: number;
  publishedOn: string;
  endsOn: string;
  workingDays: number;
  channels: string;
}

export interface NoticeEntry {
  itemId: string;
  candidateId: string;
  name: string;
  kind: SubjectKind;
  unitName: string;
  field: Field;
  achievement: string;
}

export interface PublishedAnswer {
  commentId: string;
  about: string | null;
  body: string;
  receivedOn: string;
  answer: string;
  upheld: boolean;
  publishedAt: Date;
}

export interface GalleryFilter {
  q?: string;
  field?: Field;
  year?: number;
  unitId?: string;
  movementId?: string;
}

export interface GalleryEntry {
  id: string;
  name: string;
  kind: SubjectKind;
  unitName: string;
  field: Field;
  year: number;
  achievement: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  updatedAt: Date;
}

export interface RevokedEntry {
  id: string;
  name: string;
  unitName: string;
  decisionNumber: string;
  decisionDate: string;
}

export interface DecisionFact {
  number: string;
  issuedOn: string;
  kind: 'RECOGNITION' | 'CORRECTION' | 'REVOCATION';
  subject: string;
  reasons: string | null;
}

export interface ExemplarPage {
  id: string;
  name: string;
  kind: SubjectKind;
  unitName: string;
  field: Field;
  year: number;
  state: string;
  achievement: string;
  updatedAt: Date;
  decisions: DecisionFact[];
  honouring: { form: string; honouredOn: string; outlet: string; title: string; link: string | null }[];
  adoptions: { unitName: string; stage: string; occurredOn: string; description: string }[];
  movements: { id: string; name: string }[];
}

const DECISION_NUMBER = `d.number::text || '/' || d.symbol`;

@Injectable()
export class PublicPagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get db(): EntityManager {
    return this.dataSource.manager;
  }

  /** Notices whose period includes `today` (published on or before it, ending on or after it). */
  async openNotices(today: string, noticeId?: string): Promise<OpenNotice[]> {
    return (await this.db.query(
      `SELECT n.id, n.session_id AS "sessionId", s.title AS "sessionTitle", s.year, to_char(n.published_on, 'YYYY-MM-DD') AS "publishedOn",
              to_char(n.ends_on, 'YYYY-MM-DD') AS "endsOn", n.working_days AS "workingDays", n.channels
         FROM public_notice n JOIN review_session s ON s.id = n.session_id
        WHERE s.status = 'NOTICE' AND n.published_on <= $1::date AND n.ends_on >= $1::date AND ($2::uuid IS NULL OR n.id = $2::uuid)
        ORDER BY n.ends_on, n.published_on, n.id`,
      [today, noticeId ?? null],
    )) as OpenNotice[];
  }

  /** The candidates a notice lists: recognised by the council, confirmed, not yet final. */
  async noticeEntries(sessionId: string): Promise<NoticeEntry[]> {
    return (await this.db.query(
      `SELECT i.id AS "itemId", c.id AS "candidateId", c.name, c.kind, u.name AS "unitName", c.field, c.achievement
         FROM review_item i JOIN candidate c ON c.id = i.candidate_id JOIN unit u ON u.id = c.unit_id
        WHERE i.session_id = $1 AND i.status = 'DECIDED' AND i.outcome = 'RECOGNISE' AND i.closed_at IS NULL
        ORDER BY c.name, c.id`,
      [sessionId],
    )) as NoticeEntry[];
  }

  /** Comments of the notice whose answer the secretariat published (the sender's name and contact are not shown). */
  async publishedAnswers(noticeId: string): Promise<PublishedAnswer[]> {
    return (await this.db.query(
      `SELECT c.id AS "commentId", cand.name AS about, c.body, to_char(c.received_on, 'YYYY-MM-DD') AS "receivedOn", a.body AS answer, a.upheld,
              p.published_at AS "publishedAt"
         FROM notice_comment c JOIN notice_answer a ON a.comment_id = c.id JOIN notice_answer_publication p ON p.answer_id = a.id
         LEFT JOIN review_item i ON i.id = c.item_id LEFT JOIN candidate cand ON cand.id = i.candidate_id
        WHERE c.notice_id = $1 ORDER BY p.published_at, c.id`,
      [noticeId],
    )) as PublishedAnswer[];
  }

  /** One page of the gallery and the total: the newest year first, then by name. */
  async gallery(filter: GalleryFilter, limit: number, offset: number): Promise<{ total: number; entries: GalleryEntry[] }> {
    const params: unknown[] = [GALLERY_STATES];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['c.state = ANY($1)'];
    const tsquery = filter.q ? prefixQuery(filter.q) : undefined;
    if (tsquery === null) return { total: 0, entries: [] };
    if (tsquery) where.push(`to_tsvector('simple', fold_vietnamese(c.name)) @@ to_tsquery('simple', ${p(tsquery)})`);
    if (filter.field) where.push(`c.field = ${p(filter.field)}`);
    if (filter.year) where.push(`c.year = ${p(filter.year)}`);
    if (filter.unitId) where.push(`u.path LIKE (SELECT path FROM unit WHERE id = ${p(filter.unitId)}) || '%'`);
    if (filter.movementId) {
      where.push(`EXISTS (SELECT 1 FROM candidate_movement_link l WHERE l.candidate_id = c.id AND l.movement_id = ${p(filter.movementId)} AND l.action = 'LINK'
                    AND NOT EXISTS (SELECT 1 FROM candidate_movement_link e WHERE e.ends_id = l.id))`);
    }
    // The page is cut first (newest year first, then by name), and only its rows look up their decision.
    const rows = (await this.db.query(
      `WITH page AS (
         SELECT c.id, c.name, c.kind, u.name AS "unitName", c.field, c.year, c.achievement, c.updated_at AS "updatedAt", count(*) OVER ()::int AS total
           FROM candidate c JOIN unit u ON u.id = c.unit_id
          WHERE ${where.join(' AND ')}
          ORDER BY c.year DESC, c.name, c.id
          LIMIT ${p(limit)} OFFSET ${p(offset)})
       SELECT page.id, page.name, page.kind, page."unitName", page.field, page.year, coalesce(dec.achievement, page.achievement) AS achievement,
              dec.number AS "decisionNumber", to_char(dec.issued_on, 'YYYY-MM-DD') AS "decisionDate", page."updatedAt", page.total
         FROM page LEFT JOIN LATERAL (SELECT ${DECISION_NUMBER} AS number, d.issued_on, r.achievement FROM decision_recipient r JOIN recognition_decision d ON d.id = r.decision_id
                                      WHERE r.candidate_id = page.id AND d.kind <> 'REVOCATION' ORDER BY d.issued_at DESC LIMIT 1) dec ON true
        ORDER BY page.year DESC, page.name, page.id`,
      params,
    )) as (GalleryEntry & { total: number })[];
    return { total: rows[0]?.total ?? 0, entries: rows.map(({ total: _t, ...e }) => e) };
  }

  /** Exemplars whose recognition was revoked, with the decision that revoked it (the gallery's note). */
  async revoked(limit: number): Promise<RevokedEntry[]> {
    return (await this.db.query(
      `SELECT c.id, c.name, u.name AS "unitName", rev.number AS "decisionNumber", to_char(rev.issued_on, 'YYYY-MM-DD') AS "decisionDate"
         FROM candidate c JOIN unit u ON u.id = c.unit_id
         JOIN LATERAL (SELECT ${DECISION_NUMBER} AS number, d.issued_on FROM decision_recipient r JOIN recognition_decision d ON d.id = r.decision_id
                        WHERE r.candidate_id = c.id AND d.kind = 'REVOCATION' ORDER BY d.issued_at DESC LIMIT 1) rev ON true
        WHERE c.state = 'revoked' ORDER BY rev.issued_on DESC, c.name LIMIT $1`,
      [limit],
    )) as RevokedEntry[];
  }

  /** What the gallery's filters offer: years, units and movements of the exemplars shown. */
  async filterChoices(): Promise<{ years: number[]; units: { id: string; name: string }[]; movements: { id: string; name: string }[] }> {
    const years = (await this.db.query(`SELECT DISTINCT year FROM candidate WHERE state = ANY($1) ORDER BY year DESC`, [GALLERY_STATES])) as { year: number }[];
    const units = (await this.db.query(
      `SELECT DISTINCT u.id, u.name FROM candidate c JOIN unit u ON u.id = c.unit_id WHERE c.state = ANY($1) ORDER BY u.name, u.id`,
      [GALLERY_STATES],
    )) as { id: string; name: string }[];
    const movements = (await this.db.query(
      `SELECT DISTINCT m.id, m.name FROM candidate c JOIN candidate_movement_link l ON l.candidate_id = c.id AND l.action = 'LINK'
         JOIN movement m ON m.id = l.movement_id
        WHERE c.state = ANY($1) AND NOT EXISTS (SELECT 1 FROM candidate_movement_link e WHERE e.ends_id = l.id) ORDER BY m.name, m.id`,
      [GALLERY_STATES],
    )) as { id: string; name: string }[];
    return { years: years.map((y) => y.year), units, movements };
  }

  /** An exemplar's public page: null unless it is (or was, then revoked) a recognised exemplar. */
  async exemplar(id: string): Promise<ExemplarPage | null> {
    const [row] = (await this.db.query(
      `SELECT c.id, c.name, c.kind, u.name AS "unitName", c.field, c.year, c.state, c.achievement, c.updated_at AS "updatedAt"
         FROM candidate c JOIN unit u ON u.id = c.unit_id WHERE c.id = $1 AND c.state = ANY($2)`,
      [id, [...GALLERY_STATES, 'revoked']],
    )) as Omit<ExemplarPage, 'decisions' | 'honouring' | 'adoptions' | 'movements'>[];
    if (!row) return null;
    const decisions = (await this.db.query(
      `SELECT ${DECISION_NUMBER} AS number, to_char(d.issued_on, 'YYYY-MM-DD') AS "issuedOn", d.kind, d.subject, d.reasons, r.achievement
         FROM decision_recipient r JOIN recognition_decision d ON d.id = r.decision_id WHERE r.candidate_id = $1 ORDER BY d.issued_at, d.id`,
      [id],
    )) as (DecisionFact & { achievement: string })[];
    // Corrected records give way to their correction: only the latest version of each record is public.
    const honouring = (await this.db.query(
      `SELECT h.form, to_char(h.honoured_on, 'YYYY-MM-DD') AS "honouredOn", h.outlet, h.title, h.link FROM honouring_record h
        WHERE h.candidate_id = $1 AND NOT EXISTS (SELECT 1 FROM honouring_record x WHERE x.corrects_id = h.id) ORDER BY h.honoured_on, h.id`,
      [id],
    )) as ExemplarPage['honouring'];
    const adoptions = (await this.db.query(
      `SELECT u.name AS "unitName", a.stage, to_char(a.occurred_on, 'YYYY-MM-DD') AS "occurredOn", a.description FROM adoption_record a JOIN unit u ON u.id = a.adopting_unit_id
        WHERE a.candidate_id = $1 AND NOT EXISTS (SELECT 1 FROM adoption_record x WHERE x.corrects_id = a.id) ORDER BY a.occurred_on, a.id`,
      [id],
    )) as ExemplarPage['adoptions'];
    const movements = (await this.db.query(
      `SELECT m.id, m.name FROM candidate_movement_link l JOIN movement m ON m.id = l.movement_id
        WHERE l.candidate_id = $1 AND l.action = 'LINK' AND NOT EXISTS (SELECT 1 FROM candidate_movement_link e WHERE e.ends_id = l.id) ORDER BY m.name`,
      [id],
    )) as ExemplarPage['movements'];
    const latest = [...decisions].reverse().find((d) => d.kind !== 'REVOCATION');
    return {
      ...row,
      achievement: latest?.achievement ?? row.achievement,
      decisions: decisions.map(({ achievement: _a, ...d }) => d),
      honouring,
      adoptions,
      movements,
    };
  }
}
