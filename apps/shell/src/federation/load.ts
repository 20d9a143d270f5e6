import { clientReleaseEntry, ssrReleaseEntry } from '@mfv/remote-versions';
import { clientRemoteEntryPath, readTopologyEnv, serverRemoteEntry, type RemoteName } from '@mfv/topology';
import type { ComponentType } from 'react';
import { federationInstance } from './instance';
import { remoteOf, type RemoteModuleId } from './modules';

export type AnyComponent = ComponentType<Record<string, unknown>>;

/** Releases of one remote whose components a process keeps (in-flight renders of the last deploys). */
const KEEP_RELEASES = 3;

/** Components loaded by this process, by `<module id>@<release>`. */
const components = new Map<string, AnyComponent>();
/** Releases loaded per remote, oldest first (to forget the oldest). */
const releasesLoaded = new Map<RemoteName, Array<string | null>>();
/** The entry the federation runtime currently has registered for each remote. */
const registeredEntry = new Map<RemoteName, string>();
/** One registration + load at a time per remote: two releases never race for the runtime. */
const locks = new Map<RemoteName, Promise<unknown>>();

const keyOf = (id: RemoteModuleId, release: string | null) => `${id}@${release ?? ''}`;

export function loadedComponent(id: RemoteModuleId, release: string | null): AnyComponent | undefined {
  return components.get(keyOf(id, release));
}

/** The entry of a remote's release for this side (server: SSR entry; browser: client entry). */
function entryOf(remote: RemoteName, release: string | null): string {
  if (typeof window === 'undefined') {
    const topology = readTopologyEnv();
    return release ? ssrReleaseEntry(remote, release, topology) : serverRemoteEntry(remote, topology);
  }
  return release ? clientReleaseEntry(remote, release) : clientRemoteEntryPath(remote);
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not load within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function remember(remote: RemoteName, release: string | null): void {
  const list = (releasesLoaded.get(remote) ?? []).filter((r) => r !== release);
  list.push(release);
  while (list.length > KEEP_RELEASES) {
    const old = list.shift();
    for (const key of [...components.keys()]) {
      if (key.startsWith(`${remote}/`) && key.endsWith(`@${old ?? ''}`)) components.delete(key);
    }
  }
  releasesLoaded.set(remote, list);
}

async function loadUnlocked(id: RemoteModuleId, release: string | null): Promise<AnyComponent> {
  const cached = components.get(keyOf(id, release));
  if (cached) return cached;
  const remote = remoteOf(id);
  const entry = entryOf(remote, release);
  const instance = federationInstance();
  if (registeredEntry.get(remote) !== entry) {
    // A new release: its own entry URL, so the runtime loads its entry and chunks afresh.
    instance.registerRemotes([{ name: remote, entry }], { force: true });
    registeredEntry.set(remote, entry);
  }
  const mod = await instance.loadRemote<{ default?: unknown }>(id);
  const component = mod?.default;
  if (typeof component !== 'function' && (typeof component !== 'object' || component === null)) {
    throw new Error(`${id}@${release ?? 'unversioned'} has no default export component`);
  }
  components.set(keyOf(id, release), component as AnyComponent);
  remember(remote, release);
  return component as AnyComponent;
}

/**
 * Loads one module of one release of its remote; resolves to its component or rejects
 * (unavailable, too slow, bad export). Loads of one remote run one at a time.
 */
export function loadRemoteComponent(
  id: RemoteModuleId,
  release: string | null,
  deadlineMs?: number,
): Promise<AnyComponent> {
  const cached = components.get(keyOf(id, release));
  if (cached) return Promise.resolve(cached);
  const remote = remoteOf(id);
  const run = (locks.get(remote) ?? Promise.resolve()).then(
    () => loadUnlocked(id, release),
    () => loadUnlocked(id, release),
  );
  locks.set(
    remote,
    run.catch(() => undefined),
  );
  return deadlineMs ? withDeadline(run, deadlineMs, `${id}@${release ?? 'unversioned'}`) : run;
}
