import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // redis-env.test.ts checks REDIS_URL's schema in @mfv/config against this package's
    // parser. Resolve it to its source, so the test needs no prior build of @mfv/config.
    alias: { '@mfv/config': fileURLToPath(new URL('../config/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real redis-server / redis-sentinel processes; the Sentinel
    // failover waits for down-after (1 s) plus an election.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
