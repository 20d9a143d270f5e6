/**
 * What every Next app's `instrumentation.ts` does on the Node.js runtime, in one place. The app
 * files keep only the `process.env.NEXT_RUNTIME === 'nodejs'` test and a dynamic import of this
 * module, so webpack leaves it (and everything Node-only it loads) out of any edge build.
 */
import type { Instrumentation } from 'next';

export interface NodeServerOptions {
  /**
   * The app's configuration check at start (`checkLiveConfig` of @mfv/config with the app's env
   * schemas). A ConfigError stops the process before it serves anything: one log line naming
   * every variable, exit code 1.
   */
  checkConfig?: () => void;
  /** App-specific start-up work that runs before Sentry (the user app builds its mTLS client). */
  beforeSentry?: () => Promise<void>;
}

/** Exit code of a server stopped at start by its configuration. */
export const CONFIG_EXIT_CODE = 1;

/**
 * Next's server start hook:
 * - the app's configuration check (live mode: every provider variable at once, or exit 1);
 * - a bound on shutdown: on SIGTERM Next stops accepting connections, closes idle keep-alive ones
 *   and exits when in-flight requests are done; installShutdownDeadline makes sure the process is
 *   gone 9 s after the signal whatever still runs (Docker's stop_grace_period is 10 s);
 * - Sentry only when SENTRY_DSN is set — without it nothing is loaded, nothing is sent, nothing
 *   breaks. Events are scrubbed (no cookies, tokens, bodies or query strings), tagged with
 *   SENTRY_ENVIRONMENT / SENTRY_RELEASE, and errors @mfv/auth reports carry the proxy's
 *   x-request-id.
 */
export async function registerNodeServer(options: NodeServerOptions = {}): Promise<void> {
  const [{ installShutdownDeadline }, { ConfigError, loadConfig, sentryEnvSchema }] = await Promise.all([
    import('./health.js'),
    import('@mfv/config'),
  ]);
  try {
    options.checkConfig?.();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Fail fast: a live deployment must not start with settings that fail on the first provider call.
    process.stderr.write(
      `${JSON.stringify({ level: 60, time: Date.now(), msg: error.message, variables: error.problems.map((p) => p.variable) })}\n`,
    );
    process.exit(CONFIG_EXIT_CODE);
  }
  installShutdownDeadline();
  await options.beforeSentry?.();
  const sentry = loadConfig('sentry', sentryEnvSchema);
  if (!sentry.SENTRY_DSN) return;
  const [Sentry, { sentryInitOptions }] = await Promise.all([
    import('@sentry/nextjs'),
    import('@mfv/auth/sentry'),
  ]);
  Sentry.init({
    ...sentryInitOptions(sentry.SENTRY_DSN),
    environment: sentry.SENTRY_ENVIRONMENT,
    ...(sentry.SENTRY_RELEASE ? { release: sentry.SENTRY_RELEASE } : {}),
  });
}

/** The x-request-id values the proxy, nginx and @mfv/auth accept. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Next calls this for an error it answers with a 500 (a page's getServerSideProps or render, an
 * API route that is not behind withAuth — withAuth reports its own): one JSON log line with the
 * proxy's x-request-id, and a Sentry event tagged with it (scrubbed) when SENTRY_DSN is set.
 */
export async function reportRequestError(
  ...[error, request, context]: Parameters<Instrumentation.onRequestError>
): Promise<void> {
  const header = request.headers['x-request-id'];
  const id = Array.isArray(header) ? header[0] : header;
  const requestId = id && REQUEST_ID.test(id) ? id : 'none';
  const { logEvent, reportUnexpected } = await import('@mfv/auth');
  // Next reports its own 4xx refusals here too (ApiError: a malformed or oversized body on a
  // route that kept Next's parser). The caller's mistake, not a crash: info, no Sentry (F7).
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    logEvent('info', 'request refused by next', { requestId, status, where: context.routePath });
    return;
  }
  reportUnexpected(error, requestId, `${context.routeType} ${context.routePath}`);
}
