/**
 * What the browser tests do again and again in the Vietnamese interface: sign in and out, choose in an Ant Design
 * select, screenshots once the page has settled, and a test in a browser context of its own.
 */
import { expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, newVietnamesePage, screenshotPath } from './browser.js';

export const BROWSER_TIMEOUT = 240_000;

export interface Session {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * Each test in a browser context of its own (no cookies from the one before); script errors fail it, and a
 * failure leaves a full-page screenshot named after it.
 */
export function browserTest(browser: () => Browser, name: string, failureName: string, body: (session: Session) => Promise<void>, timeout = BROWSER_TIMEOUT) {
  it(
    name,
    async () => {
      const session = await newVietnamesePage(browser());
      try {
        await body(session);
        expect(session.problems).toEqual([]);
      } catch (error) {
        await session.page.screenshot({ path: screenshotPath(`that-bai-${failureName}`), fullPage: true }).catch(() => undefined);
        throw error;
      } finally {
        await session.context.close();
      }
    },
    timeout,
  );
}

/** A screenshot once the page has settled (fonts, notices). */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = { fullPage: true }) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(name), ...options });
}

export async function signIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
}

/** Opens an Ant Design select (found by its label) and picks the option with this title. */
export async function choose(page: Page, select: Locator, optionTitle: string) {
  await select.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${optionTitle}"]`).click();
}

/** The menu entry with this name, then the page heading it leads to. */
export async function openMenu(page: Page, entry: string, heading = entry) {
  await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: entry, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/**
 * Opens an Ant Design tree select (found by its label) and picks the node with this title. The province's tree is
 * long and its list draws only what fits, so the title is typed into the search first (`search`: a shorter text to
 * type, when the node's title would match too little of the tree).
 */
export async function chooseInTree(page: Page, select: Locator, title: string, search = title) {
  await select.click();
  await select.fill(search);
  await page.locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${title}"]`).click();
}

/**
 * Expands a table row and waits for its detail to show this text. A row opened while its list is being drawn again
 * can close; it is opened again (up to four times) until the detail is there.
 */
export async function expandRow(page: Page, row: Locator, text: string): Promise<Locator> {
  const detail = page.locator('.ant-table-expanded-row').filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    const collapsed = row.locator('.ant-table-row-expand-icon-collapsed');
    if ((await collapsed.count()) > 0) await collapsed.click();
    try {
      await detail.getByText(text, { exact: true }).first().waitFor({ timeout: 5_000 });
      return detail;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

/** How far the page reaches past the screen's right edge, and the widest elements that reach past it. */
export async function horizontalOverflow(page: Page, screenWidth: number): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate((screen) => {
    const width = document.documentElement.scrollWidth;
    const culprits: string[] = [];
    if (width > screen) {
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const box = el.getBoundingClientRect();
        // Inside a box that scrolls by itself, reaching past is that box's business.
        let scrolls = false;
        for (let p = el.parentElement; p; p = p.parentElement) {
          const style = getComputedStyle(p);
          if ((style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden') && p !== document.body && p !== document.documentElement) {
            scrolls = true;
            break;
          }
        }
        if (!scrolls && box.right > screen + 1 && box.width > 0) culprits.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} (${Math.round(box.right)} px)`);
      }
    }
    return { width, culprits: culprits.slice(0, 5) };
  }, screenWidth);
}

/**
 * The page's width once a resize has settled (the layout answers media queries in its next renders): measured until
 * it fits `screenWidth` or 5 s have passed, with the widest elements past the edge when it does not fit.
 */
export async function overflowAfterResize(page: Page, screenWidth: number): Promise<{ width: number; culprits: string[] }> {
  let measured = await horizontalOverflow(page, screenWidth);
  for (let waited = 0; measured.width > screenWidth && waited < 5000; waited += 250) {
    await page.waitForTimeout(250);
    measured = await horizontalOverflow(page, screenWidth);
  }
  return measured;
}
