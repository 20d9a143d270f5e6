import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type Clock } from '../../clock.js';
import { type FaultInjector } from '../../faults.js';
import { registerSsafyAuthorize } from './authorize.js';
import { type SsafyContext, type SsafyOptions, checkSsafyClients, ssafyPersonaTable } from './context.js';
import { ssafyScriptShape } from './errors.js';
import { loadSigningKey } from './jwt.js';
import { SSAFY_PERSONAS } from './personas.js';
import { isSsafySdkVariant, renderSdk } from './sdk.js';
import { SsafyState } from './state.js';
import { registerSsafyToken } from './token.js';

export {
  type SsafyClient,
  type SsafyContext,
  type SsafyOptions,
  SSAFY_SCOPES,
  type SsafyScope,
} from './context.js';
export {
  SSAFY_ERROR_CODES,
  SSAFY_CLIENT_ERROR_CODES,
  SSAFY_REQUIRED_CLAIMS,
  SSAFY_TOKEN_DEFECTS,
  type SsafyErrorCode,
} from './errors.js';
export { SSAFY_JWS_ALG, ssafySubject } from './jwt.js';
export { SSAFY_LIFETIMES } from './state.js';
export { SSAFY_WRONG_ISSUER_URL } from './authorize.js';
export { SSAFY_ACR, SSAFY_AMR, type SsafyVerificationClaims } from './token.js';
export { SSAFY_SDK_MESSAGE_SOURCE } from './sdk.js';

/**
 * Where the issuer maps inside the sandbox: https://verify.myknow.xyz is `<sandbox>/ssafy`; paths
 * below it are SSAFY Verify's (`/sdk/ssafy-verify.js`, `/verify/authorize`, `/verify/token`,
 * `/.well-known/jwks.json`).
 */
export const SSAFY_PATH = '/ssafy';

/** The issuer a client uses against a sandbox at `origin` (e.g. http://127.0.0.1:4100). */
export function ssafyIssuer(origin: string): string {
  return `${origin.replace(/\/+$/, '')}${SSAFY_PATH}`;
}

/** Mounts the SSAFY Verify issuer emulator. */
export function registerSsafy(
  app: FastifyInstance,
  deps: { options: SsafyOptions; clock: Clock; injector: FaultInjector },
): SsafyContext {
  const { options } = deps;
  checkSsafyClients(options.clients);
  if (options.issuer !== undefined && (!URL.canParse(options.issuer) || /[/?#]$/.test(options.issuer))) {
    throw new Error('ssafy: issuer must be an absolute URL without a trailing slash');
  }
  const configured = options.issuer;
  const ctx: SsafyContext = {
    clients: options.clients,
    personas: ssafyPersonaTable(options.personas ?? SSAFY_PERSONAS),
    state: new SsafyState(deps.clock),
    injector: deps.injector,
    clock: deps.clock,
    key: loadSigningKey(options.signingKey),
    issuer: (request: FastifyRequest) => configured ?? ssafyIssuer(`${request.protocol}://${request.host}`),
  };
  void app.register(
    async (ssafy) => {
      ssafy.get(
        '/sdk/ssafy-verify.js',
        { config: { errorShape: ssafyScriptShape } },
        async (request, reply) => {
          const { variant } = request.query as { variant?: unknown };
          if (variant !== undefined && !isSsafySdkVariant(variant)) {
            return reply
              .code(400)
              .type('text/javascript; charset=utf-8')
              .header('x-content-type-options', 'nosniff')
              .send('/* unknown SDK variant */');
          }
          return reply
            .code(200)
            .type('text/javascript; charset=utf-8')
            .header('x-content-type-options', 'nosniff')
            .header('cache-control', 'no-cache')
            .send(renderSdk(ctx.issuer(request), variant));
        },
      );
      registerSsafyAuthorize(ssafy, ctx);
      registerSsafyToken(ssafy, ctx);
    },
    { prefix: SSAFY_PATH },
  );
  return ctx;
}
