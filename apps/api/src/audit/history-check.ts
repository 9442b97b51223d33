/**
 * Verification of the checkpoint history as a whole, beyond each checkpoint's own root and signature: that it is
 * timely (no record older than the interval and its grace left uncovered: CHECKPOINTS_MISSING), and that it
 * agrees with the witness kept outside the database: never smaller (ROLLBACK), never another root at a witnessed
 * size (FORK), every checkpoint witnessed (WITNESS_MISSING_ENTRY). Reads only; streams the witness file and, only
 * when a witnessed size has no checkpoint left in the database, the leaves.
 */
import type { KeyObject } from 'node:crypto';
import type { AuditProblem } from './audit-problems.js';
import { problem } from './audit-problems.js';
import { forEachLeafPage, toSignedCheckpoint } from './audit-checkpoints.service.js';
import type { DirectoryWitness } from './audit-witness.js';
import { checkSignature } from './checkpoint-format.js';
import type { CheckpointRepository } from './checkpoint.repository.js';
import { MerkleTreeBuilder, recordLeafHash } from './merkle.js';

const MAX_LISTED = 1_000;
const PAGE = 10_000;

export interface HistoryReport {
  witness: {
    configured: boolean;
    location: string | null;
    /** Entries read from the witness. */
    entries: number;
    latestTreeSize: number | null;
  };
  /** Records older than this many ms must be covered; null: not checked (the checkpoint job is off). */
  overdueAfterMs: number | null;
  problems: AuditProblem[];
  notListed: number;
}

export async function checkHistory(input: {
  tree: CheckpointRepository;
  witness: DirectoryWitness | null;
  trusted: ReadonlyMap<string, KeyObject>;
  overdueAfterMs: number | null;
}): Promise<HistoryReport> {
  const { tree, witness, trusted, overdueAfterMs } = input;
  const problems: AuditProblem[] = [];
  let notListed = 0;
  const add = (p: AuditProblem) => {
    if (problems.length < MAX_LISTED) problems.push(p);
    else notListed += 1;
  };

  if (overdueAfterMs !== null) {
    const overdue = await tree.overdueUncovered(overdueAfterMs);
    // A record's time is when it says it happened (an import may date it earlier): while the job has signed within
    // the same span it is alive and will cover it; only a job stalled, or a history deleted, leaves records behind.
    const latest = overdue.count > 0 ? await tree.latest() : undefined;
    const jobAlive = latest !== undefined && Date.now() - latest.created_at.getTime() < overdueAfterMs;
    if (overdue.count > 0 && !jobAlive) add(problem('CHECKPOINTS_MISSING', { detail: { records: overdue.count, oldestOccurredAt: overdue.oldest?.toISOString() ?? null, overdueAfterMs } }));
  }

  const report: HistoryReport = { witness: { configured: witness !== null, location: witness?.dir ?? null, entries: 0, latestTreeSize: null }, overdueAfterMs, problems, notListed: 0 };
  if (!witness) return report;

  // 1. The witness file alone: well formed, signed by a trusted key, sizes never going back, one root per size.
  const witnessed = new Map<number, string>();
  let largest = 0;
  try {
    for await (const { line, entry } of witness.entries()) {
      if (!entry) {
        add(problem('WITNESS_MALFORMED', { detail: { line } }));
        continue;
      }
      report.witness.entries += 1;
      const c = entry.checkpoint;
      const verdict = checkSignature(c, trusted);
      if (verdict !== 'VALID') {
        add(problem(verdict, { treeSize: c.treeSize, detail: { source: 'witness', line, keyId: c.keyId } }));
        continue;
      }
      const earlier = witnessed.get(c.treeSize);
      if (earlier !== undefined && earlier !== c.rootHash) {
        add(problem('FORK', { treeSize: c.treeSize, detail: { source: 'witness', line, witnessedRoot: earlier, otherRoot: c.rootHash } }));
      } else if (c.treeSize < largest) {
        add(problem('ROLLBACK', { treeSize: c.treeSize, detail: { source: 'witness', line, witnessedTreeSize: largest, restartedAtTreeSize: c.treeSize } }));
      }
      if (earlier === undefined) witnessed.set(c.treeSize, c.rootHash);
      largest = Math.max(largest, c.treeSize);
    }
  } catch (error) {
    add(problem('WITNESS_UNREACHABLE', { detail: { location: witness.dir, error: error instanceof Error ? error.message : String(error) } }));
    report.notListed = notListed;
    return report;
  }
  report.witness.latestTreeSize = largest > 0 ? largest : null;

  // 2. The database's checkpoints against the witness.
  const latestRow = await tree.latest();
  const databaseLatest = latestRow ? Number(latestRow.tree_size) : 0;
  if (largest > databaseLatest) {
    add(problem('ROLLBACK', { treeSize: largest, detail: { witnessedTreeSize: largest, databaseTreeSize: databaseLatest } }));
  }
  const inDatabase = new Set<number>();
  for (let after = 0; ; ) {
    const rows = await tree.pageAfter(after, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      const c = toSignedCheckpoint(row);
      inDatabase.add(c.treeSize);
      const root = witnessed.get(c.treeSize);
      if (root === undefined) add(problem('WITNESS_MISSING_ENTRY', { treeSize: c.treeSize, detail: { createdAt: c.createdAt } }));
      else if (root !== c.rootHash) add(problem('FORK', { treeSize: c.treeSize, detail: { witnessedRoot: root, databaseRoot: c.rootHash } }));
    }
    after = Number(rows[rows.length - 1]!.tree_size);
  }

  // 3. Witnessed sizes the database has no checkpoint for (and not beyond its latest): the leaves must still give
  //    the witnessed root there, else the history was rewritten under them.
  const unanchored = [...witnessed.keys()].filter((size) => !inDatabase.has(size) && size <= databaseLatest).sort((a, b) => a - b);
  if (unanchored.length > 0) {
    const leaves = await tree.leafCount();
    const reachable = unanchored.filter((s) => s <= leaves);
    const builder = new MerkleTreeBuilder();
    let next = 0;
    const end = reachable[reachable.length - 1] ?? 0;
    await forEachLeafPage(tree, 0, end, (page) => {
      for (const l of page) {
        builder.append(recordLeafHash(l.hash));
        while (next < reachable.length && reachable[next] === builder.size) {
          const size = reachable[next]!;
          const root = builder.root().toString('hex');
          if (root !== witnessed.get(size)) add(problem('FORK', { treeSize: size, detail: { witnessedRoot: witnessed.get(size), databaseRoot: root } }));
          else add(problem('CHECKPOINT_REMOVED', { treeSize: size, detail: { witnessedRoot: root } }));
          next += 1;
        }
      }
    });
  }
  report.notListed = notListed;
  return report;
}
