import { defaultChecks, readinessHandler, type ReadinessCheck } from '@mfv/next-config/health';
import { tossRuntime } from '../../server/toss-runtime';

/** Toss login's mTLS client (when enabled), as /user/api/healthz reports it. */
const tossMtls: ReadinessCheck = {
  name: 'tossMtls',
  kind: 'required',
  async run() {
    const toss = await tossRuntime().health();
    if (toss.status === 'disabled') return { ok: true, enabled: false };
    if (toss.status === 'ok') return { ok: true, ...toss.mtls };
    return { ok: false, error: toss.mtls.error, message: toss.mtls.message };
  },
};

/**
 * Readiness (container healthcheck, load balancer): Redis (sessions) and the api answer, bounded,
 * and — with Toss login on — its mTLS client certificate loads (missing, unsafe or expired files
 * keep the container unhealthy, as docs/providers/toss.md "Storing" says). 503 with Retry-After and
 * the failing check otherwise. Liveness stays ./healthz.
 */
export default readinessHandler('user', () => [...defaultChecks('user'), tossMtls]);

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
