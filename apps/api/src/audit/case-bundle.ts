/**
 * What makes an export bundle the whole case, verifiable offline: a candidate's council file (the sessions that
 * reviewed it, the reviewers' checklists, the ballot tally and the SHA-256 of the urn, the decisions that name it
 * with the SHA-256 of each and their audit records), the inclusion proofs of the bundled records in the latest
 * checkpoint's tree, and the witness's entry for that checkpoint.
 *
 * Hashes are SHA-256 of the RFC 8785 canonical JSON of exactly what the bundle holds, so the verifier
 * (bundle-verify.ts) recomputes them from the files alone.
 */
import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TrailRecord } from '#contracts';
import { AUDIT_ROW_COLUMNS, type AuditRow } from './audit-event.repository.js';
import { forEachLeafPage } from './audit-checkpoints.service.js';
import { AuditWitness, type WitnessEntry } from './audit-witness.js';
import type { SignedCheckpoint } from './checkpoint-format.js';
import { CheckpointRepository } from './checkpoint.repository.js';
import { SubtreeHasher, inclusionProof, inclusionProofRanges } from './merkle-inclusion.js';
import { recordLeafHash } from './merkle.js';
import { trailView } from './audit.views.js';

/** At most this many records get inclusion proofs in one bundle (a candidate has far fewer). */
export const MAX_PROVEN_RECORDS = 10_000;

export function canonicalSha256(value: unknown): string {
  const text = canonicalize(JSON.parse(JSON.stringify(value)));
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type Row = Record<string, unknown>;

export interface CaseFile {
  candidate: Row | null;
  reviews: {
    item: Row;
    session: Row | null;
    checklists: Row[];
    /** Open votes by choice, and the urn's ballots by choice (secret ballot). */
    tally: { open: Record<string, number>; urn: Record<string, number> };
    urn: { ballots: unknown; sealedAt: unknown; sha256: string } | null;
  }[];
  decisions: { decision: Row; recipient: Row; sha256: string }[];
  /** The decisions' own audit records (in their authority's stream), to be proven like the candidate's. */
  decisionRecords: TrailRecord[];
}

export interface InclusionProofs {
  treeSize: number;
  rootHash: string;
  proofs: { auditId: string; leafIndex: number; recordHash: string; path: string[] }[];
  /** Bundled records the checkpoint does not cover yet (newer than it): no proof can be given. */
  notYetCovered: string[];
  /** Records left without a proof because the bundle holds more than MAX_PROVEN_RECORDS. */
  omitted: number;
}

@Injectable()
export class CaseBundle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tree: CheckpointRepository,
    private readonly witness: AuditWitness,
  ) {}

  async caseOf(candidateId: string): Promise<CaseFile> {
    const q = (sql: string, params: unknown[]) => this.dataSource.query(sql, params) as Promise<Row[]>;
    const [candidate] = await q('SELECT id, kind, name, unit_id, field, year, state, version FROM candidate WHERE id = $1', [candidateId]);
    const items = await q('SELECT * FROM review_item WHERE candidate_id = $1 ORDER BY added_at, id', [candidateId]);
    const itemIds = items.map((i) => i.id as string);
    const sessions = await q('SELECT * FROM review_session WHERE id = ANY($1::uuid[])', [items.map((i) => i.session_id)]);
    const checklists = await q('SELECT * FROM review_checklist WHERE item_id = ANY($1::uuid[]) ORDER BY submitted_at, id', [itemIds]);
    const votes = await q('SELECT item_id, choice, count(*)::int AS n FROM council_vote WHERE item_id = ANY($1::uuid[]) AND choice IS NOT NULL GROUP BY item_id, choice', [itemIds]);
    const urns = await q('SELECT item_id, ballots, sealed_at FROM ballot_box WHERE item_id = ANY($1::uuid[])', [itemIds]);
    const decisions = await q(
      `SELECT row_to_json(d) AS decision, row_to_json(r) AS recipient FROM decision_recipient r JOIN recognition_decision d ON d.id = r.decision_id
       WHERE r.candidate_id = $1 ORDER BY d.issued_at, d.id`,
      [candidateId],
    );
    const decisionIds = decisions.map((d) => (d.decision as Row).id as string);
    const decisionRows = (await this.dataSource.query(
      `SELECT ${AUDIT_ROW_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')}, l.leaf_index FROM audit_event e LEFT JOIN audit_leaf l ON l.audit_id = e.id
       WHERE e.stream LIKE 'decisions:%' AND e.payload->>'decisionId' = ANY($1::text[]) ORDER BY e.id`,
      [decisionIds],
    )) as (AuditRow & { leaf_index: string | null })[];

    return {
      candidate: candidate ?? null,
      reviews: items.map((item) => {
        const urn = urns.find((u) => u.item_id === item.id);
        const open: Record<string, number> = {};
        for (const v of votes.filter((v) => v.item_id === item.id)) open[v.choice as string] = v.n as number;
        const fromUrn: Record<string, number> = {};
        for (const b of (urn?.ballots as { choice: string }[] | undefined) ?? []) fromUrn[b.choice] = (fromUrn[b.choice] ?? 0) + 1;
        return {
          item,
          session: sessions.find((s) => s.id === item.session_id) ?? null,
          checklists: checklists.filter((c) => c.item_id === item.id),
          tally: { open, urn: fromUrn },
          urn: urn ? { ballots: urn.ballots, sealedAt: urn.sealed_at, sha256: canonicalSha256(urn.ballots) } : null,
        };
      }),
      decisions: decisions.map((d) => ({ decision: d.decision as Row, recipient: d.recipient as Row, sha256: canonicalSha256({ decision: d.decision, recipient: d.recipient }) })),
      decisionRecords: decisionRows.map((r) => trailView(r, r.leaf_index)),
    };
  }

  /** Inclusion proofs of these records in the tree `checkpoint` signed, from one ordered pass over its leaves. */
  async proofs(checkpoint: SignedCheckpoint, records: { id: string; leafIndex: number | null; hash: string }[], omitted: number): Promise<InclusionProofs> {
    const size = checkpoint.treeSize;
    const covered = records.filter((r) => r.leafIndex !== null && r.leafIndex < size);
    const hasher = new SubtreeHasher(size, covered.flatMap((r) => inclusionProofRanges(r.leafIndex!, size)));
    await forEachLeafPage(this.tree, 0, size, (leaves) => leaves.forEach((l) => hasher.append(recordLeafHash(l.hash))));
    const hashes = hasher.finish();
    return {
      treeSize: size,
      rootHash: checkpoint.rootHash,
      proofs: covered.map((r) => ({ auditId: r.id, leafIndex: r.leafIndex!, recordHash: r.hash, path: inclusionProof(r.leafIndex!, size, hashes).map((h) => h.toString('hex')) })),
      notYetCovered: records.filter((r) => r.leafIndex === null || r.leafIndex >= size).map((r) => r.id),
      omitted,
    };
  }

  /** The witness's entry for this checkpoint: where the witness is and the line it holds (null if none). */
  async witnessEntry(checkpoint: SignedCheckpoint | null): Promise<{ location: string | null; entry: WitnessEntry | null; error?: string }> {
    const witness = this.witness.witness;
    if (!witness || !checkpoint) return { location: witness?.dir ?? null, entry: null };
    try {
      for await (const { entry } of witness.entries()) {
        if (entry && entry.checkpoint.treeSize === checkpoint.treeSize && entry.checkpoint.rootHash === checkpoint.rootHash && entry.checkpoint.signature === checkpoint.signature) {
          return { location: witness.dir, entry };
        }
      }
      return { location: witness.dir, entry: null };
    } catch (error) {
      return { location: witness.dir, entry: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
