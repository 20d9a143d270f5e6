import type { Instrumentation } from 'next';

/**
 * Next's server hooks; what they do is @mfv/next-config/instrumentation (shutdown bound, Sentry
 * when SENTRY_DSN is set, 500s logged and reported with the request id). The `=== 'nodejs'` test
 * (not an early return) lets webpack drop the Node-only import from an edge build of this file.
 */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime marker
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const [
      { registerNodeServer },
      { checkLiveConfig, testFaultsEnvSchema, verificationEnvSchema, verifyEnvSchema },
    ] = await Promise.all([import('@mfv/next-config/instrumentation'), import('@mfv/config')]);
    // Live mode: every provider setting of both schemas checked at start, one error naming each.
    await registerNodeServer({
      checkConfig: () =>
        checkLiveConfig('verify', [verifyEnvSchema, verificationEnvSchema, testFaultsEnvSchema]),
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
