import { describe, expect, it, jest } from '@jest/globals';
import { PageCache, matches } from './page-cache.js';

describe('the public page cache', () => {
  it('renders a page once for readers who arrive together, and gives it an ETag of its bytes', async () => {
    const cache = new PageCache(() => 5);
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 20));
      return { body: 'trang', type: 'text/html' };
    };
    const pages = await Promise.all([cache.get('a', render), cache.get('a', render), cache.get('a', render)]);
    expect(renders).toBe(1);
    expect(new Set(pages.map((p) => p.etag)).size).toBe(1);
    expect(matches(`W/${pages[0]!.etag}, "x"`, pages[0]!.etag)).toBe(true);
    expect(matches('"x"', pages[0]!.etag)).toBe(false);
  });

  it('serves a stale page while a fresh one renders, and waits when the page is far too old', async () => {
    const now = jest.spyOn(Date, 'now');
    const cache = new PageCache(() => 5);
    let n = 0;
    const render = async () => ({ body: `v${++n}`, type: 'text/html' });
    now.mockReturnValue(0);
    expect((await cache.get('a', render)).body.toString()).toBe('v1');
    now.mockReturnValue(6_000);
    expect((await cache.get('a', render)).body.toString()).toBe('v1');
    await new Promise((r) => setImmediate(r));
    expect((await cache.get('a', render)).body.toString()).toBe('v2');
    now.mockReturnValue(6_000 + 60_000);
    expect((await cache.get('a', render)).body.toString()).toBe('v3');
    now.mockRestore();
  });

  it('keeps nothing when its time is 0, and never keeps a refusal', async () => {
    let n = 0;
    const off = new PageCache(() => 0);
    await off.get('a', async () => ({ body: `v${++n}`, type: 'text/html' }));
    expect((await off.get('a', async () => ({ body: `v${++n}`, type: 'text/html' }))).body.toString()).toBe('v2');
    const on = new PageCache(() => 5);
    await on.get('b', async () => ({ body: 'lỗi', type: 'text/html', status: 404 }));
    expect((await on.get('b', async () => ({ body: 'trang', type: 'text/html' }))).body.toString()).toBe('trang');
  });
});
