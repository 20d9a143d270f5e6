/**
 * The verify remote's composition root: the shared core (auth, transactions, rate limits) and one
 * service per provider, built once per server process; `apiRoute` binds a route definition
 * (`providers/<provider>/routes.ts`, `core/result.ts`) to it for `pages/api/…`.
 */
import type { NextApiHandler } from 'next';
import { defaultAuth, type Auth } from '@mfv/auth';
import { createRedis, waitForRedis } from '@mfv/redis';
import type { z } from 'zod';
import { mokSettings, verificationOptions, verifyEnv } from './core/env';
import { bindRoute, type RouteDefinition } from './core/http';
import { limitTable, RateLimits } from './core/limits';
import { TransactionStore } from './core/transactions';
import { bindKcbCallback } from './providers/kcb/routes';
import { KcbService, lazyKcbAccess, type KcbAccess } from './providers/kcb/service';
import { lazyMokClient, type MokClientAccess } from './providers/mobile-ok/client';
import { MokService } from './providers/mobile-ok/service';
import { lazySsafyAccess, SsafyService, type SsafyAccess } from './providers/ssafy/service';

/** What the verify remote's API routes share in one server process. */
export interface VerifyRuntime {
  auth: Auth;
  transactions: TransactionStore;
  mok: MokService;
  kcb: KcbService;
  ssafy: SsafyService;
  /** Rate limits; absent only in tests that do not exercise them. */
  limits?: RateLimits;
}

export interface VerifyRuntimeDeps {
  auth: Auth;
  transactions: TransactionStore;
  mok: () => Promise<MokClientAccess>;
  kcb: () => Promise<KcbAccess>;
  ssafy: () => Promise<SsafyAccess>;
  now?: () => Date;
  limits?: RateLimits;
}

/** Explicit dependencies (tests build one against their own Redis, api and sandbox). */
export function createVerifyRuntime(deps: VerifyRuntimeDeps): VerifyRuntime {
  const common = { auth: deps.auth, store: deps.transactions, ...(deps.now ? { now: deps.now } : {}) };
  return {
    auth: deps.auth,
    transactions: deps.transactions,
    ...(deps.limits ? { limits: deps.limits } : {}),
    mok: new MokService({ ...common, mok: deps.mok, ...(deps.limits ? { limits: deps.limits } : {}) }),
    kcb: new KcbService({ ...common, kcb: deps.kcb }),
    ssafy: new SsafyService({ ...common, ssafy: deps.ssafy }),
  };
}

let instance: VerifyRuntime | undefined;

/**
 * The process's runtime, built from the environment on first use — never at import, so
 * `next build` (which imports every route) needs no Redis, no key file and no api.
 */
export function verifyRuntime(): VerifyRuntime {
  if (!instance) {
    const auth = defaultAuth();
    const env = verifyEnv();
    const redis = createRedis(auth.config.redisUrl, {
      ...auth.config.redisFiles,
      connectionName: `mfv-verify-${process.pid}`,
    });
    // Commands before the first connection would fail at once (no offline queue); wait, bounded.
    const ready = waitForRedis(redis).catch(() => undefined);
    // Read once, on the first KCB or SSAFY request (the client secrets from their files).
    let options: ReturnType<typeof verificationOptions> | undefined;
    const clientOptions = () =>
      (options ??= verificationOptions().catch((error: unknown) => {
        options = undefined;
        throw error;
      }));
    instance = createVerifyRuntime({
      auth,
      transactions: new TransactionStore(redis, auth.config.cookie, {}, ready),
      limits: new RateLimits(redis, limitTable(env)),
      mok: lazyMokClient(() => mokSettings(env)),
      kcb: lazyKcbAccess(async () => (await clientOptions()).kcb),
      ssafy: lazySsafyAccess(async () => (await clientOptions()).ssafy),
    });
  }
  return instance;
}

/** `export default apiRoute(mokStart)` in pages/api. */
export const apiRoute = <S extends z.ZodType>(route: RouteDefinition<VerifyRuntime, S>): NextApiHandler =>
  bindRoute(route, verifyRuntime);

/** `export default kcbCallbackRoute()` in pages/api/kcb/callback.ts. */
export const kcbCallbackRoute = (): NextApiHandler => bindKcbCallback(verifyRuntime);
