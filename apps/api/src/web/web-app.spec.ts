import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import supertest from 'supertest';
import { acceptedEncodings, repositoryRoot, webAppMiddleware, webDistDir } from './web-app.js';

let built: string;
let empty: string;

beforeAll(() => {
  built = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(built, 'assets'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(built, 'favicon.svg'), '<svg/>');
  // A hashed script with the precompressed copies the build writes beside it.
  const script = `export const words = ${JSON.stringify('Điển hình tiên tiến '.repeat(200))};`;
  writeFileSync(join(built, 'assets', 'page-def456.js'), script);
  writeFileSync(join(built, 'assets', 'page-def456.js.br'), brotliCompressSync(script));
  writeFileSync(join(built, 'assets', 'page-def456.js.gz'), gzipSync(script));
  writeFileSync(join(tmpdir(), 'secret.txt'), 'secret');
  empty = mkdtempSync(join(tmpdir(), 'web-none-'));
});

afterAll(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

/** The middleware in front of a stand-in for the API's routes. */
function appServing(dir: string) {
  const app = express();
  app.use(webAppMiddleware(dir));
  app.all(/.*/, (req, res) => {
    res.status(404).json({ code: 'NOT_FOUND', path: req.path });
  });
  return supertest(app);
}

describe('serving the web app', () => {
  it('finds the repository from its own file, not from the working directory', () => {
    expect(webDistDir()).toBe(join(repositoryRoot(), 'apps', 'web', 'dist'));
    expect(repositoryRoot()).toBe(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..'));
  });

  it('answers the app for its own addresses, files of the build as they are, and leaves /api and /health alone', async () => {
    const http = appServing(built);
    for (const path of ['/', '/ho-so', '/ho-so/0b6f4d38-0000-4000-8000-000000000000', '/quan-tri/don-vi?x=1']) {
      const res = await http.get(path);
      expect({ path, status: res.status, type: res.type, body: res.text }).toEqual({ path, status: 200, type: 'text/html', body: '<!doctype html><title>app</title>' });
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    }
    const asset = await http.get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await http.get('/favicon.svg')).status).toBe(200);
    expect((await http.get('/assets/old-chunk.js')).status).toBe(404);
    for (const path of ['/api', '/api/candidates', '/health', '/health/ready']) {
      expect(await http.get(path).then((r) => ({ path, status: r.status, code: r.body.code }))).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
    expect((await http.post('/ho-so')).body.code).toBe('NOT_FOUND');
  });

  it('sends the precompressed copy the browser accepts, with the type of the file and Vary: Accept-Encoding', async () => {
    const http = appServing(built);
    const raw = (encoding: string) =>
      http
        .get('/assets/page-def456.js')
        .set('Accept-Encoding', encoding)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
    const br = await raw('gzip, deflate, br');
    expect([br.status, br.headers['content-encoding'], br.headers['vary'], br.type, br.headers['cache-control']]).toEqual([200, 'br', 'Accept-Encoding', 'text/javascript', 'public, max-age=31536000, immutable']);
    const gzip = await raw('gzip;q=1, br;q=0');
    expect([gzip.headers['content-encoding'], gzip.type]).toEqual(['gzip', 'text/javascript']);
    const identity = await raw('identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect((identity.body as Buffer).toString('utf8')).toContain('Điển hình tiên tiến');
    // As sent, the Brotli copy is a fraction of the file (the client here decompresses what it reads).
    expect(Number(br.headers['content-length'])).toBeLessThan(Number(identity.headers['content-length']) / 5);
    // A file without copies (too small to compress) is sent as it is, whatever the browser accepts.
    expect((await http.get('/assets/index-abc123.js').set('Accept-Encoding', 'br, gzip')).headers['content-encoding']).toBeUndefined();
  });

  it('reads Accept-Encoding with its weights', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['gzip', 'deflate', 'br', 'zstd']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });

  it('never serves a file outside the build', async () => {
    const http = appServing(built);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await http.get(path);
      expect(res.text).not.toContain('secret');
    }
  });

  it('says in Vietnamese how to build the web app when it has not been built', async () => {
    const res = await appServing(empty).get('/');
    expect(res.status).toBe(503);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('Giao diện web chưa được xây dựng');
    expect(res.text).toContain('npm run build');
    expect((await appServing(empty).get('/api/candidates')).body.code).toBe('NOT_FOUND');
  });
});
