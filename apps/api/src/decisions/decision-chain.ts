/**
 * A decision's chain: the recognition decision at its root, every correction of it (or of a correction), and the
 * revocations that end it, wholly or for some of the exemplars it names. A revocation of any decision of the chain
 * ends the recognition it carries for the exemplars it names, in every decision of the chain: their certificates
 * are refused whichever decision of the chain printed them. The latest text of each exemplar is the one the latest
 * decision of the chain naming it printed (a later correction or revocation quotes it).
 */
import type { EntityManager } from 'typeorm';
import type { RecipientRow } from './recognition-decision.repository.js';

export interface ChainDecision {
  id: string;
  kind: 'RECOGNITION' | 'CORRECTION' | 'REVOCATION';
  amendsId: string | null;
  /** "12/QĐ-UBND" */
  number: string;
  issuedOn: string;
  issuedAt: Date;
}

export interface Chain {
  /** Every decision of the chain, oldest first (by issue time). */
  decisions: ChainDecision[];
  /** The recognition and its corrections, oldest first. */
  members: ChainDecision[];
  revocations: (ChainDecision & { candidateIds: string[] })[];
}

/** "12/QĐ-UBND ngày 05/01/2026". */
export const citationOf = (d: { number: string; issuedOn: string }) => `${d.number} ngày ${d.issuedOn.slice(8, 10)}/${d.issuedOn.slice(5, 7)}/${d.issuedOn.slice(0, 4)}`;

export async function chainOf(em: EntityManager, decisionId: string): Promise<Chain> {
  const decisions = (await em.query(
    `WITH RECURSIVE up AS (
       SELECT id, amends_id FROM recognition_decision WHERE id = $1
       UNION ALL SELECT d.id, d.amends_id FROM recognition_decision d JOIN up ON d.id = up.amends_id
     ), down AS (
       SELECT id FROM up WHERE amends_id IS NULL
       UNION ALL SELECT d.id FROM recognition_decision d JOIN down ON d.amends_id = down.id
     )
     SELECT d.id, d.kind, d.amends_id AS "amendsId", d.number || '/' || d.symbol AS number, to_char(d.issued_on, 'YYYY-MM-DD') AS "issuedOn", d.issued_at AS "issuedAt"
       FROM recognition_decision d JOIN down USING (id) ORDER BY d.issued_at, d.number`,
    [decisionId],
  )) as ChainDecision[];
  const revocationIds = decisions.filter((d) => d.kind === 'REVOCATION').map((d) => d.id);
  const named = revocationIds.length
    ? ((await em.query(`SELECT decision_id AS "decisionId", candidate_id AS "candidateId" FROM decision_recipient WHERE decision_id = ANY($1::uuid[])`, [revocationIds])) as {
        decisionId: string;
        candidateId: string;
      }[])
    : [];
  return {
    decisions,
    members: decisions.filter((d) => d.kind !== 'REVOCATION'),
    revocations: decisions.filter((d) => d.kind === 'REVOCATION').map((d) => ({ ...d, candidateIds: named.filter((n) => n.decisionId === d.id).map((n) => n.candidateId) })),
  };
}

/** The exemplars whom a revocation of the chain revoked, each with the revocations that name it. */
export function revokedIn(chain: Chain): Map<string, ChainDecision[]> {
  const revoked = new Map<string, ChainDecision[]>();
  for (const r of chain.revocations) for (const id of r.candidateIds) revoked.set(id, [...(revoked.get(id) ?? []), r]);
  return revoked;
}

/**
 * Each exemplar the chain's recognition named, as the latest decision of the chain naming it printed it (a
 * correction restates the list with the corrected text), in the recognition's order.
 */
export async function latestTexts(em: EntityManager, chain: Chain): Promise<RecipientRow[]> {
  const ids = chain.members.map((m) => m.id);
  if (ids.length === 0) return [];
  const rows = (await em.query(
    `SELECT decision_id AS "decisionId", candidate_id AS "candidateId", position, name, kind, unit_name AS "unitName", field, achievement, serial
       FROM decision_recipient WHERE decision_id = ANY($1::uuid[])`,
    [ids],
  )) as RecipientRow[];
  const order = new Map(ids.map((id, i) => [id, i]));
  const latest = new Map<string, RecipientRow>();
  const first = new Map<string, number>();
  for (const row of rows) {
    const rank = order.get(row.decisionId)!;
    const seen = latest.get(row.candidateId);
    if (!seen || order.get(seen.decisionId)! < rank) latest.set(row.candidateId, row);
    if (row.decisionId === ids[0]) first.set(row.candidateId, row.position);
  }
  return [...latest.values()].sort((a, b) => (first.get(a.candidateId) ?? 1e9) - (first.get(b.candidateId) ?? 1e9) || a.position - b.position);
}
