/**
 * Starts the real application (the same `createApplication` as `npm start`) on a database of its own, with a
 * test province and one signed-in account per role.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { createApplication, type RunningApplication } from '../../apps/api/src/application.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { AccountsService } from '../../apps/api/src/accounts/accounts.service.js';
import { UnitsService } from '../../apps/api/src/units/units.service.js';
import { systemActor } from '../../apps/api/src/common/actor.js';
import type { Role } from '#domain';
import { newTestDatabase } from './databases.js';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo.seeder.js';
import { AuditVerifier } from '../../apps/api/src/audit/audit-verifier.service.js';
import { BAC_NINH_WITH_REGULATION } from '../../apps/api/src/demo/demo-profile.js';
import { Clock } from '../../apps/api/src/common/clock.js';
import { JurisdictionProfiles } from '../../apps/api/src/jurisdiction/jurisdiction-profiles.js';

/** The test province's jurisdiction profile takes effect on this day. */
export const TEST_PROFILE_SINCE = '2000-01-01';

export const TEST_PASSWORD = 'mat-khau-thu-nghiem-2025';
const TEST_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');

/** The accounts every test app starts with, all in the test province (so the unit head reaches every unit). */
export const FIXTURE_ACCOUNTS: Record<string, Role> = {
  admin: 'ADMIN',
  truongdonvi: 'UNIT_HEAD',
  thuongtruc: 'COUNCIL_SECRETARY',
  uyvien1: 'COUNCIL_MEMBER',
  kiemtra: 'AUDITOR',
  vanthu: 'CLERK',
};

export interface ActorClient {
  username: string;
  csrfToken: string;
  cookie: string;
  get(url: string): supertest.Test;
  post(url: string): supertest.Test;
  patch(url: string): supertest.Test;
}

export interface TestApp {
  running: RunningApplication;
  http: ReturnType<typeof supertest>;
  dataSource: DataSource;
  /** The root unit every fixture account belongs to. */
  provinceId: string;
  /** A signed-in client for a fixture account (or one signed in earlier with `signIn`). */
  as(username: string): ActorClient;
  /** Signs in and returns the client, throwing with the response when sign-in fails. */
  signIn(username: string, password?: string): Promise<ActorClient>;
  /**
   * The database as its owner (superuser on the test server): what an attacker with the database could do, and
   * what a test that plants a fault needs. The application itself connects as the restricted role dth_app on
   * the server (test/support/databases.ts); on the embedded database both are the one superuser session.
   */
  admin: {
    query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
    /** Several statements in one transaction (committed when `work` resolves, rolled back when it throws). */
    transaction<R>(work: (query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>) => Promise<R>): Promise<R>;
  };
  /** Creates an account directly (no HTTP) and signs it in. */
  newAccount(username: string, role: Role, unitId: string | null): Promise<ActorClient>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * On close, verify the whole audit trail of the file's database and fail when it is not intact: proof that no
   * write path forgot its audit record or its row attestations. Off only for suites that tamper on purpose.
   */
  verifyOnClose?: boolean;
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await newTestDatabase();
  // The product's keys (the audit records' MAC keyring) outside the database, in a folder of this app's own.
  const keyDir = mkdtempSync(join(tmpdir(), 'dth-test-keys-'));
  // And a backup folder of its own (the embedded default, DATA_DIR/backups, would be the checkout's ./data).
  const backupDir = mkdtempSync(join(tmpdir(), 'dth-test-backups-'));
  // Every test signs in from 127.0.0.1: the per-address limit is lifted unless a test sets it.
  // A signing key of the test's own (a server without AUDIT_SIGNING_KEY or KEY_DIR refuses to start: a test that
  // means that passes AUDIT_SIGNING_KEY: '' and KEY_DIR: ''), a key folder of its own for the records' MAC keys, no
  // witness unless the test gives AUDIT_WITNESS_DIR (the in-memory database has no DATA_DIR/witness), and no
  // background checkpoint job: tests build checkpoints when they mean to. DATA_DIR is a folder of the app's own that
  // does not exist, so that a checkout's ./data (left by `npm start`) is never taken for this app's: its witness
  // would then be shared by every test app.
  const config = loadConfig({ LOG_LEVEL: 'silent', VALIDATE_RESPONSES: 'true', SEED_DEMO: 'false', DB_POOL_MAX: '10', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000', AUDIT_SIGNING_KEY: TEST_SIGNING_KEY, AUDIT_CHECKPOINT_INTERVAL_MS: '0', KEY_DIR: keyDir, DATA_DIR: join(keyDir, 'data'), MAIL_DELIVERY: 'false', BACKUP_DIR: backupDir, ...env, ...(database.url ? { DATABASE_URL: database.url } : {}) });
  let running: RunningApplication;
  try {
    running = await createApplication(config, { embeddedFrom: database.embeddedFrom });
  } catch (error) {
    await database.drop();
    rmSync(keyDir, { recursive: true, force: true });
    rmSync(backupDir, { recursive: true, force: true });
    throw error;
  }
  const http = supertest(running.app.getHttpServer());
  const system = systemActor('kiem-thu');
  const accounts = running.app.get(AccountsService);
  const clients = new Map<string, ActorClient>();

  const signIn = async (username: string, password = TEST_PASSWORD): Promise<ActorClient> => {
    const res = await http.post('/api/auth/sign-in').send({ username, password });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const csrfToken = res.body.csrfToken as string;
    const withSession = (t: supertest.Test) => t.set('Cookie', cookie).set('X-CSRF-Token', csrfToken);
    const client: ActorClient = {
      username,
      csrfToken,
      cookie,
      get: (url) => withSession(http.get(url)),
      post: (url) => withSession(http.post(url)),
      patch: (url) => withSession(http.patch(url)),
    };
    clients.set(username, client);
    return client;
  };

  const newAccount = async (username: string, role: Role, unitId: string | null) => {
    await accounts.create({ username, displayName: username, role, unitId: unitId ?? undefined, password: TEST_PASSWORD }, system);
    return signIn(username);
  };

  let provinceId: string;
  if (config.SEED_DEMO === 'true') {
    // The demo province brings its own accounts (one per role) with the demo password.
    provinceId = ((await running.app.get(DataSource).query('SELECT id FROM unit WHERE parent_id IS NULL')) as { id: string }[])[0]!.id;
    for (const username of Object.keys(FIXTURE_ACCOUNTS)) await signIn(username, DEMO_PASSWORD);
  } else {
    provinceId = (await running.app.get(UnitsService).create({ name: 'Tỉnh thử nghiệm', level: 'PROVINCE', sector: 'STATE' }, system)).id;
    for (const [username, role] of Object.entries(FIXTURE_ACCOUNTS)) await newAccount(username, role, provinceId);
    // The demo's jurisdiction profile, in force since long before any date a test uses (published as of then, as an
    // administrator would have); `TEST_WITHOUT_PROFILE` leaves the province without one.
    if (!env.TEST_WITHOUT_PROFILE) {
      await running.app.get(Clock).during(new Date(`${TEST_PROFILE_SINCE}T00:00:00Z`), () =>
        running.app.get(JurisdictionProfiles).publish({ effectiveFrom: TEST_PROFILE_SINCE, content: BAC_NINH_WITH_REGULATION }, system),
      );
    }
  }

  const dataSource = running.app.get(DataSource);
  // On the server a pool of its own as the server's administrator (the app itself connects as the restricted
  // APP_ROLE); embedded, PGlite has one user and one connection.
  const adminPool = database.adminUrl ? new pg.Pool({ connectionString: database.adminUrl, max: 2 }) : null;
  const admin: TestApp['admin'] = {
    query: async <T>(sql: string, params: unknown[] = []) =>
      adminPool ? ((await adminPool.query(sql, params)).rows as T[]) : ((await dataSource.query(sql, params)) as T[]),
    transaction: async (work) => {
      if (!adminPool) return dataSource.transaction((em) => work(async <T>(sql: string, params: unknown[] = []) => (await em.query(sql, params)) as T[]));
      const client = await adminPool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[]);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };

  return {
    running,
    http,
    dataSource,
    admin,
    provinceId,
    as: (username) => {
      const client = clients.get(username);
      if (!client) throw new Error(`no signed-in client for ${username}: use newAccount or signIn first`);
      return client;
    },
    signIn,
    newAccount,
    close: async () => {
      try {
        if (options.verifyOnClose !== false) {
          const report = await running.app.get(AuditVerifier).verify();
          if (!report.ok) {
            const problems = [...report.chains.problems, ...report.authentication.problems, ...report.replay.problems, ...report.checkpoints.problems, ...report.coverage.problems];
            throw new Error(`The audit trail of this test file's database is not intact (verify-on-close):\n${JSON.stringify(problems.slice(0, 20), null, 2)}`);
          }
        }
      } finally {
        await adminPool?.end();
        await running.close();
        await database.drop();
        rmSync(keyDir, { recursive: true, force: true });
        rmSync(backupDir, { recursive: true, force: true });
      }
    },
  };
}
