/**
 * What the slow reliability scripts share: the built API as a child process (`node dist/apps/api/src/main.js`,
 * what `npm start` runs), an HTTP client with a hard timeout, a province with candidates being nurtured, the
 * audit verification command line, and percentiles.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import pg from 'pg';

export const log = (line: string) => process.stdout.write(`${line}\n`);

export function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

export const SERVER_URL = process.env.RELIABILITY_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function recreateDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return databaseUrl(name);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export const SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
/** The audit records' MAC key of this run, shared by every process it starts (a server needs one: no KEY_DIR here). */
export const RECORD_KEYS = `reliability:${randomBytes(32).toString('base64')}`;
export const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri-2025' };
export const HEAD = { username: 'truongdonvi', password: 'mat-khau-truong-don-vi-2025' };

export interface Api {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  output: string[];
}

/** Starts the built product on the given database and waits for /health/ready. */
export async function startApi(port: number, env: Record<string, string>): Promise<Api> {
  const output: string[] = [];
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000',
      INITIAL_ADMIN_USERNAME: ADMIN.username,
      INITIAL_ADMIN_PASSWORD: ADMIN.password,
      AUDIT_SIGNING_KEY: SIGNING_KEY,
      AUDIT_RECORD_KEYS: RECORD_KEYS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; i < 600; i++) {
    const ready = await request(port, 'GET', '/health/ready', undefined, {}, 1000).then((r) => r.status === 200, () => false);
    if (ready) return { child, port, exited, output };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`the API did not become ready:\n${output.join('')}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request; rejects on a network error or when no answer came within `timeoutMs`. */
export function request(port: number, method: string, path: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent, headers: { ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers, ms: performance.now() - started }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', reject);
    req.end(data);
  });
}

export interface Client {
  cookie: string;
  csrf: string;
}

export async function signIn(port: number, who: { username: string; password: string }): Promise<Client> {
  const res = await request(port, 'POST', '/api/auth/sign-in', who);
  if (res.status !== 200) throw new Error(`sign-in of ${who.username}: ${res.status} ${res.body}`);
  return { cookie: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; '), csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
}

export const withSession = (c: Client, extra: Record<string, string> = {}) => ({ cookie: c.cookie, 'x-csrf-token': c.csrf, ...extra });

async function must(res: Promise<Answer>, what: string): Promise<Record<string, unknown>> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.body}`);
  return JSON.parse(r.body) as Record<string, unknown>;
}

/** A province, a unit head there, and `count` candidates being nurtured; returns the unit head's client and the candidates' versions. */
export async function prepareProvince(port: number, count: number): Promise<{ head: Client; versions: Map<string, number> }> {
  const admin = await signIn(port, ADMIN);
  const province = await must(request(port, 'POST', '/api/units', { name: 'Tỉnh thử độ bền', level: 'PROVINCE', sector: 'STATE' }, withSession(admin)), 'province');
  await must(request(port, 'POST', '/api/accounts', { ...HEAD, displayName: 'Trưởng đơn vị', role: 'UNIT_HEAD', unitId: province.id }, withSession(admin)), 'unit head');
  const head = await signIn(port, HEAD);
  const versions = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const c = await must(
      request(port, 'POST', '/api/candidates', { kind: 'COLLECTIVE', name: `Điển hình ${i}`, unitId: province.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Thử độ bền' }, withSession(head)),
      'candidate',
    );
    const n = await must(
      request(port, 'POST', `/api/candidates/${c.id}/events`, { type: 'START_NURTURING', expectedVersion: c.version, payload: { goals: 'Mục tiêu', supporter: 'Phòng Nội vụ' } }, withSession(head)),
      'start nurturing',
    );
    versions.set(c.id as string, n.version as number);
  }
  return { head, versions };
}

/** A check-in whose `strengths` names the client's operation, so the database can be searched for it. */
export function checkIn(op: string, expectedVersion: number) {
  return { type: 'RECORD_CHECK_IN', expectedVersion, payload: { date: '2025-06-01', strengths: `op:${op}`, shortcomings: 'Không' } };
}

export const newOp = () => randomUUID();

/** How many times each operation's check-in is stored. */
export async function storedOps(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT substring(strengths from 4) AS op, count(*)::int AS n FROM nurturing_check_in WHERE strengths LIKE 'op:%' GROUP BY 1`);
  await client.end();
  return new Map((rows as { op: string; n: number }[]).map((r) => [r.op, r.n]));
}

/** `npm run audit:verify` against the database: every chain, every checkpoint, the replay of every candidate. */
export function auditVerify(url: string): { ok: boolean; output: string } {
  const run = spawnSync(process.execPath, ['dist/apps/api/src/audit/cli.js', 'verify'], { env: { ...process.env, DATABASE_URL: url, AUDIT_SIGNING_KEY: SIGNING_KEY, AUDIT_RECORD_KEYS: RECORD_KEYS, LOG_LEVEL: 'warn' }, encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function histogram(values: (string | number)[]): Record<string, number> {
  return values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
}
