/**
 * An office upgrading from the previous release: the database that release's `npm start` made (its demo province,
 * audit trail, checkpoint and keys, kept in test/fixtures/release-74dceaf/) is migrated by this build and its audit
 * trail still verifies. The rows that release attested were digested without the columns added since
 * (`LateColumn` in audit/coverage.ts); they stay vouched for while those columns hold their first value, and a
 * change to one of them outside the application is still found. After the upgrade the application writes as usual
 * and the trail stays intact. On both databases.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { createApplication, type RunningApplication } from '../apps/api/src/application.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options.js';
import { EmbeddedPostgres } from '../apps/api/src/database/embedded-postgres.js';
import { migrateWithLock } from '../apps/api/src/database/migrate.js';
import { AuditVerifier, type VerificationReport } from '../apps/api/src/audit/audit-verifier.service.js';
import { ATTESTED_TABLES } from '../apps/api/src/audit/coverage.js';
import { DEMO_PASSWORD } from '../apps/api/src/demo/demo.seeder.js';
import { APP_ROLE, OWNER_ROLE, SERVER_URL, asUser, ensureRoles, onServer, withDatabase } from './support/databases.js';

const FIXTURE = fileURLToPath(new URL('fixtures/release-74dceaf', import.meta.url));
/** What that release had migrated to: its last migration. */
const LAST_MIGRATION_OF_RELEASE = 'JurisdictionProfile1796567245918';

const problemsOf = (report: VerificationReport) => [
  ...report.chains.problems,
  ...report.authentication.problems,
  ...report.replay.problems,
  ...report.checkpoints.problems,
  ...report.coverage.problems,
  ...report.history.problems,
];

const COLUMNS = `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`;

function columnsByTable(rows: { t: string; c: string }[]): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  for (const { t, c } of rows) byTable.set(t, [...(byTable.get(t) ?? []), c]);
  return byTable;
}

interface Upgraded {
  running: RunningApplication;
  /** The columns of every table as that release had them. */
  columnsBefore: Map<string, string[]>;
  /** SQL as the database's owner (server) or through the one embedded connection. */
  owner(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** The previous release's database, loaded as it was, then started by this build (which migrates it forward). */
async function upgradedFromFixture(): Promise<Upgraded> {
  const dump = gunzipSync(readFileSync(join(FIXTURE, 'database.sql.gz'))).toString('utf8');
  const work = mkdtempSync(join(tmpdir(), 'dth-upgrade-'));
  const keyDir = join(work, 'keys');
  mkdirSync(keyDir, { mode: 0o700 });
  for (const file of readdirSync(join(FIXTURE, 'keys'))) {
    copyFileSync(join(FIXTURE, 'keys', file), join(keyDir, file));
    chmodSync(join(keyDir, file), 0o600);
  }
  const env = { LOG_LEVEL: 'silent', SEED_DEMO: 'false', KEY_DIR: keyDir, DATA_DIR: join(work, 'data'), BACKUP_DIR: join(work, 'backups'), MAIL_DELIVERY: 'false', AUDIT_CHECKPOINT_INTERVAL_MS: '0', VALIDATE_RESPONSES: 'true' };

  if (onServer) {
    const name = `dth_upgrade_${Math.random().toString(16).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await ensureRoles(admin);
    await admin.query(`CREATE DATABASE ${name} OWNER ${OWNER_ROLE}`);
    await admin.end();
    // Loaded and migrated by the schema's owner, as a deployment migrates; the application then runs as APP_ROLE.
    const ownerUrl = asUser(withDatabase(SERVER_URL!, name), OWNER_ROLE);
    const owner = new pg.Pool({ connectionString: ownerUrl, max: 1 });
    await owner.query(dump);
    const columnsBefore = columnsByTable((await owner.query(COLUMNS)).rows as { t: string; c: string }[]);
    const migrator = new DataSource(dataSourceOptions(ownerUrl, { ...loadConfig(env), DB_POOL_MAX: 1 }));
    await migrator.initialize();
    await migrateWithLock(migrator);
    await migrator.destroy();
    const running = await createApplication(loadConfig({ ...env, DATABASE_URL: asUser(withDatabase(SERVER_URL!, name), APP_ROLE) }));
    return {
      running,
      columnsBefore,
      owner: async (sql, params = []) => (await owner.query(sql, params)).rows as Record<string, unknown>[],
      close: async () => {
        await running.close();
        await owner.end();
        const drop = new pg.Client({ connectionString: SERVER_URL });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
        rmSync(work, { recursive: true, force: true });
      },
    };
  }
  // Embedded: the release's database as a data folder, which the application opens and migrates at start.
  const pgl = await EmbeddedPostgres.start({ maxConnections: 1 });
  let folder: Blob;
  let columnsBefore: Map<string, string[]>;
  try {
    await pgl.db.exec(dump);
    columnsBefore = columnsByTable((await pgl.db.query<{ t: string; c: string }>(COLUMNS)).rows);
    folder = await pgl.db.dumpDataDir('gzip');
  } finally {
    await pgl.stop();
  }
  const running = await createApplication(loadConfig(env), { embeddedFrom: folder });
  const ds = running.app.get(DataSource);
  return {
    running,
    columnsBefore,
    owner: async (sql, params = []) => (await ds.query(sql, params)) as Record<string, unknown>[],
    close: async () => {
      await running.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

describe('an upgrade from the previous release (74dceaf)', () => {
  let upgraded: Upgraded;
  let verify: () => Promise<VerificationReport>;

  beforeAll(async () => {
    upgraded = await upgradedFromFixture();
    verify = () => upgraded.running.app.get(AuditVerifier).verify();
  }, 180_000);
  afterAll(async () => upgraded?.close());

  it('migrates forward from where that release stopped', async () => {
    const names = (await upgraded.owner('SELECT name FROM schema_migration ORDER BY id')).map((r) => r.name as string);
    const at = names.indexOf(LAST_MIGRATION_OF_RELEASE);
    expect(at).toBeGreaterThan(0);
    expect(names.length).toBeGreaterThan(at + 1);
    // The rows that release attested now have the columns added since, at their first value.
    const [counts] = await upgraded.owner(
      `SELECT (SELECT count(*) FROM candidate WHERE council_id IS NULL)::int AS candidates, (SELECT count(*) FROM review_session_member WHERE position IS NULL)::int AS members`,
    );
    expect(counts).toEqual({ candidates: 6, members: 6 });
  });

  it('every column added since to a table that release attested is declared late (audit/coverage.ts)', async () => {
    const now = columnsByTable((await upgraded.owner(COLUMNS)) as { t: string; c: string }[]);
    const added = ATTESTED_TABLES.filter(({ table }) => upgraded.columnsBefore.has(table)).map(({ table, late }) => ({
      table,
      added: now.get(table)!.filter((c) => !upgraded.columnsBefore.get(table)!.includes(c)),
      declared: (late ?? []).map((l) => l.column).sort(),
    }));
    expect(added.filter((a) => a.added.join() !== a.declared.join())).toEqual([]);
    expect(added.filter((a) => a.added.length).map((a) => a.table).sort()).toEqual(['account', 'candidate', 'review_session', 'review_session_member', 'unit']);
  });

  it('verifies: every row that release attested is still vouched for, and the chains, MACs, checkpoint and replays hold', async () => {
    const report = await verify();
    expect(problemsOf(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.coverage.rows).toBeGreaterThan(90);
    expect(report.replay.candidates).toBe(6);
  });

  it('the application writes on the upgraded database as usual, and the trail stays intact', async () => {
    const http = supertest(upgraded.running.app.getHttpServer());
    const signIn = await http.post('/api/auth/sign-in').send({ username: 'truongdonvi2', password: DEMO_PASSWORD });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const [candidate] = await upgraded.owner(`SELECT id, version FROM candidate WHERE name = 'Hộ ông Trần Văn Minh'`);
    const sent = await http
      .post(`/api/candidates/${candidate!.id as string}/events`)
      .set('Cookie', cookie)
      .set('X-CSRF-Token', signIn.body.csrfToken as string)
      .send({ type: 'WITHDRAW', expectedVersion: candidate!.version, payload: { reason: 'Đơn vị xin rút sau khi nâng cấp phần mềm' } });
    expect(sent.status).toBe(200);
    expect(problemsOf(await verify())).toEqual([]);
  });

  it('a column added since, changed outside the application on a row that release attested, is found', async () => {
    const [member] = await upgraded.owner(`SELECT session_id, account_id FROM review_session_member WHERE position IS NULL ORDER BY session_id, account_id LIMIT 1`);
    await upgraded.owner(`UPDATE review_session_member SET position = 'Chủ tịch Hội đồng' WHERE session_id = $1 AND account_id = $2`, [member!.session_id, member!.account_id]);
    try {
      const problems = problemsOf(await verify());
      expect(problems).toEqual([expect.objectContaining({ kind: 'ROW_CHANGED', table: 'review_session_member', rowKey: { session_id: member!.session_id, account_id: member!.account_id } })]);
    } finally {
      await upgraded.owner(`UPDATE review_session_member SET position = NULL WHERE session_id = $1 AND account_id = $2`, [member!.session_id, member!.account_id]);
    }
    expect(problemsOf(await verify())).toEqual([]);
  });
});
