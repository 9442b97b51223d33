// Jest runs in native ESM mode (NestJS 12 is ESM-only); @swc/jest strips types
// without type-checking, so `npm run typecheck` (tsc --noEmit) runs in CI beside it.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^#workflow$': '<rootDir>/libs/workflow/src/index.ts',
    '^#domain$': '<rootDir>/libs/domain/src/index.ts',
    '^#contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  // Per-test and per-hook timeout; it is a global option (Jest ignores it inside a project). Generous: an embedded
  // app starting on a loaded two-core machine can take over a minute, and a slow start is not what the tests test.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'libs',
      testMatch: ['<rootDir>/libs/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'api',
      testMatch: ['<rootDir>/apps/api/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
    },
    {
      // The web app in Debian's Chromium (playwright-core, /usr/bin/chromium), served by the API in-process.
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/*.e2e-spec.ts'],
    },
  ],
};
