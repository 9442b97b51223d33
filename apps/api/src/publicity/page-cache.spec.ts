import { describe, expect, it, jest } from '@jest/globals';
import { PageCache, matches } from './page-cache.js';

const html = (body: string, status?: number) => ({ body, type: 'text/html', cacheControl: 'public, no-cache', ...(status ? { status } : {}) });

describe('the public page cache', () => {
  it('renders a page once for readers who arrive together, and gives it an ETag of its bytes', async () => {
    const cache = new PageCache(() => 5);
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 20));
      return html('trang');
    };
    const pages = await Promise.all([cache.get('a', '1@2026-12-06', render), cache.get('a', '1@2026-12-06', render), cache.get('a', '1@2026-12-06', render)]);
    expect(renders).toBe(1);
    expect(new Set(pages.map((p) => p.etag)).size).toBe(1);
    expect(pages[0]!.cacheControl).toBe('public, no-cache');
    expect(matches(`W/${pages[0]!.etag}, "x"`, pages[0]!.etag)).toBe(true);
    expect(matches('"x"', pages[0]!.etag)).toBe(false);
  });

  it('never serves a page of an older version: a change (or a new day) renders it again at once', async () => {
    const cache = new PageCache(() => 300);
    let n = 0;
    const render = async () => html(`v${++n}`);
    expect((await cache.get('a', '1@2026-12-06', render)).body.toString()).toBe('v1');
    expect(cache.peek('a', '1@2026-12-06')?.body.toString()).toBe('v1');
    expect((await cache.get('a', '1@2026-12-06', render)).body.toString()).toBe('v1');
    expect(cache.peek('a', '2@2026-12-06')).toBeUndefined();
    expect((await cache.get('a', '2@2026-12-06', render)).body.toString()).toBe('v2');
    expect(cache.peek('a', '2@2026-12-07')).toBeUndefined();
    expect((await cache.get('a', '2@2026-12-07', render)).body.toString()).toBe('v3');
    // Without a version (it could not be read) every reader gets a fresh rendering.
    expect((await cache.get('a', null, render)).body.toString()).toBe('v4');
  });

  it('a slow rendering of an older version does not replace a newer one', async () => {
    const cache = new PageCache(() => 300);
    let release: () => void = () => undefined;
    const slow = cache.get('a', '1@d', () => new Promise((r) => (release = () => r(html('old')))));
    expect((await cache.get('a', '2@d', async () => html('new'))).body.toString()).toBe('new');
    release();
    expect((await slow).body.toString()).toBe('old');
    expect(cache.peek('a', '2@d')?.body.toString()).toBe('new');
  });

  it('serves a stale page of the current version while a fresh one renders, and waits when the page is far too old', async () => {
    const now = jest.spyOn(Date, 'now');
    const cache = new PageCache(() => 5);
    let n = 0;
    const render = async () => html(`v${++n}`);
    now.mockReturnValue(0);
    expect((await cache.get('a', '1@d', render)).body.toString()).toBe('v1');
    now.mockReturnValue(6_000);
    expect(cache.peek('a', '1@d')).toBeUndefined();
    expect((await cache.get('a', '1@d', render)).body.toString()).toBe('v1');
    await new Promise((r) => setImmediate(r));
    expect((await cache.get('a', '1@d', render)).body.toString()).toBe('v2');
    now.mockReturnValue(6_000 + 60_000);
    expect((await cache.get('a', '1@d', render)).body.toString()).toBe('v3');
    now.mockRestore();
  });

  it('keeps nothing when its time is 0, and never keeps a refusal', async () => {
    let n = 0;
    const off = new PageCache(() => 0);
    expect(off.enabled).toBe(false);
    await off.get('a', '1@d', async () => html(`v${++n}`));
    expect((await off.get('a', '1@d', async () => html(`v${++n}`))).body.toString()).toBe('v2');
    const on = new PageCache(() => 5);
    await on.get('b', '1@d', async () => html('lỗi', 404));
    expect(on.peek('b', '1@d')).toBeUndefined();
    expect((await on.get('b', '1@d', async () => html('trang'))).body.toString()).toBe('trang');
  });
});
