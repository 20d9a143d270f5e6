import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // The Toss tests start the sandbox (with an mTLS listener), the api (PGlite) and Redis.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
