import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // One site at a time: each file starts its own set of servers on free ports.
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
  },
});
