import type { NextApiRequest, NextApiResponse } from 'next';
import { defaultAuth, refuseMethod } from '@mfv/auth';
import { sendVerifyError } from '../../../core/errors';
import { readVerifiedStatus } from '../../../core/status';

/**
 * GET /verify/api/verification/status — the signed-in member's lasting status, as the pages show it
 * ("본인확인 완료 · 이*연 · date": kind, masked name, date; never more). Read again by every open page
 * when a flow announces a new result (`@mfv/ui/live-verification`). Signed out, or never verified:
 * `{verified: false}`. A read changes nothing, so no CSRF token; never cached.
 */
export default async function verificationStatus(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Cache-Control', 'private, no-store');
  if (refuseMethod(req.method, res, ['GET'])) return;
  try {
    res.status(200).json((await readVerifiedStatus(req, res)) ?? { verified: false });
  } catch (error) {
    sendVerifyError(res, error, defaultAuth().requestIdOf(req), 'api:verificationStatus');
  }
}

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
