import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mfRuntimeVersion } from './mf-version.js';

/** Inlined into every app's bundles by `nextConfigFor` (next.config `env`). */
export const STANDALONE_RUNTIME_PATH_ENV = 'MFV_MF_RUNTIME_PATH';

/**
 * Public path (under the app's basePath) of the runtime a remote's own pages load first.
 *
 * Worked out from the installed runtime's version where Node runs this file (next.config, tests);
 * inside an app's server bundle the value Next inlined at build time is used instead: there the
 * lookup would resolve from the build machine's paths (webpack bakes `import.meta.url` in), which
 * a standalone image does not have.
 */
export const STANDALONE_RUNTIME_PATH: string =
  // eslint-disable-next-line no-restricted-properties -- a build-time constant Next inlines, not configuration
  process.env.MFV_MF_RUNTIME_PATH ?? `/_mf/runtime-core-${mfRuntimeVersion()}.js`;

// Built by scripts/build-runtime.mjs; the same path from src/ (tests) and dist/ (runtime).
const BUNDLE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'runtime-core.js');

/** Copies the bundled runtime into the app's public folder (git-ignored), where Next serves it. */
export function installStandaloneRuntime(appDir: string): void {
  const target = path.join(appDir, 'public', STANDALONE_RUNTIME_PATH);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(BUNDLE, target);
}
