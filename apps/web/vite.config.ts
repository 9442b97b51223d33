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

/**
 * The sections of the Vietnamese dictionary (locales/vi.json) the first screens use: the sign-in page, the frame
 * (menu, header, banners) and the tasks page. They come with the app (`virtual:dth-words/first`); the other
 * sections (`virtual:dth-words/rest`) are fetched with the first other screen (App.tsx waits for them), so that the
 * first screen does not carry every screen's words. One file stays the source of every Vietnamese word.
 */
export const FIRST_SCREEN_WORDS = ['app', 'auth', 'common', 'errors', 'forbidden', 'form', 'language', 'myAccount', 'nav', 'notFound', 'notifications', 'rehearsal', 'tasks', 'validation'];

function words(): Plugin {
  const prefix = 'virtual:dth-words/';
  const file = here('src/i18n/locales/vi.json');
  return {
    name: 'dth-words',
    resolveId: (id) => (id.startsWith(prefix) ? `\0${id}` : null),
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return null;
      const first = id.slice(prefix.length + 1) === 'first';
      this.addWatchFile(file);
      const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      return `export default ${JSON.stringify(Object.fromEntries(Object.entries(all).filter(([section]) => FIRST_SCREEN_WORDS.includes(section) === first)))};`;
    },
  };
}

/**
 * One import line of a pinned library module replaced at build time. The build stops when the line is no longer
 * there (the library changed: look again at the rewrite), so a rewrite never silently stops applying.
 */
function rewriteImport(name: string, file: RegExp, from: string, to: string): Plugin {
  return {
    name,
    apply: 'build',
    transform(code, id) {
      if (!file.test(id)) return null;
      if (!code.includes(from)) this.error(`${id} no longer contains «${from}»: update the ${name} rewrite in vite.config.ts`);
      return { code: code.replace(from, to), map: null };
    },
  };
}

/**
 * Ant Design's form context (imported by buttons, inputs and popups through its ContextIsolator, so by every screen)
 * takes `FormProvider` from @rc-component/form's index, which assigns to the form object and so keeps the whole form
 * library (fields, lists, validation: about 15 KB gzip) in screens without a form, the tasks page among them. Here it
 * takes it from the file that defines it: the same object, and screens with forms still get the rest.
 */
const formProviderAlone = () =>
  rewriteImport(
    'dth-form-provider-alone',
    /[\\/]antd[\\/]es[\\/]form[\\/]context\.js$/,
    "import { FormProvider as RcFormProvider } from '@rc-component/form';",
    "import { FormProvider as RcFormProvider } from '@rc-component/form/es/FormContext';",
  );

/**
 * Ant Design's Card imports Tabs for its `tabList` (a card with tabs in its head), so every card (the sign-in page's,
 * the tasks page's) brings the tabs code (about 9 KB gzip). Here a card loads Tabs when it first draws tabs.
 */
const cardTabsWhenUsed = () =>
  rewriteImport(
    'dth-card-tabs-when-used',
    /[\\/]antd[\\/]es[\\/]card[\\/]Card\.js$/,
    "import Tabs from '../tabs';",
    "const LazyTabs = /*#__PURE__*/React.lazy(() => import('../tabs'));\n" +
      'const Tabs = /*#__PURE__*/React.forwardRef((props, ref) => React.createElement(React.Suspense, { fallback: null }, React.createElement(LazyTabs, { ...props, ref })));',
  );

export default defineConfig({
  plugins: [formProviderAlone(), cardTabsWhenUsed(), words(), precompress()],
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
      // The shared libraries are pure (no module does anything when loaded): a screen that needs one label of
      // #workflow does not bring its statecharts and XState along.
      treeshake: { moduleSideEffects: [{ test: /[\\/]libs[\\/](domain|workflow|contracts)[\\/]src[\\/]/, sideEffects: false }] },
      // Ant Design marks its modules "use client" (for React Server Components); meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      // Libraries change less often than the app: separate files keep them cached across releases. Ant Design is not
      // one group: its components go with the screens that use them (every screen is a lazy chunk, App.tsx), and
      // what most screens share lands in the chunks the bundler makes for shared modules. The first screen stays
      // within its budget of JavaScript (docs/performance.md, test/browser/first-screen.e2e-spec.ts).
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next)[\\/]/, priority: 4 },
            // Ant Design's core, which every screen (the sign-in page and the frame included) needs: styles at run time,
            // the theme, the shared helpers.
            { name: 'antd-core', test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color)|@rc-component[\\/](util|motion|resize-observer)|@emotion[\\/]|stylis|classnames|clsx)[\\/]/, priority: 3 },
            // The chart library and what only it uses: loaded with the screens that draw charts, not at start. Groups
            // capture their modules' dependencies too, so this one ranks below those it shares (React, Ant Design's core).
            { name: 'charts', test: /node_modules[\\/](recharts|victory-vendor|d3-[a-z-]+|internmap|@reduxjs|redux|react-redux|redux-thunk|immer|reselect|decimal\.js-light|eventemitter3|es-toolkit|tiny-invariant)[\\/]/, priority: 2 },
          ],
        },
      },
    },
  },
  // `npx vite --config apps/web/vite.config.ts` during development: the API runs on its own port.
  server: { proxy: { '/api': api, '/health': api } },
  logLevel: process.env.VITE_LOG_LEVEL === 'silent' ? 'silent' : 'info',
});
