import type { NextApiRequest, NextApiResponse } from 'next';
import { withAuth } from '@mfv/auth';
import { noticeEnv } from '../../../server/env';

/**
 * `pnpm bench:auth` only (404 unless MFV_BENCH_ROUTES=true): the same tiny handler with no auth
 * (`plain`) and behind withAuth (`authed`, in whichever AUTH_MODE the process runs), so the
 * benchmark measures what withAuth adds and nothing else.
 */
const respond = (res: NextApiResponse, who: string) => res.status(200).json({ ok: true, who });

const authed = withAuth((req, res) => respond(res, req.auth.sub), { csrf: false });

export default function bench(req: NextApiRequest, res: NextApiResponse) {
  if (!noticeEnv().MFV_BENCH_ROUTES) {
    res.status(404).json({ code: 'NOT_FOUND', message: 'Not found.' });
    return;
  }
  if (req.query.kind === 'plain') return respond(res, 'anonymous');
  if (req.query.kind === 'authed') return authed(req, res);
  res.status(404).json({ code: 'NOT_FOUND', message: 'Not found.' });
}

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
