import { defineConfig } from 'vitest/config';

// Browser journeys: Playwright (playwright-core) driving Debian's Chromium against the real server
// (in-process, fresh demo county per file) serving the built web app (run `npm run build:web` first).
process.env.YIFA_TEST_RUN ??= `e2e${process.pid}`;

export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    globalSetup: process.env.E2E_BASE_URL ? [] : ['apps/server/test/global-setup.ts'],
    testTimeout: 90_000,
    // A browser waits on the real server: give polled assertions as long as Playwright's own waits.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 120_000,
    pool: 'forks',
    // One browser at a time: on a 2-core machine parallel journeys starve each other and flake.
    maxWorkers: 1,
    fileParallelism: false,
    // the server's modules are imported once for every journey (each journey still starts its own server and database)
    isolate: false,
    // On CI a journey that fails is run once more (the JSON report and the log keep the first
    // failure); a real regression fails twice. Locally a failure is reported at once.
    retry: process.env.CI ? 1 : 0,
  },
});
