import type { NextApiRequest, NextApiResponse } from 'next';

/** Liveness: the process answers. Used by the site runner and container healthchecks. */
export default function healthz(_req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Cache-Control', 'no-store');
  res.status(200).json({ status: 'ok', app: '__NAME__' });
}

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
