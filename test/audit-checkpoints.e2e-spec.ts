/**
 * Signed checkpoints: leaves numbered in commit order, Ed25519 signatures only a trusted key makes,
 * consistency proofs between tree sizes, append-only tables, and where the signing key comes from.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditRecordKeys } from '../apps/api/src/audit/audit-record-keys.js';
import { auditHash } from '../apps/api/src/audit/audit-hash.js';
import { AuditKeyring, SIGNING_KEY_FILE } from '../apps/api/src/audit/audit-keyring.js';
import { AuditCheckpoints } from '../apps/api/src/audit/audit-checkpoints.service.js';
import { AuditWriter } from '../apps/api/src/audit/audit.writer.js';
import { CheckpointRepository } from '../apps/api/src/audit/checkpoint.repository.js';
import { checkSignature, signedBytes, type SignedCheckpoint } from '../apps/api/src/audit/checkpoint-format.js';
import { keyIdOf, publicKeyText } from '../apps/api/src/audit/ed25519.js';
import { rootOf, recordLeafHash, verifyConsistency } from '../apps/api/src/audit/merkle.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { startTestApp, type TestApp } from './support/app.js';
import { onServer } from './support/databases.js';
import { newUnit } from './support/factories.js';
import { AUDITOR, checkpoints, newSigningKey, tamper, verify } from './audit-support.js';

// Starting an application on its own database, and long walks of events, outlast Jest's default 5 s.
jest.setTimeout(120_000);

const ADMIN = 'admin';
let t: TestApp;
const key = newSigningKey();
const trusted = new Map([[keyIdOf(key.publicKey), key.publicKey]]);

beforeAll(async () => {
  // Tampers on purpose: the harness's verification on close would (rightly) fail it.
  t = await startTestApp(key.env, { verifyOnClose: false });
});
afterAll(async () => {
  await t?.close();
});

const recordCount = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n);
const leafOf = async (auditId: string) => Number((await t.dataSource.query('SELECT leaf_index::int AS i FROM audit_leaf WHERE audit_id = $1', [auditId]))[0]?.i ?? -1);
/** What a forger does: a well-formed checkpoint, signed with a key of their own. */
const signWith = (c: SignedCheckpoint, privateKey: KeyObject): SignedCheckpoint => ({ ...c, signature: sign(null, signedBytes(c), privateKey).toString('base64') });
/** Each unit created appends exactly one record. */
const addRecords = async (n: number) => {
  for (let i = 0; i < n; i++) await newUnit(t, { name: `Đơn vị ${i}` });
};

describe('building checkpoints', () => {
  it('covers every record with a leaf and signs the tree head; says so when nothing is new', async () => {
    await addRecords(2);
    const created = await t.as(ADMIN).post('/api/audit/checkpoints');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'created', checkpoint: { treeSize: await recordCount(), keyId: keyIdOf(key.publicKey) } });
    expect(checkSignature(created.body.checkpoint as SignedCheckpoint, trusted)).toBe('VALID');

    const again = await t.as(ADMIN).post('/api/audit/checkpoints');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'unchanged', checkpoint: { treeSize: created.body.checkpoint.treeSize } });

    // The signed root is the RFC 6962 root of the records' hashes in leaf order.
    const leaves: { hash: string }[] = await t.dataSource.query('SELECT e.hash FROM audit_leaf l JOIN audit_event e ON e.id = l.audit_id ORDER BY l.leaf_index');
    expect(rootOf(leaves.map((l) => recordLeafHash(l.hash))).toString('hex')).toBe(created.body.checkpoint.rootHash);
  });

  it('a record that took a smaller id but committed later is covered by the next checkpoint, at a later leaf', async () => {
    // What a slow transaction does: take an id, and commit only after others have.
    const [{ id: lateId }] = await t.dataSource.query(`SELECT nextval(pg_get_serial_sequence('audit_event', 'id'))::text AS id`);
    await addRecords(1);
    const [{ id: earlyId }] = await t.dataSource.query('SELECT max(id)::text AS id FROM audit_event');
    expect(Number(earlyId)).toBeGreaterThan(Number(lateId));
    expect((await checkpoints(t).build()).status).toBe('created');

    const content = {
      stream: 'test:late',
      seq: 1,
      candidateId: null,
      eventType: 'LATE_COMMIT',
      payload: {},
      fromState: null,
      toState: null,
      actor: 'kiem-thu',
      occurredAt: new Date().toISOString(),
      machineVersion: null,
      prevHash: null,
    };
    // Written as the application writes it: with its MAC (audit-record-keys.ts).
    const hash = auditHash(content);
    const { mac, keyId } = t.running.app.get(AuditRecordKeys).sign(hash);
    await t.dataSource.query(
      `INSERT INTO audit_event (id, stream, seq, candidate_id, event_type, payload, from_state, to_state, actor, occurred_at, machine_version, prev_hash, hash, mac, mac_key_id)
       VALUES ($1, $2, 1, NULL, $3, '{}', NULL, NULL, $4, $5, NULL, NULL, $6, $7, $8)`,
      [lateId, content.stream, content.eventType, content.actor, content.occurredAt, hash, mac, keyId],
    );
    const outcome = await checkpoints(t).build();
    expect(outcome).toMatchObject({ status: 'created', newLeaves: 1 });
    expect(await leafOf(lateId)).toBeGreaterThan(await leafOf(earlyId));
    expect((await verify(t)).ok).toBe(true);
  });

  if (onServer) {
    it('a transaction still open while a checkpoint is built is covered by the next one (two connections)', async () => {
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        const open = await t.running.app.get(AuditWriter).append(runner.manager, { stream: 'test:open', eventType: 'SLOW', payload: {}, actor: 'kiem-thu', occurredAt: new Date() });
        await addRecords(1);
        const first = await checkpoints(t).build();
        expect(first.status).toBe('created');
        expect(await leafOf(open.id)).toBe(-1);
        await runner.commitTransaction();
        const second = await checkpoints(t).build();
        expect(second).toMatchObject({ status: 'created', newLeaves: 1 });
        expect(await leafOf(open.id)).toBe((first as { checkpoint: SignedCheckpoint }).checkpoint.treeSize);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
      expect((await verify(t)).ok).toBe(true);
    });
  }

  it('the leaf and checkpoint tables refuse changes; a covered record cannot be deleted even with the trigger off', async () => {
    await expect(t.admin.query('UPDATE audit_leaf SET hash = hash')).rejects.toThrow(/audit_leaf is append-only: UPDATE refused/);
    await expect(t.admin.query('DELETE FROM audit_checkpoint')).rejects.toThrow(/audit_checkpoint is append-only: DELETE refused/);
    await expect(t.admin.query('TRUNCATE audit_leaf')).rejects.toThrow(/append-only|foreign key/);
    const [{ id }] = await t.dataSource.query('SELECT audit_id::text AS id FROM audit_leaf ORDER BY leaf_index LIMIT 1');
    await expect(tamper(t, [['DELETE FROM audit_event WHERE id = $1', [id]]])).rejects.toThrow(/foreign key/);
    expect(await leafOf(id)).toBe(0);
  });
});

describe('the file an auditor keeps', () => {
  it('is the latest checkpoint, downloadable, verifiable with the public key alone', async () => {
    const res = await t.as(AUDITOR).get('/api/audit/checkpoints/latest');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Diem kiem \d+\.json"; filename\*=UTF-8''%C4%90i%E1%BB%83m%20ki%E1%BB%83m%20\d+\.json$/);
    expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'format', 'keyId', 'publicKey', 'rootHash', 'signature', 'treeSize']);
    expect(res.body.publicKey).toBe(publicKeyText(key.publicKey));
    expect(checkSignature(res.body, trusted)).toBe('VALID');
    const list = await t.as(AUDITOR).get('/api/audit/checkpoints?pageSize=2');
    expect(list.body.items[0]).toEqual(res.body);
    expect(list.body.total).toBeGreaterThanOrEqual(list.body.items.length);
  });

  it('one signed with another key is refused, however it is dressed up; an altered one too', async () => {
    const genuine = (await checkpoints(t).latest())!;
    const other = generateKeyPairSync('ed25519');
    const otherKeyId = keyIdOf(other.publicKey);

    const ownKeyOfTheirs = signWith({ ...genuine, keyId: otherKeyId, publicKey: publicKeyText(other.publicKey) }, other.privateKey);
    const claimsOurKeyId = signWith({ ...genuine, publicKey: publicKeyText(other.publicKey) }, other.privateKey);
    const claimsOurKey = signWith(genuine, other.privateKey);
    const alteredRoot = { ...genuine, rootHash: 'a'.repeat(64) };

    const res = await t
      .as(AUDITOR)
      .post('/api/audit/verify')
      .send({ checkpoints: [genuine, ownKeyOfTheirs, claimsOurKeyId, claimsOurKey, alteredRoot, { format: 'khac' }] });
    expect(res.status).toBe(200);
    const verdicts = (res.body.supplied as { ok: boolean; problems: { kind: string }[] }[]).map((s) => ({ ok: s.ok, kinds: s.problems.map((p) => p.kind) }));
    expect(verdicts).toEqual([
      { ok: true, kinds: [] },
      { ok: false, kinds: ['KEY_NOT_TRUSTED'] },
      { ok: false, kinds: ['KEY_ID_MISMATCH'] },
      { ok: false, kinds: ['SIGNATURE_INVALID'] },
      { ok: false, kinds: ['SIGNATURE_INVALID'] },
      { ok: false, kinds: ['CHECKPOINT_MALFORMED'] },
    ]);
    expect(res.body.ok).toBe(false);
    expect(res.body.supplied[1].problems[0]).toMatchObject({ message: 'Điểm kiểm được ký bằng một khóa không được tin cậy.', messageEn: 'The checkpoint was signed with a key that is not trusted.' });
    // The same file is accepted once the auditor says they trust that key.
    const trustedNow = await verify(t, { supplied: [ownKeyOfTheirs], trustedKeys: [other.publicKey] });
    expect(trustedNow.supplied[0]!.problems.map((p) => p.kind)).not.toContain('KEY_NOT_TRUSTED');
  });

  it('a stored checkpoint re-signed with another key is refused, and the job will not extend it', async () => {
    await addRecords(1);
    expect((await checkpoints(t).build()).status).toBe('created');
    const genuine = (await checkpoints(t).latest())!;
    const other = generateKeyPairSync('ed25519');
    const forged = { ...genuine, keyId: keyIdOf(other.publicKey), publicKey: publicKeyText(other.publicKey) };
    const { signature } = signWith(forged, other.privateKey);
    await tamper(t, [['UPDATE audit_checkpoint SET key_id = $1, public_key = $2, signature = $3 WHERE tree_size = $4', [forged.keyId, forged.publicKey, signature, genuine.treeSize]]]);
    try {
      const report = await verify(t);
      expect(report.checkpoints.problems.map((p) => ({ kind: p.kind, treeSize: p.treeSize }))).toEqual([{ kind: 'KEY_NOT_TRUSTED', treeSize: genuine.treeSize }]);
      await addRecords(1);
      const refused = await t.as(ADMIN).post('/api/audit/checkpoints');
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'REQUEST_REFUSED', reason: 'LATEST_CHECKPOINT_INVALID', treeSize: genuine.treeSize });
    } finally {
      await tamper(t, [['UPDATE audit_checkpoint SET key_id = $1, public_key = $2, signature = $3 WHERE tree_size = $4', [genuine.keyId, genuine.publicKey, genuine.signature, genuine.treeSize]]]);
    }
    expect((await checkpoints(t).build()).status).toBe('created');
    expect((await verify(t)).ok).toBe(true);
  });
});

describe('consistency proofs', () => {
  it('between any two tree sizes at the edges (1, 2, powers of two and their neighbours), each verifies against the roots', async () => {
    const have = await recordCount();
    if (have < 34) await addRecords(34 - have);
    expect((await checkpoints(t).build()).status).toBe('created');
    const leaves: { hash: string }[] = await t.dataSource.query('SELECT hash FROM audit_leaf ORDER BY leaf_index');
    const hashes = leaves.map((l) => recordLeafHash(l.hash));
    const root = (n: number) => rootOf(hashes.slice(0, n));
    const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 32, 33, hashes.length];
    const service = t.running.app.get(AuditCheckpoints);
    for (const n of sizes) {
      for (const m of sizes.filter((s) => s <= n)) {
        const proof = (await service.consistencyProof(m, n))!;
        expect({ m, n, fromRoot: proof.fromRoot, toRoot: proof.toRoot }).toEqual({ m, n, fromRoot: root(m).toString('hex'), toRoot: root(n).toString('hex') });
        const ok = verifyConsistency(m, n, root(m), root(n), proof.proof.map((p) => Buffer.from(p, 'hex')));
        expect({ m, n, ok }).toEqual({ m, n, ok: true });
      }
    }
  });

  it('over HTTP, from the checkpoint an auditor kept to the latest signed one; a tampered proof fails', async () => {
    const kept = (await checkpoints(t).latest())!;
    await addRecords(3);
    expect((await checkpoints(t).build()).status).toBe('created');
    const latest = (await checkpoints(t).latest())!;

    const res = await t.as(AUDITOR).get(`/api/audit/checkpoints/consistency?from=${kept.treeSize}`);
    expect(res.status).toBe(200);
    expect(res.body.to).toMatchObject({ treeSize: latest.treeSize, rootHash: latest.rootHash, checkpoint: latest });
    expect(res.body.from.checkpoint).toEqual(kept);
    const proof = (res.body.proof as string[]).map((p) => Buffer.from(p, 'hex'));
    expect(verifyConsistency(kept.treeSize, latest.treeSize, Buffer.from(kept.rootHash, 'hex'), Buffer.from(latest.rootHash, 'hex'), proof)).toBe(true);
    proof[0]![0]! ^= 0x80;
    expect(verifyConsistency(kept.treeSize, latest.treeSize, Buffer.from(kept.rootHash, 'hex'), Buffer.from(latest.rootHash, 'hex'), proof)).toBe(false);

    // Verification does the same with the files it is given, and says so.
    const report = await verify(t, { supplied: [kept] });
    expect(report.supplied[0]).toMatchObject({ ok: true, consistency: { toTreeSize: latest.treeSize, verified: true } });

    const tooBig = await t.as(AUDITOR).get(`/api/audit/checkpoints/consistency?from=${latest.treeSize + 1}`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors[0].field).toBe('from');
  });
});

describe('where the signing key comes from', () => {
  it('rejects a configured key that is not an Ed25519 private key, naming the variable', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'khong-phai-khoa' })).toThrow(/AUDIT_SIGNING_KEY/);
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: rsa })).toThrow(/AUDIT_SIGNING_KEY/);
    expect(() => loadConfig({ AUDIT_TRUSTED_PUBLIC_KEYS: 'abc' })).toThrow(/AUDIT_TRUSTED_PUBLIC_KEYS/);
    const pem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(loadConfig({ AUDIT_SIGNING_KEY: pem }).AUDIT_SIGNING_KEY).toBe(pem);
    expect(loadConfig({}).AUDIT_CHECKPOINT_INTERVAL_MS).toBe(60_000);
  });

  it('on an embedded database kept on disk, a key is generated once in DATA_DIR/keys (readable by its owner only) and reused; an older install keeps its key', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dth-audit-key-'));
    try {
      mkdirSync(join(dataDir, 'pglite'));
      const first = new AuditKeyring(loadConfig({ DATA_DIR: dataDir }));
      first.resolve({ mayCreate: true });
      const file = join(dataDir, 'keys', SIGNING_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      const second = new AuditKeyring(loadConfig({ DATA_DIR: dataDir }));
      second.resolve({ mayCreate: true });
      expect(second.signer!.keyId).toBe(first.signer!.keyId);
      // A command-line tool never invents a key.
      const elsewhere = mkdtempSync(join(tmpdir(), 'dth-audit-key-'));
      mkdirSync(join(elsewhere, 'pglite'));
      const cli = new AuditKeyring(loadConfig({ DATA_DIR: elsewhere }));
      cli.resolve({ mayCreate: false });
      expect(cli.signer).toBeNull();
      // An install from before KEY_DIR: its DATA_DIR/audit-signing-key.pem is still the key.
      writeFileSync(join(elsewhere, SIGNING_KEY_FILE), key.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
      const older = new AuditKeyring(loadConfig({ DATA_DIR: elsewhere }));
      older.resolve({ mayCreate: true });
      expect(older.signer!.keyId).toBe(keyIdOf(key.publicKey));
      expect(existsSync(join(elsewhere, 'keys', SIGNING_KEY_FILE))).toBe(false);
      rmSync(elsewhere, { recursive: true, force: true });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('with DATABASE_URL and neither KEY_DIR nor AUDIT_SIGNING_KEY: refuses to start, naming both variables (Vietnamese first)', async () => {
    const keyring = new AuditKeyring(loadConfig({ DATABASE_URL: 'postgres://dth_app@127.0.0.1:5432/dien_hinh' }));
    expect(() => keyring.resolve({ mayCreate: true })).toThrow(/^Invalid configuration:\n  - KEY_DIR, AUDIT_SIGNING_KEY: Với DATABASE_URL phải đặt KEY_DIR .* \/ With DATABASE_URL, set KEY_DIR/);
    // A command-line verification needs no key of its own.
    const cli = new AuditKeyring(loadConfig({ DATABASE_URL: 'postgres://dth_app@127.0.0.1:5432/dien_hinh' }));
    cli.resolve({ mayCreate: false });
    expect(cli.signer).toBeNull();
    if (onServer) {
      // An empty value unsets the harness's default key.
      await expect(startTestApp({ AUDIT_SIGNING_KEY: '', KEY_DIR: '' })).rejects.toThrow(/KEY_DIR, AUDIT_SIGNING_KEY/);
    }
  });

  it('with KEY_DIR the key is created there at first start (mode 600), reused on restart, and signs checkpoints', async () => {
    const keyDir = join(mkdtempSync(join(tmpdir(), 'dth-keydir-')), 'keys');
    try {
      const first = await startTestApp({ AUDIT_SIGNING_KEY: '', KEY_DIR: keyDir });
      let keyId: string;
      try {
        const file = join(keyDir, SIGNING_KEY_FILE);
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(statSync(keyDir).mode & 0o777).toBe(0o700);
        await newUnit(first, { name: 'Đơn vị khóa' });
        const built = await checkpoints(first).build();
        expect(built.status).toBe('created');
        keyId = (built as { checkpoint: SignedCheckpoint }).checkpoint.keyId;
        expect(keyId).toBe(keyIdOf(createPublicKey(readFileSync(file, 'utf8'))));
      } finally {
        await first.close();
      }
      const again = await startTestApp({ AUDIT_SIGNING_KEY: '', KEY_DIR: keyDir });
      try {
        expect(checkpoints(again).enabled).toBe(true);
        await newUnit(again, { name: 'Đơn vị khóa 2' });
        expect(await checkpoints(again).build()).toMatchObject({ status: 'created', checkpoint: { keyId } });
      } finally {
        await again.close();
      }
    } finally {
      rmSync(join(keyDir, '..'), { recursive: true, force: true });
    }
  });

  it('the background job signs checkpoints on its own when an interval is set, and stops with the application', async () => {
    const timed = await startTestApp({ ...key.env, AUDIT_CHECKPOINT_INTERVAL_MS: '100' });
    try {
      await newUnit(timed, { name: 'Đơn vị hẹn giờ' });
      const [{ records }] = await timed.dataSource.query('SELECT count(*)::int AS records FROM audit_event');
      const deadline = Date.now() + 10_000;
      let size = 0;
      while (Date.now() < deadline && size < records) {
        await new Promise((r) => setTimeout(r, 100));
        size = Number((await timed.dataSource.query('SELECT coalesce(max(tree_size), 0)::int AS n FROM audit_checkpoint'))[0].n);
      }
      expect(size).toBe(records);
      expect((await verify(timed)).checkpoints).toMatchObject({ valid: expect.any(Number), problems: [] });
    } finally {
      await timed.close();
    }
  });
});

describe('verifying while the application signs checkpoints', () => {
  it('a checkpoint signed after the leaves were read is the next verification’s, not a tree that lost leaves', async () => {
    const live = await startTestApp(key.env);
    const read = CheckpointRepository.prototype.coveredLeaves;
    const spy = jest.spyOn(CheckpointRepository.prototype, 'coveredLeaves');
    try {
      await newUnit(live, { name: 'Đơn vị trước điểm kiểm' });
      await checkpoints(live).build();
      // The race the reliability check met (a checkpoint every 2 s): the verifier has read its page of leaves, then the
      // application covers new records and signs a larger tree before the verifier asks for the checkpoints.
      spy.mockImplementationOnce(async function (this: CheckpointRepository, after: number, limit: number) {
        const page = await read.call(this, after, limit);
        await newUnit(live, { name: 'Đơn vị trong lúc kiểm tra' });
        expect((await checkpoints(live).build()).status).toBe('created');
        return page;
      });
      const report = await verify(live);
      expect(spy).toHaveBeenCalled();
      expect(report.checkpoints.problems).toEqual([]);
      expect(report.ok).toBe(true);
      // The next verification judges the new checkpoint, leaves and all.
      const next = await verify(live);
      expect(next.ok).toBe(true);
      expect(next.checkpoints.valid).toBe(report.checkpoints.valid + 1);
    } finally {
      spy.mockRestore();
      await live.close();
    }
  });
});
