import { APPS, type RemoteName, type TopologyEnv } from '@mfv/topology';
import { CLIENT_DIR, CLIENT_ENTRY, RELEASES_DIR, SSR_DIR, SSR_ENTRY } from './manifest.js';

function internalBase(remote: RemoteName, env: TopologyEnv): string {
  return `http://${env.hosts[remote]}:${env.ports[remote]}${APPS[remote].basePath}`;
}

/** The remote's release index, on the internal network (its own port). */
export function releaseIndexUrl(remote: RemoteName, env: TopologyEnv): string {
  return `${internalBase(remote, env)}/api/release`;
}

/** SSR entry of a release, on the internal network (the public proxy refuses `_mfv/ssr/`). */
export function ssrReleaseEntry(remote: RemoteName, release: string, env: TopologyEnv): string {
  return `${internalBase(remote, env)}/${RELEASES_DIR}/${SSR_DIR}/${release}/${SSR_ENTRY}`;
}

/** Browser entry of a release: a same-origin path through the public proxy. */
export function clientReleaseEntry(remote: RemoteName, release: string): string {
  return `${APPS[remote].basePath}/${RELEASES_DIR}/${CLIENT_DIR}/${release}/${CLIENT_ENTRY}`;
}
