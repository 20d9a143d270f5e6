import { APPS, readTopologyEnv, type RemoteName } from '@mfv/topology';

/**
 * Server-side liveness of each remote, as the browser will need it.
 *
 * Once the shell has loaded a remote's code it can keep rendering that component on the
 * server even after the remote has died, but the browser could not load it to hydrate. So
 * before rendering, the shell checks (at most every CHECK_INTERVAL_MS, bounded by
 * CHECK_TIMEOUT_MS) that the remote still serves its client entry, and renders the fallback
 * when it does not.
 */
export const CHECK_INTERVAL_MS = 2_000;
export const CHECK_TIMEOUT_MS = 800;

interface HealthState {
  healthy: boolean;
  checkedAt: number;
  inflight: Promise<boolean> | null;
}

const states = new Map<RemoteName, HealthState>();
let topology: ReturnType<typeof readTopologyEnv> | undefined;

function clientEntryUrl(remote: RemoteName): string {
  topology ??= readTopologyEnv();
  return `http://${topology.hosts[remote]}:${topology.ports[remote]}${APPS[remote].basePath}/_next/static/chunks/remoteEntry.js`;
}

async function check(remote: RemoteName): Promise<boolean> {
  try {
    const res = await fetch(clientEntryUrl(remote), {
      method: 'HEAD',
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** Whether the remote answered its last check; re-checks (and waits, bounded) when stale. */
export async function isRemoteHealthy(remote: RemoteName, now = Date.now()): Promise<boolean> {
  let state = states.get(remote);
  if (!state) {
    state = { healthy: true, checkedAt: 0, inflight: null };
    states.set(remote, state);
  }
  if (now - state.checkedAt < CHECK_INTERVAL_MS) return state.healthy;
  const current = state;
  current.inflight ??= check(remote).then((healthy) => {
    current.healthy = healthy;
    current.checkedAt = Date.now();
    current.inflight = null;
    return healthy;
  });
  return current.inflight;
}
