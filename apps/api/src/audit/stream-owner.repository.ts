/**
 * The rows that streams belong to (candidates, units, review sessions), as the audit trail needs them: whether an
 * owner an auditor names exists, what the verifier compares each chain with (a candidate's state, snapshot and
 * version; a unit's version), and the rows that changed but have no stream at all. Reads only. A new kind of
 * stream checked against its owner adds its lookup here.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PersistedCandidateSnapshot } from '#workflow';
import { CANDIDATE_STREAM_PREFIX, UNIT_STREAM_PREFIX } from './streams.js';

/** A candidate as the verifier compares it with the replay of its chain. */
export interface CandidateOwnerRow {
  id: string;
  state: string;
  snapshot: PersistedCandidateSnapshot;
  version: number;
}

export interface UnitOwnerRow {
  id: string;
  version: number;
}

/** A candidate or unit whose stream has no record. */
export interface OwnerWithoutRecordsRow {
  stream: string;
  id: string;
  version: number;
  kind: 'candidate' | 'unit';
}

@Injectable()
export class StreamOwnerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async candidateExists(id: string): Promise<boolean> {
    return ((await this.dataSource.query('SELECT 1 FROM candidate WHERE id = $1', [id])) as unknown[]).length > 0;
  }

  /** The unit's materialised path, or null when there is no such unit. */
  async unitPath(id: string): Promise<string | null> {
    const [unit] = (await this.dataSource.query('SELECT path FROM unit WHERE id = $1', [id])) as { path: string }[];
    return unit?.path ?? null;
  }

  async reviewSessionExists(id: string): Promise<boolean> {
    return ((await this.dataSource.query('SELECT 1 FROM review_session WHERE id = $1', [id])) as unknown[]).length > 0;
  }

  candidates(ids: string[], em: EntityManager = this.dataSource.manager): Promise<CandidateOwnerRow[]> {
    return em.query('SELECT id, state, snapshot, version FROM candidate WHERE id = ANY($1::uuid[])', [ids]);
  }

  units(ids: string[], em: EntityManager = this.dataSource.manager): Promise<UnitOwnerRow[]> {
    return em.query('SELECT id, version FROM unit WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** Candidates and units whose streams have no record at all, at most `limit`. */
  withoutRecords(limit: number): Promise<OwnerWithoutRecordsRow[]> {
    return this.dataSource.query(
      `SELECT $2::text || c.id AS stream, c.id, c.version, 'candidate' AS kind FROM candidate c
         WHERE NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.stream = $2::text || c.id)
       UNION ALL
       SELECT $3::text || u.id, u.id, u.version, 'unit' FROM unit u
         WHERE NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.stream = $3::text || u.id)
       LIMIT $1`,
      [limit, CANDIDATE_STREAM_PREFIX, UNIT_STREAM_PREFIX],
    );
  }
}
