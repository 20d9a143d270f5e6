import { REMOTES, type RemoteName } from '@mfv/topology';
import type { ComponentType } from 'react';

/**
 * Every federated module the shell renders, with its typed loader. The types come from
 * src/remotes.d.ts, which re-exports each remote's own source types. The loaders are never called
 * (modules load through the federation runtime, per release: ./load.ts); they give the types, and
 * keep the module ids checked against the remotes' declarations.
 */
export const remoteModules = {
  'user/UserMenu': () => import('user/UserMenu'),
  'notice/NoticeBell': () => import('notice/NoticeBell'),
  'notice/NoticeList': () => import('notice/NoticeList'),
  'verify/VerifyLauncher': () => import('verify/VerifyLauncher'),
  // @generator:modules
} as const;

export type RemoteModuleId = keyof typeof remoteModules;

export const REMOTE_MODULE_IDS = Object.keys(remoteModules) as RemoteModuleId[];

/** Props of the component a federated module exports by default. */
export type RemoteProps<Id extends RemoteModuleId> =
  Awaited<ReturnType<(typeof remoteModules)[Id]>>['default'] extends ComponentType<infer P> ? P : never;

/**
 * What the server found for a module on this request: rendered (`ok`) from which release of its
 * remote (`null`: a remote without releases, e.g. `next dev`), or the fallback — `down` (the
 * browser retries) or `refused` (an incompatible release: the browser must not load it either).
 */
export type RemoteStatus =
  { state: 'ok'; release: string | null } | { state: 'down' | 'refused'; release?: undefined };

/**
 * What the server found for the remotes of a page, as the page props carry it to the browser (in
 * every page's `__NEXT_DATA__`, so kept small): per remote, the release its modules rendered from
 * (`null`: unversioned), or `{ state }` when they render the fallback. Read per slot with
 * slotStatus().
 */
export type RemoteStatusMap = Partial<Record<RemoteName, string | null | { state: 'down' | 'refused' }>>;

/** The status of one module's slot from a page's map (undefined: the server did not check it). */
export function slotStatus(map: RemoteStatusMap, id: RemoteModuleId): RemoteStatus | undefined {
  const entry = map[remoteOf(id)];
  if (entry === undefined) return undefined;
  if (entry === null || typeof entry === 'string') return { state: 'ok', release: entry };
  return { state: entry.state };
}

/** The remote (team) a module id belongs to: `notice/NoticeBell` → `notice`. */
export function remoteOf(id: RemoteModuleId): RemoteName {
  return id.slice(0, id.indexOf('/')) as RemoteName;
}

/** The expose name of a module id: `notice/NoticeBell` → `NoticeBell`. */
export function exposeOf(id: RemoteModuleId): string {
  return id.slice(id.indexOf('/') + 1);
}

/** The modules the shell renders from one remote. */
export function modulesOf(remote: RemoteName): RemoteModuleId[] {
  return REMOTE_MODULE_IDS.filter((id) => remoteOf(id) === remote);
}

export { REMOTES };
