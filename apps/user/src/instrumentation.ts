import type { Instrumentation } from 'next';

/**
 * Next's server hooks; what they do is @mfv/next-config/instrumentation (shutdown bound, Sentry
 * when SENTRY_DSN is set, 500s logged and reported with the request id). The `=== 'nodejs'` test
 * (not an early return) lets webpack drop the Node-only import from an edge build of this file.
 *
 * The user app also builds Toss login's mTLS client at boot (server/toss-runtime.ts), so a missing
 * or group/world-readable key, or a certificate close to expiry, is in the log when the server
 * starts; /user/api/healthz answers 503 until it can be built. That never stops the server: Kakao
 * login keeps working. What does stop it is the live-mode configuration check (checkLiveConfig):
 * sandbox provider settings in a live deployment exit 1 with one error naming every variable.
 */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime marker
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const [
      { registerNodeServer },
      { preloadTossRuntime },
      { checkLiveConfig, testFaultsEnvSchema, userEnvSchema },
    ] = await Promise.all([
      import('@mfv/next-config/instrumentation'),
      import('./server/toss-runtime'),
      import('@mfv/config'),
    ]);
    // Live mode: every provider setting checked at start, one error naming each.
    await registerNodeServer({
      checkConfig: () => checkLiveConfig('user', [userEnvSchema, testFaultsEnvSchema]),
      beforeSentry: preloadTossRuntime,
    });
  }
}

export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime marker
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { reportRequestError } = await import('@mfv/next-config/instrumentation');
    await reportRequestError(...args);
  }
};
