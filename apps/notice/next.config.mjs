import { createRequire } from 'node:module';
import { nextConfigFor } from '@mfv/topology';

// nextjs-mf's ESM build pulls `node:module` into the browser bundle; its CommonJS build does not.
const { NextFederationPlugin } = createRequire(import.meta.url)('@module-federation/nextjs-mf');

export default nextConfigFor('notice', { NextFederationPlugin });
