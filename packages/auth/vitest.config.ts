import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real redis-server processes and an in-process api with PGlite: seconds, not milliseconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
