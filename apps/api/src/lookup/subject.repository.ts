/**
 * The SQL of subjects (the person, collective or household a candidacy is about): finding the earlier candidacy a
 * nomination continues, serialising nominations of one new subject, and a subject's candidacies. A subject is
 * `coalesce(candidate.subject_id, candidate.id)`; its name key is the folded name (`subjectNameSql`).
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DiscoveryChannel, Field, SubjectKind } from '#domain';
import type { CandidateState } from '#workflow';
import { pathConditions, type Reach } from '../access/unit-reach.js';
import { CANDIDATE_STREAM_PREFIX } from '../audit/streams.js';

/** The name as a subject key: folded words joined by single spaces (the SQL of it, over a column or parameter). */
export const subjectNameSql = (column: string) => `btrim(regexp_replace(fold_vietnamese(${column}), '[^a-z0-9]+', ' ', 'g'))`;

/** An earlier candidacy named by a nomination, with where its unit sits. */
export interface NamedCandidacyRow {
  id: string;
  kind: SubjectKind;
  subjectId: string | null;
  path: string;
}

/** Another candidacy of a subject, as a nomination's warnings name it. */
export interface EarlierCandidacyRow {
  id: string;
  name: string;
  year: number;
  state: CandidateState;
  unitName: string;
  /** Its achievement has the same folded words as the new one's. */
  sameAchievement: boolean;
}

/** A candidacy of a subject, with what became of it. */
export interface CandidacyRow {
  id: string;
  kind: SubjectKind;
  name: string;
  year: number;
  field: Field;
  state: CandidateState;
  achievement: string;
  discoveryChannel: DiscoveryChannel;
  createdAt: Date;
  unitId: string;
  unitName: string;
  /** When it entered the state it is in (self-transitions such as a check-in do not move the date). */
  since: Date | null;
  /** The movements it leads (links in force), by name. */
  movements: { id: string; name: string }[];
}

/** An earlier recognition of the same subject that a candidacy repeats (same year, or same achievement in the same words). */
export interface RepeatedRecognitionRow {
  candidateId: string;
  name: string;
  year: number;
  unitName: string;
  sameAchievement: boolean;
  decisionId: string | null;
  decisionNumber: string | null;
  decisionIssuedOn: string | null;
}

/**
 * One achievement, one recognition (Luật Thi đua, khen thưởng 2022 Điều 5): the recognised candidacies of the same
 * subject as `candidateId` for the same year or the same achievement (folded words), with the recognition decision
 * that named each (the newest, where one was issued). Recognised means in a recognised state now: a revoked
 * recognition no longer counts.
 */
export function repeatedRecognitions(em: EntityManager, candidateId: string, recognisedStates: readonly string[]): Promise<RepeatedRecognitionRow[]> {
  return em.query(
    `SELECT o.id AS "candidateId", o.name, o.year, u.name AS "unitName",
            ${subjectNameSql('o.achievement')} = ${subjectNameSql('c.achievement')} AS "sameAchievement",
            d.id AS "decisionId", d.number || '/' || d.symbol AS "decisionNumber", to_char(d.issued_on, 'YYYY-MM-DD') AS "decisionIssuedOn"
       FROM candidate c
       JOIN candidate o ON coalesce(o.subject_id, o.id) = coalesce(c.subject_id, c.id) AND o.id <> c.id
       JOIN unit u ON u.id = o.unit_id
       LEFT JOIN LATERAL (
         SELECT rd.id, rd.number, rd.symbol, rd.issued_on FROM decision_recipient r JOIN recognition_decision rd ON rd.id = r.decision_id
          WHERE r.candidate_id = o.id AND rd.kind = 'RECOGNITION' ORDER BY rd.issued_at DESC LIMIT 1) d ON true
      WHERE c.id = $1 AND o.state = ANY($2::text[])
        AND (o.year = c.year OR ${subjectNameSql('o.achievement')} = ${subjectNameSql('c.achievement')})
      ORDER BY o.year, o.created_at, o.id`,
    [candidateId, recognisedStates],
  );
}


@Injectable()
export class SubjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  async named(em: EntityManager, candidateId: string): Promise<NamedCandidacyRow | undefined> {
    const rows = (await em.query('SELECT c.id, c.kind, c.subject_id AS "subjectId", u.path FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id) WHERE c.id = $1', [
      candidateId,
    ])) as NamedCandidacyRow[];
    return rows[0];
  }

  /** Serialises, until the transaction ends, the nominations of one (kind, unit, folded name). */
  async lockNameKey(em: EntityManager, kind: SubjectKind, unitId: string, name: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('subject:' || $1 || ':' || $2 || ':' || ${subjectNameSql('$3::text')}, 0))`, [kind, unitId, name]);
  }

  /** The newest candidacy of this kind and unit whose folded name is this one's. */
  async latestOfNameKey(em: EntityManager, kind: SubjectKind, unitId: string, name: string): Promise<{ id: string; subjectId: string | null } | undefined> {
    const rows = (await em.query(
      `SELECT c.id, c.subject_id AS "subjectId" FROM candidate c
        WHERE c.unit_id = $1 AND c.kind = $2 AND ${subjectNameSql('c.name')} = ${subjectNameSql('$3::text')}
        ORDER BY c.created_at DESC, c.id DESC LIMIT 1`,
      [unitId, kind, name],
    )) as { id: string; subjectId: string | null }[];
    return rows[0];
  }

  /** The subject's candidacies but `exceptId`, oldest year first. */
  others(em: EntityManager, subjectId: string, exceptId: string, achievement: string): Promise<EarlierCandidacyRow[]> {
    return em.query(
      `SELECT c.id, c.name, c.year, c.state, u.name AS "unitName",
              ${subjectNameSql('c.achievement')} = ${subjectNameSql('$3::text')} AS "sameAchievement"
         FROM candidate c JOIN unit u ON u.id = c.unit_id
        WHERE (c.id = $1 OR c.subject_id = $1) AND c.id <> $2
        ORDER BY c.year, c.created_at, c.id`,
      [subjectId, exceptId, achievement],
    );
  }

  /** The subject a candidacy is about. */
  async subjectOf(candidateId: string): Promise<string | undefined> {
    const rows = (await this.dataSource.query('SELECT coalesce(subject_id, id) AS "subjectId" FROM candidate WHERE id = $1', [candidateId])) as { subjectId: string }[];
    return rows[0]?.subjectId;
  }

  /** A subject's candidacies within a reach, oldest first. */
  candidacies(subjectId: string, reach: Reach): Promise<CandidacyRow[]> {
    const params: unknown[] = [subjectId, CANDIDATE_STREAM_PREFIX];
    const inReach = pathConditions(params).within('u.path', reach);
    return this.dataSource.query(
      `SELECT c.id, c.kind, c.name, c.year, c.field, c.state, c.achievement, c.discovery_channel AS "discoveryChannel", c.created_at AS "createdAt",
              u.id AS "unitId", u.name AS "unitName",
              (SELECT e.occurred_at FROM audit_event e
                WHERE e.stream = $2::text || c.id AND e.to_state = c.state AND e.from_state IS DISTINCT FROM e.to_state
                ORDER BY e.seq DESC LIMIT 1) AS "since",
              (SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', m.name) ORDER BY m.name), '[]'::json)
                 FROM candidate_movement_link l JOIN movement m ON m.id = l.movement_id
                WHERE l.candidate_id = c.id AND l.action = 'LINK' AND NOT EXISTS (SELECT 1 FROM candidate_movement_link x WHERE x.ends_id = l.id)) AS movements
         FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id)
        WHERE (c.id = $1 OR c.subject_id = $1) ${inReach ? `AND ${inReach}` : ''}
        ORDER BY c.year, c.created_at, c.id`,
      params,
    );
  }
}
