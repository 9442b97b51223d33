/**
 * Rendered public pages, kept by this process for PUBLIC_PAGE_CACHE_SECONDS so that a page shared widely costs
 * one rendering per interval, not one per reader; each with its ETag (a hash of the bytes), so that a browser or
 * proxy that has the page gets 304 without the body. Pages show public facts only, identical for every reader.
 *
 * One rendering at a time per page: readers who arrive while it renders wait for that one. Once a page is older
 * than its time, the next reader still gets it while a fresh one renders behind (stale while revalidate), unless
 * it is older than STALE_FACTOR times its time (the process was idle): then the reader waits for the fresh one.
 */
import { createHash } from 'node:crypto';

export interface RenderedPage {
  body: Buffer;
  etag: string;
  type: string;
  status: number;
}

type Render = () => Promise<{ body: string | Buffer; type: string; status?: number }>;

const MAX_ENTRIES = 1000;
const STALE_FACTOR = 6;

export class PageCache {
  private readonly pages = new Map<string, { page: RenderedPage; renderedAt: number }>();
  private readonly rendering = new Map<string, Promise<RenderedPage>>();

  constructor(private readonly seconds: () => number) {}

  async get(key: string, render: Render): Promise<RenderedPage> {
    const ttl = this.seconds() * 1000;
    if (ttl <= 0) return toPage(await render());
    const hit = this.pages.get(key);
    const age = hit ? Date.now() - hit.renderedAt : Infinity;
    if (hit && age <= ttl) return hit.page;
    if (hit && age <= ttl * STALE_FACTOR) {
      // The reader does not wait; a failed refresh leaves the entry to be rendered again by the next reader.
      this.refresh(key, render).catch(() => this.pages.delete(key));
      return hit.page;
    }
    return this.refresh(key, render);
  }

  private refresh(key: string, render: Render): Promise<RenderedPage> {
    const running = this.rendering.get(key);
    if (running) return running;
    const started = Date.now();
    const next = render()
      .then((out) => {
        const page = toPage(out);
        if (page.status === 200) {
          if (this.pages.size >= MAX_ENTRIES && !this.pages.has(key)) this.pages.clear();
          this.pages.set(key, { page, renderedAt: started });
        }
        return page;
      })
      .finally(() => this.rendering.delete(key));
    this.rendering.set(key, next);
    return next;
  }
}

function toPage(out: { body: string | Buffer; type: string; status?: number }): RenderedPage {
  const body = typeof out.body === 'string' ? Buffer.from(out.body, 'utf8') : out.body;
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, type: out.type, status: out.status ?? 200 };
}

/** Does the request's If-None-Match name this ETag (weak comparison, RFC 9110 13.1.2)? */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => strip(t) === strip(etag));
}
