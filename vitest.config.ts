import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing running; `integration` (*.int.test.ts) brings the local stack
// up once (real Temporal, PostgreSQL, SeaweedFS) before any file runs. Forks, not threads: Temporal's
// native bridge misbehaves under worker threads (temporal.md §2.5).
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{lib/*,workflows,activities,workers,appliance-worker,api,runbooks,lab,cli,bench,web}/{src,test}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{lib/*,workflows,activities,workers,appliance-worker,api,runbooks,lab,cli,bench,web}/{src,test}/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['lib/testkit/src/global-setup.ts'],
          setupFiles: ['lib/testkit/src/temporal-runtime-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
