/**
 * Lets a running shell pick up redeployed or recovered remotes without a restart.
 *
 * nextjs-mf's `revalidate()` fetches every remote entry, compares hashes, and reloads the
 * server's federation state when one changed or a load failed since the last check. Its
 * upstream usage runs it on every request, which costs a round trip to every remote per page
 * view; here it runs in the background at most once per interval and never delays a render.
 */
import { forgetLoadedComponents } from './load';

export const REVALIDATE_INTERVAL_MS = 5_000;

let lastRun = 0;
let running: Promise<void> | null = null;

export function scheduleRevalidate(now = Date.now()): void {
  if (typeof window !== 'undefined' || running || now - lastRun < REVALIDATE_INTERVAL_MS) return;
  lastRun = now;
  running = import('@module-federation/nextjs-mf/utils')
    .then(({ revalidate }) => revalidate())
    .then((reloaded) => {
      if (reloaded) forgetLoadedComponents();
      if (reloaded)
        console.info(JSON.stringify({ level: 'info', msg: 'remotes changed; federation state reloaded' }));
    })
    .catch((error: unknown) => {
      console.warn(
        JSON.stringify({ level: 'warn', msg: 'remote revalidation failed', reason: String(error) }),
      );
    })
    .finally(() => {
      running = null;
    });
}
