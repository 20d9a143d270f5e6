import { type FastifyInstance } from 'fastify';
import { type Clock } from '../../clock.js';
import { type FaultInjector } from '../../faults.js';
import { registerKcbApi } from './api.js';
import { type KcbContext, type KcbOptions, checkKcbClients, kcbPersonaTable } from './context.js';
import { registerKcbPage } from './page.js';
import { KCB_PERSONAS } from './personas.js';
import { KcbState } from './state.js';

export { type KcbClient, type KcbContext, type KcbOptions } from './context.js';
export { KCB_RSP, KCB_RSP_MESSAGES, type KcbRspCode } from './errors.js';
export { KCB_LIFETIMES } from './state.js';
export { KCB_TC } from './page.js';
export { KCB_TRAN_ID_HEADER, type KcbAccessTokenResponse, type KcbPopupResult } from './api.js';
export { KCB_ENC_ALGO_AES } from './crypto.js';

/**
 * Where the real hosts map inside the sandbox: the REST API host (test
 * https://tapi.ok-name.co.kr:40443, production https://api.ok-name.co.kr:20443) is
 * `<sandbox>/kcb/api`, the browser host https://safe.ok-name.co.kr is `<sandbox>/kcb/safe`.
 * Paths below them are KCB's (`/v1/oauth2/access_token`, `/v1/id/phone/popup-start`,
 * `/v1/id/phone/popup-result`, `/CommonSvl`).
 */
export const KCB_PATHS = {
  api: '/kcb/api',
  safe: '/kcb/safe',
} as const;

/** Base URLs a KCB client uses against a sandbox at `origin` (e.g. http://127.0.0.1:4100). */
export function kcbBaseUrls(origin: string): { api: string; safe: string } {
  const base = origin.replace(/\/+$/, '');
  return { api: `${base}${KCB_PATHS.api}`, safe: `${base}${KCB_PATHS.safe}` };
}

/** Mounts the KCB emulator (API host and browser page). */
export function registerKcb(
  app: FastifyInstance,
  deps: { options: KcbOptions; clock: Clock; injector: FaultInjector },
): KcbContext {
  checkKcbClients(deps.options.clients);
  const ctx: KcbContext = {
    clients: deps.options.clients,
    personas: kcbPersonaTable(deps.options.personas ?? KCB_PERSONAS),
    state: new KcbState(deps.clock),
    injector: deps.injector,
    clock: deps.clock,
  };
  void app.register(async (api) => registerKcbApi(api, ctx), { prefix: KCB_PATHS.api });
  void app.register(async (safe) => registerKcbPage(safe, ctx), { prefix: KCB_PATHS.safe });
  return ctx;
}
