import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Run against @mfv/config's source, so `pnpm --filter @mfv/sandbox test` does not depend on a
    // fresh build of the config package (its package.json points runtime imports at dist/).
    alias: { '@mfv/config': fileURLToPath(new URL('../../packages/config/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 10_000,
  },
});
