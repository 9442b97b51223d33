/**
 * The audit trail from the command line, on the compiled build (npm run audit:verify -- …):
 *   node dist/apps/api/src/audit/cli.js verify [--checkpoint kept.json]… [--public-key key.pem]… [--json] [--out report.json] [--workers N]
 *       verify every chain, every stored checkpoint, every candidate's replay, and the checkpoints an auditor
 *       kept; exit 0 when everything holds, 1 when anything is wrong. --workers: threads checking the chains
 *       (default here: the machine's cores; the API's own checks use one; on a PostgreSQL server only, the embedded database uses one)
 *   node dist/apps/api/src/audit/cli.js checkpoint                  sign a checkpoint over new records now
 *   node dist/apps/api/src/audit/cli.js export-checkpoint [--out f] the latest checkpoint, as a file to keep
 *   node dist/apps/api/src/audit/cli.js rotate-record-key           add a new current key to the records' keyring
 *       (KEY_DIR or DATA_DIR/keys; older keys stay and keep verifying; restart the application to use it)
 *   node dist/apps/api/src/audit/cli.js verify-bundle bundle.zip --public-key key.txt [--json]
 *       an export bundle, offline (no database): chains, inclusion proofs, the checkpoint's signature by the key
 *       given, the witness's line, the council file's hashes; exit 0 when it holds, 1 naming what failed
 * Uses DATABASE_URL, or the embedded database under DATA_DIR (stop the application first: the embedded
 * database admits one process). Reads the signing key like the application, but never creates one.
 */
import { availableParallelism } from 'node:os';
import 'reflect-metadata';
import { Logger, type LoggerService } from '@nestjs/common';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { openDatabase } from '../database/open-database.js';
import { AuditCheckpoints } from './audit-checkpoints.service.js';
import { AuditEventRepository } from './audit-event.repository.js';
import { AuditKeyring } from './audit-keyring.js';
import { AuditRecordKeys, rotateRecordKey } from './audit-record-keys.js';
import { RowAttestations } from './row-attestations.js';
import { AuditWitness } from './audit-witness.js';
import { AuditVerifier, type VerificationReport } from './audit-verifier.service.js';
import type { AuditProblem } from './audit-problems.js';
import { CheckpointRepository } from './checkpoint.repository.js';
import { verifyBundle } from './bundle-verify.js';
import { parsePublicKeyList } from './ed25519.js';
import { StreamOwnerRepository } from './stream-owner.repository.js';

const USAGE =
  'usage: cli.js verify [--checkpoint file.json]... [--public-key file]... [--json] [--out report.json] [--workers N] | checkpoint | export-checkpoint [--out file.json] | verify-bundle bundle.zip --public-key file [--json] | rotate-record-key\n';
const LISTED = 50;

/** Everything the libraries log goes to stderr, so that stdout carries only the result (e.g. --json). */
const stderrLogger: LoggerService = {
  log: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  warn: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`${message instanceof Error ? message.message : String(message)}\n`),
};

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      checkpoint: { type: 'string', multiple: true },
      'public-key': { type: 'string', multiple: true },
      json: { type: 'boolean' },
      out: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (!command || !['verify', 'checkpoint', 'export-checkpoint', 'verify-bundle', 'rotate-record-key'].includes(command)) {
    process.stderr.write(USAGE);
    return 2;
  }
  Logger.overrideLogger(stderrLogger);
  if (command === 'verify-bundle') return verifyBundleFile(positionals[1], values['public-key'] ?? [], values.json ?? false);

  const config = loadConfig();
  if (command === 'rotate-record-key') {
    const directory = config.keyDirectory;
    if (!directory) {
      process.stderr.write('Cần KEY_DIR (hoặc đổi AUDIT_RECORD_KEYS bằng tay) / KEY_DIR is needed (or change AUDIT_RECORD_KEYS by hand)\n');
      return 2;
    }
    const keyId = rotateRecordKey(directory);
    process.stdout.write(`Khóa xác thực bản ghi mới / New audit record key: ${keyId} (${directory}); khởi động lại ứng dụng để dùng / restart the application to use it\n`);
    return 0;
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isSafeInteger(workers) || workers < 1 || workers > 64)) {
    process.stderr.write('--workers: một số nguyên từ 1 đến 64 / an integer from 1 to 64\n');
    process.stderr.write(USAGE);
    return 2;
  }
  const supplied = (values.checkpoint ?? []).map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown);
  const extraKeys = (values['public-key'] ?? []).flatMap((file) => parsePublicKeyList(readFileSync(file, 'utf8')));
  const database = await openDatabase(config);
  // Two connections let the next page load while this one is checked; the embedded database has one.
  const dataSource = new DataSource(dataSourceOptions(database.url, { ...config, DB_POOL_MAX: Math.min(2, database.poolMax) }));
  await dataSource.initialize();
  try {
    const keyring = new AuditKeyring(config);
    keyring.resolve({ mayCreate: false });
    const tree = new CheckpointRepository(dataSource);
    const witness = new AuditWitness(config);
    const checkpoints = new AuditCheckpoints(dataSource, tree, keyring, witness);
    switch (command) {
      case 'verify': {
        const recordKeys = new AuditRecordKeys(config);
        recordKeys.resolve({ mayCreate: false });
        const verifier = new AuditVerifier(dataSource, new AuditEventRepository(dataSource), new StreamOwnerRepository(dataSource), tree, keyring, recordKeys, new RowAttestations(dataSource), witness, config);
        const report = await verifier.verify({ supplied, trustedKeys: extraKeys, workers: workers ?? availableParallelism() });
        if (values.out) writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
        process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report, values.checkpoint ?? []));
        return report.ok ? 0 : 1;
      }
      case 'checkpoint': {
        const outcome = await checkpoints.build();
        process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
        return outcome.status === 'created' || outcome.status === 'unchanged' ? 0 : 1;
      }
      default: {
        const latest = await checkpoints.latest();
        if (!latest) {
          process.stderr.write('Chưa có điểm kiểm nào / There is no checkpoint yet\n');
          return 1;
        }
        const text = `${JSON.stringify(latest, null, 2)}\n`;
        if (values.out) writeFileSync(values.out, text);
        else process.stdout.write(text);
        return 0;
      }
    }
  } finally {
    await dataSource.destroy();
    await database.close();
  }
}

/** No database: the bundle and the public key the auditor obtained separately. */
function verifyBundleFile(file: string | undefined, keyFiles: string[], json: boolean): number {
  if (!file || keyFiles.length === 0) {
    process.stderr.write('Cần tệp zip và ít nhất một --public-key (khóa công khai của cơ quan, nhận riêng) / A zip file and at least one --public-key (the office’s public key, obtained separately) are needed\n');
    process.stderr.write(USAGE);
    return 2;
  }
  const keys = keyFiles.flatMap((f) => parsePublicKeyList(readFileSync(f, 'utf8')));
  const verdict = verifyBundle(new Uint8Array(readFileSync(file)), keys);
  if (json) process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
  else {
    const out = verdict.findings.map((f) => `  [${f.ok ? 'ĐÚNG / OK' : 'SAI / FAILED'}] ${f.code}: ${f.vi} / ${f.en}\n`);
    const head = verdict.ok
      ? 'Bộ hồ sơ hợp lệ. / The bundle verifies.\n'
      : `Bộ hồ sơ KHÔNG hợp lệ: ${verdict.findings.filter((f) => !f.ok).length} sai lệch. / The bundle does NOT verify: ${verdict.findings.filter((f) => !f.ok).length} failures.\n`;
    process.stdout.write(head + out.join(''));
  }
  return verdict.ok ? 0 : 1;
}

function line(p: AuditProblem): string {
  const where = [p.table ? `${p.table} ${JSON.stringify(p.rowKey ?? {})}` : '', p.stream, p.seq !== undefined ? `seq ${p.seq}` : '', p.auditId ? `bản ghi / record ${p.auditId}` : '', p.leafIndex !== undefined ? `lá / leaf ${p.leafIndex}` : '', p.treeSize !== undefined ? `cây / tree size ${p.treeSize}` : '']
    .filter(Boolean)
    .join(', ');
  return `  [${p.kind}] ${where}: ${p.message} / ${p.messageEn}\n`;
}

function describe(r: VerificationReport, files: string[]): string {
  const out: string[] = [
    `${r.summary.vi}\n${r.summary.en}\n\n`,
    `Bản ghi / Records: ${r.records} trong / in ${r.streams} chuỗi / chains; ${r.recordsPerSecond} bản ghi/giây / records per second; ${(r.durationMs / 1000).toFixed(1)} s; bộ nhớ đỉnh / peak memory ${r.peakRssMb} MB\n`,
    `Phát lại / Replay: ${r.replay.replayed}/${r.replay.candidates} hồ sơ / candidates, ${r.replay.mismatches} không khớp / mismatched, ${r.replay.skipped} bỏ qua (phiên bản máy trạng thái khác) / skipped (other machine version)\n`,
    `Điểm kiểm / Checkpoints: ${r.checkpoints.valid}/${r.checkpoints.stored} hợp lệ / valid; ${r.checkpoints.leaves} lá / leaves; ${r.checkpoints.recordsNotYetCovered} bản ghi chưa được phủ / records not yet covered; khóa ký / signing key ${r.checkpoints.signingKeyId ?? '—'}\n`,
  ];
  r.supplied.forEach((s, i) => {
    const verdict = s.ok
      ? `hợp lệ${s.consistency ? `, nhất quán với điểm kiểm ${s.consistency.toTreeSize}` : ''} / valid${s.consistency ? `, consistent with checkpoint ${s.consistency.toTreeSize}` : ''}`
      : 'KHÔNG HỢP LỆ / INVALID';
    out.push(`Điểm kiểm đã lưu / Kept checkpoint ${files[i] ?? i + 1} (${s.treeSize ?? '?'}): ${verdict}\n`);
    s.problems.forEach((p) => out.push(line(p)));
  });
  out.push(
    `Xác thực bản ghi / Record authentication: ${r.authentication.authenticated} bản ghi có MAC hợp lệ / records with a valid MAC, ${r.authentication.legacy} bản ghi cũ trước khi có MAC / legacy records; khóa hiện tại / current key ${r.authentication.currentKeyId ?? '—'}\n`,
    `Phạm vi bảo vệ / Coverage: ${r.coverage.rows} dòng trong / rows in ${r.coverage.tables} bảng / tables\n`,
    r.history.witness.configured
      ? `Nơi chứng thực / Witness: ${r.history.witness.location} — ${r.history.witness.entries} dòng / entries, cây lớn nhất / largest tree ${r.history.witness.latestTreeSize ?? '—'}\n`
      : 'Nơi chứng thực / Witness: CHƯA CẤU HÌNH (AUDIT_WITNESS_DIR) / NOT CONFIGURED (AUDIT_WITNESS_DIR)\n',
  );
  const problems = [...r.chains.problems, ...r.authentication.problems, ...r.checkpoints.problems, ...r.history.problems, ...r.replay.problems, ...r.coverage.problems];
  if (problems.length > 0) {
    out.push(`\nVấn đề / Problems:\n`);
    problems.slice(0, LISTED).forEach((p) => out.push(line(p)));
    const more =
      problems.length - LISTED + r.chains.notListed + r.checkpoints.notListed + r.history.notListed + r.replay.notListed + r.authentication.notListed + r.coverage.notListed;
    if (more > 0) out.push(`  … và ${more} vấn đề khác (--json để xem) / and ${more} more (see --json)\n`);
  }
  return out.join('');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
