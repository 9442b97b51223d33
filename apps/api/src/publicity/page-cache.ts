/**
 * Rendered public pages, kept by this process and keyed by the version of what they show (PublicPageVersion, plus
 * today's date: a notice opens and ends by date): any committed change to those facts moves the version, and a
 * page of an older version is never served again. PUBLIC_PAGE_CACHE_SECONDS bounds how long a page of the current
 * version is reused (a safety net; 0 keeps nothing). Each page has its ETag (a hash of its bytes, computed once
 * when it is rendered), so that a browser or proxy that has the page gets 304 without the body. Pages show public
 * facts only, identical for every reader.
 *
 * One rendering at a time per page and version: readers who arrive while it renders wait for that one. A page of
 * the current version older than its time is still served while a fresh one renders behind (stale while
 * revalidate), unless it is older than STALE_FACTOR times its time (the process was idle): then the reader waits.
 *
 * `peek` is the fast path (publicPageFastPath): a page of the current version within its time, or nothing.
 */
import { createHash } from 'node:crypto';

export interface RenderedPage {
  body: Buffer;
  etag: string;
  type: string;
  status: number;
  cacheControl: string;
}

export type Render = () => Promise<{ body: string | Buffer; type: string; status?: number; cacheControl: string }>;

const MAX_ENTRIES = 1000;
const STALE_FACTOR = 6;

interface Entry {
  page: RenderedPage;
  version: string;
  renderedAt: number;
}

export class PageCache {
  private readonly pages = new Map<string, Entry>();
  private readonly rendering = new Map<string, Promise<RenderedPage>>();

  constructor(private readonly seconds: () => number) {}

  get enabled(): boolean {
    return this.seconds() > 0;
  }

  /** A page of this version rendered within its time, if kept. */
  peek(key: string, version: string): RenderedPage | undefined {
    const hit = this.pages.get(key);
    if (!hit || hit.version !== version || Date.now() - hit.renderedAt > this.seconds() * 1000) return undefined;
    return hit.page;
  }

  async get(key: string, version: string | null, render: Render): Promise<RenderedPage> {
    const ttl = this.seconds() * 1000;
    // Without a version (it could not be read) nothing is kept or reused.
    if (ttl <= 0 || version === null) return toPage(await render());
    const hit = this.pages.get(key);
    const fresh = hit && hit.version === version ? hit : undefined;
    const age = fresh ? Date.now() - fresh.renderedAt : Infinity;
    if (fresh && age <= ttl) return fresh.page;
    if (fresh && age <= ttl * STALE_FACTOR) {
      // The reader does not wait; a failed refresh leaves the entry to be rendered again by the next reader.
      this.refresh(key, version, render).catch(() => this.pages.delete(key));
      return fresh.page;
    }
    return this.refresh(key, version, render);
  }

  private refresh(key: string, version: string, render: Render): Promise<RenderedPage> {
    const id = `${version} ${key}`;
    const running = this.rendering.get(id);
    if (running) return running;
    const started = Date.now();
    const next = render()
      .then((out) => {
        const page = toPage(out);
        if (page.status === 200) {
          if (this.pages.size >= MAX_ENTRIES && !this.pages.has(key)) this.pages.clear();
          const kept = this.pages.get(key);
          // A slower rendering of an older version never replaces a newer one.
          if (!kept || kept.version === version || orderOf(kept.version) < orderOf(version)) this.pages.set(key, { page, version, renderedAt: started });
        }
        return page;
      })
      .finally(() => this.rendering.delete(id));
    this.rendering.set(id, next);
    return next;
  }
}

/** Versions are "<counter>@<date>": ordered by the counter, then the date. */
function orderOf(version: string): string {
  const [n = '0', date = ''] = version.split('@');
  return `${n.padStart(20, '0')}@${date}`;
}

function toPage(out: { body: string | Buffer; type: string; status?: number; cacheControl: string }): RenderedPage {
  const body = typeof out.body === 'string' ? Buffer.from(out.body, 'utf8') : out.body;
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, type: out.type, status: out.status ?? 200, cacheControl: out.cacheControl };
}

/** Does the request's If-None-Match name this ETag (weak comparison, RFC 9110 13.1.2)? */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => strip(t) === strip(etag));
}
