/**
 * Builds the web application into apps/web/dist, which the API serves on its own port (apps/api/src/web).
 * The programme's vocabulary and statechart come straight from libs/ (#domain, #workflow), as in the API.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:3000';

/**
 * Beside each text file of the build, its Brotli (.br) and gzip (.gz) copies, compressed once here at the highest
 * levels; the API sends the one the browser accepts (apps/api/src/web/web-app.ts). A copy no smaller than its file
 * is not written.
 */
function precompress(): Plugin {
  const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  return {
    name: 'dth-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of files(here('dist'))) {
        if (!compressible.test(file)) continue;
        const content = readFileSync(file);
        const copies = {
          br: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
          gz: gzipSync(content, { level: 9 }),
        };
        for (const [suffix, copy] of Object.entries(copies)) if (copy.length < content.length) writeFileSync(`${file}.${suffix}`, copy);
      }
    },
  };
}

export default defineConfig({
  plugins: [precompress()],
  root: here('.'),
  base: '/',
  publicDir: here('public'),
  resolve: {
    alias: {
      '#domain': here('../../libs/domain/src/index.ts'),
      '#workflow': here('../../libs/workflow/src/index.ts'),
      '#contracts': here('../../libs/contracts/src/index.ts'),
    },
  },
  // React's automatic JSX runtime through Vite's own (Oxc) transform: no Babel plugin needed for a build.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1400,
    rolldownOptions: {
      // Ant Design marks its modules "use client" (for React Server Components); meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      // Libraries change less often than the app: separate files keep them cached across releases.
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next)[\\/]/, priority: 4 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|dayjs)[\\/]/, priority: 3 },
            // The chart library and what only it uses: loaded with the statistics screen, not at start. Groups capture
            // their modules' dependencies too, so this one ranks below those it shares (React, Ant Design's helpers).
            { name: 'charts', test: /node_modules[\\/](recharts|victory-vendor|d3-[a-z-]+|internmap|@reduxjs|redux|react-redux|redux-thunk|immer|reselect|decimal\.js-light|eventemitter3|es-toolkit|tiny-invariant)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  // `npx vite --config apps/web/vite.config.ts` during development: the API runs on its own port.
  server: { proxy: { '/api': api, '/health': api } },
  logLevel: process.env.VITE_LOG_LEVEL === 'silent' ? 'silent' : 'info',
});
