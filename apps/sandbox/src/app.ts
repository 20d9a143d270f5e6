import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { SANDBOX_FAULT_CEILING_MS } from '@mfv/config';
import { type Clock, systemClock } from './clock.js';
import { registerConnectionReaper } from './connections.js';
import { plainJsonShape } from './error-shape.js';
import { FaultInjector, registerHeaderFaults } from './faults.js';
import { registerFormBody } from './form-body.js';
import { PAGE_HEADERS } from './html.js';
import { PERSONAS, type Persona } from './personas.js';
import { type KakaoContext, type KakaoOptions, registerKakao } from './providers/kakao/index.js';
import { type KcbContext, type KcbOptions, registerKcb } from './providers/kcb/index.js';
import { type SsafyContext, type SsafyOptions, registerSsafy } from './providers/ssafy/index.js';
import { type TossOptions, type TossRegistration, registerToss } from './providers/toss/index.js';
import { type MobileOkOptions, type MokContext, registerMobileOk } from './providers/mobile-ok/index.js';

export interface SandboxOptions {
  readonly kakao: KakaoOptions;
  /** KCB 휴대폰 본인확인 (ok-name REST), mounted at /kcb/api and /kcb/safe; not mounted when absent. */
  readonly kcb?: KcbOptions;
  /** SSAFY Verify issuer, mounted at /ssafy; not mounted when absent. */
  readonly ssafy?: SsafyOptions;
  /** Toss login: /toss pages here, and the partner API on its own mTLS listener when `toss.mtls` is set. */
  readonly toss?: TossOptions;
  /** mobile-ok 본인확인-API, mounted at /mok; not mounted when absent. */
  readonly mobileOk?: MobileOkOptions;
  /** Defaults to the shared registry (`@mfv/sandbox/personas`). */
  readonly personas?: readonly Persona[];
  /** Defaults to the system clock; tests inject one they can move. */
  readonly clock?: Clock;
  /** Ceiling for `delay` and `hang` faults, at most 60 s (default 60 s). */
  readonly faultMaxMs?: number;
  /** How often expired codes and tokens are freed (default 60 s). */
  readonly sweepIntervalMs?: number;
  /** Fastify/pino logger options; off unless given. */
  readonly logger?: FastifyServerOptions['logger'];
}

/** What the app holds, for tests and tooling (`app.sandbox`). */
export interface SandboxInternals {
  readonly kakao: KakaoContext;
  /** Present when the KCB emulator is mounted. */
  readonly kcb?: KcbContext;
  /** Present when the SSAFY Verify emulator is mounted. */
  readonly ssafy?: SsafyContext;
  /** Present when the Toss emulator is mounted; `mtlsApp` is the HTTPS listener's app (startServer listens it). */
  readonly toss?: TossRegistration;
  /** Present when the mobile-ok emulator is mounted. */
  readonly mobileOk?: MokContext;
  readonly faults: FaultInjector;
  /** Frees expired state now; returns how many entries went. */
  sweep(): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    sandbox: SandboxInternals;
  }
}

/** Builds the sandbox app: every provider emulator on one server. Does not listen. */
export function buildApp(options: SandboxOptions): FastifyInstance {
  const faultMaxMs = options.faultMaxMs ?? SANDBOX_FAULT_CEILING_MS;
  if (!Number.isInteger(faultMaxMs) || faultMaxMs <= 0 || faultMaxMs > SANDBOX_FAULT_CEILING_MS) {
    throw new Error(`faultMaxMs must be an integer in 1..${SANDBOX_FAULT_CEILING_MS}`);
  }
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: options.logger ?? false,
    // The mobile-ok emulator makes its RSA keys while it registers: over fastify's 10 s default on
    // a loaded 2-core CI machine (seen: AVV_ERR_PLUGIN_EXEC_TIMEOUT). Still bounded.
    pluginTimeout: 60_000,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });

  registerConnectionReaper(app);
  registerFormBody(app);
  const injector = new FaultInjector(faultMaxMs);
  registerHeaderFaults(app, injector);

  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      for (const [name, value] of Object.entries(PAGE_HEADERS)) reply.header(name, value);
    }
    return payload;
  });

  // One error handler: the cause goes to the log, the client gets the provider's error shape
  // and, for a 5xx, a generic message.
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const code = error.statusCode;
    const status = code !== undefined && code >= 400 && code <= 599 ? code : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ err: error }, 'request rejected');
    const shape = request.routeOptions.config.errorShape ?? plainJsonShape;
    const message = status >= 500 ? 'internal sandbox error' : error.message;
    return reply.code(status).type(shape.contentType).send(shape.error(status, message));
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(plainJsonShape.contentType)
      .send(
        JSON.stringify({
          error: 'not_found',
          message: `no sandbox route for ${request.method} ${request.url.split('?')[0]}`,
        }),
      ),
  );

  /** Mounted emulators, in registration order (read per request: providers register below). */
  const providers: string[] = ['kakao'];
  app.get('/healthz', async () => ({ status: 'ok', providers }));

  const kakao = registerKakao(app, {
    options: options.kakao,
    personas: options.personas ?? PERSONAS,
    clock,
    injector,
  });
  const mobileOk =
    options.mobileOk === undefined
      ? undefined
      : registerMobileOk(app, { options: options.mobileOk, clock, injector });
  if (mobileOk !== undefined) providers.push('mobile-ok');
  const kcb =
    options.kcb === undefined ? undefined : registerKcb(app, { options: options.kcb, clock, injector });
  if (kcb !== undefined) providers.push('kcb');
  const ssafy =
    options.ssafy === undefined ? undefined : registerSsafy(app, { options: options.ssafy, clock, injector });
  if (ssafy !== undefined) providers.push('ssafy');
  const toss =
    options.toss === undefined
      ? undefined
      : registerToss(app, {
          options: options.toss,
          clock,
          injector,
          ...(options.logger !== undefined ? { logger: options.logger } : {}),
        });
  if (toss !== undefined) providers.push('toss');

  const sweep = () =>
    kakao.state.sweep() +
    (mobileOk?.state.sweep() ?? 0) +
    (kcb?.state.sweep() ?? 0) +
    (ssafy?.state.sweep() ?? 0) +
    (toss?.ctx.state.sweep() ?? 0);
  const sweeper = setInterval(() => {
    const removed = sweep();
    if (removed > 0) app.log.debug({ removed }, 'swept expired sandbox state');
  }, options.sweepIntervalMs ?? 60_000);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  app.decorate('sandbox', { kakao, kcb, ssafy, toss, mobileOk, faults: injector, sweep });
  return app;
}
