import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { nextConfigFor } from '@mfv/next-config';

// nextjs-mf's ESM build pulls `node:module` into the browser bundle; its CommonJS build does not.
const { NextFederationPlugin } = createRequire(import.meta.url)('@module-federation/nextjs-mf');

export default nextConfigFor('__NAME__', {
  appDir: fileURLToPath(new URL('.', import.meta.url)),
  NextFederationPlugin,
});
