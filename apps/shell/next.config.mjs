import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { nextConfigFor } from '@mfv/next-config';
import { readTopologyEnv, shellRemotes } from '@mfv/topology';

// nextjs-mf's ESM build pulls `node:module` into the browser bundle; its CommonJS build does not.
const { NextFederationPlugin } = createRequire(import.meta.url)('@module-federation/nextjs-mf');

const topology = readTopologyEnv();

// Server: remote SSR entries over the internal network (re-resolved from the environment at
// run time by the runtime plugin). Browser: through the public origin, as a same-origin path.
export default nextConfigFor('shell', {
  appDir: fileURLToPath(new URL('.', import.meta.url)),
  NextFederationPlugin,
  remotes: (side) => shellRemotes(side, topology),
  runtimePlugins: [fileURLToPath(new URL('./src/federation/runtime-plugin.ts', import.meta.url))],
  // Only the benchmark baseline page imports remote source directly.
  transpilePackages: ['@mfv/user', '@mfv/notice', '@mfv/verify'],
});
