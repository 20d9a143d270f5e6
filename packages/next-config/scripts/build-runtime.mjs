// Bundles runtime/standalone.js into dist/runtime-core.js (IIFE, minified) for remotes' own pages.
import { build } from 'esbuild';
import { mfRuntimeVersion } from '../dist/mf-version.js';

await build({
  entryPoints: [new URL('../runtime/standalone.js', import.meta.url).pathname],
  outfile: new URL('../dist/runtime-core.js', import.meta.url).pathname,
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  define: { __MF_VERSION__: JSON.stringify(mfRuntimeVersion()) },
  legalComments: 'none',
});
