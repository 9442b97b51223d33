/**
 * Helpers for the audit trail's tests: a signing key, direct tampering in the database (as the superuser
 * test connection, with the append-only trigger switched off and on again), and verification.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { auditHash } from '../apps/api/src/audit/audit-hash.js';
import { AuditCheckpoints } from '../apps/api/src/audit/audit-checkpoints.service.js';
import { AuditVerifier, type VerificationReport, type VerifyOptions } from '../apps/api/src/audit/audit-verifier.service.js';
import { AUDIT_ROW_COLUMNS, type AuditRow } from '../apps/api/src/audit/audit-event.repository.js';
import { contentOf } from '../apps/api/src/audit/chain-checker.js';
import type { AuditProblem } from '../apps/api/src/audit/audit-problems.js';
import type { TestApp } from './support/app.js';

/** Reads the trail: the auditor role (the accounts feature decides who else may). */
export const AUDITOR = 'kiemtra';

export function newSigningKey(): { privateKey: KeyObject; publicKey: KeyObject; env: Record<string, string> } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const base64 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  // The background job stays off: tests build checkpoints when they mean to.
  return { privateKey, publicKey, env: { AUDIT_SIGNING_KEY: base64, AUDIT_CHECKPOINT_INTERVAL_MS: '0' } };
}

/** Runs SQL with the append-only triggers of the audit tables disabled, as an attacker with the owner's rights would. */
export async function tamper(t: TestApp, statements: [string, unknown[]?][]): Promise<void> {
  // As the owner (t.admin): the application's role may not switch a trigger off.
  await t.admin.transaction(async (query) => {
    for (const table of ['audit_event', 'audit_leaf', 'audit_checkpoint']) await query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    for (const [sql, params] of statements) await query(sql, params ?? []);
    for (const table of ['audit_event', 'audit_leaf', 'audit_checkpoint']) await query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  });
}

export async function recordsOf(t: TestApp, stream: string): Promise<AuditRow[]> {
  return t.dataSource.query(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_event WHERE stream = $1 ORDER BY seq`, [stream]);
}

/** What an attacker who knows the scheme does after changing a record: recompute every hash after it. */
export async function rehashChain(t: TestApp, stream: string, alsoLeaves = false): Promise<void> {
  const rows = await recordsOf(t, stream);
  const statements: [string, unknown[]][] = [];
  let prev: string | null = null;
  for (const row of rows) {
    const hash = auditHash({ ...contentOf(row), prevHash: prev });
    statements.push(['UPDATE audit_event SET prev_hash = $1, hash = $2 WHERE id = $3', [prev, hash, row.id]]);
    if (alsoLeaves) statements.push(['UPDATE audit_leaf SET hash = $1 WHERE audit_id = $2', [hash, row.id]]);
    prev = hash;
  }
  await tamper(t, statements);
}

export function verify(t: TestApp, options?: VerifyOptions): Promise<VerificationReport> {
  return t.running.app.get(AuditVerifier).verify(options);
}

export function checkpoints(t: TestApp): AuditCheckpoints {
  return t.running.app.get(AuditCheckpoints);
}

/** The problems a report lists for one stream, reduced to what names the record. */
export function problemsOf(list: AuditProblem[], stream: string) {
  return list.filter((p) => p.stream === stream).map((p) => ({ kind: p.kind, seq: p.seq, auditId: p.auditId }));
}

export const candidateStream = (id: string) => `candidate:${id}`;
