#!/usr/bin/env node
/**
 * Fails when a browser bundle contains @mfv/mtls (docs/architecture.md "Conventions in the
 * code": mTLS keys never reach a client bundle). Scans `*.js` files under the given Next build output folders for
 * MFV_MTLS_SERVER_ONLY_MARKER, which packages/mtls/src/marker.ts writes onto globalThis at load
 * (a side effect, so no minifier removes it).
 *
 *   node packages/mtls/scripts/check-no-client-bundle.mjs [--allow-missing] [--include-ssr] [DIR…]
 *
 * Without DIR it scans `apps/<app>/.next/static` for every app under the repository root.
 * `<static>/ssr/` is skipped by default: nextjs-mf copies SERVER bundles there
 * (docs/architecture.md, Workspace; the public proxy never serves them), and they legitimately contain the
 * module. `--include-ssr` scans them too.
 *
 * Exit codes: 0 clean, 1 marker found (the files are listed), 2 usage error or nothing to scan
 * (no folder exists, or no .js file in them) unless --allow-missing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Must equal MFV_MTLS_SERVER_ONLY_MARKER in src/marker.ts (test/bundle-check.test.ts checks). */
export const MARKER = 'MFV_MTLS_SERVER_ONLY_MARKER:7d1c9e4a-mtls-keys-stay-on-the-server';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');

function defaultFolders(root) {
  const apps = join(root, 'apps');
  if (!existsSync(apps)) return [];
  return readdirSync(apps)
    .map((name) => join(apps, name, '.next', 'static'))
    .filter((dir) => existsSync(dir));
}

function* jsFiles(dir, root, includeSsr) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!includeSsr && dir === root && entry.name === 'ssr') continue;
      yield* jsFiles(path, root, includeSsr);
    } else if (entry.isFile() && /\.(c|m)?js$/.test(entry.name)) {
      yield path;
    }
  }
}

/** Returns `{ scanned, offenders }` for the given folders. */
export function scan(folders, { includeSsr = false } = {}) {
  const needle = Buffer.from(MARKER, 'utf8');
  const offenders = [];
  let scanned = 0;
  for (const folder of folders) {
    for (const file of jsFiles(folder, folder, includeSsr)) {
      scanned += 1;
      if (readFileSync(file).includes(needle)) offenders.push(file);
    }
  }
  return { scanned, offenders };
}

function main(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  for (const flag of flags) {
    if (flag !== '--allow-missing' && flag !== '--include-ssr') {
      console.error(`unknown option ${flag}`);
      return 2;
    }
  }
  const given = argv.filter((a) => !a.startsWith('--')).map((a) => resolve(a));
  const allowMissing = flags.has('--allow-missing');
  const folders = given.length > 0 ? given : defaultFolders(repoRoot);
  const missing = folders.filter((f) => !existsSync(f) || !statSync(f).isDirectory());
  if (missing.length > 0 && !allowMissing) {
    console.error(`check-no-client-bundle: not a folder: ${missing.join(', ')}`);
    return 2;
  }
  const present = folders.filter((f) => !missing.includes(f));
  const { scanned, offenders } = scan(present, { includeSsr: flags.has('--include-ssr') });
  if (scanned === 0 && !allowMissing) {
    console.error(
      'check-no-client-bundle: no .js files to scan (build the Next apps first, or pass folders)',
    );
    return 2;
  }
  if (offenders.length > 0) {
    console.error('check-no-client-bundle: @mfv/mtls (server-only) is in client bundles:');
    for (const file of offenders) console.error(`  ${relative(process.cwd(), file).split(sep).join('/')}`);
    return 1;
  }
  console.log(`check-no-client-bundle: ${scanned} files in ${present.length} folder(s), no @mfv/mtls`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
