/**
 * The first screen's weight: in Chromium with an empty cache, the sign-in page, and the tasks page of a unit head of
 * the demo province opened straight after signing in, each load at most 300 KB of JavaScript as sent over the wire
 * (the precompressed copies the API serves: Brotli to Chromium). The same scripts counted as gzip (the build's .gz
 * copies, what a browser without Brotli gets) are printed beside it. Every script comes compressed and cached for a
 * year; index.html is checked each time. The figures are reported in docs/performance.md.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { DEMO_PASSWORD, WEB_DIST, ensureWebBuilt, launchChromium, newVietnamesePage, startServedApp, type ServedApp } from './support/browser.js';
import { BROWSER_TIMEOUT } from './support/ui.js';

const BUDGET = 300 * 1024;

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
  const largest = [...scripts].sort((a, b) => b.encoded - a.encoded).slice(0, 8);
  console.log(
    `${name}: ${scripts.length} scripts, ${kb(encoded)} transferred (${[...new Set(scripts.map((s) => s.encoding))].join('/')}), ${kb(gzip)} as gzip; budget ${kb(BUDGET)}\n` +
      largest.map((s) => `  ${kb(s.encoded).padStart(9)} ${s.path}`).join('\n'),
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
    'the sign-in page and a unit head’s tasks page each load at most 300 KB of JavaScript, compressed and long cached',
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
        expect(head.problems).toEqual([]);
      } finally {
        await head.context.close();
      }

      // Over budget fails, naming the page (the lists above say which scripts weigh most). The budget holds for what
      // the browser is sent; the gzip figure (for a browser without Brotli) is printed and reported beside it.
      const within = (figures: { encoded: number }) => ({ transferred: Math.round(figures.encoded), withinBudget: figures.encoded <= BUDGET });
      expect({ signIn: within(signInFigures), tasks: within(tasksFigures) }).toEqual({
        signIn: { transferred: Math.round(signInFigures.encoded), withinBudget: true },
        tasks: { transferred: Math.round(tasksFigures.encoded), withinBudget: true },
      });
    },
    BROWSER_TIMEOUT,
  );
});
