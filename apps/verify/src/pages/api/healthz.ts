import type { NextApiRequest, NextApiResponse } from 'next';

/** Liveness: the process answers. Used by the site runner and container healthchecks. */
export default function healthz(_req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Cache-Control', 'no-store');
  res.status(200).json({ status: 'ok', app: 'verify' });
}

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
