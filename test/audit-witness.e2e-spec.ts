/**
 * The checkpoint history cannot shrink, restart or go missing unseen: every checkpoint is also appended to a
 * witness folder outside the database, and verification compares the two (ROLLBACK, FORK, WITNESS_MISSING_ENTRY),
 * and reports records left uncovered past the interval (CHECKPOINTS_MISSING). Attacks are played as the
 * database's owner.
 */
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WITNESS_FILE, parseWitnessLine } from '../apps/api/src/audit/audit-witness.js';
import type { SignedCheckpoint } from '../apps/api/src/audit/checkpoint-format.js';
import { startTestApp, type TestApp } from './support/app.js';
import { newUnit } from './support/factories.js';
import { AUDITOR, checkpoints, newSigningKey, recordsOf, rehashChain, tamper, verify } from './audit-support.js';

jest.setTimeout(120_000);

const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** An application with a witness folder of its own; any record left uncovered counts as overdue (grace 0). */
async function appWithWitness(options: { witness?: boolean } = {}): Promise<{ t: TestApp; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dth-witness-'));
  folders.push(dir);
  const t = await startTestApp({ ...newSigningKey().env, AUDIT_CHECKPOINT_GRACE_MS: '0', ...(options.witness === false ? {} : { AUDIT_WITNESS_DIR: dir }) }, { verifyOnClose: false });
  return { t, dir };
}

const witnessed = (dir: string) =>
  readFileSync(join(dir, WITNESS_FILE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => parseWitnessLine(line)!.checkpoint);

async function signNow(t: TestApp): Promise<SignedCheckpoint> {
  const outcome = await checkpoints(t).build();
  expect(outcome.status).toBe('created');
  return (outcome as { checkpoint: SignedCheckpoint }).checkpoint;
}

const kinds = (problems: { kind: string; treeSize?: number }[]) => problems.map((p) => ({ kind: p.kind, treeSize: p.treeSize }));

describe('the witness folder', () => {
  it('takes every checkpoint as one line of JSON, appended; verification compares and says where the witness is', async () => {
    const { t, dir } = await appWithWitness();
    try {
      await newUnit(t, { name: 'Đơn vị 1' });
      const first = await signNow(t);
      await newUnit(t, { name: 'Đơn vị 2' });
      const second = await signNow(t);
      expect(witnessed(dir)).toEqual([first, second]);
      const res = await t.as(AUDITOR).get('/api/audit/verify');
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(true);
      expect(res.body.history).toEqual({ witness: { configured: true, location: dir, entries: 2, latestTreeSize: second.treeSize }, overdueAfterMs: 0, problems: [], notListed: 0 });
      expect(res.body.summary.vi).not.toMatch(/AUDIT_WITNESS_DIR/);
    } finally {
      await t.close();
    }
  });

  it('unreachable: the checkpoint is still signed, the report says so, and the next run gives the witness what it missed', async () => {
    const { t, dir } = await appWithWitness();
    try {
      await newUnit(t, { name: 'Đơn vị 1' });
      await signNow(t);
      renameSync(dir, `${dir}.away`);
      await newUnit(t, { name: 'Đơn vị 2' });
      const missed = await signNow(t);
      expect(kinds((await verify(t)).history.problems)).toEqual([{ kind: 'WITNESS_UNREACHABLE', treeSize: undefined }]);
      renameSync(`${dir}.away`, dir);
      const report = await verify(t);
      expect(report.ok).toBe(false);
      expect(kinds(report.history.problems)).toEqual([{ kind: 'WITNESS_MISSING_ENTRY', treeSize: missed.treeSize }]);
      expect(report.history.problems[0]).toMatchObject({ message: expect.stringMatching(/^Điểm kiểm trong cơ sở dữ liệu chưa có ở nơi chứng thực/), messageEn: expect.stringMatching(/^A checkpoint in the database/) });
      // The job's next run (nothing new to sign) catches the witness up.
      expect((await checkpoints(t).build()).status).toBe('unchanged');
      expect(witnessed(dir).map((c) => c.treeSize).at(-1)).toBe(missed.treeSize);
      expect((await verify(t)).ok).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('the attack: a record edited, its chain recomputed, leaves and checkpoints deleted, the next checkpoint signed → FORK named with the size', async () => {
    const { t } = await appWithWitness();
    try {
      const unit = await newUnit(t, { name: 'Đơn vị bị sửa' });
      const honest = await signNow(t);
      const stream = `unit:${unit.id}`;
      const [record] = await recordsOf(t, stream);
      await tamper(t, [
        ['UPDATE audit_event SET payload = jsonb_set(payload, $1::text[], $2::jsonb) WHERE id = $3', ['{name}', JSON.stringify('Đơn vị khác'), record!.id]],
        ['DELETE FROM audit_leaf'],
        ['DELETE FROM audit_checkpoint'],
      ]);
      await rehashChain(t, stream);
      const forged = await signNow(t);
      expect(forged.treeSize).toBe(honest.treeSize);
      expect(forged.rootHash).not.toBe(honest.rootHash);

      const report = await verify(t);
      expect(report.ok).toBe(false);
      // Everything inside the database agrees with itself: only the witness tells.
      expect(report.chains.problems).toEqual([]);
      expect(report.checkpoints.problems).toEqual([]);
      expect(kinds(report.history.problems)).toEqual([
        { kind: 'FORK', treeSize: honest.treeSize },
        { kind: 'FORK', treeSize: honest.treeSize },
      ]);
      expect(report.history.problems[1]!.detail).toEqual({ witnessedRoot: honest.rootHash, databaseRoot: forged.rootHash });
      expect(report.summary.vi).toMatch(/vấn đề về lịch sử điểm kiểm/);
    } finally {
      await t.close();
    }
  });

  it('the attack with more records after it: a witnessed size the database has no checkpoint for is recomputed from the leaves → FORK', async () => {
    const { t } = await appWithWitness();
    try {
      const unit = await newUnit(t, { name: 'Đơn vị bị sửa' });
      const honest = await signNow(t);
      const stream = `unit:${unit.id}`;
      const [record] = await recordsOf(t, stream);
      await tamper(t, [
        ['UPDATE audit_event SET actor = $1 WHERE id = $2', ['nguoi-khac', record!.id]],
        ['DELETE FROM audit_leaf'],
        ['DELETE FROM audit_checkpoint'],
      ]);
      await rehashChain(t, stream);
      await newUnit(t, { name: 'Đơn vị sau' });
      const forged = await signNow(t);
      expect(forged.treeSize).toBeGreaterThan(honest.treeSize);
      const report = await verify(t);
      expect(report.ok).toBe(false);
      expect(kinds(report.history.problems)).toEqual([{ kind: 'FORK', treeSize: honest.treeSize }]);
    } finally {
      await t.close();
    }
  });

  it('every account: stream deleted with its leaves and checkpoints → ROLLBACK (sizes named) and CHECKPOINTS_MISSING; a restart signed smaller → ROLLBACK in the witness', async () => {
    const { t } = await appWithWitness();
    try {
      const honest = await signNow(t);
      const [{ n }] = await t.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE stream LIKE 'account:%'`);
      expect(n).toBeGreaterThan(0);
      await tamper(t, [['DELETE FROM audit_leaf'], ['DELETE FROM audit_checkpoint'], [`DELETE FROM audit_event WHERE stream LIKE 'account:%'`]]);

      const report = await verify(t);
      expect(report.ok).toBe(false);
      expect(report.summary.en).not.toMatch(/intact/);
      expect(kinds(report.history.problems)).toEqual([
        { kind: 'CHECKPOINTS_MISSING', treeSize: undefined },
        { kind: 'ROLLBACK', treeSize: honest.treeSize },
      ]);
      expect(report.history.problems[1]!.detail).toEqual({ witnessedTreeSize: honest.treeSize, databaseTreeSize: 0 });

      const restarted = await signNow(t);
      expect(restarted.treeSize).toBe(honest.treeSize - n);
      const after = await verify(t);
      expect(after.ok).toBe(false);
      expect(kinds(after.history.problems)).toEqual([
        { kind: 'ROLLBACK', treeSize: restarted.treeSize },
        { kind: 'ROLLBACK', treeSize: honest.treeSize },
      ]);
      expect(after.history.problems[0]!.detail).toMatchObject({ source: 'witness', witnessedTreeSize: honest.treeSize, restartedAtTreeSize: restarted.treeSize });
    } finally {
      await t.close();
    }
  });
});

describe('without a witness', () => {
  it('the report says plainly that none is configured; deleting the account streams with their checkpoints is still not intact', async () => {
    const { t, dir } = await appWithWitness({ witness: false });
    try {
      await signNow(t);
      const clean = await verify(t);
      expect(clean.ok).toBe(true);
      expect(clean.history.witness).toEqual({ configured: false, location: null, entries: 0, latestTreeSize: null });
      expect(clean.summary.vi).toMatch(/Chưa cấu hình nơi chứng thực \(AUDIT_WITNESS_DIR\)/);
      expect(clean.summary.en).toMatch(/No witness is configured \(AUDIT_WITNESS_DIR\)/);
      expect(existsSync(join(dir, WITNESS_FILE))).toBe(false);

      await tamper(t, [['DELETE FROM audit_leaf'], ['DELETE FROM audit_checkpoint'], [`DELETE FROM audit_event WHERE stream LIKE 'account:%'`]]);
      const report = await verify(t);
      expect(report.ok).toBe(false);
      expect(report.summary.vi).not.toMatch(/toàn vẹn/);
      expect(kinds(report.history.problems)).toEqual([{ kind: 'CHECKPOINTS_MISSING', treeSize: undefined }]);
      expect(report.history.problems[0]!.detail).toMatchObject({ records: expect.any(Number), overdueAfterMs: 0 });
    } finally {
      await t.close();
    }
  });
});
