import { timingSafeEqual } from 'node:crypto';
import { authConfigFromEnv } from '@mfv/auth';
import type { NextApiRequest, NextApiResponse } from 'next';
import { releaseStatus, startReleaseWatch } from '../../../federation/releases';

let token: Buffer | undefined;

function authorised(req: NextApiRequest): boolean {
  token ??= Buffer.from(authConfigFromEnv().internalToken);
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  return given.length === token.length && timingSafeEqual(given, token);
}

/**
 * Which release of each remote this shell process serves, what the pins and the remotes ask for,
 * and why a remote is refused. Internal: the platform's service credential (API_INTERNAL_TOKEN) as
 * a Bearer token, as the api's internal routes take it.
 */
export default async function remotes(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Cache-Control', 'no-store');
  if (!authorised(req)) {
    res.status(401).json({ code: 'UNAUTHORIZED', message: '내부 인증 토큰이 필요해요.' });
    return;
  }
  await Promise.race([startReleaseWatch(), new Promise((r) => setTimeout(r, 1500))]);
  res.status(200).json(releaseStatus());
}

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
