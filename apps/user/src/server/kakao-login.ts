import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PATHS, kakaoLoginResponseSchema, type KakaoLoginResponse } from '@mfv/api-contract';
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
} from '@mfv/auth';
import {
  createPkcePair,
  kakaoAuthorizeUrl,
  KakaoError,
  KAKAO_USER_MESSAGES,
  processKakaoTokenResponse,
  processKakaoUserMeResponse,
  requestKakaoToken,
  requestKakaoUserMe,
} from '@mfv/verification/kakao';
import { timingSafeEqual } from 'node:crypto';
import { continueToSignup, linkAfterSignIn } from './account-link';
import { kakaoConfig } from './env';
import { loginPageAfterCancel } from './login-cancel';
import { isLoginMessageCode, LOGIN_MESSAGES, type LoginMessageCode } from './messages';
import { LOGIN_TTL_MS } from './signup-state';

export { SIGNUP_PURPOSE, type SignupState } from './signup-state';

const OAUTH_PURPOSE = 'oauth:kakao';

interface OAuthState {
  state: string;
  verifier: string;
  returnTo: string;
  /** Started from the link page (`link=1`): after signing in, link the pending login (account-link.ts). */
  link?: true;
}

/**
 * Step 1 (GET /user/api/login/kakao): state + PKCE verifier sealed into a short-lived HttpOnly
 * cookie bound to this browser (no server state, so starting a login needs neither Redis nor the
 * api), then off to Kakao's authorize page.
 */
export function startKakaoLogin(
  req: IncomingMessage & { query: Record<string, unknown> },
  res: ServerResponse,
): string {
  const { config } = defaultAuth();
  const returnTo = safeReturnTo(req.query.returnTo);
  const pkce = createPkcePair();
  const state = randomId(24);
  const sealed = seal(
    config.keys.seal,
    OAUTH_PURPOSE,
    {
      state,
      verifier: pkce.verifier,
      returnTo,
      ...(req.query.link === '1' ? { link: true as const } : {}),
    } satisfies OAuthState,
    LOGIN_TTL_MS,
  );
  appendSetCookie(res, [serializeCookie(config.cookie, 'oauth', sealed, LOGIN_TTL_MS / 1000)]);
  return kakaoAuthorizeUrl(kakaoConfig(), { state, codeChallenge: pkce.challenge });
}

export type CallbackOutcome =
  | { kind: 'redirect'; destination: string }
  | { kind: 'error'; code: LoginMessageCode | KakaoError['code']; message: string; status: number };

const sameString = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Step 2 (the callback page, rendered on the server as in the seed): check the state against
 * this browser's sealed cookie, exchange the code (with the PKCE verifier), read the profile,
 * and ask the api for a session. Members get a session and go back to `returnTo`; new users get a
 * sealed signup ticket and go to the signup form — or, when Kakao gave the person's CI
 * (`kakao_account.ci`) and a member already is that person, to the link page (account-link.ts).
 * The CI goes to the api only (which keeps its keyed hash); it is never logged or sealed.
 */
export async function completeKakaoLogin(
  req: IncomingMessage,
  res: ServerResponse,
  query: Record<string, string | string[] | undefined>,
): Promise<CallbackOutcome> {
  const auth = defaultAuth();
  const { config } = auth;
  const requestId = auth.requestIdOf(req);
  const sealed = readCookie(req, config.cookie, 'oauth');
  // The state cookie is single use, whatever happens next.
  appendSetCookie(res, [clearCookie(config.cookie, 'oauth')]);
  const fail = (code: LoginMessageCode | KakaoError['code'], status = 400): CallbackOutcome => ({
    kind: 'error',
    code,
    status,
    message: isLoginMessageCode(code)
      ? LOGIN_MESSAGES[code]
      : KAKAO_USER_MESSAGES[code as KakaoError['code']],
  });

  const saved = sealed ? unseal<OAuthState>(config.keys.seal, OAUTH_PURPOSE, sealed) : null;
  const state = typeof query.state === 'string' ? query.state : '';
  if (query.error === 'access_denied') {
    const mine = saved !== null && state !== '' && sameString(state, saved.state);
    return {
      kind: 'redirect',
      destination: loginPageAfterCancel(config.loginPath, mine ? saved.returnTo : '/'),
    };
  }
  if (!saved) return fail('LOGIN_EXPIRED');
  const code = typeof query.code === 'string' ? query.code : '';
  if (!state || !sameString(state, saved.state)) return fail('LOGIN_STATE_MISMATCH');
  if (!code) return fail('LOGIN_FAILED');

  try {
    const kakao = kakaoConfig();
    const tokens = await processKakaoTokenResponse(
      await requestKakaoToken(kakao, { code, codeVerifier: saved.verifier }),
    );
    const identity = await processKakaoUserMeResponse(await requestKakaoUserMe(kakao, tokens.accessToken));
    const login: KakaoLoginResponse = await callApi(config, API_PATHS.loginKakao, {
      method: 'POST',
      internal: true,
      requestId,
      body: identity,
      schema: kakaoLoginResponseSchema,
    });
    if (login.status === 'signedIn') {
      await auth.startSession(res, login);
      logEvent('info', 'signed in', { requestId, provider: 'kakao' });
      if (saved.link) await linkAfterSignIn(auth, req, res, login.user.id, requestId);
      return { kind: 'redirect', destination: saved.returnTo };
    }
    const destination = continueToSignup(auth, res, login, {
      returnTo: saved.returnTo,
      nickname: login.profile.nickname,
    });
    logEvent('info', 'signup started', { requestId, provider: 'kakao' });
    return { kind: 'redirect', destination };
  } catch (error) {
    if (error instanceof KakaoError) {
      logEvent('warn', 'kakao login failed', {
        requestId,
        code: error.code,
        providerCode: error.providerCode,
      });
      return fail(error.code, error.code === 'KAKAO_UNAVAILABLE' ? 503 : 400);
    }
    if (error instanceof BackendUnavailableError || error instanceof AuthUnavailableError) {
      logEvent('warn', 'login backend unavailable', { requestId });
      return fail('SERVICE_UNAVAILABLE', 503);
    }
    throw error;
  }
}
