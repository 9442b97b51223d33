/**
 * The built product (`dist/`), for tests that run it as a person would (`node dist/apps/api/src/…`): built with
 * tsc unless dist is newer than its sources (CI builds before testing). The API only: the web application's build
 * (vite) is not needed by the commands these tests run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureApiBuilt(): void {
  const main = join(ROOT, 'dist/apps/api/src/main.js');
  const sources = Math.max(...['apps/api/src', 'libs'].map((d) => newestMtime(join(ROOT, d))));
  if (existsSync(main) && statSync(main).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
}
