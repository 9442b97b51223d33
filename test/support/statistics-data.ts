/**
 * A generated province for the statistics table at scale: `units` units under a root and `count` candidates
 * spread over 25 years (2000–2024), the seven fields, the three kinds and ten states (four in ten recognised,
 * replicating or replication ended). Written by plain INSERT … SELECT generate_series, not through the API:
 * it measures the query, not the nomination workflow. Used by test/statistics-scale.e2e-spec.ts and
 * bench/statistics.ts.
 */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export const GENERATED_YEARS = { from: 2000, to: 2024 } as const;

export async function generateCandidates(db: Queryable, root: { id: string; path: string }, count: number, units = 100): Promise<void> {
  await db.query(
    `WITH u AS (SELECT gen_random_uuid() AS id, g FROM generate_series(1, $3::int) g)
     INSERT INTO unit (id, code, name, level, sector, parent_id, path, version, created_at, updated_at)
     SELECT u.id, NULL, 'Đơn vị ' || g, 'DISTRICT', (ARRAY['PARTY','STATE','FRONT','ARMED_FORCES','ENTERPRISE','LOCALITY'])[1 + g % 6],
            $1::uuid, $2 || u.id || '/', 1, now(), now()
       FROM u`,
    [root.id, root.path, units],
  );
  await db.query(
    `INSERT INTO candidate (id, kind, name, unit_id, field, year, discovery_channel, achievement, state, snapshot, machine_version, version, created_by, created_at, updated_at)
     SELECT gen_random_uuid(),
            (ARRAY['COLLECTIVE','INDIVIDUAL','HOUSEHOLD'])[1 + g % 3],
            'Điển hình ' || g,
            units.ids[1 + g % array_length(units.ids, 1)],
            (ARRAY['ECONOMY','POLITICS','DEFENSE_SECURITY','CULTURE_SPORTS_TOURISM','EDUCATION_SCIENCE','HEALTH','OTHER'])[1 + (g / 3) % 7],
            ${GENERATED_YEARS.from} + g % 25,
            'REVIEW_CONFERENCE',
            'Thành tích tiêu biểu trong phong trào thi đua',
            (ARRAY['recognised','replicating','replicationEnded','discovered','nurturing','underReview','rejected','withdrawn','returned','recognised'])[1 + (g / 21) % 10],
            '{"value":"recognised","context":{}}',
            2, 1, 'generated', now(), now()
       FROM generate_series(1, $2::int) g,
            (SELECT array_agg(id ORDER BY path) AS ids FROM unit WHERE parent_id = $1::uuid) units`,
    [root.id, count],
  );
  // Index-only scans need the visibility map, and the planner the statistics.
  await db.query('VACUUM ANALYZE candidate');
  await db.query('VACUUM ANALYZE unit');
}

/** The raw baseline the table is measured against: one GROUP BY over the same rows, nothing else. */
export const RAW_GROUP_BY = `SELECT year, field, kind, count(*)::int AS n
  FROM candidate
 WHERE state IN ('recognised', 'replicating', 'replicationEnded')
 GROUP BY year, field, kind`;

/** Walks an EXPLAIN (FORMAT JSON) plan and lists every node. */
export function planNodes(plan: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (node: Record<string, unknown>) => {
    out.push(node);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  visit((plan as { Plan: Record<string, unknown> }[])[0]!.Plan);
  return out;
}
