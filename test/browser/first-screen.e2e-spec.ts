/**
 * The first screen's weight: in Chromium with an empty cache, the sign-in page, and the tasks page of a unit head of
 * the demo province opened straight after signing in, each load at most 300 KB of JavaScript counted as gzip (the
 * build's .gz copies of the scripts loaded: what a browser without Brotli is sent, the larger figure) and as sent to
 * Chromium (Brotli). Every script comes compressed and cached for a year; index.html is checked each time. Neither
 * page shows a raw translation key (the first screen carries only some sections of vi.json). The figures are
 * reported in docs/performance.md.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { DEMO_PASSWORD, WEB_DIST, ensureWebBuilt, launchChromium, newVietnamesePage, startServedApp, type ServedApp } from './support/browser.js';
import { BROWSER_TIMEOUT } from './support/ui.js';

const BUDGET = 300 * 1024;

/** Every key of the Vietnamese dictionary (dotted, as the app asks for them, plural suffixes removed too). */
function dictionaryKeys(): string[] {
  const vi = JSON.parse(readFileSync(join(process.cwd(), 'apps/web/src/i18n/locales/vi.json'), 'utf8')) as Record<string, unknown>;
  const keys = new Set<string>();
  const walk = (node: unknown, path: string) => {
    if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    else {
      keys.add(path);
      keys.add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
    }
  };
  walk(vi, '');
  return [...keys].filter((k) => k.includes('.'));
}

/** The dictionary keys the page shows as they are (a word whose section the page did not load). */
async function rawKeysShown(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return dictionaryKeys().filter((key) => new RegExp(`(^|[^\\w.])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w.])`).test(text));
}

let app: ServedApp;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

interface Script {
  path: string;
  /** Bytes of the body as sent (Content-Encoding applied), from the browser's own count. */
  encoded: number;
  encoding: string;
  cacheControl: string;
  /** The size of the build's gzip copy of the same file (the figure the budget is stated in). */
  gzip: number;
  /** Whether the build wrote compressed copies (it does not when compression would not make the file smaller). */
  precompressed: boolean;
}

/** Every script the page fetches from now on, with its transferred size once it has arrived. */
function recordScripts(page: Page): () => Promise<Script[]> {
  const responses: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') responses.push(response);
  });
  return async () =>
    Promise.all(
      responses.map(async (response) => {
        await response.finished();
        const sizes = await response.request().sizes();
        const path = new URL(response.url()).pathname;
        const headers = await response.allHeaders();
        const gz = join(WEB_DIST, `${path}.gz`);
        const plain = join(WEB_DIST, path);
        return {
          path,
          encoded: sizes.responseBodySize,
          encoding: headers['content-encoding'] ?? 'identity',
          cacheControl: headers['cache-control'] ?? '',
          gzip: existsSync(gz) ? statSync(gz).size : existsSync(plain) ? statSync(plain).size : Number.NaN,
          precompressed: existsSync(gz) || existsSync(`${plain}.br`),
        };
      }),
    );
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function report(name: string, scripts: Script[]) {
  const encoded = scripts.reduce((sum, s) => sum + s.encoded, 0);
  const gzip = scripts.reduce((sum, s) => sum + s.gzip, 0);
  const largest = [...scripts].sort((a, b) => b.gzip - a.gzip).slice(0, 8);
  // The figures docs/performance.md reports, printed without jest's console frame.
  process.stdout.write(
    `${name}: ${scripts.length} scripts, ${kb(encoded)} transferred (${[...new Set(scripts.map((s) => s.encoding))].join('/')}), ${kb(gzip)} as gzip; budget ${kb(BUDGET)}\n` +
      largest.map((s) => `  ${kb(s.gzip).padStart(9)} gzip ${kb(s.encoded).padStart(9)} sent  ${s.path}`).join('\n') +
      '\n',
  );
  return { encoded, gzip };
}

/** Scripts are sent precompressed (but for the few bytes compression cannot shrink) and cached for a year (their names carry their content's hash). */
function expectServedWell(scripts: Script[]) {
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => s.precompressed).length).toBeGreaterThan(scripts.length / 2);
  for (const s of scripts) {
    expect({ path: s.path, encoding: s.encoding, cacheControl: s.cacheControl }).toEqual({
      path: s.path,
      encoding: s.precompressed ? expect.stringMatching(/^(br|gzip)$/) : 'identity',
      cacheControl: 'public, max-age=31536000, immutable',
    });
    expect(s.path).toMatch(/^\/assets\/.+-[\w-]{8}\.js$/);
    expect(s.encoded).toBeGreaterThan(0);
  }
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

describe('the first screen', () => {
  it(
    'the sign-in page and a unit head’s tasks page each load at most 300 KB of JavaScript (gzip), compressed and long cached, with no raw translation key shown',
    async () => {
      // The sign-in page, in a new browser profile (nothing cached).
      const anonymous = await newVietnamesePage(browser);
      let signInFigures: { encoded: number; gzip: number };
      try {
        const scripts = recordScripts(anonymous.page);
        const document = await anonymous.page.goto(`${app.baseUrl}/dang-nhap`);
        expect(document?.headers()['cache-control']).toBe('no-cache');
        await anonymous.page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
        await settle(anonymous.page);
        const loaded = await scripts();
        expectServedWell(loaded);
        signInFigures = report('Sign-in page (/dang-nhap)', loaded);
        expect(await rawKeysShown(anonymous.page)).toEqual([]);
        expect(anonymous.problems).toEqual([]);
      } finally {
        await anonymous.context.close();
      }

      // The unit head of the demo, signed in, opens the app afresh: the tasks page, with the frame and its menu.
      const head = await newVietnamesePage(browser);
      let tasksFigures: { encoded: number; gzip: number };
      try {
        const signedIn = await head.page.request.post(`${app.baseUrl}/api/auth/sign-in`, { data: { username: 'truongdonvi', password: DEMO_PASSWORD } });
        expect(signedIn.status()).toBe(200);
        const scripts = recordScripts(head.page);
        await head.page.goto(`${app.baseUrl}/viec-can-lam`);
        await head.page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
        await head.page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
        await settle(head.page);
        const loaded = await scripts();
        expectServedWell(loaded);
        tasksFigures = report('Tasks page of a unit head (/viec-can-lam)', loaded);
        expect(await rawKeysShown(head.page)).toEqual([]);
        expect(head.problems).toEqual([]);
      } finally {
        await head.context.close();
      }

      // Over budget fails, naming the page (the lists above say which scripts weigh most). The budget holds for the
      // gzip copies (what a browser without Brotli is sent, the larger figure) and for what Chromium was sent.
      const within = (figures: { encoded: number; gzip: number }) => ({
        gzip: Math.round(figures.gzip),
        transferred: Math.round(figures.encoded),
        gzipWithinBudget: figures.gzip <= BUDGET,
        transferredWithinBudget: figures.encoded <= BUDGET,
      });
      expect({ signIn: within(signInFigures), tasks: within(tasksFigures) }).toEqual({
        signIn: { gzip: Math.round(signInFigures.gzip), transferred: Math.round(signInFigures.encoded), gzipWithinBudget: true, transferredWithinBudget: true },
        tasks: { gzip: Math.round(tasksFigures.gzip), transferred: Math.round(tasksFigures.encoded), gzipWithinBudget: true, transferredWithinBudget: true },
      });
    },
    BROWSER_TIMEOUT,
  );
});
