/**
 * The README's way to grow (issue 22, "done when"): from an embedded demo to a backup, a restore on a PostgreSQL
 * server, and a verified audit trail there. The three commands are read from README.md's fenced block and run as
 * written (only the placeholders `…`, the server's address, the key and witness folders are filled in) on the
 * built product, each in a shell in a folder of its own: the office computer's, then the server machine's. So the
 * README cannot drift from what works. On the way, the same restore command refuses a damaged, a truncated and a
 * wrongly unlocked archive, in Vietnamese, writing nothing.
 *
 * Needs a PostgreSQL server (DATABASE_URL, else BACKUP_TEST_SERVER_URL or the local one): the demo is embedded
 * whatever the suite's database, so the test is the same on both runs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../apps/api/src/demo/demo.seeder.js';
import { ensureApiBuilt } from './support/built-product.js';
import { APP_ROLE, ensureRoles, OWNER_ROLE, withDatabase } from './support/databases.js';

const ROOT = process.cwd();
const SERVER = process.env.DATABASE_URL ?? process.env.BACKUP_TEST_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSPHRASE = 'cụm mật khẩu của văn phòng 2025';
const SECTION = '**Moving from the embedded database to a PostgreSQL server**';

/** The commands (not the comments) of the README's fenced block after SECTION. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(SECTION);
  expect(at).toBeGreaterThan(0);
  const block = /```bash\n([\s\S]*?)```/.exec(readme.slice(at));
  expect(block).not.toBeNull();
  return block![1]!.split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment, as a person's shell has it: nothing of the test run's database settings. */
const shellEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...extra });

function start(command: string, cwd: string, extra: Record<string, string> = {}): { child: ChildProcess; output: () => string; done: Promise<Ran> } {
  const child = spawn('bash', ['-c', command], { cwd, env: shellEnv(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Ran>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { child, output: () => stdout + stderr, done };
}

const run = (command: string, cwd: string, extra: Record<string, string> = {}) => start(command, cwd, extra).done;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the product (a long-running command) and waits until it answers /health/ready. */
async function serve(command: string, cwd: string, port: number): Promise<{ stop: () => Promise<Ran> }> {
  const product = start(command, cwd, { PORT: String(port) });
  let exited = false;
  void product.done.then(() => (exited = true));
  // The demo's first start creates, migrates and seeds its database: minutes on a busy machine.
  for (const until = Date.now() + 600_000; ; ) {
    if (exited) throw new Error(`the product stopped before it was ready:\n${product.output().slice(-3000)}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > until) {
      product.child.kill('SIGKILL');
      await product.done;
      throw new Error(`the product was not ready in 10 minutes:\n${product.output().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    stop: async () => {
      product.child.kill('SIGTERM');
      return product.done;
    },
  };
}

/** A signed-in person of the running product. */
async function signIn(port: number, username: string) {
  const base = `http://127.0.0.1:${port}`;
  const res = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, { method, headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> & { items?: Record<string, unknown>[] } };
  };
  return { get: (path: string) => call('GET', path), post: (path: string, body: unknown) => call('POST', path, body) };
}

async function serverReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: SERVER, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

describe("the README's three commands, from an embedded demo to a verified audit trail on a PostgreSQL server", () => {
  const work = mkdtempSync(join(tmpdir(), 'dth-readme-'));
  const office = join(work, 'office');
  const server = join(work, 'server');
  const database = `dth_readme_${Math.random().toString(16).slice(2, 10)}`;
  let admin: pg.Client | null = null;

  beforeAll(async () => {
    ensureApiBuilt();
    // Each machine's folder holds the product (its dist), as an installed copy would.
    for (const dir of [office, server]) {
      mkdirSync(dir);
      symlinkSync(join(ROOT, 'dist'), join(dir, 'dist'));
    }
  }, 600_000);

  afterAll(async () => {
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('the commands, as written, move the demo to the server; the restore refuses what it must, and the audit trail verifies there', async () => {
    if (!process.env.DATABASE_URL && !process.env.BACKUP_TEST_SERVER_URL && !(await serverReachable())) {
      console.warn(`backups-readme: no PostgreSQL server at ${SERVER} (set BACKUP_TEST_SERVER_URL): the README's commands were not tried`);
      return;
    }
    const commands = readmeCommands();
    expect(commands).toHaveLength(3);
    const [backup, restore, startServer] = commands as [string, string, string];

    // 0. The embedded demo (`npm start` is the build, then this), used a little: a unit head nominates someone.
    const officePort = await freePort();
    const demo = await serve('node dist/apps/api/src/main.js', office, officePort);
    let nominated: string;
    try {
      const head = await signIn(officePort, 'truongdonvi');
      const list = await head.get('/api/candidates');
      expect(list.status).toBe(200);
      const unitId = (list.body.items as { unitId: string }[])[0]!.unitId;
      const made = await head.post('/api/candidates', { kind: 'INDIVIDUAL', name: 'Nguyễn Thị Chuyển Máy', unitId, field: 'EDUCATION_SCIENCE', year: 2025, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'Giáo viên dạy giỏi cấp tỉnh.' });
      expect(made.status).toBe(201);
      nominated = made.body.id as string;
    } finally {
      expect((await demo.stop()).code).not.toBeNull();
    }
    expect(existsSync(join(office, 'data', 'pglite'))).toBe(true);

    // 1. The backup, on the office computer.
    const fill = (command: string) => command.replaceAll("BACKUP_PASSPHRASE='…'", `BACKUP_PASSPHRASE='${PASSPHRASE}'`);
    const backedUp = await run(fill(backup), office);
    expect(`${backedUp.stdout}${backedUp.stderr}`).toContain('Đã ghi bản sao lưu / Backup written');
    expect(backedUp.code).toBe(0);
    expect(existsSync(join(office, 'office.dth-backup.tar'))).toBe(true);

    // The archive travels to the server machine; an empty database owned by dth_owner waits there, and a witness folder.
    copyFileSync(join(office, 'office.dth-backup.tar'), join(server, 'office.dth-backup.tar'));
    admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await ensureRoles(admin);
    await admin.query(`CREATE DATABASE ${database} OWNER ${OWNER_ROLE}`);
    const at = new URL(SERVER);
    const url = (role: string) => {
      const u = new URL(withDatabase(SERVER, database));
      u.username = role;
      u.password = '';
      return u.toString();
    };
    const keys = join(server, 'keys');
    const witness = join(work, 'witness');
    mkdirSync(witness);
    const onServer = (command: string) => {
      const filled = fill(command)
        .replaceAll('/var/lib/dien-hinh/keys', keys)
        .replaceAll('/mnt/witness', witness)
        .replaceAll('postgres://dth_owner:…@db/dien_hinh', url(OWNER_ROLE))
        .replaceAll('postgres://dth_app:…@db/dien_hinh', url(APP_ROLE));
      expect(filled).not.toContain('…');
      expect(filled).toContain(`@${at.host}/`);
      return filled;
    };
    const tables = async () => (await admin!.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1`, [OWNER_ROLE])).rows[0].n as number;
    const inDatabase = async (sql: string) => {
      const c = new pg.Client({ connectionString: withDatabase(SERVER, database) });
      await c.connect();
      try {
        return (await c.query(sql)).rows;
      } finally {
        await c.end();
      }
    };

    // The restore refuses, in Vietnamese first, a wrong passphrase, a flipped byte and a truncated copy; it writes nothing.
    const archive = readFileSync(join(server, 'office.dth-backup.tar'));
    const flipped = Buffer.from(archive);
    flipped[Math.floor(archive.length / 2)]! ^= 0x01;
    writeFileSync(join(server, 'flipped.dth-backup.tar'), flipped);
    writeFileSync(join(server, 'short.dth-backup.tar'), archive);
    truncateSync(join(server, 'short.dth-backup.tar'), Math.floor(archive.length * 0.6));
    const refusals: [string, string][] = [
      [onServer(restore).replace(`'${PASSPHRASE}'`, "'không phải mật khẩu này'"), 'Mật khẩu bản sao lưu không đúng'],
      [onServer(restore).replace('office.dth-backup.tar', 'flipped.dth-backup.tar'), 'Tệp sao lưu bị hỏng'],
      [onServer(restore).replace('office.dth-backup.tar', 'short.dth-backup.tar'), 'Tệp sao lưu bị cắt cụt'],
    ];
    for (const [command, words] of refusals) {
      const refused = await run(command, server);
      expect(refused.code).toBe(2);
      expect(refused.stderr.split('\n')[0]).toMatch(new RegExp(`^${words}.*không khôi phục gì`));
      expect(await tables()).toBe(0);
      expect(existsSync(keys) ? readdirSync(keys) : []).toEqual([]);
      expect(readdirSync(witness)).toEqual([]);
    }

    // 2. The restore, on the server: it verifies the audit trail against the archive's checkpoint and says so.
    const restored = await run(onServer(restore), server);
    expect(`${restored.stdout}${restored.stderr}`).toContain('Đã khôi phục / Restored');
    expect(restored).toMatchObject({ code: 0, stderr: expect.not.stringMatching(/lỗi|error/i) });
    expect(restored.stdout).toContain('Đã khôi phục / Restored');
    expect(restored.stdout).toContain(`Nơi chứng thực / Witness ${witness}: bắt đầu từ bản sao lưu`);
    expect(restored.stdout).toMatch(/Kiểm tra nhật ký \/ Audit verification: Nhật ký toàn vẹn: \d+ bản ghi/);
    expect(restored.stdout).toContain("điểm kiểm của bản sao lưu / the archive's checkpoint");
    expect(restored.stdout).toContain('HỢP LỆ / VALID');
    expect(restored.stdout).not.toContain('Chưa cấu hình nơi chứng thực');
    expect(await inDatabase(`SELECT name FROM candidate WHERE id = '${nominated}'`)).toEqual([{ name: 'Nguyễn Thị Chuyển Máy' }]);
    expect(await inDatabase(`SELECT actor FROM audit_event WHERE event_type = 'BACKUP_RESTORED'`)).toEqual([{ actor: 'khoi-phuc-sao-luu' }]);

    // 3. The product on the server, as the application's role: the demo's auditor signs in and the trail verifies.
    const serverPort = await freePort();
    const product = await serve(onServer(startServer), server, serverPort);
    try {
      const auditor = await signIn(serverPort, 'kiemtra');
      const verified = await auditor.get('/api/audit/verify');
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ ok: true, history: { witness: { configured: true, location: witness } } });
      expect((verified.body.history as { witness: { entries: number } }).witness.entries).toBeGreaterThan(0);
      const head = await signIn(serverPort, 'truongdonvi');
      expect((await head.get(`/api/candidates/${nominated}`)).status).toBe(200);
    } finally {
      await product.stop();
    }

    // And the command line's verification, with the settings of step 3, says the same.
    const env = /^((?:\w+=\S+ )+)node /.exec(onServer(startServer))![1]!;
    const verify = await run(`${env}node dist/apps/api/src/audit/cli.js verify`, server);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('Nhật ký toàn vẹn');
  }, 1_800_000);
});
