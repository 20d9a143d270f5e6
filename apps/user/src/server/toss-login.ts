import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AuthUnavailableError,
  BackendUnavailableError,
  defaultAuth,
  logEvent,
  safeReturnTo,
  type Auth,
} from '@mfv/auth';
import {
  generateToken,
  loginMe,
  TOSS_LOGIN_REFERRERS,
  TossApiError,
  TossConfigError,
  TossCryptoError,
  TossError,
  TossTransportError,
} from '@mfv/verification/toss';
import { z } from 'zod';
import { tossSettings } from './env';
import { LOGIN_MESSAGES } from './messages';
import type { TossSettings } from './toss-config';
import { linkAfterSignIn } from './account-link';
import { resolveTossMember } from './toss-member';
import { tossRuntime, TossUnavailableError, type TossRuntimeLoader } from './toss-runtime';

/**
 * Toss login as an apps-in-toss mini-app (docs/providers/toss.md):
 *
 * 1. client  inside the Toss app's WebView, the login page calls the SDK's `appLogin()`
 *            (apps-in-toss 레퍼런스 "토스 로그인 (appLogin) - 인가 코드 받기"), which answers
 *            `{ authorizationCode, referrer }` — a one-time code valid 10 minutes.
 * 2. here    the page POSTs them to /user/api/login/toss (CSRF-protected, rate-limited per IP); the
 *            server runs, over mTLS, generate-token (authorizationCode + referrer) and login-me
 *            (토스 로그인 "개발하기" §2–3), then {@link resolveTossMember} signs the member in or
 *            starts the signup; the answer says where the browser goes (a same-origin path).
 *
 * There is no browser redirect and no callback page: appLogin() returns in the page that called it,
 * and Toss offers no web page an ordinary browser could be sent to. The code never travels in a URL.
 *
 * Toss's access and refresh tokens are dropped at the end of this request: after login-me the
 * platform calls no Toss API on the person's behalf, and its own session (api refresh-token
 * rotation) is what keeps them signed in. A future feature that calls Toss for the user (payments,
 * push) would store it sealed at the api and renew it with `refreshToken()` of @mfv/verification/toss.
 */

export interface TossLoginDeps {
  auth: Auth;
  settings: () => TossSettings;
  runtime: TossRuntimeLoader;
}

export function defaultTossLoginDeps(): TossLoginDeps {
  return { auth: defaultAuth(), settings: tossSettings, runtime: tossRuntime() };
}

/**
 * The body appLogin's answer is posted in. `referrer` is passed to generate-token exactly as
 * appLogin returned it: "DEFAULT" in the Toss app; the sandbox app's value is spelled "SANDBOX" in the
 * SDK reference and "sandbox" in 토스 로그인 "개발하기" §1, so both are accepted.
 */
export const tossLoginBodySchema = z.strictObject(
  {
    authorizationCode: z
      .string({ message: '토스 로그인 정보가 없어요. 다시 시도해 주세요.' })
      .regex(/^[\x21-\x7e]{1,1024}$/, { message: '토스 로그인 정보가 올바르지 않아요. 다시 시도해 주세요.' }),
    referrer: z.enum(TOSS_LOGIN_REFERRERS, {
      message: '토스 로그인 정보가 올바르지 않아요. 다시 시도해 주세요.',
    }),
    returnTo: z
      .string({ message: '돌아갈 페이지가 올바르지 않아요.' })
      .max(2048, { message: '돌아갈 페이지가 올바르지 않아요.' })
      .optional(),
    /**
     * Started from the link page (/user/link): the person proves the existing account by signing in
     * to it with Toss, and that sign-in links this browser's pending login (account-link.ts).
     */
    link: z.literal(true, { message: '토스 로그인 정보가 올바르지 않아요. 다시 시도해 주세요.' }).optional(),
  },
  { error: () => '토스 로그인 정보가 올바르지 않아요. 다시 시도해 주세요.' },
);
export type TossLoginBody = z.infer<typeof tossLoginBodySchema>;

export type TossLoginOutcome =
  { kind: 'ok'; redirectTo: string } | { kind: 'error'; code: string; message: string; status: number };

/** The error a page shows for a Toss client failure: Toss's own code table, our own messages for the rest. */
function tossFailure(error: TossError): { code: string; message: string; status: number } {
  if (error instanceof TossApiError) {
    // invalid_grant: the code was used already or is older than 10 minutes (토스 로그인 "개발하기").
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
 * Exchanges appLogin's answer for a member session. Every failure is a code, a status and a Korean
 * message; logs carry codes and the request id only — never the authorization code, tokens, the
 * userKey or any decrypted value.
 */
export async function completeTossLogin(
  deps: TossLoginDeps,
  req: IncomingMessage,
  res: ServerResponse,
  body: TossLoginBody,
): Promise<TossLoginOutcome> {
  const { auth } = deps;
  const requestId = auth.requestIdOf(req);
  const fail = (code: 'TOSS_UNAVAILABLE' | 'SERVICE_UNAVAILABLE', status: number): TossLoginOutcome => ({
    kind: 'error',
    code,
    status,
    message: LOGIN_MESSAGES[code],
  });
  const returnTo = safeReturnTo(body.returnTo);

  try {
    const { client, settings: toss } = await deps.runtime.get();
    const tokens = await generateToken(client, {
      authorizationCode: body.authorizationCode,
      referrer: body.referrer,
    });
    const me = await loginMe(client, tokens.accessToken);
    const redirectTo = await resolveTossMember(
      {
        auth,
        decryption: toss.decryption,
        requestId,
        returnTo,
        ...(body.link
          ? {
              afterSignIn: async (userId: string) => {
                await linkAfterSignIn(auth, req, res, userId, requestId);
              },
            }
          : {}),
      },
      me,
      res,
    );
    // Checked again (defence in depth): the page assigns it to window.location.
    return { kind: 'ok', redirectTo: safeReturnTo(redirectTo) };
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
