/**
 * Audit coverage: every fact a decision or an access right rests on is vouched for by the audit trail, and only
 * the application can write records. Each attack is made straight in the database (the owner's rights, or only
 * INSERT on the trail) and verification names exactly the table, the row and the record it contradicts.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditHash } from '../apps/api/src/audit/audit-hash.js';
import { AuditRecordKeys, RECORD_KEYS_FILE, recordMac, rotateRecordKey } from '../apps/api/src/audit/audit-record-keys.js';
import { contentOf } from '../apps/api/src/audit/chain-checker.js';
import { TABLE_COVERAGE } from '../apps/api/src/audit/coverage.js';
import { LEGACY_RECORDS_STREAM, LegacyRecordsSeal } from '../apps/api/src/audit/legacy-records.js';
import { accountStream, candidateStream, reviewSessionStream } from '../apps/api/src/audit/streams.js';
import { ConfigError, loadConfig } from '../apps/api/src/config/app-config.js';
import type { AuditProblem } from '../apps/api/src/audit/audit-problems.js';
import { startTestApp, type TestApp } from './support/app.js';
import { newCandidate, newUnit } from './support/factories.js';
import { recordsOf, rehashChain, verify } from './audit-support.js';

jest.setTimeout(180_000);

let t: TestApp;
const onServer = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  // This suite tampers on purpose: the harness's own verification on close would (rightly) fail it.
  t = await startTestApp({}, { verifyOnClose: false });
});
afterAll(async () => {
  await t?.close();
});

/** What names a finding: its code, table, row and the record it contradicts. */
const named = (p: AuditProblem) => ({ kind: p.kind, table: p.table, rowKey: p.rowKey, stream: p.stream, seq: p.seq });

/** The record that last vouched for a row (before any tampering). */
async function lastAttestation(table: string, key: Record<string, unknown>): Promise<{ stream: string; seq: number }> {
  const [row] = await t.admin.query<{ stream: string; seq: number }>(
    `SELECT e.stream, e.seq FROM audit_event e CROSS JOIN LATERAL jsonb_array_elements(e.attests) a
      WHERE a->>'table' = $1 AND a->'key' = $2::jsonb ORDER BY e.id DESC LIMIT 1`,
    [table, JSON.stringify(key)],
  );
  expect(row).toBeDefined();
  return row!;
}

const coverageOfRow = async (table: string, key: Record<string, unknown>) =>
  (await verify(t)).coverage.problems.filter((p) => p.table === table && JSON.stringify(p.rowKey) === JSON.stringify(key)).map(named);

describe('the registry of covered tables', () => {
  it('declares every table of the database, and every attested table notes its writes', async () => {
    const tables = (await t.admin.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`)).map(
      (r) => r.table_name,
    );
    const declared = Object.keys(TABLE_COVERAGE).sort();
    // A new table must be declared in apps/api/src/audit/coverage.ts (attested, audit, or operational with a reason).
    expect(tables.filter((name) => !declared.includes(name))).toEqual([]);
    expect(declared.filter((name) => !tables.includes(name))).toEqual([]);

    const triggers = await t.admin.query<{ table_name: string; key: string[] }>(
      `SELECT c.relname AS table_name, json_agg(a.attname) AS key
         FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
         JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
        WHERE tg.tgname = 'audit_row_write' GROUP BY c.relname`,
    );
    const attested = Object.entries(TABLE_COVERAGE).filter(([, c]) => c.kind === 'attested');
    // Each attested table has the trigger, and the registry's key is its primary key.
    expect(Object.fromEntries(triggers.map((r) => [r.table_name, [...r.key].sort()]))).toEqual(
      Object.fromEntries(attested.map(([table, c]) => [table, [...(c as { key: readonly string[] }).key].sort()])),
    );
    for (const [, c] of Object.entries(TABLE_COVERAGE)) if (c.kind !== 'attested') expect(c.reason.length).toBeGreaterThan(10);
  });
});

describe('an untouched trail', () => {
  it('verifies intact: every record authenticated, every covered row vouched for', async () => {
    await newCandidate(t, { state: 'recognised' });
    const report = await verify(t);
    expect([...report.chains.problems, ...report.authentication.problems, ...report.coverage.problems, ...report.replay.problems]).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.authentication).toMatchObject({ authenticated: report.records, legacy: 0 });
    expect(report.coverage.tables).toBe(Object.values(TABLE_COVERAGE).filter((c) => c.kind === 'attested').length);
    const [{ n }] = await t.admin.query<{ n: number }>('SELECT (SELECT count(*) FROM candidate) + (SELECT count(*) FROM ballot_box) + (SELECT count(*) FROM account) AS n');
    expect(report.coverage.rows).toBeGreaterThan(Number(n));
  });
});

describe('attacks in the database are named: table, row, and the record contradicted', () => {
  it('1. a sealed urn’s choices changed after voting closed: named against the session’s VOTING_CLOSED record', async () => {
    const c = await newCandidate(t, { state: 'underReview' });
    const { decideThroughCouncil } = await import('./support/council.js');
    const { sessionId, itemIds } = await decideThroughCouncil(t, [c.id], 'RECOGNISE', { ballot: 'SECRET' });
    const itemId = itemIds[0]!;
    const [closed] = await t.admin.query<{ seq: number }>(`SELECT seq FROM audit_event WHERE stream = $1 AND event_type = 'VOTING_CLOSED'`, [reviewSessionStream(sessionId)]);
    const key = { item_id: itemId };
    expect(await lastAttestation('ballot_box', key)).toEqual({ stream: reviewSessionStream(sessionId), seq: closed!.seq });

    await t.admin.query(`UPDATE ballot_box SET ballots = (SELECT jsonb_agg(jsonb_set(b, '{choice}', '"AGAINST"')) FROM jsonb_array_elements(ballots) b) WHERE item_id = $1`, [itemId]);
    expect(await coverageOfRow('ballot_box', key)).toEqual([{ kind: 'ROW_CHANGED', table: 'ballot_box', rowKey: key, stream: reviewSessionStream(sessionId), seq: closed!.seq }]);
  });

  it('2a. an account’s role raised from unit head to council secretary', async () => {
    const head = await t.newAccount('truongdonvi2', 'UNIT_HEAD', t.provinceId);
    const [{ id }] = await t.admin.query<{ id: string }>('SELECT id FROM account WHERE username = $1', [head.username]);
    const key = { id };
    const attested = await lastAttestation('account', key);
    expect(attested.stream).toBe(accountStream(id));

    await t.admin.query(`UPDATE account SET role = 'COUNCIL_SECRETARY' WHERE id = $1`, [id]);
    expect(await coverageOfRow('account', key)).toEqual([{ kind: 'ROW_CHANGED', table: 'account', rowKey: key, ...attested }]);
  });

  it('2b. a candidate moved to another unit and renamed, its state untouched', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const other = await newUnit(t);
    const key = { id: c.id };
    await t.admin.query(`UPDATE candidate SET unit_id = $2, name = 'Hợp tác xã khác' WHERE id = $1`, [c.id, other.id]);
    expect(await coverageOfRow('candidate', key)).toEqual([{ kind: 'ROW_CHANGED', table: 'candidate', rowKey: key, stream: candidateStream(c.id), seq: c.version }]);
    // The replay of the candidate (state, snapshot, version) alone would not have seen it.
    expect((await verify(t)).replay.problems.filter((p) => p.candidateId === c.id)).toEqual([]);
  });

  it('3. an evidence file’s content and its sha256 replaced together; and content alone', async () => {
    const together = await newCandidate(t, { state: 'underReview' });
    const alone = await newCandidate(t, { state: 'underReview' });
    const fileOf = async (candidateId: string) => (await t.admin.query<{ id: string }>('SELECT id FROM evidence_file WHERE candidate_id = $1', [candidateId]))[0]!.id;
    const [bothId, contentId] = [await fileOf(together.id), await fileOf(alone.id)];
    const forged = Buffer.from('%PDF-1.4 forged');
    await t.admin.query('UPDATE evidence_file SET content = $2, sha256 = $3 WHERE id = $1', [bothId, forged, createHash('sha256').update(forged).digest('hex')]);
    await t.admin.query('UPDATE evidence_file SET content = $2 WHERE id = $1', [contentId, forged]);

    // Attached by the candidate's second record (ATTACH_EVIDENCE).
    expect(await coverageOfRow('evidence_file', { id: bothId })).toEqual([{ kind: 'ROW_CHANGED', table: 'evidence_file', rowKey: { id: bothId }, stream: candidateStream(together.id), seq: 2 }]);
    expect(await coverageOfRow('evidence_file', { id: contentId })).toEqual([
      { kind: 'EVIDENCE_CONTENT_CHANGED', table: 'evidence_file', rowKey: { id: contentId }, stream: candidateStream(alone.id), seq: 2 },
    ]);
  });

  it('3b. a row inserted and a row deleted outside the application', async () => {
    const unit = await newUnit(t);
    const [plan] = await t.admin.query<{ id: string }>('SELECT id FROM nurturing_plan LIMIT 1');
    const attested = await lastAttestation('nurturing_plan', { id: plan!.id });
    await t.admin.query('DELETE FROM nurturing_plan WHERE id = $1', [plan!.id]);
    const fakeId = '00000000-0000-4000-8000-00000000f00d';
    await t.admin.query(`INSERT INTO unit (id, code, name, level, sector, parent_id, path, version, created_at, updated_at) SELECT $1, 'GIA', 'Đơn vị giả', level, sector, parent_id, path || 'x', 1, now(), now() FROM unit WHERE id = $2`, [
      fakeId,
      unit.id,
    ]);
    const report = await verify(t);
    expect(report.coverage.problems.filter((p) => ['nurturing_plan', 'unit'].includes(p.table!) && [plan!.id, fakeId].includes((p.rowKey as { id: string }).id)).map(named)).toEqual([
      { kind: 'ROW_MISSING', table: 'nurturing_plan', rowKey: { id: plan!.id }, ...attested },
      { kind: 'ROW_NOT_ATTESTED', table: 'unit', rowKey: { id: fakeId }, stream: undefined, seq: undefined },
    ]);
  });

  it('4. a record appended at the end of a chain with a correct hash and a forged actor: not written by the application', async () => {
    const account = await t.newAccount('uyvien9', 'COUNCIL_MEMBER', t.provinceId);
    const [{ id }] = await t.admin.query<{ id: string }>('SELECT id FROM account WHERE username = $1', [account.username]);
    const stream = accountStream(id);
    const forge = async (mac: string | null, keyId: string | null, asInsertOnly = false) => {
      const head = (await recordsOf(t, stream)).at(-1)!;
      const content = { ...contentOf(head), seq: head.seq + 1, eventType: 'ACCOUNT_ROLE_CHANGED', payload: { from: 'COUNCIL_MEMBER', to: 'ADMIN' }, actor: 'admin', prevHash: head.hash, occurredAt: new Date().toISOString() };
      delete (content as { attests?: unknown }).attests;
      const hash = auditHash(content);
      const insert = `INSERT INTO audit_event (stream, seq, candidate_id, event_type, payload, from_state, to_state, actor, occurred_at, machine_version, prev_hash, hash, mac, mac_key_id)
                      VALUES ($1, $2, NULL, $3, $4, NULL, NULL, $5, $6, NULL, $7, $8, $9, $10)`;
      const params = [stream, content.seq, content.eventType, JSON.stringify(content.payload), content.actor, content.occurredAt, content.prevHash, hash, mac, keyId];
      if (asInsertOnly) {
        // A role that may only INSERT into the trail (as the application's login may).
        await t.admin.query(`DO $$ BEGIN CREATE ROLE dth_forger NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
        await t.admin.query('GRANT INSERT ON audit_event TO dth_forger');
        await t.admin.query('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dth_forger');
        await t.admin.query(`BEGIN; SET LOCAL ROLE dth_forger; ${insert.replace(/\$(\d+)/g, (_m, n: string) => literal(params[Number(n) - 1]))}; COMMIT;`);
      } else {
        await t.admin.query(insert, params);
      }
      return { seq: content.seq, hash };
    };
    const first = await forge(null, null, onServer);
    const byStream = async () => (await verify(t)).authentication.problems.filter((p) => p.stream === stream).map((p) => ({ kind: p.kind, seq: p.seq, actor: p.detail?.actor }));
    expect(await byStream()).toEqual([{ kind: 'RECORD_NOT_AUTHENTICATED', seq: first.seq, actor: 'admin' }]);
    // The chain itself is intact: only the MAC tells it apart.
    expect((await verify(t)).chains.problems.filter((p) => p.stream === stream)).toEqual([]);
  });

  it('4b. a record with a MAC of a made-up key, and one with a guessed MAC under the real key id', async () => {
    const forgedKey = await t.newAccount('uyvien10', 'COUNCIL_MEMBER', t.provinceId);
    const forgedMac = await t.newAccount('uyvien11', 'COUNCIL_MEMBER', t.provinceId);
    const keys = t.running.app.get(AuditRecordKeys);
    const results: Record<string, unknown>[] = [];
    for (const [account, keyId] of [
      [forgedKey, 'rk-attacker'],
      [forgedMac, keys.currentKeyId!],
    ] as const) {
      const [{ id }] = await t.admin.query<{ id: string }>('SELECT id FROM account WHERE username = $1', [account.username]);
      const stream = accountStream(id);
      const head = (await recordsOf(t, stream)).at(-1)!;
      const content = { ...contentOf(head), seq: head.seq + 1, eventType: 'ACCOUNT_DISABLED', payload: {}, actor: 'admin', prevHash: head.hash };
      delete (content as { attests?: unknown }).attests;
      const hash = auditHash(content);
      await t.admin.query(
        `INSERT INTO audit_event (stream, seq, event_type, payload, actor, occurred_at, prev_hash, hash, mac, mac_key_id) VALUES ($1, $2, $3, '{}', 'admin', $4, $5, $6, $7, $8)`,
        [stream, content.seq, content.eventType, content.occurredAt, head.hash, hash, recordMac(randomBytes(32), hash), keyId],
      );
      results.push({ stream, seq: content.seq });
    }
    const problems = (await verify(t)).authentication.problems;
    expect(results.map((r) => problems.filter((p) => p.stream === r.stream).map((p) => ({ kind: p.kind, seq: p.seq })))).toEqual([
      [{ kind: 'RECORD_KEY_UNKNOWN', seq: results[0]!.seq }],
      [{ kind: 'RECORD_FORGED', seq: results[1]!.seq }],
    ]);
  });

  it('5. a record edited and its chain recomputed: the first record whose MAC no longer matches is named', async () => {
    const unit = await newUnit(t);
    const stream = `unit:${unit.id}`;
    const renamed = await t.as('admin').patch(`/api/units/${unit.id}`).send({ name: 'Tên mới của đơn vị', expectedVersion: 1 });
    expect(renamed.status).toBe(200);
    const rows = await recordsOf(t, stream);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    await t.admin.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await t.admin.query(`UPDATE audit_event SET actor = 'kiemtra' WHERE id = $1`, [rows[0]!.id]);
    await t.admin.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    await rehashChain(t, stream);

    const report = await verify(t);
    expect(report.chains.problems.filter((p) => p.stream === stream)).toEqual([]);
    expect(report.authentication.problems.filter((p) => p.stream === stream).map((p) => ({ kind: p.kind, seq: p.seq, auditId: p.auditId }))).toEqual([
      { kind: 'RECORD_FORGED', seq: 1, auditId: String(rows[0]!.id) },
    ]);
  });
});

describe('records written before records were authenticated', () => {
  it('are sealed once at start; a record without a MAC after the seal is named', async () => {
    const stream = 'legacy:test';
    const insert = async (seq: number, prev: string | null) => {
      const content = { stream, seq, candidateId: null, eventType: 'OLD', payload: {}, fromState: null, toState: null, actor: 'cu', occurredAt: new Date().toISOString(), machineVersion: null, prevHash: prev };
      const hash = auditHash(content);
      await t.admin.query(`INSERT INTO audit_event (stream, seq, event_type, payload, actor, occurred_at, prev_hash, hash) VALUES ($1, $2, 'OLD', '{}', 'cu', $3, $4, $5)`, [stream, seq, content.occurredAt, prev, hash]);
      return hash;
    };
    const first = await insert(1, null);
    // What the first start with record keys does (here after the fact, as on an upgraded installation).
    await t.running.app.get(LegacyRecordsSeal).seal();
    await t.running.app.get(LegacyRecordsSeal).seal();
    expect((await recordsOf(t, LEGACY_RECORDS_STREAM)).map((r) => r.event_type)).toEqual(['LEGACY_RECORDS_SEALED']);
    let report = await verify(t);
    expect(report.authentication.problems.filter((p) => p.stream === stream || p.stream === LEGACY_RECORDS_STREAM)).toEqual([]);
    expect(report.authentication.legacy).toBeGreaterThanOrEqual(1);

    await insert(2, first);
    report = await verify(t);
    expect(report.authentication.problems.filter((p) => p.stream === stream).map((p) => ({ kind: p.kind, seq: p.seq }))).toEqual([{ kind: 'RECORD_NOT_AUTHENTICATED', seq: 2 }]);
  });
});

describe('the record keys', () => {
  it('are created on first start in the key directory (mode 600), rotate, and old keys keep verifying', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dth-keys-'));
    try {
      const first = new AuditRecordKeys(loadConfig({ KEY_DIR: dir }));
      first.resolve({ mayCreate: true });
      expect(statSync(join(dir, RECORD_KEYS_FILE)).mode & 0o777).toBe(0o600);
      const signed = first.sign('a'.repeat(64));
      const rotated = rotateRecordKey(dir);
      const second = new AuditRecordKeys(loadConfig({ KEY_DIR: dir }));
      second.resolve({ mayCreate: false });
      expect(second.currentKeyId).toBe(rotated);
      expect(second.check('a'.repeat(64), signed.mac, signed.keyId)).toBe('VALID');
      expect(second.sign('a'.repeat(64)).keyId).toBe(rotated);
      expect(second.check('b'.repeat(64), signed.mac, signed.keyId)).toBe('INVALID');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a server without KEY_DIR takes AUDIT_RECORD_KEYS, or refuses to start', () => {
    const url = 'postgres://dth_app@127.0.0.1:5432/dien_hinh';
    const secret = randomBytes(32).toString('base64');
    const fromEnv = new AuditRecordKeys(loadConfig({ DATABASE_URL: url, AUDIT_RECORD_KEYS: `old:${randomBytes(32).toString('base64')},new:${secret}` }));
    fromEnv.resolve({ mayCreate: true });
    expect(fromEnv.currentKeyId).toBe('new');
    expect(fromEnv.keyIds).toEqual(['old', 'new']);
    expect(() => new AuditRecordKeys(loadConfig({ DATABASE_URL: url })).resolve({ mayCreate: true })).toThrow(ConfigError);
  });
});

describe('the test harness verifies each file’s database on close', () => {
  it('fails a test app whose database holds a row no record vouches for', async () => {
    const other = await startTestApp();
    await other.admin.query(`UPDATE candidate SET name = name`); // no candidate: nothing to find
    await other.admin.query(`INSERT INTO unit (id, code, name, level, sector, parent_id, path, version, created_at, updated_at) SELECT '00000000-0000-4000-8000-0000000000aa', 'X1', 'Ngoài ứng dụng', level, sector, id, path || 'y', 1, now(), now() FROM unit WHERE id = $1`, [other.provinceId]);
    await expect(other.close()).rejects.toThrow(/not intact[\s\S]*ROW_NOT_ATTESTED[\s\S]*"unit"/);
  });
});

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}
