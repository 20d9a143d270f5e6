import * as Sentry from '@sentry/node';
import type { ApiEnv } from './env.js';

/**
 * Error reporting for the api. Only with SENTRY_DSN: without one nothing is initialised, nothing
 * is sent, nothing breaks (`initSentry` returns undefined and every caller skips reporting).
 *
 * What may leave: the error, its stack, the request id (the proxy's x-request-id, also in every
 * log line), method and path. Not Authorization, the internal token, cookies, bodies (refresh
 * tokens, signup tickets, personal data) or query strings — the same rules as @mfv/auth/sentry
 * for the Next apps (that module cannot be imported here: @mfv/auth depends on this package).
 */
export interface ErrorReporter {
  /** One unexpected error of a request (5xx), tagged with the request id. */
  capture(error: unknown, request: { id: string; method: string; url: string }): void;
  /** Sends what is queued, bounded (shutdown). */
  close(timeoutMs: number): Promise<void>;
}

interface SentryEventLike {
  request?: {
    url?: string;
    method?: string;
    cookies?: unknown;
    headers?: Record<string, unknown>;
    data?: unknown;
    query_string?: unknown;
    env?: unknown;
  };
  breadcrumbs?: { data?: Record<string, unknown> }[];
  extra?: Record<string, unknown>;
}

const KEPT_HEADERS = new Set(['x-request-id', 'user-agent', 'content-type', 'accept']);

const withoutQuery = (url: string) => url.split('?')[0]!;

/** Applied to every event and transaction before it is sent. */
export function scrubApiEvent<E extends SentryEventLike>(event: E): E {
  const request = event.request;
  if (request) {
    delete request.cookies;
    delete request.data;
    delete request.query_string;
    delete request.env;
    if (request.url) request.url = withoutQuery(request.url);
    if (request.headers) {
      request.headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => KEPT_HEADERS.has(name.toLowerCase())),
      );
    }
  }
  for (const crumb of event.breadcrumbs ?? []) {
    if (typeof crumb.data?.url === 'string') crumb.data.url = withoutQuery(crumb.data.url);
  }
  return event;
}

export function initSentry(
  env: Pick<ApiEnv, 'SENTRY_DSN' | 'SENTRY_ENVIRONMENT' | 'SENTRY_RELEASE'>,
): ErrorReporter | undefined {
  if (!env.SENTRY_DSN) return undefined;
  Sentry.init({
    dsn: env.SENTRY_DSN,
    environment: env.SENTRY_ENVIRONMENT,
    ...(env.SENTRY_RELEASE ? { release: env.SENTRY_RELEASE } : {}),
    sendDefaultPii: false,
    // Errors only: no tracing, and no ESM loader hooks patching modules behind our back.
    tracesSampleRate: 0,
    registerEsmLoaderHooks: false,
    // The SDK's own Fastify integration captures route errors itself, before our error handler,
    // without the request id and for expected 4xx/503s too: the api reports through `capture`.
    integrations: (defaults) => defaults.filter((integration) => integration.name !== 'Fastify'),
    beforeSend: scrubApiEvent,
    beforeSendTransaction: scrubApiEvent,
  });
  return {
    capture(error, request) {
      Sentry.withScope((scope) => {
        scope.setTag('request_id', request.id);
        scope.setTag('service', 'api');
        scope.setContext('request', { method: request.method, path: withoutQuery(request.url) });
        scope.addEventProcessor((event) => scrubApiEvent(event));
        Sentry.captureException(error);
      });
    },
    async close(timeoutMs) {
      await Sentry.close(timeoutMs);
    },
  };
}
