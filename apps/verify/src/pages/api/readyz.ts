import { readinessHandler } from '@mfv/next-config/health';

/**
 * Readiness (container healthcheck, load balancer): Redis (sessions) and the api answer, bounded.
 * 503 with Retry-After and the failing check otherwise. Liveness stays ./healthz.
 */
export default readinessHandler('verify');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
