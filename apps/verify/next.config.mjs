import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { nextConfigFor } from '@mfv/next-config';

// nextjs-mf's ESM build pulls `node:module` into the browser bundle; its CommonJS build does not.
const { NextFederationPlugin } = createRequire(import.meta.url)('@module-federation/nextjs-mf');

const config = nextConfigFor('verify', {
  appDir: fileURLToPath(new URL('.', import.meta.url)),
  NextFederationPlugin,
});

/**
 * KCB's registered return URL is /verify/kcb/callback (KCB_RETURN_URL, the sandbox's
 * SANDBOX_KCB_RETURN_URLS); the API route /verify/api/kcb/callback answers it (under basePath).
 */
export default (phase) => ({
  ...config(phase),
  async rewrites() {
    return [{ source: '/kcb/callback', destination: '/api/kcb/callback' }];
  },
});
