/**
 * The auditor's bundle is the whole case: a candidate's export holds its trail, the council file (checklists, ballot
 * tally, urn hash, decisions with their hashes and audit records), the latest checkpoint with the witness's line and
 * the inclusion proofs of the bundled records; verified offline (no database) with the office's public key alone,
 * and refused, naming what failed, once anything in it is changed.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditHash } from '../apps/api/src/audit/audit-hash.js';
import { verifyBundle } from '../apps/api/src/audit/bundle-verify.js';
import { startTestApp, type TestApp } from './support/app.js';
import { decideThroughCouncil, revokeByDecision } from './support/council.js';
import { newCandidate } from './support/factories.js';
import { AUDITOR, checkpoints, newSigningKey } from './audit-support.js';

jest.setTimeout(240_000);

let t: TestApp;
let witnessDir: string;
const key = newSigningKey();
let candidateId: string;
let bundle: Uint8Array;

async function download(url: string): Promise<Uint8Array> {
  const res = await t
    .as(AUDITOR)
    .get(url)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  return new Uint8Array(res.body as Buffer);
}

/** The bundle with one file changed. */
function altered(name: string, change: (value: any) => unknown): Uint8Array {
  const files = unzipSync(bundle);
  files[name] = strToU8(JSON.stringify(change(JSON.parse(strFromU8(files[name]!)))));
  return zipSync(files);
}

const failures = (zip: Uint8Array, keys = [key.publicKey]) =>
  verifyBundle(zip, keys)
    .findings.filter((f) => !f.ok)
    .map((f) => f.code);

beforeAll(async () => {
  witnessDir = mkdtempSync(join(tmpdir(), 'dth-bundle-witness-'));
  t = await startTestApp({ ...key.env, AUDIT_WITNESS_DIR: witnessDir });
  candidateId = (await newCandidate(t, { state: 'underReview' })).id;
  await decideThroughCouncil(t, [candidateId], 'RECOGNISE', { ballot: 'SECRET' });
  await revokeByDecision(t, candidateId);
  expect((await checkpoints(t).build()).status).toBe('created');
  bundle = await download(`/api/audit/export?candidateId=${candidateId}`);
});
afterAll(async () => {
  await t?.close();
  rmSync(witnessDir, { recursive: true, force: true });
});

describe("a candidate's bundle", () => {
  it('holds the trail, the council file, the checkpoint, its witness line and the proofs; the README says how to verify it, Vietnamese first', () => {
    const files = unzipSync(bundle);
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'case.json', 'checkpoint.json', 'proofs.json', 'records.csv', 'records.json', 'verification.json', 'witness.json']);
    const readme = strFromU8(files['README.txt']!);
    expect(readme).toContain('node dist/apps/api/src/audit/cli.js verify-bundle');
    expect(readme.indexOf('KIỂM TRA KHÔNG CẦN MÁY CHỦ')).toBeLessThan(readme.indexOf('OFFLINE VERIFICATION'));

    const caseFile = JSON.parse(strFromU8(files['case.json']!));
    expect(caseFile.candidate).toMatchObject({ id: candidateId, state: 'revoked' });
    expect(caseFile.reviews).toHaveLength(1);
    expect(caseFile.reviews[0].checklists.length).toBeGreaterThanOrEqual(1);
    expect(caseFile.reviews[0].tally.urn).toEqual({ IN_FAVOUR: 3 });
    expect(caseFile.reviews[0].urn.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(caseFile.decisions.map((d: { decision: { kind: string } }) => d.decision.kind).sort()).toEqual(['RECOGNITION', 'REVOCATION']);
    expect(caseFile.decisionRecords).toHaveLength(2);

    const records = JSON.parse(strFromU8(files['records.json']!)).records as { id: string }[];
    const proofs = JSON.parse(strFromU8(files['proofs.json']!));
    const checkpoint = JSON.parse(strFromU8(files['checkpoint.json']!));
    expect(proofs).toMatchObject({ treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, notYetCovered: [], omitted: 0 });
    expect(proofs.proofs).toHaveLength(records.length + 2);
    expect(JSON.parse(strFromU8(files['witness.json']!))).toEqual({ location: witnessDir, entry: { format: expect.any(String), witnessedAt: expect.any(String), checkpoint } });
  });

  it('verifies offline with the public key alone: chains, inclusion proofs, signature, witness line, council hashes', () => {
    const verdict = verifyBundle(bundle, [key.publicKey]);
    expect(verdict.findings.filter((f) => !f.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.findings.map((f) => f.code)).toEqual(['CHAINS', 'CHECKPOINT_SIGNATURE', 'INCLUSION', 'WITNESS', 'CASE_FILE']);
    expect(verdict.findings[0]!.vi).toMatch(/bản ghi trong 1 chuỗi: mã băm và liên kết đúng/);
  });

  it('is refused, naming what failed, when anything is changed', () => {
    // A record's content edited.
    const edited = altered('records.json', (b) => ({ ...b, records: b.records.map((r: { seq: number; actor: string }, i: number) => (i === 1 ? { ...r, actor: 'nguoi-khac' } : r)) }));
    expect(failures(edited)).toEqual(['RECORD_HASH_MISMATCH', 'INCLUSION_PROOF_INVALID']);
    expect(verifyBundle(edited, [key.publicKey]).findings.find((f) => !f.ok)!.en).toMatch(new RegExp(`^Record \\d+ \\(candidate:${candidateId} #2\\)`));

    // The same, with the whole chain recomputed by someone who knows the scheme: only the checkpoint's tree tells.
    const rehashed = altered('records.json', (b) => {
      let prev: string | null = null;
      const records = b.records.map((r: Record<string, any>, i: number) => {
        const next: Record<string, any> = { ...r, actor: i === 1 ? 'nguoi-khac' : r.actor, prevHash: prev };
        next.hash = auditHash({
          stream: next.stream,
          seq: next.seq,
          candidateId: next.candidateId,
          eventType: next.eventType,
          payload: next.payload,
          fromState: next.fromState,
          toState: next.toState,
          actor: next.actor,
          occurredAt: next.occurredAt,
          machineVersion: next.machineVersion,
          prevHash: next.prevHash,
          ...(next.attests ? { attests: next.attests } : {}),
        });
        prev = next.hash;
        return next;
      });
      return { ...b, records };
    });
    const codes = failures(rehashed);
    expect(new Set(codes)).toEqual(new Set(['INCLUSION_PROOF_INVALID']));
    expect(codes.length).toBeGreaterThanOrEqual(2);

    // Another key, a checkpoint altered, a witness line that differs, a council file edited.
    expect(failures(bundle, [generateKeyPairSync('ed25519').publicKey])).toEqual(['CHECKPOINT_KEY_NOT_TRUSTED']);
    expect(failures(altered('checkpoint.json', (c) => ({ ...c, treeSize: c.treeSize + 1 })))).toEqual(['CHECKPOINT_SIGNATURE_INVALID', 'PROOFS_MISMATCH', 'WITNESS_MISMATCH']);
    expect(failures(altered('witness.json', (w) => ({ ...w, entry: { ...w.entry, checkpoint: { ...w.entry.checkpoint, rootHash: 'a'.repeat(64) } } })))).toEqual(['WITNESS_MISMATCH']);
    expect(failures(altered('case.json', (c) => ({ ...c, reviews: c.reviews.map((r: any) => ({ ...r, urn: { ...r.urn, ballots: [...r.urn.ballots].slice(1) } })) })))).toEqual(['URN_HASH_MISMATCH']);
    expect(failures(altered('case.json', (c) => ({ ...c, decisions: c.decisions.map((d: any) => ({ ...d, recipient: { ...d.recipient, name: 'Người khác' } })) })))).toEqual([
      'DECISION_HASH_MISMATCH',
      'DECISION_HASH_MISMATCH',
    ]);
    // A record removed from the middle of the candidate's chain.
    expect(failures(altered('records.json', (b) => ({ ...b, records: b.records.filter((_: unknown, i: number) => i !== 2) })))).toEqual(['RECORD_MISSING', 'RECORD_MISSING']);
  });
});
