/**
 * The mobile-ok client of this process (`@mfv/verification/mobile-ok`), built from the settings
 * (core/env.ts) on first use.
 */
import { createMokClient, loadMokKeyFile, type MokClient } from '@mfv/verification/mobile-ok';
import type { MokSettings } from '../../core/env';

export interface MokClientAccess {
  client: MokClient;
  settings: MokSettings;
}

/**
 * Loads the key file and builds the client on first use, not at boot: the sandbox writes its dev
 * key file on its own first start, and `next build` must not need one. A failure is not cached,
 * so the next request tries again.
 */
export function lazyMokClient(settings: () => Promise<MokSettings>): () => Promise<MokClientAccess> {
  let pending: Promise<MokClientAccess> | undefined;
  return () =>
    (pending ??= (async () => {
      const s = await settings();
      const keyInfo = await loadMokKeyFile(s.keyFile, s.keyPassword);
      const client = createMokClient({
        environment: s.environment,
        ...(s.sandboxBaseUrl !== undefined ? { sandboxBaseUrl: s.sandboxBaseUrl } : {}),
        siteUrl: s.siteUrl,
        keyInfo,
        tokenRequestVersion: s.tokenRequestVersion,
        connectTimeoutMs: s.connectTimeoutMs,
        timeoutMs: s.timeoutMs,
      });
      return { client, settings: s };
    })().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
