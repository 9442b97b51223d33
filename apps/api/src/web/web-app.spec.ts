import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import supertest from 'supertest';
import { repositoryRoot, webAppMiddleware, webDistDir } from './web-app.js';

let built: string;
let empty: string;

beforeAll(() => {
  built = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(built, 'assets'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(built, 'favicon.svg'), '<svg/>');
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
