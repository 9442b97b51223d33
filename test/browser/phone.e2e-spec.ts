/**
 * On a phone (390 × 844): every page each demo role reaches — the sign-in page, every menu entry, a candidate, a
 * review session, the notifications — fits the screen's width (no horizontal scroll of the page; wide tables
 * scroll inside their own box), the menu opens as a drawer from the header, and sign-out is reachable.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { browserTest, horizontalOverflow, shot, signIn } from './support/ui.js';

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

const WIDTH = 390;

/** The page settles: no skeleton, no spinner. */
async function settled(page: Page) {
  await page.locator('main#main h1, h1').first().waitFor();
  await page.locator('.ant-skeleton, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(200);
}

describe('the sign-in page', () => {
  browserTest(() => browser, 'a fresh visitor: no console error at all (not even the expected 401 of /api/auth/me)', 'dang-nhap-console', async ({ page }) => {
    const errors: string[] = [];
    const unauthorised: string[] = [];
    page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
    page.on('response', (r) => (r.status() === 401 ? unauthorised.push(r.url()) : undefined));
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.waitForTimeout(500);
    expect(unauthorised).toEqual([]);
    expect(errors).toEqual([]);
    // Signed in, a reload still knows the person (the readable cookie is there).
    await signIn(page, app.baseUrl, 'kiemtra');
    await page.reload();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  });
});

describe('on a 390 px phone', () => {
  browserTest(
    () => browser,
    'every page of every role fits the width; the menu is a drawer; sign-out is reachable',
    'telefon',
    async ({ page }) => {
      await page.setViewportSize({ width: WIDTH, height: 844 });
      const wide: string[] = [];
      const check = async (where: string) => {
        await settled(page);
        const o = await horizontalOverflow(page, WIDTH);
        if (o.width > WIDTH) wide.push(`${where}: ${o.width} px — ${o.culprits.join('; ')}`);
      };
      await page.goto(`${app.baseUrl}/dang-nhap`);
      await check('đăng nhập');
      const visited = new Set<string>();
      for (const user of ['truongdonvi', 'thuongtruc', 'uyvien1', 'kiemtra', 'admin']) {
        await signIn(page, app.baseUrl, user);
        // The menu is a drawer: closed, it takes no width; the header's button opens it.
        await expect(page.getByRole('navigation', { name: 'Chức năng chính' }).isVisible()).resolves.toBe(false);
        await page.getByRole('button', { name: 'Mở menu chức năng' }).click();
        const menu = page.getByRole('navigation', { name: 'Chức năng chính' });
        await menu.waitFor();
        const paths = await menu.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
        expect(paths.length).toBeGreaterThan(3);
        // A menu entry leads to its page and closes the drawer.
        await menu.getByRole('link').nth(1).click();
        await menu.waitFor({ state: 'hidden' });
        for (const path of paths) {
          if (visited.has(`${user}${path}`)) continue;
          visited.add(`${user}${path}`);
          await page.goto(`${app.baseUrl}${path}`);
          await check(`${user} ${path}`);
        }
        const candidates = (await page.evaluate(async () => (await fetch('/api/candidates?pageSize=3')).json())) as { items?: { id: string }[] };
        for (const c of candidates.items ?? []) {
          await page.goto(`${app.baseUrl}/ho-so/${c.id}`);
          await check(`${user} hồ sơ ${c.id}`);
        }
        if (user === 'thuongtruc') {
          const sessions = (await page.evaluate(async () => (await fetch('/api/review-sessions')).json())) as { id: string }[];
          for (const s of sessions) {
            await page.goto(`${app.baseUrl}/hoi-dong/${s.id}`);
            await check(`${user} đợt xét ${s.id}`);
          }
        }
        await page.goto(`${app.baseUrl}/thong-bao`);
        await check(`${user} thông báo`);
        // Sign-out is in the header, reachable without scrolling sideways.
        const signOut = page.getByRole('button', { name: 'Đăng xuất' });
        const box = await signOut.boundingBox();
        expect(box && box.x + box.width <= WIDTH).toBe(true);
        await signOut.click();
        await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      }
      expect(wide).toEqual([]);
    },
    600_000,
  );
});

describe('the candidate page on a 390 px phone', () => {
  browserTest(() => browser, 'its outline stays one line at the top and covers no section it leads to', 'telefon-de-muc', async ({ page }) => {
    await page.setViewportSize({ width: WIDTH, height: 844 });
    await signIn(page, app.baseUrl, 'thuongtruc');
    const found = (await page.evaluate(async () => (await fetch('/api/candidates?q=Hoa')).json())) as { items: { id: string }[] };
    await page.goto(`${app.baseUrl}/ho-so/${found.items[0]!.id}`);
    await settled(page);
    const outline = page.getByTestId('candidate-outline');
    // One line (the links scroll sideways inside it), within the width: it keeps most of the screen for the page.
    const box = (await outline.boundingBox())!;
    expect(box.height).toBeLessThanOrEqual(56);
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    expect((await horizontalOverflow(page, WIDTH)).width).toBeLessThanOrEqual(WIDTH);
    await shot(page, 'ho-so-de-muc-390', { fullPage: false });
    // Following a link, the section starts below the outline kept at the top, not under it.
    for (const [name, id] of [['Bồi dưỡng', 'boi-duong'], ['Minh chứng', 'minh-chung']] as const) {
      await outline.getByRole('link', { name, exact: true }).click();
      await page.waitForFunction((hash) => location.hash === hash, `#${id}`);
      await page.waitForTimeout(400);
      const kept = (await outline.boundingBox())!;
      const section = (await page.locator(`#${id}`).boundingBox())!;
      expect(section.y).toBeGreaterThanOrEqual(kept.y + kept.height - 1);
      expect(section.y).toBeLessThan(844 / 2);
    }
    await shot(page, 'ho-so-de-muc-minh-chung-390', { fullPage: false });
  });
});

describe('the units page on a 390 px phone', () => {
  browserTest(() => browser, 'every unit chosen in the tree: its timeline and its form fit the width (long names wrap)', 'telefon-don-vi', async ({ page }) => {
    await page.setViewportSize({ width: WIDTH, height: 844 });
    await signIn(page, app.baseUrl, 'admin');
    await page.goto(`${app.baseUrl}/quan-tri/don-vi`);
    await settled(page);
    // The tree's own nodes (Ant Design keeps a hidden copy of one for measuring).
    const nodes = page.locator('.ant-tree-treenode:not([aria-hidden]) .ant-tree-node-content-wrapper');
    await nodes.first().waitFor();
    const count = await nodes.count();
    expect(count).toBeGreaterThan(20);
    const wide: string[] = [];
    for (let i = 0; i < count; i++) {
      const node = nodes.nth(i);
      const name = (await node.innerText()).replace(/\s+/g, ' ').trim();
      await node.click();
      await page.getByRole('heading', { name: 'Lịch sử đơn vị' }).waitFor();
      await page.locator('.ant-card-loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
      await page.waitForTimeout(200);
      const o = await horizontalOverflow(page, WIDTH);
      if (o.width > WIDTH) wide.push(`${name}: ${o.width} px — ${o.culprits.join('; ')}`);
    }
    expect(wide).toEqual([]);
    await shot(page, 'don-vi-390');
  });
});
