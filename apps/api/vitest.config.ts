import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Creates (and afterwards drops) a fresh Postgres database for the run, or explains why the
    // Postgres half is skipped.
    globalSetup: ['test/support/global-setup.ts'],
    // PGlite boots a WASM Postgres per suite: seconds, not milliseconds.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
