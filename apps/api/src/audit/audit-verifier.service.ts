/**
 * Verifies the whole audit trail: every hash chain, every stored checkpoint, the checkpoints an auditor
 * supplies, and the replay of every candidate through the statechart.
 *
 * Streams everything with keyset pagination, so memory stays bounded whatever the number of records; the
 * only state kept per stream is O(1). Reads only: verification never writes anything.
 */
import { Injectable } from '@nestjs/common';
import type { SuppliedCheckpointResult, VerificationReport } from '#contracts';
import type { KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditEventRepository } from './audit-event.repository.js';
import { AuditKeyring } from './audit-keyring.js';
import { AuditRecordKeys } from './audit-record-keys.js';
import { legacyBoundary } from './legacy-records.js';
import { RowAttestations } from './row-attestations.js';
import { ATTESTED_TABLES } from './coverage.js';
import { toSignedCheckpoint } from './audit-checkpoints.service.js';
import { problem, type AuditProblem } from './audit-problems.js';
import { checkSignature, parseCheckpoint, type SignedCheckpoint } from './checkpoint-format.js';
import { CheckpointRepository, type CoveredLeafRow } from './checkpoint.repository.js';
import { keyIdOf } from './ed25519.js';
import { MerkleTreeBuilder, RangeHasher, consistencyProofRanges, recordLeafHash, verifyConsistency } from './merkle.js';
import { AppConfig } from '../config/app-config.js';
import { AuditWitness } from './audit-witness.js';
import { checkHistory } from './history-check.js';
import { StreamOwnerRepository } from './stream-owner.repository.js';
import { Bounded, MAX_LISTED, StreamPass, joinPasses, prefetched } from './stream-pass.js';
import { RANGES_PER_WORKER, rangesOf, runStreamPassPool, streamPassWorkerScript } from './stream-pass-pool.js';

const LEAF_PAGE = 10_000;

export interface VerifyOptions {
  /** Checkpoint files an auditor kept (parsed JSON); each is checked and proven consistent with the latest. */
  supplied?: unknown[];
  /** Public keys the auditor trusts in addition to the configured ones. */
  trustedKeys?: KeyObject[];
  /** Only these streams (each checked whole); default: every stream. Checkpoints are always checked whole. */
  streams?: string[];
  /**
   * Worker threads for the chains (each range of streams whole in one worker); default 1, in the calling thread:
   * the API's own checks (the verify endpoint, restores) stay within its memory bound. The command line
   * (`cli.js verify`) asks for the machine's cores.
   * Used on a PostgreSQL server and from the compiled build; the embedded database (one connection) and the
   * TypeScript sources check every chain in the calling thread.
   */
  workers?: number;
}

export type { SuppliedCheckpointResult, VerificationReport };

@Injectable()
export class AuditVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: AuditEventRepository,
    private readonly owners: StreamOwnerRepository,
    private readonly tree: CheckpointRepository,
    private readonly keyring: AuditKeyring,
    private readonly recordKeys: AuditRecordKeys,
    private readonly rows: RowAttestations,
    private readonly witness: AuditWitness,
    private readonly config: AppConfig,
  ) {}

  async verify(options: VerifyOptions = {}): Promise<VerificationReport> {
    const started = Date.now();
    const legacyUpTo = await legacyBoundary(this.dataSource.manager, this.recordKeys);
    // The chains (in worker threads when there are several) and the checkpoints are independent reads: they run
    // side by side, and each reports its own duration. The rows' check, one heavy statement, runs after them
    // (beside them it competed for the server and could reach the statement timeout on a busy machine).
    const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
      const t0 = Date.now();
      const value = await work();
      return { value, ms: Date.now() - t0 };
    };
    const trusted = new Map(this.keyring.trustedKeys);
    for (const key of options.trustedKeys ?? []) trusted.set(keyIdOf(key), key);
    const [pass, checkpointRun] = await Promise.all([timed(() => this.checkStreams(options, legacyUpTo)), timed(() => this.checkCheckpoints(trusted, options.supplied ?? []))]);
    const coverageRun = await timed(async () => (options.streams ? { rows: 0, problems: new Bounded() } : await this.checkCoverage()));
    const { counts, chains, replays, auth } = pass.value;
    if (!options.streams) await this.checkOwnersWithoutRecords(chains);
    const coverage = coverageRun.value;
    const checkpoints = checkpointRun.value;
    const history = await checkHistory({ tree: this.tree, witness: this.witness.witness, trusted, overdueAfterMs: this.config.checkpointOverdueMs });
    const finished = Date.now();

    const durationMs = finished - started;
    const historyTotal = history.problems.length + history.notListed;
    const ok =
      chains.total === 0 &&
      replays.total === 0 &&
      checkpoints.problems.total === 0 &&
      historyTotal === 0 &&
      checkpoints.supplied.every((s) => s.ok) &&
      auth.problems.total === 0 &&
      coverage.problems.total === 0;
    const problemCount =
      chains.total + replays.total + checkpoints.problems.total + historyTotal + checkpoints.supplied.filter((s) => !s.ok).length + auth.problems.total + coverage.problems.total;
    const noWitness = history.witness.configured
      ? { vi: '', en: '' }
      : {
          vi: ' Chưa cấu hình nơi chứng thực (AUDIT_WITNESS_DIR): không so được lịch sử điểm kiểm với bản sao bên ngoài cơ sở dữ liệu.',
          en: ' No witness is configured (AUDIT_WITNESS_DIR): the checkpoint history was not compared with a copy outside the database.',
        };
    return {
      ok,
      summary: ok
        ? {
            vi: `Nhật ký toàn vẹn: ${counts.records} bản ghi trong ${counts.streams} chuỗi, ${checkpoints.valid}/${checkpoints.stored} điểm kiểm hợp lệ, ${counts.replayed} hồ sơ phát lại khớp.${noWitness.vi}`,
            en: `The audit trail is intact: ${counts.records} records in ${counts.streams} chains, ${checkpoints.valid}/${checkpoints.stored} checkpoints valid, ${counts.replayed} candidates replay to their state.${noWitness.en}`,
          }
        : {
            vi: `Phát hiện ${problemCount} vấn đề: ${chains.total} chuỗi bị đứt hoặc bị sửa, ${auth.problems.total} chuỗi có bản ghi không do ứng dụng ghi, ${checkpoints.problems.total} vấn đề về điểm kiểm, ${historyTotal} vấn đề về lịch sử điểm kiểm, ${replays.total} hồ sơ phát lại không khớp, ${coverage.problems.total} dòng dữ liệu hoặc tệp không khớp với nhật ký.${noWitness.vi}`,
            en: `${problemCount} problems found: ${chains.total} broken or altered chains, ${auth.problems.total} chains with records the application did not write, ${checkpoints.problems.total} checkpoint problems, ${historyTotal} checkpoint history problems, ${replays.total} candidates that do not replay to their state, ${coverage.problems.total} rows or files that disagree with the trail.${noWitness.en}`,
          },
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs,
      records: counts.records,
      streams: counts.streams,
      recordsPerSecond: Math.round(counts.records / Math.max(durationMs / 1000, 0.001)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      scope: { streams: options.streams ? options.streams.length : 'all' },
      chains: { checked: counts.streams, broken: chains.total, problems: chains.items, notListed: chains.notListed },
      replay: {
        candidates: counts.candidates,
        replayed: counts.replayed,
        skipped: counts.skipped,
        mismatches: replays.total,
        problems: replays.items,
        notListed: replays.notListed,
      },
      checkpoints: {
        signingKeyId: this.keyring.signer?.keyId ?? null,
        trustedKeyIds: [...trusted.keys()],
        leaves: checkpoints.leaves,
        recordsNotYetCovered: checkpoints.uncovered,
        stored: checkpoints.stored,
        valid: checkpoints.valid,
        latest: checkpoints.latest,
        problems: checkpoints.problems.items,
        notListed: checkpoints.problems.notListed,
      },
      supplied: checkpoints.supplied,
      authentication: {
        currentKeyId: this.recordKeys.currentKeyId,
        authenticated: auth.authenticated,
        legacy: auth.legacy,
        problems: auth.problems.items,
        notListed: auth.problems.notListed,
      },
      coverage: { tables: options.streams ? 0 : ATTESTED_TABLES.length, rows: coverage.rows, problems: coverage.problems.items, notListed: coverage.problems.notListed },
      history,
      timings: { chainsMs: pass.ms, coverageMs: coverageRun.ms, checkpointsMs: checkpointRun.ms },
    };
  }

  /**
   * Pass 1: every chain, each record's MAC, each candidate's replay. With several workers, the trail is cut into
   * ranges of streams checked side by side in worker threads; their results, joined in range order, are what
   * one walk over the whole trail gives.
   */
  private async checkStreams(options: VerifyOptions, legacyUpTo: bigint | null): Promise<ReturnType<typeof joinPasses>> {
    const threads = Math.max(1, Math.floor(options.workers ?? 1));
    const script = threads > 1 && !options.streams && this.config.DATABASE_URL ? streamPassWorkerScript() : null;
    if (script) {
      const cuts = await this.records.streamCuts(threads * RANGES_PER_WORKER);
      if (cuts.length > 0) {
        const data = {
          url: this.config.DATABASE_URL!,
          database: {
            DB_STATEMENT_TIMEOUT_MS: this.config.DB_STATEMENT_TIMEOUT_MS,
            DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: this.config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
            DB_CONNECTION_TIMEOUT_MS: this.config.DB_CONNECTION_TIMEOUT_MS,
          },
          recordKeys: this.recordKeys.asSetting(),
        };
        return joinPasses(await runStreamPassPool(script, threads, rangesOf(cuts), data, legacyUpTo));
      }
    }
    const pass = new StreamPass(this.dataSource, this.records, this.owners, this.recordKeys);
    return joinPasses([await pass.run({}, options.streams, legacyUpTo)]);
  }

  /** Every covered row against its latest attestation; every stored file against its SHA-256. */
  private async checkCoverage(): Promise<{ rows: number; problems: Bounded }> {
    const problems = new Bounded();
    const found = await this.rows.mismatches(MAX_LISTED);
    for (const m of found.rows) {
      const kind = m.actual === null ? 'ROW_MISSING' : m.stream === null ? 'ROW_NOT_ATTESTED' : 'ROW_CHANGED';
      problems.add(
        problem(kind, {
          table: m.table,
          rowKey: m.key,
          ...(m.stream !== null ? { stream: m.stream } : {}),
          ...(m.seq !== null ? { seq: m.seq } : {}),
          ...(m.auditId !== null ? { auditId: m.auditId } : {}),
          detail: { digestNow: m.actual, digestAttested: m.attested },
        }),
      );
    }
    problems.notListed += found.total - found.rows.length;
    for (const f of await this.rows.fileMismatches(MAX_LISTED)) {
      problems.add(
        problem('EVIDENCE_CONTENT_CHANGED', {
          table: f.table,
          rowKey: f.key,
          ...(f.stream !== null ? { stream: f.stream } : {}),
          ...(f.seq !== null ? { seq: f.seq } : {}),
          detail: { storedSha256: f.stored, contentSha256: f.recomputed },
        }),
      );
    }
    return { rows: found.rowsChecked, problems };
  }

  /** Candidates and units that changed but whose streams have no record at all. */
  private async checkOwnersWithoutRecords(chains: Bounded): Promise<void> {
    const orphans = await this.owners.withoutRecords(MAX_LISTED + 1);
    for (const o of orphans) {
      chains.add(
        problem('RECORDS_MISSING_AT_END', {
          stream: o.stream,
          seq: 1,
          ...(o.kind === 'candidate' ? { candidateId: o.id } : {}),
          detail: { version: o.version, lastSeq: 0, missingSeqs: [1, o.version] },
        }),
      );
    }
  }

  /**
   * Pass 2: one ordered walk over the leaves recomputes the Merkle root at every stored and supplied
   * checkpoint size and the consistency proofs to the latest checkpoint, and compares each leaf with its record.
   */
  private async checkCheckpoints(trusted: ReadonlyMap<string, KeyObject>, suppliedRaw: unknown[]) {
    const problems = new Bounded();
    const leaves = await this.tree.leafCount();
    const stored = await this.tree.count();
    const uncovered = await this.tree.countUncovered();
    const latestRow = await this.tree.latest();
    const latest = latestRow ? toSignedCheckpoint(latestRow) : null;
    // The checkpoints this pass judges: those stored when it began. The application may sign another while the leaves
    // are walked (every minute, or every 2 s in the reliability checks); its leaves may come after the last page read,
    // and it would look like a tree that lost leaves. Each checkpoint extends the one before, so they are the ones up
    // to the latest tree size read here; a later one is the next verification's.
    const judgedUpTo = latest?.treeSize ?? 0;
    // Proofs lead to the latest checkpoint only if it is genuine; if not, that is reported below anyway.
    const proofTarget = latest && checkSignature(latest, trusted) === 'VALID' ? latest : null;

    // Checkpoints the auditor brought: refused unless a trusted key signed them.
    const supplied: (SuppliedCheckpointResult & { parsed: SignedCheckpoint | null; hasher: RangeHasher | null })[] = suppliedRaw.map((raw) => {
      const parsed = parseCheckpoint(raw);
      const result = {
        treeSize: parsed?.treeSize ?? null,
        rootHash: parsed?.rootHash ?? null,
        keyId: parsed?.keyId ?? null,
        createdAt: parsed?.createdAt ?? null,
        ok: false,
        consistency: null,
        problems: [] as AuditProblem[],
        parsed: null as SignedCheckpoint | null,
        hasher: null as RangeHasher | null,
      };
      if (!parsed) {
        result.problems.push(problem('CHECKPOINT_MALFORMED', {}));
        return result;
      }
      const verdict = checkSignature(parsed, trusted);
      if (verdict !== 'VALID') {
        result.problems.push(problem(verdict, { treeSize: parsed.treeSize, detail: { keyId: parsed.keyId } }));
        return result;
      }
      if (parsed.treeSize > leaves) {
        result.problems.push(problem('TREE_SHORTER_THAN_CHECKPOINT', { treeSize: parsed.treeSize, detail: { leaves } }));
        return result;
      }
      result.parsed = parsed;
      if (proofTarget && parsed.treeSize <= proofTarget.treeSize) result.hasher = new RangeHasher(consistencyProofRanges(parsed.treeSize, proofTarget.treeSize));
      return result;
    });
    const suppliedAt = new Map<number, typeof supplied>();
    for (const s of supplied) if (s.parsed) suppliedAt.set(s.parsed.treeSize, [...(suppliedAt.get(s.parsed.treeSize) ?? []), s]);

    let valid = 0;
    let lastGoodSize = 0;
    const changedStreams = new Map<string, AuditProblem>();
    const builder = new MerkleTreeBuilder();
    // Stored checkpoints due within the current page of leaves, ascending.
    let due: SignedCheckpoint[] = [];
    let checkpointsAfter = 0;

    // Called whenever the builder holds exactly `size` leaves: compare with every checkpoint of that size.
    const atSize = () => {
      const size = builder.size;
      while (due.length > 0 && due[0]!.treeSize <= size) {
        const c = due.shift()!;
        const verdict = checkSignature(c, trusted);
        if (verdict !== 'VALID') {
          problems.add(problem(verdict, { treeSize: c.treeSize, detail: { keyId: c.keyId } }));
        } else if (c.treeSize < size || builder.root().toString('hex') !== c.rootHash) {
          problems.add(
            problem('ROOT_MISMATCH', {
              treeSize: c.treeSize,
              detail: { signedRoot: c.rootHash, recomputedRoot: builder.root().toString('hex'), changedLeavesBetween: [lastGoodSize, c.treeSize] },
            }),
          );
        } else {
          valid += 1;
          lastGoodSize = c.treeSize;
        }
      }
      for (const s of suppliedAt.get(size) ?? []) {
        if (builder.root().toString('hex') !== s.parsed!.rootHash) {
          s.problems.push(
            problem('ROOT_MISMATCH', {
              treeSize: size,
              detail: { signedRoot: s.parsed!.rootHash, recomputedRoot: builder.root().toString('hex'), changedLeavesBetween: [lastGoodSize, size] },
            }),
          );
        }
      }
    };
    const fetchDue = async (upToSize: number) => {
      const upTo = Math.min(upToSize, judgedUpTo);
      if (upTo <= checkpointsAfter) return;
      const rows = await this.tree.between(checkpointsAfter, upTo);
      due = due.concat(rows.map(toSignedCheckpoint));
      checkpointsAfter = upTo;
    };

    const leafPage = (after: number): Promise<CoveredLeafRow[]> => this.tree.coveredLeaves(after, LEAF_PAGE);
    let expected = 0;
    let loading: ReturnType<typeof leafPage> | null = leafPage(-1);
    while (loading) {
      const rows: CoveredLeafRow[] = await loading;
      loading = rows.length === LEAF_PAGE ? prefetched(leafPage(Number(rows[rows.length - 1]!.leaf_index))) : null;
      // Every checkpoint this page can reach: up to one past its last leaf.
      await fetchDue(builder.size + rows.length);
      for (const r of rows) {
        const index = Number(r.leaf_index);
        if (index !== expected) problems.add(problem('LEAF_MISSING', { leafIndex: expected, detail: { nextLeafIndex: index } }));
        expected = index + 1;
        if (r.record_hash === null) {
          problems.add(problem('COVERED_RECORD_MISSING', { leafIndex: index, auditId: String(r.audit_id) }));
        } else if (r.record_hash !== r.leaf_hash) {
          const stream = r.stream!;
          const earlier = changedStreams.get(stream);
          if (!earlier || earlier.seq! > r.seq!) {
            if (earlier || changedStreams.size < MAX_LISTED) {
              changedStreams.set(
                stream,
                problem('RECORD_CHANGED_SINCE_CHECKPOINT', { stream, seq: r.seq!, auditId: String(r.audit_id), leafIndex: index, detail: { hashWhenCovered: r.leaf_hash, hashNow: r.record_hash } }),
              );
            } else {
              problems.notListed += 1;
            }
          }
        }
        atSize();
        for (const s of supplied) s.hasher?.feed(builder.size, recordLeafHash(r.leaf_hash));
        builder.append(recordLeafHash(r.record_hash ?? r.leaf_hash));
      }
    }
    atSize();
    // Checkpoints beyond the last leaf: the tree lost leaves they covered.
    await fetchDue(judgedUpTo);
    for (const c of due) problems.add(problem('TREE_SHORTER_THAN_CHECKPOINT', { treeSize: c.treeSize, detail: { leaves } }));
    for (const p of changedStreams.values()) problems.add(p);

    for (const s of supplied) {
      if (s.parsed && s.hasher && proofTarget) {
        const proof = s.hasher.hashes();
        const verified = verifyConsistency(s.parsed.treeSize, proofTarget.treeSize, Buffer.from(s.parsed.rootHash, 'hex'), Buffer.from(proofTarget.rootHash, 'hex'), proof);
        s.consistency = { toTreeSize: proofTarget.treeSize, toRootHash: proofTarget.rootHash, proof: proof.map((p) => p.toString('hex')), verified };
        if (!verified) s.problems.push(problem('INCONSISTENT_WITH_LATEST', { treeSize: s.parsed.treeSize, detail: { latestTreeSize: proofTarget.treeSize } }));
      }
      s.ok = s.problems.length === 0;
    }

    return {
      problems,
      leaves,
      stored,
      valid,
      uncovered,
      latest,
      supplied: supplied.map(({ parsed: _parsed, hasher: _hasher, ...rest }) => rest),
    };
  }
}
