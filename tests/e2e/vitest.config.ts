import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // expect.poll's own default is 1 s: a browser step (a panel that fetches on open, a hydration)
    // took longer than that on a loaded CI machine and failed a correct page. A condition that
    // never holds still fails, after 10 s.
    expect: { poll: { timeout: 10_000 } },
    fileParallelism: false,
    // One site at a time: each file starts its own set of servers on free ports.
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
  },
});
