import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextApiRequest, NextApiResponse } from 'next';
import {
  API_PATHS,
  revokeIdentitySessionsResponseSchema,
  type RevokeIdentitySessionsResponse,
} from '@mfv/api-contract';
import {
  AUTH_RETRY_AFTER_SECONDS,
  AuthUnavailableError,
  BackendUnavailableError,
  BodyError,
  callApi,
  defaultAuth,
  logEvent,
  readJsonBody,
  reportUnexpected,
  type Auth,
  refuseMethod,
} from '@mfv/auth';
import { tossSettings } from './env';
import type { TossSettings } from './toss-config';

/**
 * The unlink callback Toss calls (console "연결 끊기 콜백"; Toss 로그인 가이드): the person unlinked our
 * app in Toss (`UNLINK`), withdrew from the login terms (`WITHDRAWAL_TERMS`) or left Toss
 * (`WITHDRAWAL_TOSS`). `{userKey, referrer}` arrives as JSON (POST) or as query parameters (GET),
 * with `Authorization: Basic` credentials registered in the console (TOSS_UNLINK_BASIC_AUTH[_FILE]).
 *
 * The person's consent is gone, so are their sessions: the api revokes every session of the member
 * linked to `toss:<userKey>` (and spends open signup tickets), then the Redis records of those
 * sessions are deleted so no app tries to refresh them. Answers 200 `{ok: true}` also when nobody
 * is linked (Toss may call for people who never signed up); 401 without the right credentials; 400
 * for a malformed body; 503 + Retry-After when the api is away (Toss retries).
 */
export const TOSS_UNLINK_REFERRERS = ['UNLINK', 'WITHDRAWAL_TERMS', 'WITHDRAWAL_TOSS'] as const;
export type TossUnlinkReferrer = (typeof TOSS_UNLINK_REFERRERS)[number];

const INT64_MAX = 9_223_372_036_854_775_807n;
const REALM = 'Basic realm="mfv-toss-unlink", charset="UTF-8"';

export interface TossUnlinkDeps {
  auth: Auth;
  settings: () => TossSettings;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Constant-time check of `Authorization: Basic base64(user:password)` (CONVENTIONS: secrets are
 * compared with timingSafeEqual). Both sides are hashed first so the comparison never depends on
 * the presented length.
 */
export function basicAuthMatches(
  header: string | undefined,
  expected: { user: string; password: string },
): boolean {
  const m = typeof header === 'string' ? /^Basic[ ]+([A-Za-z0-9+/]+=*)[ ]*$/i.exec(header) : null;
  const presented = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
  const ok = timingSafeEqual(digest(presented), digest(`${expected.user}:${expected.password}`));
  return m !== null && ok;
}

function field(source: unknown, name: string): unknown {
  return typeof source === 'object' && source !== null
    ? (source as Record<string, unknown>)[name]
    : undefined;
}

/** `userKey`: a non-negative int64, as a JSON number (safe integers) or a decimal string. */
function parseUserKey(value: unknown): string | undefined {
  let digits: string | undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) digits = String(value);
  else if (typeof value === 'string' && /^\d{1,19}$/.test(value)) digits = value;
  if (digits === undefined) return undefined;
  const key = BigInt(digits);
  return key <= INT64_MAX ? key.toString() : undefined;
}

/** `{userKey, referrer}` is a few dozen bytes. */
const UNLINK_BODY_LIMIT_BYTES = 2048;

export function createTossUnlinkHandler(deps: () => TossUnlinkDeps) {
  return async function tossUnlink(req: NextApiRequest, res: NextApiResponse): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    let auth: Auth;
    let settings: TossSettings;
    try {
      const current = deps();
      auth = current.auth;
      settings = current.settings();
    } catch (error) {
      reportUnexpected(error, 'toss-unlink', 'toss unlink configuration');
      res.status(500).json({ code: 'INTERNAL', message: 'unlink callback is not configured' });
      return;
    }
    if (!settings.enabled) {
      res.status(404).json({ code: 'NOT_FOUND', message: 'Toss login is disabled' });
      return;
    }
    const requestId = auth.requestIdOf(req);
    if (refuseMethod(req.method, res, ['GET', 'POST'])) return;
    // Credentials before anything else: an unauthenticated caller learns nothing about the body rules.
    if (!basicAuthMatches(req.headers.authorization, settings.unlink)) {
      logEvent('warn', 'toss unlink refused: bad credentials', { requestId });
      res.setHeader('WWW-Authenticate', REALM);
      res.status(401).json({ code: 'UNAUTHORIZED', message: '인증 정보가 없거나 맞지 않아요.' });
      return;
    }
    let source: unknown;
    try {
      source = req.method === 'GET' ? req.query : await readJsonBody(req, UNLINK_BODY_LIMIT_BYTES);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      logEvent('info', 'toss unlink refused: body', { requestId, code: error.code });
      res.status(error.status).json(error.toBody());
      return;
    }
    const userKey = parseUserKey(field(source, 'userKey'));
    const referrer = field(source, 'referrer');
    if (userKey === undefined || !(TOSS_UNLINK_REFERRERS as readonly unknown[]).includes(referrer)) {
      res.status(400).json({
        code: 'INVALID_UNLINK',
        message: `{userKey: int64, referrer: ${TOSS_UNLINK_REFERRERS.join(' | ')}} is required`,
      });
      return;
    }

    let result: RevokeIdentitySessionsResponse;
    try {
      result = await callApi(auth.config, API_PATHS.revokeIdentitySessions, {
        method: 'POST',
        internal: true,
        requestId,
        body: { provider: 'toss', subject: userKey },
        schema: revokeIdentitySessionsResponseSchema,
      });
    } catch (error) {
      if (error instanceof BackendUnavailableError || error instanceof AuthUnavailableError) {
        logEvent('warn', 'toss unlink: api unavailable', { requestId });
        res.setHeader('Retry-After', String(AUTH_RETRY_AFTER_SECONDS));
        res.status(503).json({ code: 'UNAVAILABLE', message: 'try again later' });
        return;
      }
      reportUnexpected(error, requestId, 'toss unlink');
      res.status(500).json({ code: 'INTERNAL', message: 'unlink failed' });
      return;
    }
    // The api's revocation is what counts; the Redis records only spare a refresh that would fail.
    let dropped = 0;
    for (const sid of result.revokedSessionIds) {
      try {
        await auth.store.delete(sid);
        dropped += 1;
      } catch {
        logEvent('warn', 'toss unlink: could not delete a session record', { requestId });
      }
    }
    logEvent('info', 'toss unlink', {
      requestId,
      referrer: referrer as TossUnlinkReferrer,
      linked: result.linked,
      revokedSessions: result.revokedSessionIds.length,
      droppedSessionRecords: dropped,
      cancelledSignupTickets: result.cancelledSignupTickets,
    });
    res.status(200).json({ ok: true });
  };
}

/** The route's handler over the process's auth runtime and settings. */
export const tossUnlinkHandler = createTossUnlinkHandler(() => ({
  auth: defaultAuth(),
  settings: tossSettings,
}));
