/**
 * What the browser tests share: the built web app (built here when missing or older than its sources),
 * the API with the demo province serving it on a real port, and Debian's Chromium driven by playwright-core.
 * No browser is ever downloaded: without /usr/bin/chromium the tests stop and say how to install it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/app.js';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const WEB_DIST = join(ROOT, 'apps', 'web', 'dist');
export const SCREENSHOTS = join(ROOT, 'test', 'browser', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const DEMO_PASSWORD = 'demo-dhtt-2025';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds apps/web with Vite's build API unless apps/web/dist is newer than everything it is built from. */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  const sources = ['apps/web/src', 'apps/web/public', 'apps/web/index.html', 'apps/web/vite.config.ts', 'libs/domain/src', 'libs/workflow/src'];
  const newestSource = Math.max(...sources.map((s) => join(ROOT, s)).filter(existsSync).map(newestMtime));
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource) return;
  // One build at a time, should several browser test files start together.
  const lock = join(ROOT, 'apps', 'web', '.build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`another build holds ${lock}; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (existsSync(index) && statSync(index).mtimeMs >= newestSource) return;
    // Vite's build API, in a plain Node process: its bundler does not run inside Jest's module sandbox.
    const script = `import { build } from 'vite'; await build({ configFile: ${JSON.stringify(join(ROOT, 'apps', 'web', 'vite.config.ts'))}, logLevel: 'warn' });`;
    await new Promise<void>((done, fail) => {
      const env = { ...process.env, NODE_ENV: 'production' }; // Jest's NODE_ENV=test would give React's development build
      execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, timeout: 170_000 }, (error, _stdout, stderr) =>
        error ? fail(new Error(`building the web app failed: ${stderr || error.message}`)) : done(),
      );
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (Debian's browser; the tests never download one).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export interface ServedApp {
  test: TestApp;
  baseUrl: string;
}

/** The real application with the demo province and its accounts, listening on a free port of 127.0.0.1. */
export async function startServedApp(env: Record<string, string> = {}): Promise<ServedApp> {
  const test = await startTestApp({ SEED_DEMO: 'true', ...env });
  await test.running.app.listen(0, '127.0.0.1');
  const { port } = test.running.app.getHttpServer().address() as AddressInfo;
  return { test, baseUrl: `http://127.0.0.1:${port}` };
}

export async function newVietnamesePage(browser: Browser): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  // Reduced motion: the app then shows dialogs without animation, so clicks never land on a moving target.
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1440, height: 900 }, acceptDownloads: true, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // Script errors fail the test; a refused request is logged by the browser as an error and is expected.
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return { context, page, problems };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** A small valid PDF whose first bytes the API checks. */
export function samplePdf(title: string): Buffer {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
