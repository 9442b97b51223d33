/**
 * `npm run fuzz -- --runs 10000 [--seed N] [--concurrency N] [--only REGEX] [--report file.json]`
 *
 * Starts the product on a new database (DATABASE_URL names a PostgreSQL server, on which a database is made
 * from the migrated template; without it, an in-memory embedded database), signs in one account per role and
 * sends the generated hostile requests of scripts/reliability/openapi-fuzz.ts to every operation of its OpenAPI
 * description. Prints time, requests and statuses per operation; exits 1 if any response was a 5xx, showed a
 * stack trace, broke the error shape, or if a refused request wrote anything.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { startTestApp } from '../../test/support/app.js';
import { runFuzz, summarise } from './openapi-fuzz.js';
import { FUZZ_EXCLUDED, prepareFuzzTarget } from './fuzz-target.js';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

async function main(): Promise<number> {
  const runs = Number(arg('runs', '10000'));
  const seed = Number(arg('seed', String(Date.now() % 1_000_000_000)));
  const concurrency = Number(arg('concurrency', process.env.DATABASE_URL ? '8' : '4'));
  const only = process.argv.includes('--only') ? new RegExp(arg('only', '.')) : undefined;
  const uploadLimit = 1024 * 1024;
  const t = await startTestApp({ EVIDENCE_MAX_BYTES: String(uploadLimit), DB_CONNECTION_TIMEOUT_MS: '30000' });
  try {
    const target = await prepareFuzzTarget(t);
    process.stdout.write(`Fuzzing ${process.env.DATABASE_URL ? 'on the PostgreSQL server' : 'on the embedded database'}: ${runs} requests per operation, seed ${seed}, concurrency ${concurrency}\n`);
    const report = await runFuzz(target, { runsPerOperation: runs, seed, concurrency, only, exclude: FUZZ_EXCLUDED, maxUploadBytes: uploadLimit, batchSize: 100, log: (line) => process.stdout.write(`${line}\n`) });
    process.stdout.write(`\n${summarise(report)}\n`);
    const file = arg('report', '');
    if (file) writeFileSync(file, JSON.stringify(report, null, 1));
    return report.violations.length === 0 ? 0 : 1;
  } finally {
    await t.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
