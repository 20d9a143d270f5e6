import { readinessHandler } from '@mfv/next-config/health';

/**
 * Readiness (container healthcheck, load balancer): Redis (sessions) and the api answer, bounded;
 * 503 with Retry-After and the failing check otherwise. Each remote's liveness and SSR entry are
 * reported too: a remote that is down makes the shell `degraded` (200 — it renders that slot's
 * fallback), not unready. Liveness stays ./healthz.
 */
export default readinessHandler('shell');

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
