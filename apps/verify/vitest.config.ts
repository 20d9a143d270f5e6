import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Integration suites start Redis, the api (PGlite boots a WASM Postgres) and the sandbox.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
