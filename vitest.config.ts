import { defineConfig } from 'vitest/config';

// One id per run, shared by the global setup and the workers (template names).
process.env.YIFA_TEST_RUN ??= String(process.pid);

export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'apps/server/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // PGlite instances are memory-hungry; two workers suit the 2-core machines.
    maxWorkers: 2,
    // Each worker imports the app once, not once per file (import time 137 s → 14 s over the suite). Files share nothing
    // else: each makes its own database, context and app (createTestEnv); the global registries are re-filled identically.
    isolate: false,
  },
});
