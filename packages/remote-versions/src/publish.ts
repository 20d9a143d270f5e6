import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {
  CLIENT_DIR,
  INDEX_FILE,
  RELEASES_DIR,
  ReleaseError,
  SSR_DIR,
  parseReleaseIndex,
  releaseManifestFromMf,
  withRelease,
  type ReleaseIndex,
  type ReleaseManifest,
} from './manifest.js';

/** Releases a remote keeps by default: the current one and the four before it. */
export const DEFAULT_KEEP = 5;

/** Browser files of a build that are not the remote's (its own pages) or are build-time reports. */
const CLIENT_SKIP = new Set(['pages', 'mf-stats.json', 'federated-stats.json']);

export interface PublishResult {
  manifest: ReleaseManifest;
  index: ReleaseIndex;
  dropped: string[];
  dir: string;
}

/** `<app>/public/_mfv`: Next serves it under the app's basePath. */
export function releasesRoot(appDir: string): string {
  return path.join(appDir, 'public', RELEASES_DIR);
}

export function readIndexFile(appDir: string): ReleaseIndex | null {
  const file = path.join(releasesRoot(appDir), INDEX_FILE);
  if (!existsSync(file)) return null;
  return parseReleaseIndex(JSON.parse(readFileSync(file, 'utf8')));
}

function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

function copyInto(from: string, to: string, skip: Set<string> = new Set()): void {
  cpSync(from, to, {
    recursive: true,
    filter: (source) => !skip.has(path.relative(from, source).split(path.sep)[0] ?? ''),
  });
}

/**
 * After `next build` of a remote: publishes the build as a release. Its browser files go to
 * `public/_mfv/client/<id>/static/…` and its server files to `public/_mfv/ssr/<id>/`, never to be
 * changed again (the id is the build id), the manifest next to them, and the index names it
 * current. Releases beyond the newest `keep` are deleted, so open tabs of the last few deploys
 * keep loading their chunks.
 */
export function publishRelease(
  appDir: string,
  { keep = DEFAULT_KEEP, now = new Date() }: { keep?: number; now?: Date } = {},
): PublishResult {
  const next = path.join(appDir, '.next');
  const buildIdFile = path.join(next, 'BUILD_ID');
  if (!existsSync(buildIdFile)) throw new ReleaseError(`${buildIdFile} is missing: run next build first`);
  const id = readFileSync(buildIdFile, 'utf8').trim();
  const chunks = path.join(next, 'static', 'chunks');
  const ssr = path.join(next, 'static', 'ssr');
  const mfFile = path.join(chunks, 'mf-manifest.json');
  if (!existsSync(mfFile) || !existsSync(path.join(ssr, 'remoteEntry.js'))) {
    throw new ReleaseError(`${appDir} has no Module Federation remote build (mf-manifest.json, ssr entry)`);
  }
  const builtAt = new Date(Math.min(statSync(buildIdFile).mtimeMs, now.getTime()));
  const manifest = releaseManifestFromMf(JSON.parse(readFileSync(mfFile, 'utf8')), { id, builtAt });

  const root = releasesRoot(appDir);
  const clientDir = path.join(root, CLIENT_DIR, id);
  const ssrDir = path.join(root, SSR_DIR, id);
  for (const [target, fill] of [
    [
      clientDir,
      (tmp: string) => {
        copyInto(chunks, path.join(tmp, 'static', 'chunks'), CLIENT_SKIP);
        for (const extra of ['css', 'media']) {
          const dir = path.join(next, 'static', extra);
          if (existsSync(dir)) copyInto(dir, path.join(tmp, 'static', extra));
        }
        writeFileSync(path.join(tmp, 'release.json'), JSON.stringify(manifest, null, 2) + '\n');
      },
    ],
    [ssrDir, (tmp: string) => copyInto(ssr, tmp, new Set(['mf-stats.json']))],
  ] as const) {
    // Immutable: a release already published is never rewritten (a rebuild of the same id is a no-op).
    if (existsSync(target)) continue;
    const tmp = `${target}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    fill(tmp);
    renameSync(tmp, target);
  }

  const { index, dropped } = withRelease(readIndexFile(appDir), manifest, keep);
  writeAtomically(path.join(root, INDEX_FILE), JSON.stringify(index, null, 2) + '\n');
  for (const old of dropped) {
    rmSync(path.join(root, CLIENT_DIR, old), { recursive: true, force: true });
    rmSync(path.join(root, SSR_DIR, old), { recursive: true, force: true });
  }
  return { manifest, index, dropped, dir: clientDir };
}
