import { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { type Clock } from '../../clock.js';
import { type FaultInjector } from '../../faults.js';
import { registerTossBridge } from './bridge.js';
import { type TossContext, type TossOptions, checkTossOptions, tossPersonaTable } from './context.js';
import { ensureDevCerts, loadTossTls } from './certs.js';
import { buildTossMtlsApp } from './mtls.js';
import { TOSS_PERSONAS } from './personas.js';
import { TossState } from './state.js';
import { registerTossUnlink } from './unlink.js';

export {
  type TossContext,
  type TossOptions,
  type TossTlsMaterial,
  type TossUnlinkOptions,
} from './context.js';
export { TOSS_ERROR_CODES, type TossErrorCode } from './errors.js';
export { TOSS_LIFETIMES, TOSS_SANDBOX_REFERRER } from './state.js';
export { TOSS_GCM } from './crypto.js';
export { TOSS_LOGIN_API_PREFIX, type TossLoginMe, type TossTokenSuccess } from './api.js';
export { TOSS_BRIDGE_OUTCOMES, type TossBridgeOutcome } from './bridge.js';
export { TOSS_UNLINK_REFERRERS, type TossUnlinkReferrer, type TossUnlinkResult } from './unlink.js';
export {
  DEFAULT_TOSS_MTLS_DIR,
  TOSS_CERT_DAYS,
  createCa,
  devCertPaths,
  ensureDevCerts,
  issueCert,
  issueClientCert,
  loadTossTls,
  type CertPair,
  type DevCertPaths,
} from './certs.js';

/**
 * Where Toss maps inside the sandbox. The partner API https://apps-in-toss-api.toss.im is the
 * mTLS listener's origin (https://localhost:<SANDBOX_TOSS_MTLS_PORT>), paths unchanged
 * (`/api-partner/v1/apps-in-toss/user/oauth2/…`). The plain port has the sandbox's own pages:
 * `/toss/bridge.js` (the Toss app's side of the WebView bridge, so a page's appLogin() works in an
 * ordinary browser; bridge.ts) and `/toss/admin/unlink` (triggers the unlink callback).
 */
export const TOSS_PATH = '/toss';

/** What `registerToss` leaves: the context and, with `options.mtls`, the (not yet listening) HTTPS app. */
export interface TossRegistration {
  readonly ctx: TossContext;
  readonly mtlsApp?: FastifyInstance;
}

/** Mounts the bridge emulator and the unlink trigger, and builds the mTLS app when configured. */
export function registerToss(
  app: FastifyInstance,
  deps: {
    options: TossOptions;
    clock: Clock;
    injector: FaultInjector;
    logger?: FastifyServerOptions['logger'];
  },
): TossRegistration {
  checkTossOptions(deps.options);
  const ctx: TossContext = {
    options: deps.options,
    personas: tossPersonaTable(deps.options.personas ?? TOSS_PERSONAS),
    state: new TossState(deps.clock),
    injector: deps.injector,
    clock: deps.clock,
  };
  void app.register(
    async (toss) => {
      registerTossBridge(toss, ctx);
      registerTossUnlink(toss, ctx);
    },
    { prefix: TOSS_PATH },
  );
  const mtls = deps.options.mtls;
  if (mtls === undefined) return { ctx };
  const mtlsApp = buildTossMtlsApp(ctx, {
    tls: mtls.tls,
    injector: deps.injector,
    ...(deps.logger !== undefined ? { logger: deps.logger } : {}),
  });
  // Closed with the main app (lifecycle.ts closes the main app only).
  app.addHook('onClose', async () => {
    await mtlsApp.close();
  });
  return { ctx, mtlsApp };
}

/**
 * `options` with the mTLS listener on `port`, using the dev CA, server and client certificates in
 * `dir`, which are made first when any of the six files is missing (what the sandbox does at start).
 */
export async function withDevMtls(options: TossOptions, dir: string, port: number): Promise<TossOptions> {
  const { paths } = await ensureDevCerts(dir);
  return { ...options, mtls: { port, tls: await loadTossTls(paths) } };
}
