/**
 * The verifier's first pass over one range of streams: every hash chain in it, each record's MAC, each
 * candidate's replay through the statechart and each owner's version. Streams are independent, so the trail
 * can be cut into ranges of stream names and each range checked on its own (in its own worker thread, see
 * stream-pass.worker.ts); the ranges' results, joined in range order, are exactly what one pass over the whole
 * trail gives (`joinPasses`).
 *
 * Reads with keyset pagination in (stream, seq) order, so memory stays bounded whatever the number of records;
 * the only state kept per stream is O(1). Reads only.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEventRepository, AuditRow, StreamRange } from './audit-event.repository.js';
import type { AuditRecordKeys } from './audit-record-keys.js';
import { LEGACY_RECORDS_STREAM } from './legacy-records.js';
import { problem, type AuditProblem } from './audit-problems.js';
import { CandidateReplay } from './candidate-replay.js';
import { ChainChecker, type StreamOutcome } from './chain-checker.js';
import type { CandidateOwnerRow, StreamOwnerRepository } from './stream-owner.repository.js';
import { CANDIDATE_STREAM_PREFIX, UNIT_STREAM_PREFIX, candidateStream, unitStream } from './streams.js';

const ROW_PAGE = 2_000;
/** At most this many problems of each kind of check are listed; the rest are counted. */
export const MAX_LISTED = 1_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A page requested ahead of need. If checking the current page fails first, nobody awaits this one: its own
 * failure must not surface as an unhandled rejection (which would end the process), only when awaited.
 */
export function prefetched<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** A list that keeps the first MAX_LISTED entries and counts the rest. */
export class Bounded {
  readonly items: AuditProblem[] = [];
  notListed = 0;
  add(p: AuditProblem): void {
    if (this.items.length < MAX_LISTED) this.items.push(p);
    else this.notListed += 1;
  }
  get total(): number {
    return this.items.length + this.notListed;
  }
  /** Appends another list found later in the same order (as if its items had been added here one by one). */
  join(other: { items: AuditProblem[]; notListed: number }): void {
    for (const p of other.items) this.add(p);
    this.notListed += other.notListed;
  }
}

export interface StreamCounts {
  records: number;
  streams: number;
  candidates: number;
  replayed: number;
  skipped: number;
}

/** What one range's pass found; plain data, so that a worker thread can hand it back. */
export interface StreamPassResult {
  counts: StreamCounts;
  chains: { items: AuditProblem[]; notListed: number };
  replays: { items: AuditProblem[]; notListed: number };
  auth: { authenticated: number; legacy: number; problems: { items: AuditProblem[]; notListed: number } };
}

/** The results of consecutive ranges, in range order, as one pass over all of them would have found them. */
export function joinPasses(results: StreamPassResult[]): { counts: StreamCounts; chains: Bounded; replays: Bounded; auth: { authenticated: number; legacy: number; problems: Bounded } } {
  const counts: StreamCounts = { records: 0, streams: 0, candidates: 0, replayed: 0, skipped: 0 };
  const chains = new Bounded();
  const replays = new Bounded();
  const auth = { authenticated: 0, legacy: 0, problems: new Bounded() };
  for (const r of results) {
    for (const k of Object.keys(counts) as (keyof StreamCounts)[]) counts[k] += r.counts[k];
    chains.join(r.chains);
    replays.join(r.replays);
    auth.authenticated += r.auth.authenticated;
    auth.legacy += r.auth.legacy;
    auth.problems.join(r.auth.problems);
  }
  return { counts, chains, replays, auth };
}

type Owner = { type: 'candidate'; id: string; row: CandidateOwnerRow | undefined } | { type: 'unit'; id: string; version: number | undefined } | null;

interface StreamState {
  stream: string;
  owner: Owner;
  replay: CandidateReplay | null;
}

/**
 * Checks each record's MAC as the chains are walked, naming the first record of each stream that the
 * application did not write (no MAC, a MAC that does not match, an unknown key). Records older than the legacy
 * boundary (written before records were authenticated) are accepted without a MAC and counted.
 */
class Authentication {
  readonly problems = new Bounded();
  authenticated = 0;
  legacy = 0;
  private stream: string | null = null;
  private reported = false;

  constructor(
    private readonly keys: AuditRecordKeys,
    private readonly legacyUpTo: bigint | null,
  ) {}

  check(row: AuditRow): void {
    if (row.stream !== this.stream) this.finishStream(row.stream);
    const verdict = this.keys.check(row.hash, row.mac, row.mac_key_id);
    if (verdict === 'VALID') {
      this.authenticated += 1;
      return;
    }
    if (verdict === 'MISSING' && this.legacyUpTo !== null && BigInt(row.id) <= this.legacyUpTo && row.stream !== LEGACY_RECORDS_STREAM) {
      this.legacy += 1;
      return;
    }
    if (this.reported) return;
    this.reported = true;
    const kind = verdict === 'MISSING' ? 'RECORD_NOT_AUTHENTICATED' : verdict === 'INVALID' ? 'RECORD_FORGED' : 'RECORD_KEY_UNKNOWN';
    this.problems.add(
      problem(kind, {
        stream: row.stream,
        seq: row.seq,
        auditId: String(row.id),
        ...(row.candidate_id ? { candidateId: row.candidate_id } : {}),
        detail: { keyId: row.mac_key_id, actor: row.actor, eventType: row.event_type },
      }),
    );
  }

  finishStream(next: string | null = null): void {
    this.stream = next;
    this.reported = false;
  }
}

export class StreamPass {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: AuditEventRepository,
    private readonly owners: StreamOwnerRepository,
    private readonly recordKeys: AuditRecordKeys,
  ) {}

  /** Every stream of the range (or only those named), with the MACs checked against the legacy boundary given. */
  async run(range: StreamRange, streams: string[] | undefined, legacyUpTo: bigint | null): Promise<StreamPassResult> {
    const chains = new Bounded();
    const replays = new Bounded();
    const counts: StreamCounts = { records: 0, streams: 0, candidates: 0, replayed: 0, skipped: 0 };
    const auth = new Authentication(this.recordKeys, legacyUpTo);
    await this.checkStreams(this.dataSource.manager, range, streams, counts, chains, replays, true, auth);
    auth.finishStream();
    return {
      counts,
      chains: { items: chains.items, notListed: chains.notListed },
      replays: { items: replays.items, notListed: replays.notListed },
      auth: { authenticated: auth.authenticated, legacy: auth.legacy, problems: { items: auth.problems.items, notListed: auth.problems.notListed } },
    };
  }

  /** Every chain of the range, in (stream, seq) order, with each candidate's replay and each owner's version. */
  private async checkStreams(
    db: EntityManager,
    range: StreamRange,
    streams: string[] | undefined,
    counts: StreamCounts,
    chains: Bounded,
    replays: Bounded,
    recheckMismatches: boolean,
    auth?: Authentication,
  ): Promise<void> {
    const checker = new ChainChecker((stream, hash, afterSeq) => this.records.laterSeqWithHash(stream, hash, afterSeq, db));
    let state: StreamState | null = null;

    const close = async (outcome: StreamOutcome | null) => {
      if (!outcome || !state) return;
      counts.streams += 1;
      const found = await this.streamProblems(outcome, state);
      // An owner that disagrees may only have moved on while we read: look again, in one snapshot.
      const recheck = recheckMismatches && !outcome.broken && (found.chain !== null || found.replay !== null);
      const final = recheck ? await this.recheckStream(state.stream) : found;
      if (final.chain) chains.add(final.chain);
      if (final.replay) replays.add(final.replay);
      if (state.replay) {
        if (state.replay.skipped) counts.skipped += 1;
        else if (!final.chain) counts.replayed += 1;
      }
    };

    const load = async (after: { stream: string; seq: number } | null): Promise<{ rows: AuditRow[]; owners: Map<string, Owner> }> => {
      const rows = await this.records.chainPage(after, streams, ROW_PAGE, db, range);
      return { rows, owners: await this.ownersOf(db, rows) };
    };
    let loading: ReturnType<typeof load> | null = load(null);
    while (loading) {
      const { rows, owners }: Awaited<ReturnType<typeof load>> = await loading;
      const last: AuditRow | undefined = rows[rows.length - 1];
      // The database reads the next page while this one is checked.
      loading = last && rows.length === ROW_PAGE ? prefetched(load({ stream: last.stream, seq: last.seq })) : null;
      for (const row of rows) {
        const finished = await checker.push(row);
        if (finished || !state) {
          await close(finished);
          state = this.startStream(row.stream, owners);
          if (state.replay) counts.candidates += 1;
        }
        state.replay?.apply(row);
        auth?.check(row);
        counts.records += 1;
      }
    }
    await close(await checker.finish());
  }

  private startStream(stream: string, owners: Map<string, Owner>): StreamState {
    const owner = owners.get(stream) ?? null;
    return { stream, owner, replay: owner?.type === 'candidate' && owner.row ? new CandidateReplay(owner.id) : null };
  }

  /** What is wrong with a finished stream: its chain, its owner's version, its candidate's replay. */
  private async streamProblems(outcome: StreamOutcome, state: StreamState): Promise<{ chain: AuditProblem | null; replay: AuditProblem | null }> {
    if (outcome.broken) return { chain: outcome.broken, replay: null };
    const owner = state.owner;
    const version = owner?.type === 'candidate' ? owner.row?.version : owner?.type === 'unit' ? owner.version : undefined;
    if (version !== undefined && version > outcome.lastSeq) {
      return {
        chain: problem('RECORDS_MISSING_AT_END', {
          stream: outcome.stream,
          seq: outcome.lastSeq + 1,
          ...(owner?.type === 'candidate' ? { candidateId: owner.id } : {}),
          detail: { version, lastSeq: outcome.lastSeq, missingSeqs: [outcome.lastSeq + 1, version] },
        }),
        replay: null,
      };
    }
    if (version !== undefined && version < outcome.lastSeq) {
      const p = problem('VERSION_DIFFERS', { stream: outcome.stream, seq: outcome.lastSeq, detail: { version, lastSeq: outcome.lastSeq } });
      return owner?.type === 'candidate' ? { chain: null, replay: { ...p, candidateId: owner.id } } : { chain: p, replay: null };
    }
    if (owner?.type === 'candidate' && state.replay) return { chain: null, replay: state.replay.finish(owner.row, outcome.stream) };
    return { chain: null, replay: null };
  }

  /** Checks one stream again inside a single snapshot, so that a concurrent append cannot look like a mismatch. */
  private recheckStream(stream: string): Promise<{ chain: AuditProblem | null; replay: AuditProblem | null }> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const chains = new Bounded();
      const replays = new Bounded();
      const counts: StreamCounts = { records: 0, streams: 0, candidates: 0, replayed: 0, skipped: 0 };
      await this.checkStreams(em, {}, [stream], counts, chains, replays, false);
      return { chain: chains.items[0] ?? null, replay: replays.items[0] ?? null };
    });
  }

  /** The candidates and units whose streams appear in a page, fetched together. */
  private async ownersOf(db: EntityManager, rows: AuditRow[]): Promise<Map<string, Owner>> {
    const candidateIds = new Set<string>();
    const unitIds = new Set<string>();
    for (const { stream } of rows) {
      if (stream.startsWith(CANDIDATE_STREAM_PREFIX)) {
        const id = stream.slice(CANDIDATE_STREAM_PREFIX.length);
        if (UUID.test(id)) candidateIds.add(id);
      } else if (stream.startsWith(UNIT_STREAM_PREFIX)) {
        const id = stream.slice(UNIT_STREAM_PREFIX.length);
        if (UUID.test(id)) unitIds.add(id);
      }
    }
    const owners = new Map<string, Owner>();
    if (candidateIds.size > 0) {
      const found = await this.owners.candidates([...candidateIds], db);
      const byId = new Map(found.map((c) => [c.id, c]));
      for (const id of candidateIds) owners.set(candidateStream(id), { type: 'candidate', id, row: byId.get(id) });
    }
    if (unitIds.size > 0) {
      const found = await this.owners.units([...unitIds], db);
      const byId = new Map(found.map((u) => [u.id, u.version]));
      for (const id of unitIds) owners.set(unitStream(id), { type: 'unit', id, version: byId.get(id) });
    }
    return owners;
  }
}
