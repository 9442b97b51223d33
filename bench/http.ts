/**
 * The HTTP side of the benchmarks: a keep-alive client for the API on 127.0.0.1 and the API itself started as its
 * own process (the built product, `node dist/apps/api/src/main.js`), so that the load generator and the API do not
 * share one event loop. Used by transitions.ts and public.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type pg from 'pg';
import type { RunResult } from './stats.js';

/** The PostgreSQL server the benchmarks run against. */
export const BENCH_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of a benchmark's own database on that server. */
export function benchDatabaseUrl(database: string): string {
  const u = new URL(BENCH_SERVER);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * The keys a server needs to start (it has no KEY_DIR here): the audit records' MAC key and a throw-away
 * checkpoint signing key, both made for this run.
 */
export function benchKeys(): { recordKeys: string; signingKey: string } {
  return {
    recordKeys: `bench:${randomBytes(32).toString('base64')}`,
    signingKey: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

export interface HttpAnswer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export interface HttpClient {
  /** A request with an optional JSON body; the answer's body as text. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** A GET whose body is read and dropped; anything but 200 is an error. */
  get(path: string): Promise<void>;
  close(): void;
}

export function httpClient(port: number, maxSockets = 64): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return {
    request: (method, path, body, headers = {}) =>
      new Promise((resolve, reject) => {
        const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
        const req = http.request(
          { host: '127.0.0.1', port, method, path, agent, headers: { ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}), ...headers } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
          },
        );
        req.on('error', reject);
        req.end(data);
      }),
    get: (path) =>
      new Promise<void>((done, fail) => {
        const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? done() : fail(new Error(`${path} → ${res.statusCode}`))));
        });
        req.on('error', fail);
      }),
    close: () => agent.destroy(),
  };
}

/** The node options of `npm start` (package.json's start script): the process is measured as a user runs it. */
export function startScriptNodeOptions(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  return start.split(/\s+/).filter((word) => word.startsWith('--'));
}

/**
 * The API in a process of its own on `port`, ready when /health/ready answers 200, with the node options of
 * `npm start` (BENCH_SERVER_NODE_ARGS: extra node options, e.g. --cpu-prof for a profile).
 */
export async function startApiServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const nodeArgs = [...startScriptNodeOptions(), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/apps/api/src/main.js'], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const probe = httpClient(port, 1);
  try {
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode} before it was ready`);
      const ok = await probe.request('GET', '/health/ready').then((r) => r.status === 200, () => false);
      if (ok) return child;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    probe.close();
  }
  child.kill('SIGKILL');
  throw new Error('the API did not become ready');
}

export async function stopApiServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Two fields of /proc/<pid>/stat added, in ms (ticks of 10 ms): utime + stime (the process's own CPU) or cutime +
 * cstime (its children's that exited and were waited for). 0 when the process is gone.
 */
function procCpuMs(pid: number, which: 'own' | 'exited children'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which may hold spaces: state is [0], utime [11], stime [12], cutime [13], cstime [14].
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const first = which === 'own' ? 11 : 13;
    return (Number(fields[first]) + Number(fields[first + 1])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time (user + system, ms) a process has used, from /proc. */
export function cpuMs(pid: number): number {
  return procCpuMs(pid, 'own');
}

/**
 * CPU time (user + system, ms) of a process's children that have exited and been waited for, from /proc: a
 * `spawnSync` child's whole run, or the PostgreSQL backends of connections closed since (the postmaster's).
 */
export function exitedChildrenCpuMs(pid: number): number {
  return procCpuMs(pid, 'exited children');
}

/** The PID of the PostgreSQL server on this machine behind `admin` (a superuser's connection), or null. */
export async function postmasterPid(admin: pg.Client): Promise<number | null> {
  try {
    const { rows } = (await admin.query(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`)) as { rows: { setting: string }[] };
    const pid = Number(readFileSync(`${rows[0]!.setting}/postmaster.pid`, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${pid}`) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * CPU per request, which a busy machine disturbs far less than throughput: the API process's and its PostgreSQL
 * backends' (this machine's server; the backends of `database`) CPU time over a run ÷ requests.
 */
export async function withCpu(serverPid: number, admin: pg.Client, run: () => Promise<RunResult>, database: string): Promise<RunResult & { apiUs: number; dbUs: number }> {
  const backends = async () => ((await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database])).rows as { pid: number }[]).map((r) => r.pid);
  const pids = await backends();
  const api0 = cpuMs(serverPid);
  const db0 = new Map(pids.map((p) => [p, cpuMs(p)]));
  const result = await run();
  const api1 = cpuMs(serverPid);
  let db = 0;
  for (const p of await backends()) db += cpuMs(p) - (db0.get(p) ?? 0);
  return { ...result, apiUs: ((api1 - api0) * 1000) / Math.max(1, result.count), dbUs: (db * 1000) / Math.max(1, result.count) };
}
