import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PATHS, linkIdentityResponseSchema, type NeedsSignupResponse } from '@mfv/api-contract';
import {
  appendSetCookie,
  BackendError,
  callApi,
  clearCookie,
  logEvent,
  readCookie,
  seal,
  serializeCookie,
  unseal,
  type Auth,
} from '@mfv/auth';
import { LOGIN_TTL_MS, SIGNUP_PURPOSE, type SignupState } from './signup-state';

/**
 * One person, one member (docs/auth.md "One person, one member"): what happens after a provider
 * login that the api could not sign in.
 *
 * - `needsSignup` seals the signup state (ticket, returnTo, suggested nickname) into the `signup`
 *   cookie. When the api says the login's person already is a member (`existingAccount`: Toss
 *   login-me's CI matched the keyed CI hash of a member), the person first sees the link page
 *   (/user/link, "이미 가입한 계정이 있어요") instead of the signup form.
 * - On the link page they prove the existing account by signing in with its provider (Kakao, with
 *   `link=1`); that sign-in then links the pending login to the member (`linkAfterSignIn`, POST
 *   /auth/link — the api accepts only the member it offered). Or they decline and sign up a
 *   separate member on the usual form.
 */

/** Seals the signup state for the form (or the link page) and answers where the browser goes. */
export function continueToSignup(
  auth: Auth,
  res: ServerResponse,
  login: NeedsSignupResponse,
  options: { returnTo: string; nickname?: string | undefined },
): string {
  const signup: SignupState = {
    ticket: login.signupTicket,
    returnTo: options.returnTo,
    ...(options.nickname ? { nickname: options.nickname } : {}),
    ...(login.existingAccount ? { existingAccount: login.existingAccount } : {}),
  };
  appendSetCookie(res, [
    serializeCookie(
      auth.config.cookie,
      'signup',
      seal(auth.config.keys.seal, SIGNUP_PURPOSE, signup, LOGIN_TTL_MS),
      LOGIN_TTL_MS / 1000,
    ),
  ]);
  return signup.existingAccount ? '/user/link' : '/user/signup';
}

/** This browser's pending signup, if any (the sealed `signup` cookie). */
export function pendingSignup(auth: Auth, req: IncomingMessage): SignupState | null {
  const sealed = readCookie(req, auth.config.cookie, 'signup');
  return sealed ? unseal<SignupState>(auth.config.keys.seal, SIGNUP_PURPOSE, sealed) : null;
}

export type LinkOutcome = 'linked' | 'no-offer' | 'refused';

/**
 * After a sign-in the person started from the link page: links the pending login of this browser
 * to the member who just signed in (`userId`, from the session the api issued), when the api
 * offered exactly that member. Either way the pending signup is over (its cookie is cleared): a
 * refused link means the person signed in to another account, and they stay signed in to it.
 */
export async function linkAfterSignIn(
  auth: Auth,
  req: IncomingMessage,
  res: ServerResponse,
  userId: string,
  requestId: string,
): Promise<LinkOutcome> {
  const signup = pendingSignup(auth, req);
  if (signup?.existingAccount === undefined) return 'no-offer';
  appendSetCookie(res, [clearCookie(auth.config.cookie, 'signup')]);
  try {
    const linked = await callApi(auth.config, API_PATHS.link, {
      method: 'POST',
      internal: true,
      requestId,
      body: { signupTicket: signup.ticket, userId },
      schema: linkIdentityResponseSchema,
    });
    logEvent('info', 'login linked to an existing member', { requestId, provider: linked.provider });
    return 'linked';
  } catch (error) {
    if (error instanceof BackendError && error.status < 500) {
      logEvent('warn', 'login link refused', { requestId, code: error.code });
      return 'refused';
    }
    throw error;
  }
}
