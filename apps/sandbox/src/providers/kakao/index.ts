import { type FastifyInstance } from 'fastify';
import { type Clock } from '../../clock.js';
import { type FaultInjector } from '../../faults.js';
import { type Persona } from '../../personas.js';
import { type KakaoApp } from './apps.js';
import { registerAuthorize } from './authorize.js';
import { type KakaoContext, kakaoPersonas } from './context.js';
import { createOidcKeys, registerOidcDiscovery } from './oidc.js';
import { registerToken } from './token.js';
import { registerProfileImages, registerUserMe } from './user-me.js';
import { KakaoState } from './state.js';

export { type KakaoApp } from './apps.js';
export { type KakaoContext } from './context.js';
export { KOE, KAPI_MESSAGES, type KoeCode } from './errors.js';
export { KAKAO_LIFETIMES } from './state.js';
export { type KakaoTokenResponse } from './token.js';
export { type KakaoUserMe } from './user-me.js';

/**
 * Where the real hosts map inside the sandbox: a deployment swaps these base URLs for
 * https://kauth.kakao.com and https://kapi.kakao.com and changes nothing else.
 */
export const KAKAO_PATHS = {
  kauth: '/kakao/kauth',
  kapi: '/kakao/kapi',
  cdn: '/kakao/cdn',
} as const;

/** Base URLs a Kakao client uses against a sandbox at `origin` (e.g. http://127.0.0.1:4100). */
export function kakaoBaseUrls(origin: string): { kauth: string; kapi: string } {
  const base = origin.replace(/\/+$/, '');
  return { kauth: `${base}${KAKAO_PATHS.kauth}`, kapi: `${base}${KAKAO_PATHS.kapi}` };
}

export interface KakaoOptions {
  readonly apps: readonly KakaoApp[];
}

function checkApps(apps: readonly KakaoApp[]): void {
  if (apps.length === 0) throw new Error('kakao: at least one registered app is required');
  const ids = new Set<string>();
  for (const app of apps) {
    if (app.clientId === '') throw new Error('kakao: an app has an empty client_id');
    if (ids.has(app.clientId)) throw new Error(`kakao: client_id ${app.clientId} is registered twice`);
    ids.add(app.clientId);
    if (app.redirectUris.length === 0) throw new Error(`kakao: app ${app.clientId} has no redirect URI`);
    for (const uri of app.redirectUris) {
      if (!URL.canParse(uri) || uri.includes('#')) {
        throw new Error(
          `kakao: app ${app.clientId}: redirect URI must be absolute and without fragment: ${uri}`,
        );
      }
    }
  }
}

/** Mounts the Kakao emulator: kauth (authorize, consent, token), kapi (user/me), cdn (pictures). */
export function registerKakao(
  app: FastifyInstance,
  deps: { options: KakaoOptions; personas: readonly Persona[]; clock: Clock; injector: FaultInjector },
): KakaoContext {
  checkApps(deps.options.apps);
  const ctx: KakaoContext = {
    apps: deps.options.apps,
    personas: kakaoPersonas(deps.personas),
    state: new KakaoState(deps.clock),
    injector: deps.injector,
    oidc: createOidcKeys(),
  };
  void app.register(
    async (kauth) => {
      registerAuthorize(kauth, ctx);
      registerToken(kauth, ctx, KAKAO_PATHS.kauth);
      registerOidcDiscovery(kauth, ctx, KAKAO_PATHS.kauth, KAKAO_PATHS.kapi);
    },
    { prefix: KAKAO_PATHS.kauth },
  );
  void app.register(async (kapi) => registerUserMe(kapi, ctx), { prefix: KAKAO_PATHS.kapi });
  void app.register(async (cdn) => registerProfileImages(cdn, ctx), { prefix: KAKAO_PATHS.cdn });
  return ctx;
}
