import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts real servers on free ports; one file at a time keeps timings honest.
    fileParallelism: false,
    pool: 'forks',
  },
});
