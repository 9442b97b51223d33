/**
 * Serves the web application (apps/web, built into apps/web/dist by `npm run build`) on the API's own port:
 * every GET or HEAD that is not under /api or /health gets a file of the build, or index.html for the
 * single-page app's own addresses. When the web app has not been built, those addresses answer a short
 * Vietnamese page that says how to build it; the API works either way.
 *
 * The build writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each text file (apps/web/vite.config.ts): a
 * browser that accepts one gets it as it is, compressed once at build and never per request. Hashed files under
 * /assets are cached for a year; index.html and the other files are checked each time.
 *
 * The folder is found from this file's location (the nearest folder above it with a package.json: the
 * repository, or /app in the image), never from the working directory.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';

/** Paths that belong to the API (and the server-rendered public pages), not to the web app. */
const API_PREFIXES = ['/api', '/health', '/cong-khai'];

/**
 * The web app's own policy: as helmet's default, but without `upgrade-insecure-requests`, which would make
 * a browser on plain http://<address>:3000 (anything but localhost) fetch the scripts over https and fail.
 * Ant Design writes its styles at run time, hence 'unsafe-inline' for styles only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

export function repositoryRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

export function webDistDir(): string {
  return join(repositoryRoot(), 'apps', 'web', 'dist');
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Điển hình tiên tiến</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.6;color:#1f1f1f}code{background:#f0f0f0;padding:.1rem .3rem;border-radius:4px}</style></head>
<body>
<h1>Giao diện web chưa được xây dựng</h1>
<p>Máy chủ đang chạy và API vẫn hoạt động tại <a href="/api/docs">/api/docs</a>, nhưng giao diện web (<code>apps/web</code>) chưa được xây dựng.</p>
<p>Hãy chạy <code>npm run build</code> (hoặc khởi động lại bằng <code>npm start</code>, lệnh này xây dựng cả giao diện), rồi tải lại trang này.</p>
<hr>
<p lang="en"><small>The web application has not been built. Run <code>npm run build</code> (or restart with <code>npm start</code>) and reload this page. The API works meanwhile.</small></p>
</body>
</html>
`;

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** The file of the build a request path names, if it is one (never outside the build folder). */
function fileFor(root: string, path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** The precompressed copies the build writes, best first, with the Accept-Encoding token that asks for each. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** The encodings an Accept-Encoding header accepts (a q=0 refuses; `*` accepts any). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) continue;
    if (name === '*') PRECOMPRESSED.forEach((p) => accepted.add(p.encoding));
    else accepted.add(name);
  }
  return accepted;
}

/** Sends a file of the build, or its precompressed copy when the browser accepts it (the type stays the file's). */
function sendBuilt(req: Request, res: Response, next: NextFunction, file: string, cacheControl: string) {
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  const variant = PRECOMPRESSED.find((p) => accepted.has(p.encoding) && existsSync(file + p.suffix));
  res.setHeader('Vary', 'Accept-Encoding');
  if (variant) {
    res.type(extname(file));
    res.setHeader('Content-Encoding', variant.encoding);
  }
  return res.sendFile(variant ? file + variant.suffix : file, { dotfiles: 'deny', headers: { 'Cache-Control': cacheControl } }, (error) => {
    if (error && !res.headersSent) next(error);
  });
}

/** Express middleware: registered before Nest's routes, it steps aside for /api and /health at once. */
export function webAppMiddleware(root = webDistDir()) {
  const distRoot = resolve(root);
  const index = join(distRoot, 'index.html');
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (!existsSync(index)) {
      res.status(503).type('html').setHeader('Cache-Control', 'no-store');
      return req.method === 'HEAD' ? res.end() : res.send(NOT_BUILT_PAGE);
    }
    const file = req.path === '/' ? null : fileFor(distRoot, req.path);
    if (file) {
      // Built assets carry a content hash in their names: cached for good. Other files are checked each time.
      const immutable = file.startsWith(join(distRoot, 'assets') + sep);
      return sendBuilt(req, res, next, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    // A missing asset is a 404, not the app's page (a stale tab asking for an old chunk must fail plainly).
    if (req.path.startsWith('/assets/')) {
      res.status(404).type('text/plain; charset=utf-8').setHeader('Cache-Control', 'no-store');
      return res.send('Không tìm thấy tệp / Not found');
    }
    // Any other address is one of the single-page app's screens.
    return sendBuilt(req, res, next, index, 'no-cache');
  };
}
