/**
 * What people must stop seeing: on the demo province, every candidate's history and the audit trail (by candidate,
 * and unfiltered with every record opened) show names and words only — no ids, no English codes or keys, no login
 * names, no ISO dates. The screens that say who published, imported, proposed, recorded or set something name the
 * person, never the login. Screenshots of the history, the trail and a session at 1366 and 390 px wide.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { DEMO_ACCOUNT_LOGINS, findInternalCodes, loginNamesShown, type InternalFinding } from './support/internal-codes.js';
import { browserTest, shot, signIn } from './support/ui.js';

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

/** Opens every record of the trail's current page (the raw record stays closed: it is for checking hashes). */
async function openEveryRecord(page: Page) {
  await page.locator('.ant-table-row').first().waitFor();
  const closed = page.locator('button.ant-table-row-expand-icon-collapsed');
  while ((await closed.count()) > 0) await closed.first().click();
}

const visibleText = (page: Page) => page.locator('main#main').innerText();

function report(where: string, findings: InternalFinding[]) {
  return findings.map((f) => `${where}: ${f.kind} «${f.found}» in …${f.context}…`);
}

describe('no internal codes in the history and the audit trail', () => {
  browserTest(() => browser, 'every demo candidate’s history and its trail, and the whole trail’s first page, in words only', 'ma-noi-bo', async ({ page }) => {
    await signIn(page, app.baseUrl, 'kiemtra');
    const candidates = (await page.evaluate(async () => (await fetch('/api/candidates?pageSize=100')).json())) as { items: { id: string; name: string }[] };
    expect(candidates.items.length).toBeGreaterThanOrEqual(6);
    const found: string[] = [];
    for (const c of candidates.items) {
      await page.goto(`${app.baseUrl}/ho-so/${c.id}`);
      const history = page.getByTestId('history');
      await history.locator('.history-record').first().waitFor();
      found.push(...report(`lịch sử ${c.name}`, findInternalCodes(await history.innerText())));

      await page.goto(`${app.baseUrl}/kiem-tra?ho_so=${c.id}`);
      await openEveryRecord(page);
      found.push(...report(`nhật ký ${c.name}`, findInternalCodes(await visibleText(page))));
    }
    // The whole trail: units, accounts, movements, sessions, councils…
    await page.goto(`${app.baseUrl}/kiem-tra?co=200`);
    await openEveryRecord(page);
    const whole = await visibleText(page);
    found.push(...report('nhật ký chung', findInternalCodes(whole)));
    // The movements' own states are in words ("Đã phát động → Đang triển khai"), their links named.
    expect(whole).toContain('Phát động phong trào');
    expect(whole).toMatch(/Phong trào «[^»]+»/);
    expect([...new Set(found)]).toEqual([]);
  });

  browserTest(() => browser, 'who published, imported, set or answered is named by full name on every screen that says so, never by login', 'ten-dang-nhap', async ({ page }) => {
    // The list of demo logins the check looks for is the demo's whole list of accounts.
    const accounts = await app.test.as('admin').get('/api/accounts');
    expect((accounts.body as { username: string }[]).map((a) => a.username).sort()).toEqual([...DEMO_ACCOUNT_LOGINS].sort());
    // On a rehearsal instance (the embedded demo), a clock set and cleared by the administrator: its history names them.
    const rehearsal = (await app.test.http.get('/api/instance')).body.kind === 'rehearsal';
    if (rehearsal) {
      await app.test.as('admin').post('/api/rehearsal-clock').send({ mode: 'OFFSET', offsetDays: 3, reason: 'Thử' }).expect(201);
      await app.test.as('admin').post('/api/rehearsal-clock').send({ mode: 'OFF' }).expect(201);
    }

    const found: string[] = [];
    const look = async (where: string, path: string, shows: string | RegExp) => {
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
        await page.goto(`${app.baseUrl}${path}`);
        await page.locator('main#main').getByText(shows).first().waitFor();
        found.push(...(await loginNamesShown(page)).map((f) => `${where} (${width} px): ${f}`));
      }
    };
    await signIn(page, app.baseUrl, 'admin');
    // Published by the demo data or the product itself: in words.
    await look('quy tắc Hội đồng', '/quan-tri/quy-tac-hoi-dong', /^Hệ thống \(tự động\), lúc/);
    await look('bộ tiêu chí', '/quan-tri/tieu-chi', /^Hệ thống \(tự động\), lúc/);
    await look('hồ sơ pháp lý', '/quan-tri/ho-so-phap-ly', /Dữ liệu mẫu \(nạp khi cài đặt\), lúc/);
    await look('nhập danh sách đơn vị', '/quan-tri/nhap-don-vi', 'Dữ liệu mẫu (nạp khi cài đặt)');
    await look('hội đồng các cấp', '/hoi-dong-cac-cap', /ban hành bởi Dữ liệu mẫu \(nạp khi cài đặt\)/);
    await look('đồng hồ diễn tập', '/quan-tri/dong-ho-dien-tap', rehearsal ? 'Quản trị hệ thống (Quản trị hệ thống, Tỉnh Bắc Ninh)' : 'Các lần thay đổi');
    await page.getByRole('button', { name: 'Đăng xuất' }).click().catch(async () => {
      await page.getByRole('button', { name: 'Mở menu chức năng' }).click();
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
    });
    await signIn(page, app.baseUrl, 'thuongtruc');
    const sessions = (await page.evaluate(async () => (await fetch('/api/review-sessions')).json())) as { id: string; title: string }[];
    const noticed = sessions.find((s) => s.title === 'Tổng kết năm 2025')!;
    // The public notice: who published it, and who answered a comment.
    await look('công khai', `/hoi-dong/${noticed.id}`, /^Phạm Minh Đức \(Ban Thi đua - Khen thưởng\), lúc 08\/12\/2025/);
    expect([...new Set(found)]).toEqual([]);
  });

  browserTest(() => browser, 'the history, the trail and a session screen at 1366 and 390 px (screenshots to look at)', 'anh-chup', async ({ page }) => {
    await signIn(page, app.baseUrl, 'thuongtruc');
    const candidates = (await page.evaluate(async () => (await fetch('/api/candidates?q=Hoa')).json())) as { items: { id: string }[] };
    const sessions = (await page.evaluate(async () => (await fetch('/api/review-sessions')).json())) as { id: string; title: string }[];
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      await page.goto(`${app.baseUrl}/ho-so/${candidates.items[0]!.id}`);
      await page.getByTestId('history').locator('.history-record').first().waitFor();
      await page.getByTestId('history').scrollIntoViewIfNeeded();
      await shot(page, `lich-su-ho-so-${width}`);
      await page.goto(`${app.baseUrl}/hoi-dong/${sessions[0]!.id}`);
      await page.getByRole('heading', { name: sessions[0]!.title, level: 1 }).waitFor();
      await page.locator('.ant-skeleton').first().waitFor({ state: 'detached' }).catch(() => undefined);
      await shot(page, `phien-xet-${width}`);
    }
    await page.getByRole('button', { name: 'Đăng xuất' }).click().catch(async () => {
      // At 390 px the sign-out sits in the menu drawer.
      await page.getByRole('button', { name: /Mở menu|Menu/ }).click();
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
    });
    await signIn(page, app.baseUrl, 'kiemtra');
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      await page.goto(`${app.baseUrl}/kiem-tra?ho_so=${candidates.items[0]!.id}`);
      await openEveryRecord(page);
      await shot(page, `nhat-ky-${width}`);
    }
  });
});
