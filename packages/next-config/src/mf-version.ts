import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PACKAGE = '@module-federation/runtime-core';

/** Version of the federation runtime this workspace builds with (its package.json is not exported). */
export function mfRuntimeVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve(PACKAGE));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === PACKAGE && manifest.version) return manifest.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${PACKAGE}/package.json`);
    dir = parent;
  }
}
