import type { RemoteName } from '@mfv/topology';
import type { ComponentType } from 'react';

/**
 * Every federated module the shell renders, with its typed loader. The types come from
 * src/remotes.d.ts, which re-exports each remote's own source types.
 */
export const remoteModules = {
  'user/UserMenu': () => import('user/UserMenu'),
  'notice/NoticeBell': () => import('notice/NoticeBell'),
  'notice/NoticeList': () => import('notice/NoticeList'),
  'verify/VerifyLauncher': () => import('verify/VerifyLauncher'),
  // @generator:modules
} as const;

export type RemoteModuleId = keyof typeof remoteModules;

/** Props of the component a federated module exports by default. */
export type RemoteProps<Id extends RemoteModuleId> =
  Awaited<ReturnType<(typeof remoteModules)[Id]>>['default'] extends ComponentType<infer P> ? P : never;

/** What the server found when it tried to load a module for this request. */
export type RemoteStatus = 'ok' | 'down';
export type RemoteStatusMap = Partial<Record<RemoteModuleId, RemoteStatus>>;

/** The remote (team) a module id belongs to: `notice/NoticeBell` → `notice`. */
export function remoteOf(id: RemoteModuleId): RemoteName {
  return id.slice(0, id.indexOf('/')) as RemoteName;
}
