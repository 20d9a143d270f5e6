/**
 * Next's server start hook: Sentry only when SENTRY_DSN is set — without it nothing is loaded,
 * nothing is sent, nothing breaks. Events are scrubbed (no cookies, tokens, bodies or query
 * strings) and errors @mfv/auth reports carry the proxy's x-request-id.
 */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- read once at server start, before any env module
  const dsn = process.env.SENTRY_DSN;
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime marker
  if (!dsn || process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [Sentry, { sentryInitOptions }] = await Promise.all([
    import('@sentry/nextjs'),
    import('@mfv/auth/sentry'),
  ]);
  Sentry.init(sentryInitOptions(dsn));
}
