import { defaultAuth, type Auth } from '@mfv/auth';
import { createRedis, waitForRedis } from '@mfv/redis';
import { mokSettings, verificationOptions, verifyEnv } from './env';
import { KcbService, lazyKcbAccess, type KcbAccess } from './kcb';
import { limitTable, RateLimits } from './limits';
import { lazyMokClient, MokService, type MokClientAccess } from './mobile-ok';
import { lazySsafyAccess, SsafyService, type SsafyAccess } from './ssafy';
import { TransactionStore } from './transactions';

/** What the verify remote's API routes share in one server process. */
export interface VerifyRuntime {
  auth: Auth;
  transactions: TransactionStore;
  mok: MokService;
  kcb: KcbService;
  ssafy: SsafyService;
  /** Rate limits (F4); absent only in tests that do not exercise them. */
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
