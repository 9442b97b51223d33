/**
 * Tampering done directly in the database, the way someone with the owner's rights could: each kind is
 * found by verification, at the exact record, and nothing else is reported.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { auditHash } from '../apps/api/src/audit/audit-hash.js';
import { contentOf } from '../apps/api/src/audit/chain-checker.js';
import { startTestApp, type TestApp } from './support/app.js';
import { newCandidate } from './support/factories.js';
import { checkpoints, newSigningKey, problemsOf, recordsOf, rehashChain, tamper, verify } from './audit-support.js';
import { candidateStream } from '../apps/api/src/audit/streams.js';

// Starting an application on its own database, and long walks of events, outlast Jest's default 5 s.
jest.setTimeout(120_000);

let t: TestApp;
const key = newSigningKey();
/** Streams each test broke on purpose: in the end, exactly these are reported. */
const tampered = new Set<string>();
/** The chain whose leaves were rewritten too: only the signed roots can see it, not which record. */
let leavesRewritten = '';

beforeAll(async () => {
  t = await startTestApp(key.env, { verifyOnClose: false });
});
afterAll(async () => {
  await t?.close();
});

/** A candidate under review has 5 records: discovery, evidence, nurturing started, a check-in, the proposal. */
async function candidateWithHistory() {
  const c = await newCandidate(t, { state: 'underReview' });
  const stream = candidateStream(c.id);
  const rows = await recordsOf(t, stream);
  expect(rows.map((r) => r.event_type)).toEqual(['DISCOVER', 'ATTACH_EVIDENCE', 'START_NURTURING', 'RECORD_CHECK_IN', 'PROPOSE_FOR_REVIEW']);
  return { id: c.id, stream, rows };
}

/** Flips the lowest bit of one character of a string: the smallest possible change. */
const flipByte = (text: string, at = 0) => text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 1) + text.slice(at + 1);

describe('an untouched trail', () => {
  it('verifies: every chain intact, every candidate replays to its state, counts agree with the table', async () => {
    for (const state of ['recognised', 'returned', 'withdrawn'] as const) await newCandidate(t, { state });
    const report = await verify(t);
    expect(report.chains.problems).toEqual([]);
    expect(report.replay.problems).toEqual([]);
    expect(report.checkpoints.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const [{ records, streams }] = await t.dataSource.query('SELECT count(*)::int AS records, count(DISTINCT stream)::int AS streams FROM audit_event');
    const [{ candidates }] = await t.dataSource.query('SELECT count(*)::int AS candidates FROM candidate');
    expect({ records: report.records, streams: report.streams, replayed: report.replay.replayed }).toEqual({ records, streams, replayed: candidates });
    expect(report.recordsPerSecond).toBeGreaterThan(0);
    expect(report.summary.vi).toMatch(/^Nhật ký toàn vẹn/);
  });
});

describe('tampering in the database is found at the exact record', () => {
  it('a flipped byte in a payload: the content no longer matches its hash', async () => {
    const c = await candidateWithHistory();
    const target = c.rows[2]!;
    const goals = String(target.payload.goals);
    await tamper(t, [[`UPDATE audit_event SET payload = jsonb_set(payload, '{goals}', to_jsonb($1::text)) WHERE id = $2`, [flipByte(goals), target.id]]]);
    tampered.add(c.stream);

    const report = await verify(t);
    expect(problemsOf(report.chains.problems, c.stream)).toEqual([{ kind: 'CONTENT_CHANGED', seq: 3, auditId: String(target.id) }]);
    expect(report.ok).toBe(false);
  });

  it('a deleted record: the gap is named by its sequence number', async () => {
    const c = await candidateWithHistory();
    await tamper(t, [['DELETE FROM audit_event WHERE id = $1', [c.rows[2]!.id]]]);
    tampered.add(c.stream);

    const problems = (await verify(t)).chains.problems.filter((p) => p.stream === c.stream);
    expect(problems.map((p) => ({ kind: p.kind, seq: p.seq }))).toEqual([{ kind: 'RECORD_MISSING', seq: 3 }]);
    expect(problems[0]!.detail).toMatchObject({ missingSeqs: [3, 3], nextRecordSeq: 4 });
  });

  it('the first record deleted, and the last one: still named, the last through the candidate’s version', async () => {
    const first = await candidateWithHistory();
    const last = await candidateWithHistory();
    await tamper(t, [
      ['DELETE FROM audit_event WHERE id = $1', [first.rows[0]!.id]],
      ['DELETE FROM audit_event WHERE id = $1', [last.rows[4]!.id]],
    ]);
    tampered.add(first.stream).add(last.stream);

    const report = await verify(t);
    expect(problemsOf(report.chains.problems, first.stream).map(({ kind, seq }) => ({ kind, seq }))).toEqual([{ kind: 'RECORD_MISSING', seq: 1 }]);
    expect(problemsOf(report.chains.problems, last.stream).map(({ kind, seq }) => ({ kind, seq }))).toEqual([{ kind: 'RECORDS_MISSING_AT_END', seq: 5 }]);
  });

  it('two records swapped: the first record out of place is named as reordered', async () => {
    const c = await candidateWithHistory();
    const [third, fourth] = [c.rows[2]!, c.rows[3]!];
    await tamper(t, [
      ['UPDATE audit_event SET seq = -seq WHERE id IN ($1, $2)', [third.id, fourth.id]],
      ['UPDATE audit_event SET seq = 4 WHERE id = $1', [third.id]],
      ['UPDATE audit_event SET seq = 3 WHERE id = $1', [fourth.id]],
    ]);
    tampered.add(c.stream);

    const problems = (await verify(t)).chains.problems.filter((p) => p.stream === c.stream);
    // At position 3 now stands the record written fourth; it links to the one written third, found after it.
    expect(problems.map((p) => ({ kind: p.kind, seq: p.seq, auditId: p.auditId }))).toEqual([{ kind: 'REORDERED', seq: 3, auditId: String(fourth.id) }]);
    expect(problems[0]!.detail).toEqual({ linksToSeq: 4 });
  });

  it('one record rewritten and re-hashed on its own: its successor still links to the original', async () => {
    const c = await candidateWithHistory();
    const target = c.rows[1]!;
    const forged = { ...target, payload: { ...target.payload, fileName: 'bao-cao-khac.pdf' } };
    await tamper(t, [['UPDATE audit_event SET payload = $1, hash = $2 WHERE id = $3', [JSON.stringify(forged.payload), auditHash(contentOf(forged)), target.id]]]);
    tampered.add(c.stream);

    expect(problemsOf((await verify(t)).chains.problems, c.stream)).toEqual([{ kind: 'FORGED_HASH', seq: 2, auditId: String(target.id) }]);
  });

  it('a hash replaced, content untouched: told apart from a content change', async () => {
    const c = await candidateWithHistory();
    const target = c.rows[3]!;
    await tamper(t, [['UPDATE audit_event SET hash = $1 WHERE id = $2', ['0'.repeat(64), target.id]]]);
    tampered.add(c.stream);

    const problems = (await verify(t)).chains.problems.filter((p) => p.stream === c.stream);
    expect(problems.map((p) => ({ kind: p.kind, seq: p.seq }))).toEqual([{ kind: 'FORGED_HASH', seq: 4 }]);
    expect(problems[0]!.detail).toEqual({ storedHash: '0'.repeat(64), recomputedHash: target.hash });
  });

  it('a whole chain recomputed after a change passes the chain check, and the checkpoint names the record', async () => {
    const c = await candidateWithHistory();
    const built = await checkpoints(t).build();
    expect(built.status).toBe('created');
    const kept = (await checkpoints(t).latest())!;

    const target = c.rows[1]!;
    await tamper(t, [[`UPDATE audit_event SET payload = jsonb_set(payload, '{sha256}', to_jsonb($1::text)) WHERE id = $2`, ['f'.repeat(64), target.id]]]);
    await rehashChain(t, c.stream);
    tampered.add(c.stream);

    const report = await verify(t, { supplied: [kept] });
    // Every link and hash of the rewritten chain is consistent again…
    expect(problemsOf(report.chains.problems, c.stream)).toEqual([]);
    // …but the leaf kept the hash the record had when the checkpoint covered it.
    expect(problemsOf(report.checkpoints.problems, c.stream)).toEqual([{ kind: 'RECORD_CHANGED_SINCE_CHECKPOINT', seq: 2, auditId: String(target.id) }]);
    expect(report.checkpoints.problems.filter((p) => p.kind === 'ROOT_MISMATCH').map((p) => p.treeSize)).toEqual([kept.treeSize]);
    // The checkpoint the auditor kept outside the system no longer matches the tree either.
    expect(report.supplied).toHaveLength(1);
    expect(report.supplied[0]!.ok).toBe(false);
    expect(report.supplied[0]!.problems.map((p) => p.kind)).toEqual(['ROOT_MISMATCH']);
  });

  it('the chain and its leaves both rewritten: the signed roots still expose it, within the checkpoints that cover it', async () => {
    const c = await candidateWithHistory();
    expect((await checkpoints(t).build()).status).toBe('created');
    const target = c.rows[3]!;
    const [{ leaf_index: leafIndex }] = await t.dataSource.query('SELECT leaf_index::int FROM audit_leaf WHERE audit_id = $1', [target.id]);
    await tamper(t, [[`UPDATE audit_event SET payload = jsonb_set(payload, '{strengths}', to_jsonb('Sửa lại'::text)) WHERE id = $1`, [target.id]]]);
    await rehashChain(t, c.stream, true);
    tampered.add(c.stream);
    leavesRewritten = c.stream;

    const report = await verify(t);
    expect(problemsOf(report.chains.problems, c.stream)).toEqual([]);
    expect(problemsOf(report.checkpoints.problems, c.stream)).toEqual([]);
    const mismatches = report.checkpoints.problems.filter((p) => p.kind === 'ROOT_MISMATCH');
    const latest = (await checkpoints(t).latest())!;
    expect(mismatches.map((p) => p.treeSize)).toContain(latest.treeSize);
    const [from, to] = mismatches.find((p) => p.treeSize === latest.treeSize)!.detail!.changedLeavesBetween as [number, number];
    expect(from).toBeLessThanOrEqual(leafIndex);
    expect(to).toBeGreaterThan(leafIndex);
  });

  it('a candidate row changed without an event: replay reports the candidate', async () => {
    const moved = await newCandidate(t, { state: 'nurturing' });
    const counted = await newCandidate(t, { state: 'nurturing' });
    await t.dataSource.query(`UPDATE candidate SET state = 'recognised', snapshot = jsonb_set(snapshot, '{value}', '"recognised"') WHERE id = $1`, [moved.id]);
    await t.dataSource.query(`UPDATE candidate SET snapshot = jsonb_set(snapshot, '{context,checkIns}', '7') WHERE id = $1`, [counted.id]);

    const report = await verify(t);
    const byCandidate = (id: string) => report.replay.problems.filter((p) => p.candidateId === id).map((p) => p.kind);
    expect(byCandidate(moved.id)).toEqual(['FINAL_STATE_DIFFERS']);
    expect(byCandidate(counted.id)).toEqual(['SNAPSHOT_DIFFERS']);
    expect(report.replay.problems.map((p) => p.candidateId).sort()).toEqual([moved.id, counted.id].sort());
  });

  it('in the end, exactly the tampered chains are reported, each once', async () => {
    const report = await verify(t);
    const broken = report.chains.problems.map((p) => p.stream!);
    const changedSinceCheckpoint = report.checkpoints.problems.filter((p) => p.kind === 'RECORD_CHANGED_SINCE_CHECKPOINT').map((p) => p.stream!);
    expect([...broken, ...changedSinceCheckpoint].sort()).toEqual([...tampered].filter((s) => s !== leavesRewritten).sort());
  });
});
