/**
 * Backups from the command line, on the compiled build:
 *   node dist/apps/api/src/backups/cli.js backup (--out FILE | --to-target) [--passphrase-file F]
 *       one archive of the database, the keys (encrypted with the passphrase), the witness's copy and a manifest;
 *       --to-target: into the configured target (BACKUP_DIR, or the bucket of BACKUP_S3_*) under the usual name
 *   node dist/apps/api/src/backups/cli.js restore (FILE | --from-target NAME) [--passphrase-file F]
 *       into an EMPTY instance (the embedded database under DATA_DIR, or the server of DATABASE_URL, connected as
 *       the schema's owner), then verifies the audit trail against the archive's checkpoint; exit 0 when it holds.
 *       --from-target NAME: the archive NAME of the configured folder or bucket (downloaded to a private
 *       temporary folder first)
 *   node dist/apps/api/src/backups/cli.js inspect (FILE | --from-target NAME) [--passphrase-file F]
 *       checks the archive (hashes, passphrase, versions) and prints its manifest; restores nothing
 *   node dist/apps/api/src/backups/cli.js list
 *       the archives of the configured folder or bucket, newest first
 * The passphrase comes from BACKUP_PASSPHRASE or from the first line of --passphrase-file (never an argument: it
 * would show in the process list). The embedded database admits one process: stop the application first, or
 * make the backup from its administrator's screen (or its schedule) while it runs.
 */
import 'reflect-metadata';
import { Logger, type LoggerService } from '@nestjs/common';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { DomainError } from '../common/domain-error.js';
import { ERROR_CODES } from '../common/error-codes.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { MIGRATIONS } from '../database/migrations/index.js';
import { openDatabase } from '../database/open-database.js';
import { AuditCheckpoints } from '../audit/audit-checkpoints.service.js';
import { AuditKeyring } from '../audit/audit-keyring.js';
import { AuditWitness } from '../audit/audit-witness.js';
import { CheckpointRepository } from '../audit/checkpoint.repository.js';
import { MIN_PASSPHRASE_LENGTH } from './backup-crypto.js';
import { ARCHIVE_SUFFIX } from './backup-manifest.js';
import { backupTarget, S3Target, type BackupTarget } from './backup-target.js';
import { makeBackup } from './make-backup.js';
import { keyFolderHasKeys, migrationName, openArchive, restoreInto, type WitnessStart } from './restore-backup.js';

const USAGE = 'usage: cli.js backup (--out FILE | --to-target) | restore (FILE | --from-target NAME) | inspect (FILE | --from-target NAME) | list   [--passphrase-file F] (or BACKUP_PASSPHRASE)\n';

const stderrLogger: LoggerService = {
  log: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  warn: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`${message instanceof Error ? message.message : String(message)}\n`),
};

function passphrase(file: string | undefined): string {
  const value = file ? (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '') : (process.env.BACKUP_PASSPHRASE ?? '');
  if (value.length < MIN_PASSPHRASE_LENGTH) {
    throw new Error(
      `Cần mật khẩu bản sao lưu từ ${MIN_PASSPHRASE_LENGTH} ký tự trở lên (BACKUP_PASSPHRASE hoặc --passphrase-file) / ` +
        `A backup passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters is needed (BACKUP_PASSPHRASE or --passphrase-file)`,
    );
  }
  return value;
}

const disposeTarget = (target: BackupTarget) => {
  if (target instanceof S3Target) target.destroy();
};

/** What the restore did with the witness, in words (printed before the verification that compares with it). */
function witnessLine(w: WitnessStart): string {
  const upTo = w.latestTreeSize === null ? '' : `, đến cây / up to tree size ${w.latestTreeSize}`;
  switch (w.kind) {
    case 'ARCHIVE_WITNESS':
      return (
        `Nơi chứng thực / Witness ${w.location}: bắt đầu từ bản sao lưu — bản sao nơi chứng thực của hệ thống cũ, ${w.entries} dòng${upTo} / ` +
        `started from the archive — the old instance's witness copy, ${w.entries} entries\n`
      );
    case 'RESTORED_CHECKPOINTS':
      return (
        `Nơi chứng thực / Witness ${w.location}: bắt đầu từ bản sao lưu — ${w.entries} điểm kiểm đã khôi phục, đã kiểm chữ ký, mã gốc và điểm kiểm của bản sao lưu${upTo} ` +
        `(bản sao lưu không mang bản sao nơi chứng thực); đã ghi vào nhật ký / started from the archive — ${w.entries} restored checkpoints whose signatures and roots ` +
        `check out against the archive's checkpoint (the archive carried no witness copy); recorded in the audit trail\n`
      );
    case 'KEPT':
      return `Nơi chứng thực / Witness ${w.location}: đã có dữ liệu, giữ nguyên để đối chiếu / already had entries: kept as it is and compared\n`;
    case 'UNREACHABLE':
      return `Nơi chứng thực / Witness ${w.location}: không truy cập được, không ghi gì / not reachable: nothing written\n`;
    case 'NONE':
      return '';
  }
}

const knownMigrations = () => MIGRATIONS.map((M) => migrationName(new M() as { name?: string; constructor: { name: string } }));

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, 'to-target': { type: 'boolean' }, 'from-target': { type: 'string' }, 'passphrase-file': { type: 'string' } } });
  const [command, file] = positionals;
  Logger.overrideLogger(stderrLogger);
  const config = loadConfig();
  switch (command) {
    case 'list': {
      const target = backupTarget(config);
      if (!target) throw new DomainError('BACKUP_DIRECTORY_MISSING');
      try {
        process.stdout.write(`${target.describe()}\n`);
        for (const a of await target.list()) process.stdout.write(`${a.file}\t${a.bytes}\t${a.createdAt}\n`);
        return 0;
      } finally {
        disposeTarget(target);
      }
    }
    case 'backup': {
      if (!values.out === !values['to-target']) break;
      const secret = passphrase(values['passphrase-file']);
      const target = values['to-target'] ? backupTarget(config) : null;
      if (values['to-target'] && !target) throw new DomainError('BACKUP_DIRECTORY_MISSING');
      const name = `dth-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}${ARCHIVE_SUFFIX}`;
      const out = target ? join(target.staging(), name) : values.out!;
      const database = await openDatabase(config);
      const dataSource = new DataSource(dataSourceOptions(database.url, { ...config, DB_POOL_MAX: 1 }));
      await dataSource.initialize();
      try {
        const keyring = new AuditKeyring(config);
        keyring.resolve({ mayCreate: false });
        const witness = new AuditWitness(config);
        const checkpoints = new AuditCheckpoints(dataSource, new CheckpointRepository(dataSource), keyring, witness);
        const result = await makeBackup(dataSource, config, secret, out, {
          signCheckpoint: checkpoints.enabled ? () => checkpoints.build() : undefined,
          witnessDir: witness.location,
        });
        if (target) await target.store(out, name);
        const m = result.manifest;
        process.stdout.write(
          `Đã ghi bản sao lưu / Backup written: ${target ? `${name} → ${target.describe()}` : result.file}\n` +
            `  ${(result.bytes / 1048576).toFixed(1)} MB, ${(result.durationMs / 1000).toFixed(1)} s; ${m.snapshot.tables.reduce((n, t) => n + t.rows, 0)} dòng / rows, ${m.snapshot.auditRecords} bản ghi nhật ký / audit records\n` +
            `  điểm kiểm / checkpoint: ${m.checkpoint ? `${m.checkpoint.treeSize} (${m.checkpoint.rootHash.slice(0, 16)}…)` : '—'}; khóa / keys: ${m.keyFiles.join(', ') || '—'}\n`,
        );
        return 0;
      } finally {
        await dataSource.destroy();
        await database.close();
        if (target) disposeTarget(target);
      }
    }
    case 'inspect':
    case 'restore': {
      if (!file === !values['from-target']) break;
      const secret = passphrase(values['passphrase-file']);
      let local = file ? resolve(file) : '';
      let downloaded: string | null = null;
      if (values['from-target']) {
        const target = backupTarget(config);
        if (!target) throw new DomainError('BACKUP_DIRECTORY_MISSING');
        downloaded = mkdtempSync(join(tmpdir(), 'dth-restore-download-'));
        try {
          local = join(downloaded, 'archive.tar');
          await target.fetch(values['from-target'], local);
        } catch (error) {
          rmSync(downloaded, { recursive: true, force: true });
          throw error;
        } finally {
          disposeTarget(target);
        }
      }
      let archive: Awaited<ReturnType<typeof openArchive>>;
      try {
        archive = await openArchive(local, secret, knownMigrations());
      } finally {
        if (downloaded) rmSync(downloaded, { recursive: true, force: true });
      }
      try {
        const m = archive.manifest;
        process.stdout.write(
          `Bản sao lưu hợp lệ (mã băm, mật khẩu, bảng kê) / The archive checks out (hashes, passphrase, manifest): ${m.createdAt}, ${m.source.engine} PostgreSQL ${m.source.serverVersion}, ` +
            `${m.migrations.length} bước chuyển đổi / migrations, ${m.snapshot.auditRecords} bản ghi nhật ký / audit records\n`,
        );
        if (command === 'inspect') {
          process.stdout.write(`${JSON.stringify({ ...m, kdf: { ...m.kdf, salt: '…' } }, null, 2)}\n`);
          return 0;
        }
        const keyDir = config.keyDirectory ? resolve(config.keyDirectory) : undefined;
        if (!keyDir) throw new Error('Cần KEY_DIR để ghi các khóa khôi phục / KEY_DIR is needed to write the restored keys');
        const pgliteDir = join(resolve(config.DATA_DIR), 'pglite');
        const createdEmbedded = config.embedded && !existsSync(pgliteDir);
        if ((config.embedded && !createdEmbedded && readdirSync(pgliteDir).length > 0) || keyFolderHasKeys(keyDir)) throw new DomainError('BACKUP_TARGET_NOT_EMPTY');
        // A new embedded folder starts empty here, never from the build's migrated template (the restore migrates).
        const database = await openDatabase(config, undefined, { template: false });
        const dataSource = new DataSource(dataSourceOptions(database.url, { ...config, DB_POOL_MAX: 1 }));
        let restored = false;
        try {
          await dataSource.initialize();
          const result = await restoreInto(archive, dataSource, config, keyDir);
          restored = true;
          const r = result.verification;
          process.stdout.write(
            `Đã khôi phục / Restored: ${result.tables.reduce((n, t) => n + t.rows, 0)} dòng trong / rows in ${result.tables.length} bảng / tables; khóa / keys → ${keyDir}` +
              `${result.migratedForward.length ? `; chuyển đổi thêm / migrated forward: ${result.migratedForward.join(', ')}` : ''}; ${(result.durationMs / 1000).toFixed(1)} s\n` +
              witnessLine(result.witness) +
              `Kiểm tra nhật ký / Audit verification: ${r.summary.vi} / ${r.summary.en}\n` +
              (r.supplied[0] ? `  điểm kiểm của bản sao lưu / the archive's checkpoint (${r.supplied[0].treeSize}): ${r.supplied[0].ok ? 'HỢP LỆ / VALID' : 'KHÔNG HỢP LỆ / INVALID'}\n` : '') +
              `  ${r.records} bản ghi / records, ${r.replay.replayed}/${r.replay.candidates} hồ sơ phát lại / candidates replayed, ${r.coverage.rows} dòng được bảo vệ / rows covered\n`,
          );
          return r.ok ? 0 : 1;
        } finally {
          await dataSource.destroy().catch(() => undefined);
          await database.close();
          // An embedded database this command created and could not fill is removed: nothing half-restored.
          if (!restored && createdEmbedded) rmSync(pgliteDir, { recursive: true, force: true });
        }
      } finally {
        archive.dispose();
      }
    }
  }
  process.stderr.write(USAGE);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DomainError) {
      const def = ERROR_CODES[error.code];
      process.stderr.write(`${def.vi}\n${def.en}\n[${error.code}] ${JSON.stringify(error.details)}\n`);
    } else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
