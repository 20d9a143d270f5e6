import type { NextApiRequest, NextApiResponse } from 'next';
import { tossRuntime } from '../../server/toss-runtime';

/**
 * Liveness and the Toss mTLS client: used by the site runner and container healthchecks.
 * With Toss login enabled (default) the client certificate is loaded here at the latest (first
 * use), and `mtls: {notAfter, daysLeft}` shows when it must be renewed. While it cannot be loaded
 * (missing, key file readable by group/others, expired, not matching the key …) the answer is 503
 * with the reason's code, so an orchestrator does not route traffic to an app that cannot log in
 * with Toss. With TOSS_LOGIN_ENABLED=false there is no `mtls`.
 */
export default async function healthz(_req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Cache-Control', 'no-store');
  const toss = await tossRuntime().health();
  if (toss.status === 'disabled') {
    res.status(200).json({ status: 'ok', app: 'user' });
    return;
  }
  if (toss.status === 'ok') {
    res.status(200).json({ status: 'ok', app: 'user', mtls: toss.mtls });
    return;
  }
  res.status(503).json({ status: 'error', app: 'user', mtls: toss.mtls });
}

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
