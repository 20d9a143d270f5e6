/**
 * Next's server start hook (Node.js runtime only):
 * - a bound on shutdown: on SIGTERM Next stops accepting connections, closes idle keep-alive ones
 *   and exits when in-flight requests are done; installShutdownDeadline makes sure the process is
 *   gone 9 s after the signal whatever still runs (Docker's stop_grace_period is 10 s);
 * - Sentry only when SENTRY_DSN is set — without it nothing is loaded, nothing is sent, nothing
 *   breaks. Events are scrubbed (no cookies, tokens, bodies or query strings), tagged with
 *   SENTRY_ENVIRONMENT / SENTRY_RELEASE, and errors @mfv/auth reports carry the proxy's
 *   x-request-id.
 */
export async function register() {
  // The `=== 'nodejs'` test (not an early return) lets webpack drop the Node-only imports from the
  // edge build of this file.
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime marker
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const [{ installShutdownDeadline }, { loadConfig, sentryEnvSchema }] = await Promise.all([
      import('@mfv/next-config/health'),
      import('@mfv/config'),
    ]);
    installShutdownDeadline();
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
}

/**
 * Next calls this for an error it answers with a 500 (a page's getServerSideProps or render, an
 * API route that is not behind withAuth — withAuth reports its own): one JSON log line with the
 * proxy's x-request-id, and a Sentry event tagged with it (scrubbed) when SENTRY_DSN is set.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routeType: string; routePath: string },
) {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime marker
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const header = request.headers['x-request-id'];
  const id = Array.isArray(header) ? header[0] : header;
  const requestId = id && /^[A-Za-z0-9._-]{1,128}$/.test(id) ? id : 'none';
  const { reportUnexpected } = await import('@mfv/auth');
  reportUnexpected(error, requestId, `${context.routeType} ${context.routePath}`);
}
