import { readinessHandler } from '@mfv/next-config/health';

/**
 * Readiness (container healthcheck, load balancer): Redis (sessions) and the api answer, bounded.
 * 503 with Retry-After and the failing check otherwise. Liveness stays ./healthz.
 */
export default readinessHandler('verify');

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
