/**
 * What may leave for Sentry: the error, its stack, the request id, method and path. Not the
 * cookies (access token, session id), not Authorization, not bodies or query strings (OAuth
 * codes, personal data). Sentry's request integration attaches all of those by default, even
 * with `sendDefaultPii: false`, so every event passes through this before it is sent.
 */
interface SentryEventLike {
  request?: {
    url?: string;
    cookies?: unknown;
    headers?: Record<string, unknown>;
    data?: unknown;
    query_string?: unknown;
  };
  breadcrumbs?: { data?: Record<string, unknown> }[];
}

const KEPT_HEADERS = new Set(['x-request-id', 'user-agent', 'host', 'content-type', 'accept']);

export function scrubSentryEvent<E extends SentryEventLike>(event: E): E {
  const request = event.request;
  if (request) {
    delete request.cookies;
    delete request.data;
    delete request.query_string;
    if (request.url) request.url = request.url.split('?')[0];
    if (request.headers) {
      request.headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => KEPT_HEADERS.has(name.toLowerCase())),
      );
    }
  }
  for (const crumb of event.breadcrumbs ?? []) {
    if (typeof crumb.data?.url === 'string') crumb.data.url = crumb.data.url.split('?')[0];
  }
  return event;
}

/** The options every app's instrumentation passes to Sentry.init (DSN given). */
export function sentryInitOptions(dsn: string) {
  return {
    dsn,
    sendDefaultPii: false,
    tracesSampleRate: 0,
    beforeSend: scrubSentryEvent,
    beforeSendTransaction: scrubSentryEvent,
  };
}
