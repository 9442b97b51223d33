/**
 * Verification of a large audit trail in bounded memory: generates candidates with valid histories
 * (random walks through the statechart, hash-chained exactly as the application writes them) into a scratch
 * database on a PostgreSQL server, signs checkpoints over them, then runs the real command-line verification
 * (dist/apps/api/src/audit/cli.js) at a tenth of the size and at full size, and prints records per second and
 * the verifying process's peak memory. The verifier runs with its JavaScript heap capped (--heap-mb, 128 MB by
 * default): it would crash if its memory grew with the trail, and the two peaks should be close.
 *
 *   npm run build && npx tsc -p tsconfig.bench.json && node dist/bench/audit-verify.js [--records 1000000] [--heap-mb 128] [--workers 1,2] [--keep]
 *
 * Each size is verified with each worker count of --workers (`cli.js verify --workers N`: threads checking the
 * chains, each range of streams in one of them), BENCH_VERIFY_RUNS times each (3): median, min and max.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names a server where the role may
 * create databases; the scratch database is dth_bench_audit, dropped at the end unless --keep.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { CANDIDATE_MACHINE_VERSION, COUNCIL_DECISION_EVENTS, allowedEvents, applyEvent, startCandidate, type CandidateEvent, type CandidateEventType, type CouncilVerdict, type PersistedCandidateSnapshot } from '#workflow';
import type { SubjectKind } from '#domain';
import { auditHash, type AuditContent } from '../apps/api/src/audit/audit-hash.js';
import { AuditCheckpoints, type BuildOutcome } from '../apps/api/src/audit/audit-checkpoints.service.js';
import { AuditWitness } from '../apps/api/src/audit/audit-witness.js';
import { AuditKeyring } from '../apps/api/src/audit/audit-keyring.js';
import { AuditRecordKeys } from '../apps/api/src/audit/audit-record-keys.js';
import type { RowAttestation } from '../apps/api/src/audit/row-attestations.js';
import type { VerificationReport } from '../apps/api/src/audit/audit-verifier.service.js';
import { CheckpointRepository } from '../apps/api/src/audit/checkpoint.repository.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options.js';
import { atLeast, figure, recordFigures, type Figure } from './figures.js';
import { exitedChildrenCpuMs, postmasterPid } from './http.js';
import { migrateWithLock } from '../apps/api/src/database/migrate.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    candidates: { type: 'string' },
    'heap-mb': { type: 'string', default: '128' },
    workers: { type: 'string', default: '1,2' },
    keep: { type: 'boolean', default: false },
  },
});
/** --candidates N: generate until the trail holds N candidates (one size, no tenth-size run), for bench/backup.ts. */
const CANDIDATES = values.candidates ? Number(values.candidates) : null;
const HEAP_MB = Number(values['heap-mb']);
const TARGET = Number(values.records);
/** Verification runs per trail size (BENCH_VERIFY_RUNS); the smaller size runs first and warms up. */
const VERIFY_RUNS = Math.max(0, Number(process.env.BENCH_VERIFY_RUNS ?? 3));
/** Worker threads of the verification (`cli.js verify --workers N`), each count measured in turn: --workers 1,2. */
const WORKERS = values.workers.split(',').map(Number);
if (WORKERS.some((w) => !Number.isSafeInteger(w) || w < 1)) {
  process.stderr.write('--workers: a list of counts, e.g. 1,2\n');
  process.exit(2);
}
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!Number.isSafeInteger(TARGET) || TARGET < 1000) {
  process.stderr.write('usage: node dist/bench/audit-verify.js [--records N≥1000] [--heap-mb 128] [--keep]\n');
  process.exit(2);
}
const DB = process.env.BENCH_AUDIT_DB ?? 'dth_bench_audit';
const url = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const say = (text: string) => process.stdout.write(`${text}\n`);

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A council verdict of 5 eligible members with every checklist in, whose votes give the outcome wanted. */
const verdict = (inFavour: number, against: number, abstain: number): CouncilVerdict => ({
  sessionId: '00000000-0000-4000-8000-000000000001',
  rules: { quorum: { numerator: 2, denominator: 3 }, recognitionPercent: 70, rejectionPercent: 50 },
  tally: { eligible: 5, participants: inFavour + against + abstain, inFavour, against, abstain },
  checklists: { assigned: 2, submitted: 2, criteria: 5, criteriaReviewed: 5 },
});

const PAYLOADS: Record<CandidateEventType, (i: number) => Record<string, unknown>> = {
  ATTACH_EVIDENCE: (i) => ({ evidenceId: randomUUID(), fileName: `Minh chứng ${i}.pdf`, contentType: 'application/pdf', sizeBytes: 1000 + i, sha256: 'ab'.repeat(32) }),
  START_NURTURING: (i) => ({ goals: `Hoàn thiện mô hình, bước ${i}`, supporter: 'Phòng Nội vụ' }),
  REVISE_PLAN: (i) => ({ goals: `Điều chỉnh mục tiêu ${i}`, supporter: 'Ban Thi đua - Khen thưởng' }),
  RESUME_NURTURING: (i) => ({ goals: `Khắc phục hạn chế ${i}`, supporter: 'Phòng Nội vụ' }),
  RECORD_CHECK_IN: (i) => ({ date: '2025-03-15', strengths: `Ưu điểm ${i}`, shortcomings: `Hạn chế ${i}` }),
  PROPOSE_FOR_REVIEW: () => ({}),
  RECOGNISE: () => ({ verdict: verdict(5, 0, 0), note: 'Hội đồng nhất trí công nhận' }),
  RETURN_TO_NURTURING: (i) => ({ verdict: verdict(2, 1, 2), shortcomings: [`Thiếu số liệu ${i}`] }),
  REJECT: () => ({ verdict: verdict(1, 4, 0), upheldCommentIds: ['00000000-0000-4000-8000-000000000002'], reasons: 'Chưa đạt tiêu chí' }),
  REVOKE_RECOGNITION: () => ({ decisionId: '00000000-0000-4000-8000-000000000003', reasons: 'Thành tích không trung thực' }),
  CORRECT_RECOGNITION: () => ({ decisionId: '00000000-0000-4000-8000-000000000004', correctsDecisionId: '00000000-0000-4000-8000-000000000003', reasons: 'Sai tên', name: 'Tên đúng' }),
  CONFIRM_RECOGNITION: () => ({ sessionId: '00000000-0000-4000-8000-000000000001', noticeEndsOn: '2025-12-22', confirmedOn: '2025-12-26' }),
  START_REPLICATION: () => ({}),
  END_REPLICATION: () => ({ reasons: 'Không còn duy trì' }),
  WITHDRAW: () => ({ reason: 'Đơn vị rút hồ sơ' }),
  RECORD_HONOURING: (i) => ({ form: 'PROVINCIAL_NEWSPAPER', date: '2025-06-15', outlet: 'Báo Bắc Giang', title: `Gương điển hình ${i}` }),
  RECORD_ADOPTION: () => ({ adoptingUnitId: randomUUID(), stage: 'STUDY_VISIT', date: '2025-07-01', description: 'Tham quan, học tập' }),
  RECORD_FOLLOW_UP: () => ({ year: 2025, date: '2025-12-01', holdsUp: true, findings: 'Duy trì tốt' }),
  PROPOSE_UPWARD: () => ({ proposalId: randomUUID(), fromCouncilId: randomUUID(), toCouncilId: randomUUID(), upperCandidateId: randomUUID(), lowerSessionId: randomUUID(), reasons: 'Điển hình tiêu biểu' }),
  ENTER_UPWARD_REVIEW: () => ({ proposalId: randomUUID(), lowerCandidateId: randomUUID(), lowerSessionId: randomUUID() }),
  PLACE_HOLD: (i) => ({ holdId: randomUUID(), kind: 'COMPLAINT', grounds: `Đơn khiếu nại ${i}`, documentNumber: `${i}/TTr`, documentDate: '2025-09-01', documentIssuer: 'Thanh tra tỉnh' }),
  LIFT_HOLD: (i) => ({ holdId: randomUUID(), conclusion: `Kết luận ${i}`, documentNumber: `${i}/KL-TTr`, documentDate: '2025-10-01', documentIssuer: 'Thanh tra tỉnh' }),
};

interface Step {
  type: string;
  payload: Record<string, unknown>;
  from: string | null;
  to: string;
}
interface History {
  kind: SubjectKind;
  steps: Step[];
  snapshot: PersistedCandidateSnapshot;
}

/** Valid histories: random walks of up to 14 events, each decided by the real statechart. */
function walks(count: number): History[] {
  const next = random(2025);
  const kinds: SubjectKind[] = ['COLLECTIVE', 'INDIVIDUAL', 'HOUSEHOLD'];
  return Array.from({ length: count }, (_, w) => {
    const kind = kinds[w % 3]!;
    let snapshot = startCandidate({ kind }).snapshot;
    const steps: Step[] = [];
    const length = 4 + Math.floor(next() * 11);
    for (let i = 0; i < length; i++) {
      // The council's decisions need their verdict, so they are tried with one rather than listed.
      const decisions = [...COUNCIL_DECISION_EVENTS].filter((type) => applyEvent(snapshot, { type, ...PAYLOADS[type](i) } as CandidateEvent).accepted);
      const allowed = [...allowedEvents(snapshot), ...decisions];
      if (allowed.length === 0) break;
      const type = allowed[Math.floor(next() * allowed.length)]!;
      const payload = PAYLOADS[type](i);
      const outcome = applyEvent(snapshot, { type, ...payload } as CandidateEvent);
      if (!outcome.accepted) throw new Error(`the statechart refused ${type}`);
      steps.push({ type, payload, from: outcome.from, to: outcome.to });
      snapshot = outcome.snapshot;
    }
    return { kind, steps, snapshot };
  });
}

type Row = AuditContent & { hash: string; mac: string; macKeyId: string };

/** The record key the generated trail is authenticated with (the verifier reads the same keyring from KEY_DIR). */
let recordKeys: AuditRecordKeys;

/** Finishes one stream's records: the last attests the rows given, each is hashed, chained and authenticated. */
function chain(contents: AuditContent[], attests: RowAttestation[]): Row[] {
  let prevHash: string | null = null;
  return contents.map((c, i) => {
    const content: AuditContent = { ...c, prevHash, ...(i === contents.length - 1 && attests.length ? { attests } : {}) };
    const hash = auditHash(content);
    prevHash = hash;
    const { mac, keyId } = recordKeys.sign(hash);
    return { ...content, hash, mac, macKeyId: keyId };
  });
}

/** Digests of rows as the application's writer takes them (audit_row_digest, in the same database). */
async function digests(client: pg.Client, table: string, ids: string[]): Promise<Map<string, string>> {
  const { rows } = await client.query(`SELECT id::text, audit_row_digest(t, '{}'::text[]) AS digest FROM ${table} t WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map((rows as { id: string; digest: string }[]).map((r) => [r.id, r.digest]));
}

/** Appends whole candidate histories until the trail holds at least `upTo` records; returns how many it holds. */
async function generate(client: pg.Client, unitId: string, histories: History[], from: number, upTo: number, clock: { now: number }, maxCandidates = Infinity): Promise<number> {
  let written = from;
  let made = 0;
  let pending: { id: string; contents: AuditContent[] }[] = [];
  let candidates: { id: string; doc: object }[] = [];
  const flush = async () => {
    let records: Row[] = [];
    if (candidates.length) {
      await client.query(
        `INSERT INTO candidate (id, kind, name, unit_id, field, year, discovery_channel, achievement, state, snapshot, machine_version, version, created_by, created_at, updated_at)
         SELECT c.id, c.kind, 'Điển hình ' || c.n, $3::uuid, 'ECONOMY', 2025, 'INSPECTION', 'Thành tích tiêu biểu', c.state, c.snapshot, $4::int, c.version, 'bench', now(), now()
         FROM unnest($1::uuid[], $2::jsonb[]) WITH ORDINALITY AS u(id, doc, n), LATERAL (SELECT u.id, u.n, u.doc->>'kind' AS kind, u.doc->>'state' AS state, u.doc->'snapshot' AS snapshot, (u.doc->>'version')::int AS version) c`,
        [candidates.map((c) => c.id), candidates.map((c) => JSON.stringify(c.doc)), unitId, CANDIDATE_MACHINE_VERSION],
      );
      // Each candidate's last record vouches for the candidate row as it now stands.
      const byId = await digests(client, 'candidate', candidates.map((c) => c.id));
      records = pending.flatMap((h) => chain(h.contents, [{ table: 'candidate', key: { id: h.id }, digest: byId.get(h.id)! }]));
      candidates = [];
      pending = [];
    }
    if (records.length) {
      const col = (k: keyof Row) => records.map((r) => r[k]);
      await client.query(
        `INSERT INTO audit_event (stream, seq, candidate_id, event_type, payload, from_state, to_state, actor, occurred_at, machine_version, prev_hash, hash, attests, mac, mac_key_id)
         SELECT * FROM unnest($1::text[], $2::int[], $3::uuid[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::int[], $11::bpchar[], $12::bpchar[], $13::jsonb[], $14::text[], $15::text[])`,
        [
          col('stream'), col('seq'), col('candidateId'), col('eventType'), records.map((r) => JSON.stringify(r.payload)), col('fromState'), col('toState'), col('actor'), col('occurredAt'), col('machineVersion'), col('prevHash'), col('hash'),
          records.map((r) => (r.attests ? JSON.stringify(r.attests) : null)), col('mac'), col('macKeyId'),
        ],
      );
      records = [];
    }
  };
  let n = 0;
  let flushes = 0;
  while (written < upTo && made < maxCandidates) {
    made += 1;
    const h = histories[n++ % histories.length]!;
    const id = randomUUID();
    const stream = `candidate:${id}`;
    const all: Step[] = [{ type: 'DISCOVER', payload: { kind: h.kind, name: `Điển hình ${n}`, unitId, field: 'ECONOMY', year: 2025, discoveryChannel: 'INSPECTION', achievement: 'Thành tích tiêu biểu' }, from: null, to: 'discovered' }, ...h.steps];
    const contents: AuditContent[] = [];
    all.forEach((s, i) => {
      const content: AuditContent = {
        stream,
        seq: i + 1,
        candidateId: id,
        eventType: s.type,
        payload: s.payload,
        fromState: s.from,
        toState: s.to,
        actor: i % 4 === 3 ? 'thuongtruc' : 'truongdonvi',
        occurredAt: new Date(clock.now++).toISOString(),
        machineVersion: CANDIDATE_MACHINE_VERSION,
        prevHash: null,
      };
      contents.push(content);
    });
    candidates.push({ id, doc: { kind: h.kind, state: h.snapshot.value, snapshot: h.snapshot, version: all.length } });
    pending.push({ id, contents });
    written += all.length;
    if (written - from >= 5000 * (flushes + 1)) {
      flushes += 1;
      await flush();
    }
  }
  await flush();
  return written;
}

/**
 * One verification by the command line, with the CPU it cost: the verifier's (all its threads) and the PostgreSQL
 * backends' that served it (they exit with its connections; an autovacuum worker that ended meanwhile is counted
 * too, so the figure is an upper bound). On two cores, their sum against twice the wall time says whether more
 * workers can help.
 */
async function verifyWithCli(kept: string, signingKey: string, keyDir: string, workers: number): Promise<{ report: VerificationReport; wallMs: number; verifierCpuMs: number; postgresCpuMs: number | null }> {
  const postgres0 = postmaster ? exitedChildrenCpuMs(postmaster) : 0;
  const verifier0 = exitedChildrenCpuMs(process.pid);
  const started = Date.now();
  const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, 'dist/apps/api/src/audit/cli.js', 'verify', '--json', '--workers', String(workers), '--checkpoint', kept], {
    env: { ...process.env, DATABASE_URL: url, AUDIT_SIGNING_KEY: signingKey, KEY_DIR: keyDir, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`verification failed (exit ${child.status}): ${child.stderr}\n${child.stdout.slice(0, 2000)}`);
  const wallMs = Date.now() - started;
  const verifierCpuMs = exitedChildrenCpuMs(process.pid) - verifier0;
  // The backends end when the verifier's connections close: give the postmaster a moment to reap them.
  await new Promise((r) => setTimeout(r, 300));
  const postgresCpuMs = postmaster ? exitedChildrenCpuMs(postmaster) - postgres0 : null;
  return { report: JSON.parse(child.stdout) as VerificationReport, wallMs, verifierCpuMs, postgresCpuMs };
}

Logger.overrideLogger(['error']);
const admin = new pg.Client({ connectionString: SERVER });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${DB}`);
const postmaster = await postmasterPid(admin);
// BENCH_KEY_DIR and BENCH_SIGNING_KEY keep the trail's keys for another bench (bench/backup.ts) that uses --keep.
const work = process.env.BENCH_KEY_DIR ?? mkdtempSync(join(tmpdir(), 'dth-bench-audit-'));
try {
  const signingKey = process.env.BENCH_SIGNING_KEY ?? generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const config = loadConfig({ DATABASE_URL: url, AUDIT_SIGNING_KEY: signingKey, DB_STATEMENT_TIMEOUT_MS: '600000' });
  const dataSource = new DataSource(dataSourceOptions(url, { ...config, DB_POOL_MAX: 2 }));
  await dataSource.initialize();
  await migrateWithLock(dataSource);
  recordKeys = new AuditRecordKeys(loadConfig({ DATABASE_URL: url, KEY_DIR: work }));
  recordKeys.resolve({ mayCreate: true });
  const keyring = new AuditKeyring(config);
  keyring.resolve({ mayCreate: false });
  const checkpoints = new AuditCheckpoints(dataSource, new CheckpointRepository(dataSource), keyring, new AuditWitness(config));

  const client = new pg.Client({ connectionString: url });
  client.on('error', (error: Error) => say(`connection lost: ${error.message}`));
  await client.connect();
  const unitId = randomUUID();
  await client.query(`INSERT INTO unit (id, code, name, level, sector, parent_id, path, version, created_at, updated_at) VALUES ($1::uuid, 'BENCH', 'Tỉnh thử tải', 'PROVINCE', 'STATE', NULL, $2, 1, now(), now())`, [unitId, `/${unitId}/`]);
  const clock = { now: Date.UTC(2025, 0, 1) };
  const unitRecord: AuditContent = { stream: `unit:${unitId}`, seq: 1, candidateId: null, eventType: 'UNIT_CREATED', payload: { name: 'Tỉnh thử tải', level: 'PROVINCE', sector: 'STATE', code: 'BENCH' }, fromState: null, toState: null, actor: 'bench', occurredAt: new Date(clock.now++).toISOString(), machineVersion: null, prevHash: null };
  const [unitRow] = chain([unitRecord], [{ table: 'unit', key: { id: unitId }, digest: (await digests(client, 'unit', [unitId])).get(unitId)! }]);
  await client.query(
    `INSERT INTO audit_event (stream, seq, candidate_id, event_type, payload, from_state, to_state, actor, occurred_at, machine_version, prev_hash, hash, attests, mac, mac_key_id) VALUES ($1, 1, NULL, $2, $3, NULL, NULL, $4, $5, NULL, NULL, $6, $7, $8, $9)`,
    [unitRow!.stream, unitRow!.eventType, JSON.stringify(unitRow!.payload), unitRow!.actor, unitRow!.occurredAt, unitRow!.hash, JSON.stringify(unitRow!.attests), unitRow!.mac, unitRow!.macKeyId],
  );
  const histories = walks(500);
  const rows: Record<string, number>[] = [];
  const figures: Figure[] = [];
  let written = 1;
  for (const size of CANDIDATES ? [Infinity] : [Math.round(TARGET / 10), TARGET]) {
    const t0 = Date.now();
    written = await generate(client, unitId, histories, written, size, clock, CANDIDATES ?? Infinity);
    const generatedMs = Date.now() - t0;
    await client.query('ANALYZE audit_event; ANALYZE candidate');
    const t1 = Date.now();
    // One checkpoint covers at most MAX_NEW_LEAVES records: catch up as the scheduler does.
    let built: BuildOutcome;
    let newLeaves = 0;
    do {
      built = await checkpoints.build();
      if (built.status === 'created') newLeaves += built.newLeaves;
    } while (built.status === 'created' && built.more);
    const checkpointMs = Date.now() - t1;
    const kept = join(work, `kept-${written}.json`);
    const latest = await checkpoints.latest();
    if (!latest || latest.treeSize !== written) throw new Error(`no checkpoint over all ${written} records: ${built.status}`);
    writeFileSync(kept, JSON.stringify(latest));
    if (VERIFY_RUNS === 0) {
      say(`${written} records: generated in ${((Date.now() - t0) / 1000).toFixed(1)} s; checkpoints over ${newLeaves} new leaves signed in ${(checkpointMs / 1000).toFixed(1)} s (not verified here)`);
      continue;
    }
    // Several verification runs of the same trail for each worker count: the figure is their median, with min and max.
    say(`${written} records: generated in ${(generatedMs / 1000).toFixed(1)} s; checkpoints over ${newLeaves} new leaves signed in ${(checkpointMs / 1000).toFixed(1)} s`);
    for (const workers of WORKERS) {
      const runs: Awaited<ReturnType<typeof verifyWithCli>>[] = [];
      for (let run = 0; run < VERIFY_RUNS; run++) runs.push(await verifyWithCli(kept, signingKey, work, workers));
      for (const { report } of runs) {
        if (!report.ok || report.records !== written) throw new Error(`unexpected report: ${JSON.stringify(report.summary)}`);
      }
      const bySpeed = [...runs].sort((a, b) => a.report.recordsPerSecond - b.report.recordsPerSecond);
      const { report, wallMs, verifierCpuMs, postgresCpuMs } = bySpeed[Math.floor((bySpeed.length - 1) / 2)]!;
      const slowest = bySpeed[0]!.report.recordsPerSecond;
      const fastest = bySpeed[bySpeed.length - 1]!.report.recordsPerSecond;
      const peakRssMb = Math.max(...runs.map((r) => r.report.peakRssMb));
      const size = `${written.toLocaleString('en-US')} records, ${workers} worker${workers === 1 ? '' : 's'}`;
      figures.push(
        figure(`audit verification, ${size}`, 'records/s', runs.map((r) => r.report.recordsPerSecond), atLeast(100_000)),
        figure(`audit verification peak RSS, ${size} (--max-old-space-size=${HEAP_MB})`, 'MB', runs.map((r) => r.report.peakRssMb)),
      );
      rows.push({ records: written, workers, generatedMs, checkpointMs, newLeaves, verifyMs: report.durationMs, wallMs, verifierCpuMs, postgresCpuMs: postgresCpuMs ?? -1, recordsPerSecond: report.recordsPerSecond, slowest, fastest, runs: runs.length, peakRssMb, chainsMs: report.timings.chainsMs, coverageMs: report.timings.coverageMs, checkpointsMs: report.timings.checkpointsMs });
      say(
        `  verify, ${workers} worker${workers === 1 ? '' : 's'} (median of ${runs.length} runs): ${(report.durationMs / 1000).toFixed(1)} s (side by side: chains + replay + MACs ${(report.timings.chainsMs / 1000).toFixed(1)} s, rows ${(report.timings.coverageMs / 1000).toFixed(1)} s, checkpoints ${(report.timings.checkpointsMs / 1000).toFixed(1)} s), ` +
          `${report.recordsPerSecond} records/s (min ${slowest}, max ${fastest}), peak RSS ${peakRssMb} MB, ${report.replay.replayed} candidates replayed`,
      );
      const cores = ((verifierCpuMs + (postgresCpuMs ?? 0)) / wallMs).toFixed(2);
      say(
        `    CPU of that run: verifier ${(verifierCpuMs / 1000).toFixed(1)} s` +
          (postgresCpuMs === null ? '' : `, PostgreSQL backends ${(postgresCpuMs / 1000).toFixed(1)} s`) +
          ` in ${(wallMs / 1000).toFixed(1)} s of wall time (${cores} of ${cpus().length} cores busy on average)`,
      );
    }
  }
  await client.end();
  await dataSource.destroy();
  // The trail --candidates makes for bench/backup.ts is not a figure of its own.
  if (!CANDIDATES && figures.length) recordFigures('audit-verify', figures);
  say(JSON.stringify({ node: process.version, cpus: cpus().length, load: loadavg().map((l) => Number(l.toFixed(2))), heapCapMb: HEAP_MB, results: rows }));
} finally {
  if (!process.env.BENCH_KEY_DIR) rmSync(work, { recursive: true, force: true });
  if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
}
