import { randomUUID } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode } from '@mfv/api-contract';
import { systemClock, type Clock } from './clock.js';
import type { Db } from './db/types.js';
import type { CiKeyring } from './identity/ci-hash.js';
import { isApiError } from './errors.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes } from './routes/health.js';
import { jwksRoutes } from './routes/jwks.js';
import { noticeRoutes } from './routes/notices.js';
import { tossRoutes } from './routes/toss.js';
import { userRoutes } from './routes/users.js';
import { verificationRoutes } from './routes/verifications.js';
import { createServices, type ApiServices, type TokenSettings } from './services/index.js';
import type { KeySet } from './tokens/keys.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The domain services behind the routes (tests reach maintenance calls such as purgeExpiredSeals). */
    services: ApiServices;
  }
}

export interface AppDeps {
  /** Opened and migrated by the caller, who also closes it (after `app.close()`). */
  db: Db;
  keys: KeySet;
  sealSecret: string;
  /** Service credential required on /auth/login/kakao and POST /users. */
  internalToken: string;
  settings: TokenSettings;
  /** The CI-hash keys (IDENTITY_CI_KEY, and the previous one): createCiKeyring(). */
  ciKeys: CiKeyring;
  clock?: Clock;
  /** A pino logger (server.ts), or nothing for a silent app (tests). */
  logger?: FastifyBaseLogger;
  /** How often sealed successors past the grace window are wiped; 0 = never (tests call it directly). */
  sealSweepIntervalMs?: number;
  /** How often rows dead for a day are deleted (services.retention); 0 = never (tests call it directly). */
  retentionSweepIntervalMs?: number;
  /** Every error answered with a 500, after it is logged (server.ts reports it to Sentry). */
  onUnexpectedError?: (error: unknown, request: FastifyRequest) => void;
}

export type ApiApp = FastifyInstance;

/** Accepted x-request-id values; anything else is replaced (it ends up in logs and Sentry). */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** Small JSON bodies only; nothing this api accepts comes near it. */
const BODY_LIMIT_BYTES = 16 * 1024;

const CLIENT_ERROR_CODES: Partial<Record<number, ErrorCode>> = {
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Builds the api (routes, hooks, one error handler) from injected dependencies. It does not
 * listen: server.ts does, and tests call it in-process with `app.inject`.
 */
export async function buildApp(deps: AppDeps): Promise<ApiApp> {
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    // The proxy's x-request-id when well-formed (the pattern nginx and @mfv/auth accept), else a new
    // one; logged as `requestId` like the Next apps' JSON lines and nginx's access log.
    requestIdHeader: false,
    genReqId: (req) => {
      const header = req.headers['x-request-id'];
      const value = Array.isArray(header) ? header[0] : header;
      return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: anything else is 415, not a string body that fails validation further down.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const services = createServices({
    db: deps.db,
    keys: deps.keys,
    sealSecret: deps.sealSecret,
    settings: deps.settings,
    ciKeys: deps.ciKeys,
    clock,
  });
  app.decorate('services', services);

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // RFC 6749 §5.1: responses carrying tokens must not be cached; nothing here is worth caching but the JWKS.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  app.setNotFoundHandler((req, reply) => {
    const body: ErrorBody = {
      code: 'NOT_FOUND',
      message: `no route for ${req.method} ${req.url.split('?')[0]}`,
    };
    return reply.code(404).send(body);
  });

  /**
   * The one error handler. Validation → 400 with every failed rule; a known ApiError → its status
   * and code; Fastify's own 4xx (bad JSON, wrong media type, body too large) → a code for the
   * status; anything else → logged with its cause and answered with a generic 500, never a stack.
   */
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const issues = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      const first = issues[0];
      const body: ErrorBody = {
        code: 'VALIDATION_FAILED',
        message: first ? `${first.path}: ${first.message}` : `invalid ${where}`,
        issues,
      };
      return reply.code(400).send(body);
    }
    if (isApiError(err)) {
      if (err.status >= 500) req.log.error({ err }, err.message);
      // 503 (database unavailable) is an outage readiness already reports, not a bug.
      if (err.status === 500) deps.onUnexpectedError?.(err, req);
      return reply
        .code(err.status)
        .headers(err.headers)
        .send({ code: err.code, message: err.message } satisfies ErrorBody);
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500 && typeof err.code === 'string' && err.code.startsWith('FST_')) {
      const body: ErrorBody = { code: CLIENT_ERROR_CODES[status] ?? 'BAD_REQUEST', message: err.message };
      return reply.code(status).send(body);
    }
    req.log.error({ err }, 'unhandled error');
    deps.onUnexpectedError?.(err, req);
    return reply.code(500).send({ code: 'INTERNAL', message: 'Internal error' } satisfies ErrorBody);
  });

  await app.register(healthRoutes, { db: deps.db });
  await app.register(jwksRoutes, { accessTokens: services.accessTokens });
  await app.register(authRoutes, { services, internalToken: deps.internalToken });
  await app.register(userRoutes, { services, internalToken: deps.internalToken });
  await app.register(tossRoutes, { services, internalToken: deps.internalToken });
  await app.register(noticeRoutes, { services });
  await app.register(verificationRoutes, {
    verifications: services.verifications,
    sessions: services.sessions,
    internalToken: deps.internalToken,
  });

  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number | undefined, what: string, job: () => Promise<unknown>) => {
    if (!ms || ms <= 0) return;
    app.addHook('onReady', async () => {
      const timer = setInterval(() => {
        job().catch((err: unknown) => app.log.error({ err }, `${what} failed`));
      }, ms);
      timer.unref();
      timers.push(timer);
    });
  };
  every(deps.sealSweepIntervalMs, 'wiping expired sealed refresh tokens', () =>
    services.refreshTokens.purgeExpiredSeals(),
  );
  every(deps.retentionSweepIntervalMs, 'the retention sweep', async () => {
    const swept = await services.retention.sweep();
    if (Object.values(swept).some((n) => n > 0)) app.log.info({ swept }, 'retention sweep');
  });
  app.addHook('onClose', async () => {
    for (const timer of timers) clearInterval(timer);
  });

  return app;
}
