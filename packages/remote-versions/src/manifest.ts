/**
 * A remote *release*: one `next build` of a remote app, identified by its Next build id, with the
 * facts the shell needs before it may render it — what it exposes and which shared singletons
 * (React …) it was built against. Derived from Module Federation's own manifest (`mf-manifest.json`,
 * which nextjs-mf writes next to each remote entry), plus the build id and build time.
 */

/** Where a remote publishes its releases, under its own basePath (public/ of the Next app). */
export const RELEASES_DIR = '_mfv';
/** Browser files of a release: `<basePath>/_mfv/client/<release>/static/chunks/remoteEntry.js` … */
export const CLIENT_DIR = 'client';
/** Server (SSR) files of a release: `<basePath>/_mfv/ssr/<release>/remoteEntry.js`. Never public. */
export const SSR_DIR = 'ssr';
/** The index of releases a remote keeps, and which one its server was started with. */
export const INDEX_FILE = 'releases.json';
/** Entry files inside a release (as nextjs-mf names them). */
export const CLIENT_ENTRY = 'static/chunks/remoteEntry.js';
export const SSR_ENTRY = 'remoteEntry.js';

export interface SharedDependency {
  version: string;
  singleton: boolean;
}

export interface ReleaseManifest {
  /** The remote's federation name (`notice`). */
  remote: string;
  /** The Next build id: the release's name in every URL. */
  release: string;
  /** ISO time of the build. */
  builtAt: string;
  /** Exposed modules without `./` (`NoticeList`). */
  exposes: string[];
  /** Shared dependencies as built into the remote, by package name. */
  shared: Record<string, SharedDependency>;
  /** Module Federation's plugin version that produced the entries. */
  federation: string;
}

export interface ReleaseIndex {
  remote: string;
  /** The release this build made current (what a freshly started server serves). */
  current: string;
  /** Oldest first. */
  releases: ReleaseManifest[];
}

/** The parts of Module Federation's mf-manifest.json this package reads. */
interface MfManifest {
  name?: string;
  metaData?: { name?: string; pluginVersion?: string };
  shared?: Array<{ name?: string; version?: string; singleton?: boolean }>;
  exposes?: Array<{ name?: string; path?: string }>;
}

export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

const RELEASE_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** A release id is a Next build id: letters, digits, `_` and `-` (it becomes a path segment). */
export function isReleaseId(value: unknown): value is string {
  return typeof value === 'string' && RELEASE_ID_RE.test(value);
}

export function releaseManifestFromMf(mf: unknown, release: { id: string; builtAt: Date }): ReleaseManifest {
  if (!isReleaseId(release.id)) throw new ReleaseError(`not a release id: ${JSON.stringify(release.id)}`);
  const manifest = mf as MfManifest;
  const remote = manifest?.metaData?.name ?? manifest?.name;
  if (typeof remote !== 'string' || remote === '') {
    throw new ReleaseError('mf-manifest.json has no name: is this a Module Federation remote build?');
  }
  const exposes = (manifest.exposes ?? [])
    .map((e) => (e.path ?? e.name ?? '').replace(/^\.\//, ''))
    .filter((name) => name !== '')
    .sort();
  const shared: Record<string, SharedDependency> = {};
  for (const s of manifest.shared ?? []) {
    if (typeof s.name === 'string' && typeof s.version === 'string') {
      shared[s.name] = { version: s.version, singleton: s.singleton === true };
    }
  }
  return {
    remote,
    release: release.id,
    builtAt: release.builtAt.toISOString(),
    exposes,
    shared,
    federation: manifest.metaData?.pluginVersion ?? 'unknown',
  };
}

/** Parses a releases.json (from disk or a remote's /api/release), refusing anything malformed. */
export function parseReleaseIndex(value: unknown): ReleaseIndex {
  const index = value as Partial<ReleaseIndex> | null;
  if (!index || typeof index !== 'object') throw new ReleaseError('release index: not an object');
  if (typeof index.remote !== 'string') throw new ReleaseError('release index: no remote name');
  if (!isReleaseId(index.current)) throw new ReleaseError('release index: no current release');
  if (!Array.isArray(index.releases)) throw new ReleaseError('release index: no releases');
  for (const r of index.releases) {
    if (!r || !isReleaseId(r.release) || !Array.isArray(r.exposes) || typeof r.shared !== 'object') {
      throw new ReleaseError('release index: a malformed release');
    }
  }
  if (!index.releases.some((r) => r.release === index.current)) {
    throw new ReleaseError(`release index: current release ${index.current} is not listed`);
  }
  return index as ReleaseIndex;
}

/** Adds (or moves to the newest place) a release and keeps the newest `keep`. */
export function withRelease(
  index: ReleaseIndex | null,
  manifest: ReleaseManifest,
  keep: number,
): { index: ReleaseIndex; dropped: string[] } {
  const previous = (index?.releases ?? []).filter((r) => r.release !== manifest.release);
  const all = [...previous, manifest];
  const kept = all.slice(Math.max(0, all.length - Math.max(1, keep)));
  const dropped = all.slice(0, all.length - kept.length).map((r) => r.release);
  return { index: { remote: manifest.remote, current: manifest.release, releases: kept }, dropped };
}

/** The release before `release` in the index (what a rollback goes to), if any. */
export function previousRelease(index: ReleaseIndex, release: string): ReleaseManifest | undefined {
  const at = index.releases.findIndex((r) => r.release === release);
  return at > 0 ? index.releases[at - 1] : undefined;
}
