/**
 * Rendered public pages, kept by this process for PUBLIC_PAGE_CACHE_SECONDS so that a page shared widely costs
 * one rendering per interval, not one per reader; each with its ETag (a hash of the bytes), so that a browser or
 * proxy that has the page gets 304 without the body. Pages show public facts only, identical for every reader.
 */
import { createHash } from 'node:crypto';

export interface RenderedPage {
  body: Buffer;
  etag: string;
  type: string;
  status: number;
}

const MAX_ENTRIES = 1000;

export class PageCache {
  private readonly pages = new Map<string, { page: RenderedPage; until: number }>();

  constructor(private readonly seconds: () => number) {}

  async get(key: string, render: () => Promise<{ body: string | Buffer; type: string; status?: number }>): Promise<RenderedPage> {
    const now = Date.now();
    const hit = this.pages.get(key);
    if (hit && hit.until > now) return hit.page;
    const out = await render();
    const body = typeof out.body === 'string' ? Buffer.from(out.body, 'utf8') : out.body;
    const page = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, type: out.type, status: out.status ?? 200 };
    const ttl = this.seconds();
    if (ttl > 0 && page.status === 200) {
      if (this.pages.size >= MAX_ENTRIES) this.pages.clear();
      this.pages.set(key, { page, until: now + ttl * 1000 });
    }
    return page;
  }
}

/** Does the request's If-None-Match name this ETag (weak comparison, RFC 9110 13.1.2)? */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => strip(t) === strip(etag));
}
