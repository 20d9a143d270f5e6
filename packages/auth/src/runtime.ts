import { createRedis, waitForRedis } from '@mfv/redis';
import { createAuth, type Auth } from './auth.js';
import { authConfigFromEnv } from './env.js';
import { SessionStore } from './session-store.js';

let instance: Auth | undefined;

/**
 * The process's auth runtime, built from the environment on first use — never at import, so
 * `next build` (which imports every page) needs no Redis and no api.
 */
export function defaultAuth(): Auth {
  if (!instance) {
    const config = authConfigFromEnv();
    const redis = createRedis(config.redisUrl, {
      ...config.redisFiles,
      connectionName: `mfv-auth-${process.pid}`,
    });
    // Commands before the first connection would fail at once (no offline queue); wait, bounded.
    const ready = waitForRedis(redis).catch(() => undefined);
    instance = createAuth({ config, store: new SessionStore(redis, ready) });
  }
  return instance;
}

type Lazy<F extends (...args: never[]) => unknown> = (...args: Parameters<F>) => ReturnType<F>;

/** `withAuth(handler)` bound to the default runtime, resolved on the first request. */
export const withAuth: Lazy<Auth['withAuth']> = (handler, options) => {
  let bound: ReturnType<Auth['withAuth']> | undefined;
  return (req, res) => (bound ??= defaultAuth().withAuth(handler, options))(req, res);
};

/** `withAuthSSR(gssp)` bound to the default runtime. */
export function withAuthSSR<P extends Record<string, unknown>>(...args: Parameters<Auth['withAuthSSR']>) {
  return (ctx: Parameters<ReturnType<Auth['withAuthSSR']>>[0]) =>
    defaultAuth().withAuthSSR<P>(args[0] as never, args[1])(ctx);
}

export const getViewer: Lazy<Auth['getViewer']> = (req, res) => defaultAuth().getViewer(req, res);
export const csrfHandler: Lazy<Auth['csrfHandler']> = (req, res) => defaultAuth().csrfHandler(req, res);
export const handleErrors: Lazy<Auth['handleErrors']> = (handler) => {
  let bound: ReturnType<Auth['handleErrors']> | undefined;
  return (req, res) => (bound ??= defaultAuth().handleErrors(handler))(req, res);
};
