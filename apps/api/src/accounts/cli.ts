/**
 * Creates the first administrator of a real deployment, once, without a default password:
 *   ADMIN_PASSWORD='…' node dist/apps/api/src/accounts/cli.js create-admin <username> ["Full name"]
 * (or type the password on standard input). Uses DATABASE_URL, or the embedded database under DATA_DIR.
 * Refuses when an administrator already exists: further accounts are created in the application.
 */
import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { DataSource } from 'typeorm';
import { AuditEventRepository } from '../audit/audit-event.repository.js';
import { AuditRecordKeys } from '../audit/audit-record-keys.js';
import { RowAttestations } from '../audit/row-attestations.js';
import { AuditWriter } from '../audit/audit.writer.js';
import { JobQueue } from '../notifications/job-queue.js';
import { MailSender } from '../notifications/mail-sender.js';
import { Notifications } from '../notifications/notifications.js';
import { Clock } from '../common/clock.js';
import { systemActor } from '../common/actor.js';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { migrateWithLock } from '../database/migrate.js';
import { openDatabase } from '../database/open-database.js';
import { AccountRepository } from './account.repository.js';
import { AccountsService } from './accounts.service.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';
import { SecurityAudit } from './security-audit.js';
import { SignInRepository } from './sign-in.repository.js';
import { SessionLookups } from './session-lookups.js';
import { RepeatedSecurityEvents } from './repeated-security-events.js';
import { SignInThrottle } from './sign-in-throttle.js';

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  process.stderr.write('Mật khẩu / Password: ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function main(): Promise<number> {
  const [command, username, displayName] = process.argv.slice(2);
  if (command !== 'create-admin' || !username || !/^[a-z0-9._-]{3,50}$/.test(username)) {
    process.stderr.write('usage: ADMIN_PASSWORD=… cli.js create-admin <username: 3–50 of a-z 0-9 . _ -> ["Full name"]\n');
    return 2;
  }
  const password = await readPassword();
  if (password.length < PASSWORD_MIN_LENGTH) {
    process.stderr.write(`Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự / The password needs at least ${PASSWORD_MIN_LENGTH} characters.\n`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(database.url, { ...config, DB_POOL_MAX: 1 }));
  await dataSource.initialize();
  try {
    await migrateWithLock(dataSource);
    const accountRepository = new AccountRepository(dataSource);
    if ((await accountRepository.countAdministrators()) > 0) {
      process.stderr.write('Đã có quản trị viên; hãy tạo tài khoản trong ứng dụng / An administrator exists already; create accounts in the application.\n');
      return 1;
    }
    // The record it writes is authenticated like the application's: the same keyring (created if new).
    const recordKeys = new AuditRecordKeys(config);
    recordKeys.resolve({ mayCreate: true });
    const security = new SecurityAudit(dataSource, new AuditWriter(new AuditEventRepository(dataSource), new RowAttestations(dataSource), recordKeys));
    const clock = new Clock(config);
    const signIns = new SignInRepository(dataSource);
    const repeated = new RepeatedSecurityEvents(security, clock, config);
    const accounts = new AccountsService(dataSource, accountRepository, signIns, security, clock, new SignInThrottle(dataSource, signIns, config, clock), repeated, new Notifications(new JobQueue(dataSource, config), new MailSender(config), config, clock), new SessionLookups(config));
    await accounts.create({ username, displayName: displayName ?? 'Quản trị hệ thống', role: 'ADMIN', password }, systemActor('cli'));
    process.stdout.write(`Đã tạo quản trị viên / Administrator created: ${username}\n`);
    return 0;
  } finally {
    await dataSource.destroy();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
