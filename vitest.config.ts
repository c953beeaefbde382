import { defineConfig } from 'vitest/config';

// Suites that touch the database run twice, once per driver; pure suites run once.
const pureSuites = ['packages/core/**/*.test.ts', '**/*.unit.test.ts'];
const databaseSuites = [
  'apps/**/*.test.ts',
  'packages/db/**/*.test.ts',
  'packages/testkit/**/*.test.ts',
  // The SDK's suites drive the real server, over its own database.
  'packages/sdk/**/*.test.ts',
];
const notHere = ['**/node_modules/**', '**/dist/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The vendors' fakes listen on 127.0.0.1: the Tollgates the tests start may send there.
    env: { TOLLGATE_PRIVATE_DESTINATIONS: 'allow' },
    projects: [
      { extends: true, test: { name: 'unit', include: pureSuites, exclude: notHere } },
      {
        extends: true,
        test: {
          name: 'pg',
          include: databaseSuites,
          exclude: [...notHere, ...pureSuites],
          globalSetup: ['packages/testkit/src/global-setup-postgres.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: databaseSuites,
          exclude: [...notHere, ...pureSuites],
          globalSetup: ['packages/testkit/src/global-setup-pglite.ts'],
        },
      },
    ],
  },
});
