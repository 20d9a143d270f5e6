import { APPS, REMOTES, type RemoteName } from './apps.js';
import type { TopologyEnv } from './env.js';

/** Where nextjs-mf writes a remote's entry (`filename` of the federation plugin). */
export const REMOTE_ENTRY_FILENAME = 'static/chunks/remoteEntry.js';

/**
 * Server-side entry: nextjs-mf builds a Node copy of every remote under `_next/static/ssr/`.
 * The shell fetches it over the internal network, straight from the remote's own port
 * (the public proxy refuses these paths).
 */
export function serverRemoteEntry(remote: RemoteName, env: TopologyEnv): string {
  const { basePath } = APPS[remote];
  return `http://${env.hosts[remote]}:${env.ports[remote]}${basePath}/_next/static/ssr/remoteEntry.js`;
}

/** Browser-side entry, through the public origin (same origin as the shell page). */
export function clientRemoteEntryPath(remote: RemoteName): string {
  return `${APPS[remote].basePath}/_next/${REMOTE_ENTRY_FILENAME}`;
}

/** The shell's `remotes` option for NextFederationPlugin, for the server or the client build. */
export function shellRemotes(
  side: 'server' | 'client',
  env: TopologyEnv,
  clientOrigin = '',
): Record<RemoteName, string> {
  const remotes = {} as Record<RemoteName, string>;
  for (const remote of REMOTES) {
    const entry =
      side === 'server' ? serverRemoteEntry(remote, env) : clientOrigin + clientRemoteEntryPath(remote);
    remotes[remote] = `${remote}@${entry}`;
  }
  return remotes;
}
