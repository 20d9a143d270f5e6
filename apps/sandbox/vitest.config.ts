import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Run against @mfv/config's source, so `pnpm --filter @mfv/sandbox test` does not depend on a
    // fresh build of the config package (its package.json points runtime imports at dist/).
    alias: {
      '@mfv/config': fileURLToPath(new URL('../../packages/config/src/index.ts', import.meta.url)),
      // mobile-ok: the §8 rows the emulator may import, and the client the interop tests drive
      // (mok-client-e2e, mok-keyfile-interop), from source. Specific subpaths first: the first match wins.
      '@mfv/verification/mobile-ok/result-codes.json': fileURLToPath(
        new URL('../../packages/verification/src/mobile-ok/result-codes.json', import.meta.url),
      ),
      '@mfv/verification/mobile-ok/keyfile-writer': fileURLToPath(
        new URL('../../packages/verification/src/mobile-ok/keyfile-writer.ts', import.meta.url),
      ),
      '@mfv/verification/mobile-ok': fileURLToPath(
        new URL('../../packages/verification/src/mobile-ok/index.ts', import.meta.url),
      ),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 10_000,
  },
});
