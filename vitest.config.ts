import { defineConfig } from 'vitest/config';
import SlowestFirstSequencer from './test/support/sequencer.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    // The first file to need a shared fixture (run-cache.ts) builds it in its beforeAll.
    hookTimeout: 180_000,
    // One directory of shared fixtures per run (migrated and demo databases, the built web UI).
    globalSetup: ['./test/support/global-setup.ts'],
    // In each test file's process: a lower scrypt cost for the accounts the tests create (setup.ts).
    setupFiles: ['./test/support/setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // The slowest files start first (sequencer.ts).
    sequence: { sequencer: SlowestFirstSequencer },
    // The default output, then one last line: "tests: N passed, N failed, N skipped".
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
