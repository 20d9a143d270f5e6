import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mfRuntimeVersion } from './mf-version.js';

const MF_VERSION = mfRuntimeVersion();

/** Public path (under the app's basePath) of the runtime a remote's own pages load first. */
export const STANDALONE_RUNTIME_PATH = `/_mf/runtime-core-${MF_VERSION}.js`;

// Built by scripts/build-runtime.mjs; the same path from src/ (tests) and dist/ (runtime).
const BUNDLE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'runtime-core.js');

/** Copies the bundled runtime into the app's public folder (git-ignored), where Next serves it. */
export function installStandaloneRuntime(appDir: string): void {
  const target = path.join(appDir, 'public', STANDALONE_RUNTIME_PATH);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(BUNDLE, target);
}
