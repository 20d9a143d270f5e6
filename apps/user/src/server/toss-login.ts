import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PATHS, tossLoginResponseSchema, type TossLoginResponse } from '@mfv/api-contract';
import {
  AuthUnavailableError,
  BackendUnavailableError,
  appendSetCookie,
  callApi,
  clearCookie,
  defaultAuth,
  logEvent,
  randomId,
  readCookie,
  safeReturnTo,
  seal,
  serializeCookie,
  unseal,
  type Auth,
} from '@mfv/auth';
import {
  decryptTossField,
  generateToken,
  loginMe,
  TOSS_LOGIN_REFERRERS,
  TossApiError,
  TossConfigError,
  TossCryptoError,
  TossError,
  TossProtocolError,
  TossTransportError,
} from '@mfv/verification/toss';
import { timingSafeEqual } from 'node:crypto';
import { tossSettings } from './env';
import { continueToSignup } from './account-link';
import { loginPageAfterCancel } from './login-cancel';
import { LOGIN_MESSAGES, type LoginMessageCode } from './messages';
import { LOGIN_TTL_MS } from './signup-state';
import type { TossSettings } from './toss-config';
import { tossRuntime, TossUnavailableError, type TossRuntimeLoader } from './toss-runtime';

/**
 * Toss login (apps-in-toss), the same shape as the Kakao login (kakao-login.ts):
 *
 * 1. start  GET /user/api/login/toss?returnTo=… — a random `state` and the returnTo are sealed into
 *           a short-lived HttpOnly cookie bound to this browser; the browser goes to the step that
 *           plays appLogin() (TOSS_APP_LOGIN_URL; the sandbox's page locally, the Toss app in
 *           production) with `?state=`.
 * 2. user   appLogin() → `/user/login/toss/callback?authorizationCode&referrer&state`.
 * 3. complete (server-rendered callback): state checked against the cookie (single use), then over
 *           mTLS generate-token (authorizationCode + referrer) and login-me; the name is decrypted
 *           (AES-256-GCM, key and AAD from config) only to suggest a nickname; the api signs the
 *           member in by `toss:<userKey>`, or hands a signup ticket for the signup form.
 *
 * What the platform keeps from Toss: the userKey, as the identity's subject, and the keyed hash of
 * the CI (the api's; one person across providers, docs/auth.md) — nothing else.
 * - The name is decrypted only when the person agreed to share it, and only to prefill the
 *   nickname field of the signup form (sealed into the signup cookie, never sent to the api, never
 *   logged); the member picks the nickname that is stored.
 * - The CI (연계정보), when the person agreed to share it, is decrypted only to be sent to the api,
 *   which keeps its keyed hash (never the CI) to recognise a person who already is a member and
 *   offer to link this login to them (account-link.ts) instead of making a second account.
 * - Phone, birthday, gender, nationality and e-mail are not decrypted at all: no product
 *   feature uses them (PIPA data minimisation). Identity verification is the verify remote's job.
 * - Toss's access and refresh tokens are dropped at the end of this request: after login-me the
 *   platform calls no Toss API on the person's behalf, and its own session (api refresh-token
 *   rotation) is what keeps them signed in. Keeping a 14-day Toss refresh token would store a
 *   credential to their personal data with no use. A future feature that calls Toss for the user
 *   (payments, push) would store it sealed at the api and renew it with `refreshToken()` of
 *   @mfv/verification/toss.
 */

const STATE_PURPOSE = 'oauth:toss';
/** appLogin's authorization code is valid 10 minutes (Toss 로그인 가이드); the state cookie no longer. */
const STATE_TTL_MS = LOGIN_TTL_MS;
/** The sandbox appLogin page's value when the person closes the sheet. */
const TOSS_CANCELLED = 'user_cancelled';
const INT64_MAX = 9_223_372_036_854_775_807n;

interface TossState {
  state: string;
  returnTo: string;
}

export interface TossLoginDeps {
  auth: Auth;
  settings: () => TossSettings;
  runtime: TossRuntimeLoader;
}

export function defaultTossLoginDeps(): TossLoginDeps {
  return { auth: defaultAuth(), settings: tossSettings, runtime: tossRuntime() };
}

export type TossCallbackOutcome =
  | { kind: 'redirect'; destination: string }
  | { kind: 'error'; code: string; message: string; status: number };

/** Step 1: seal the state, return the appLogin URL. Throws TossUnavailableError when disabled. */
export function startTossLogin(
  deps: TossLoginDeps,
  req: IncomingMessage & { query: Record<string, unknown> },
  res: ServerResponse,
): string {
  const settings = deps.settings();
  if (!settings.enabled) throw new TossUnavailableError('TOSS_DISABLED', 'Toss login is disabled');
  const { config } = deps.auth;
  const returnTo = safeReturnTo(req.query.returnTo);
  const state = randomId(24);
  const sealed = seal(config.keys.seal, STATE_PURPOSE, { state, returnTo } satisfies TossState, STATE_TTL_MS);
  appendSetCookie(res, [serializeCookie(config.cookie, 'tossLogin', sealed, STATE_TTL_MS / 1000)]);
  const url = new URL(settings.appLoginUrl);
  url.searchParams.set('state', state);
  return url.toString();
}

const sameString = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const single = (value: string | string[] | undefined): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** login-me's userKey as the canonical decimal of an int64 (leading zeros would make two identities). */
function canonicalUserKey(raw: string): string {
  const value = /^\d{1,19}$/.test(raw) ? BigInt(raw) : -1n;
  if (value < 0n || value > INT64_MAX) {
    throw new TossProtocolError('TOSS_INVALID_RESPONSE', 'Toss login-me userKey is not an int64', {
      step: 'login-me',
      fields: ['userKey'],
    });
  }
  return value.toString();
}

/** The error a page shows for a Toss client failure: Toss's own code table, our own messages for the rest. */
function tossFailure(error: TossError): { code: string; message: string; status: number } {
  if (error instanceof TossApiError) {
    // invalid_grant: the code was used already or is older than 10 minutes (Toss 로그인 가이드).
    const status = error.isInvalidGrant || error.errorCode === 'INVALID_PARAMETER' ? 400 : 502;
    return { code: error.errorCode, message: error.userMessage, status };
  }
  if (error instanceof TossCryptoError) {
    return { code: error.code, message: LOGIN_MESSAGES.TOSS_DATA_INVALID, status: 502 };
  }
  if (error instanceof TossTransportError) {
    return {
      code: error.code,
      message: error.userMessage,
      status: error.code === 'TOSS_ABORTED' ? 400 : 504,
    };
  }
  if (error instanceof TossConfigError && error.code === 'TOSS_INVALID_ARGUMENT') {
    return { code: error.code, message: error.userMessage, status: 400 };
  }
  return { code: error.code, message: error.userMessage, status: 502 };
}

/**
 * Step 3 (the callback page's getServerSideProps). Every failure is a code and a Korean message for
 * the page; logs carry codes and the request id only — never the authorization code, tokens, the
 * userKey or any decrypted value.
 */
export async function completeTossLogin(
  deps: TossLoginDeps,
  req: IncomingMessage,
  res: ServerResponse,
  query: Record<string, string | string[] | undefined>,
): Promise<TossCallbackOutcome> {
  const { auth } = deps;
  const { config } = auth;
  const requestId = auth.requestIdOf(req);
  const sealed = readCookie(req, config.cookie, 'tossLogin');
  // The state cookie is single use, whatever happens next.
  appendSetCookie(res, [clearCookie(config.cookie, 'tossLogin')]);
  const fail = (code: LoginMessageCode, status = 400): TossCallbackOutcome => ({
    kind: 'error',
    code,
    status,
    message: LOGIN_MESSAGES[code],
  });

  let enabled: boolean;
  try {
    enabled = deps.settings().enabled;
  } catch (error) {
    logEvent('error', 'toss login unavailable: configuration', {
      requestId,
      reason: error instanceof Error ? error.message : String(error),
    });
    return fail('TOSS_UNAVAILABLE', 503);
  }
  if (!enabled) return fail('TOSS_UNAVAILABLE', 404);
  const saved = sealed ? unseal<TossState>(config.keys.seal, STATE_PURPOSE, sealed) : null;
  const state = single(query.state);
  if (query.error === TOSS_CANCELLED) {
    const mine = saved !== null && state !== undefined && sameString(state, saved.state);
    return {
      kind: 'redirect',
      destination: loginPageAfterCancel(config.loginPath, mine ? saved.returnTo : '/'),
    };
  }
  if (query.error !== undefined) return fail('LOGIN_FAILED');
  if (!saved) return fail('LOGIN_EXPIRED');
  if (state === undefined || !sameString(state, saved.state)) return fail('LOGIN_STATE_MISMATCH');
  const authorizationCode = single(query.authorizationCode);
  const referrer = single(query.referrer);
  if (
    authorizationCode === undefined ||
    !(TOSS_LOGIN_REFERRERS as readonly string[]).includes(referrer ?? '')
  ) {
    return fail('LOGIN_FAILED');
  }

  try {
    const { client, settings: toss } = await deps.runtime.get();
    const tokens = await generateToken(client, { authorizationCode, referrer: referrer! });
    const me = await loginMe(client, tokens.accessToken);
    const userKey = canonicalUserKey(me.userKey);
    // Only the name, only to suggest a nickname (see the module comment).
    const name =
      me.encrypted.name === null
        ? undefined
        : decryptTossField(me.encrypted.name, toss.decryption, 'name').trim();
    const ci =
      me.encrypted.ci === null ? undefined : decryptTossField(me.encrypted.ci, toss.decryption, 'ci');

    const login: TossLoginResponse = await callApi(config, API_PATHS.loginToss, {
      method: 'POST',
      internal: true,
      requestId,
      body: ci ? { userKey, ci } : { userKey },
      schema: tossLoginResponseSchema,
    });
    if (login.status === 'signedIn') {
      await auth.startSession(res, login);
      logEvent('info', 'signed in', { requestId, provider: 'toss' });
      return { kind: 'redirect', destination: saved.returnTo };
    }
    const destination = continueToSignup(auth, res, login, { returnTo: saved.returnTo, nickname: name });
    logEvent('info', 'signup started', { requestId, provider: 'toss' });
    return { kind: 'redirect', destination };
  } catch (error) {
    if (error instanceof TossUnavailableError) {
      // Already logged with its reason by the loader; the person gets the operator-side message.
      return fail('TOSS_UNAVAILABLE', 503);
    }
    if (error instanceof TossError) {
      const failure = tossFailure(error);
      logEvent('warn', 'toss login failed', {
        requestId,
        code: error.code,
        ...(error instanceof TossApiError ? { tossErrorCode: error.errorCode, step: error.step } : {}),
        ...(typeof error.cause.step === 'string' ? { step: error.cause.step } : {}),
      });
      return { kind: 'error', ...failure };
    }
    if (error instanceof BackendUnavailableError || error instanceof AuthUnavailableError) {
      logEvent('warn', 'login backend unavailable', { requestId, provider: 'toss' });
      return fail('SERVICE_UNAVAILABLE', 503);
    }
    throw error;
  }
}
