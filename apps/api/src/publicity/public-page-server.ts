/**
 * Serves the public pages from the cache of rendered pages (PageCache, keyed by the version of what they show) with
 * their ETag, Cache-Control and the web app's security policy, answering 304 to a matching If-None-Match.
 *
 * `fastPath()` is an Express middleware mounted before the rest of the stack (application.ts): a GET or HEAD of a
 * /cong-khai page kept for the current version is answered there, without cookies, body parsing, Nest's router,
 * guards and interceptors; anything else (a page not kept, a newer version, a form) goes on to the controller,
 * which renders it once and keeps it. Both answer with the same bytes and headers.
 */
import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { CONTENT_SECURITY_POLICY } from '../web/web-app.js';
import { PageCache, matches, type Render, type RenderedPage } from './page-cache.js';
import { PUBLIC_ROOT } from './public-html.js';
import { PublicPageVersion } from './public-page-version.js';

/** The version the fast path read for this request, handed on to the controller (so it is read once). */
const VERSION = Symbol('public page version');
type WithVersion = Request & { [VERSION]?: string | null };

@Injectable()
export class PublicPageServer {
  readonly cache: PageCache;

  constructor(
    private readonly version: PublicPageVersion,
    private readonly config: AppConfig,
  ) {
    this.cache = new PageCache(() => config.PUBLIC_PAGE_CACHE_SECONDS);
  }

  /** The site's address: PUBLIC_BASE_URL, else the request's own. */
  baseOf(req: Request): string {
    return this.config.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  }

  /** A page is kept per site address and whole request address (path and query). */
  keyOf(req: Request): string {
    return `${this.baseOf(req)} ${req.originalUrl}`;
  }

  /** The page of this request: kept for the current version, or rendered (once at a time) and kept. */
  async serve(req: Request, res: Response, render: Render): Promise<void> {
    const r = req as WithVersion;
    const version = VERSION in r ? r[VERSION]! : this.cache.enabled ? await this.version.current() : null;
    write(req, res, await this.cache.get(this.keyOf(req), version, render));
  }

  fastPath() {
    const root = `${PUBLIC_ROOT}/`;
    return (req: Request, res: Response, next: NextFunction): void => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !this.cache.enabled || !(req.path === PUBLIC_ROOT || req.path.startsWith(root))) return next();
      this.version.current().then((version) => {
        (req as WithVersion)[VERSION] = version;
        const page = version === null ? undefined : this.cache.peek(this.keyOf(req), version);
        if (page) write(req, res, page);
        else next();
      }, next);
    };
  }
}

function write(req: Request, res: Response, page: RenderedPage): void {
  // The web app's policy (helmet's default without upgrade-insecure-requests, which would break plain http://<address>).
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('ETag', page.etag);
  res.setHeader('Cache-Control', page.cacheControl);
  res.setHeader('Vary', 'Accept-Encoding');
  if (page.status === 200 && matches(req.headers['if-none-match'], page.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = page.status;
  res.setHeader('Content-Type', page.type);
  res.setHeader('Content-Length', String(page.body.length));
  res.end(req.method === 'HEAD' ? undefined : page.body);
}
