/**
 * Two projects: `unit` (*.spec.ts, no infrastructure) and `integration` (*.int-spec.ts and
 * test/e2e/*.e2e-spec.ts, against real MongoDB-compatible storage, NATS and Redis).
 * NestJS 12 is ESM-only; this CommonJS workspace loads it through require(esm), which Jest 30 does
 * with NODE_OPTIONS=--experimental-vm-modules (see docs/decisions/0001-commonjs-with-require-esm.md).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@vidnova/([a-z-]+)$': ['<rootDir>/libs/$1/src', '<rootDir>/services/$1/src'] },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  rootDir: __dirname,
  setupFiles: ['reflect-metadata'],
};
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/**/*.int-spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      testTimeout: 60000,
    },
    {
      // Restarts a service, the gateway, NATS, the database and Redis under load (test/faults). It starts
      // its own servers on free ports, so it needs none of the shared infrastructure (no global setup)
      // and runs after the integration project in `npm test` (tools/platform/test.mjs).
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      testTimeout: 300000,
    },
  ],
};
