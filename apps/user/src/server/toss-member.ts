import type { ServerResponse } from 'node:http';
import { API_PATHS, tossLoginResponseSchema, type TossLoginResponse } from '@mfv/api-contract';
import { appendSetCookie, callApi, logEvent, seal, serializeCookie, type Auth } from '@mfv/auth';
import {
  decryptTossField,
  TossProtocolError,
  type TossDecryptionKey,
  type TossLoginMe,
} from '@mfv/verification/toss';
import { LOGIN_TTL_MS, SIGNUP_PURPOSE, type SignupState } from './signup-state';

const INT64_MAX = 9_223_372_036_854_775_807n;

/** login-me's userKey as the canonical decimal of an int64 (leading zeros would make two identities). */
export function canonicalUserKey(raw: string): string {
  const value = /^\d{1,19}$/.test(raw) ? BigInt(raw) : -1n;
  if (value < 0n || value > INT64_MAX) {
    throw new TossProtocolError('TOSS_INVALID_RESPONSE', 'Toss login-me userKey is not an int64', {
      step: 'login-me',
      fields: ['userKey'],
    });
  }
  return value.toString();
}

export interface TossMemberContext {
  auth: Auth;
  /** login-me field decryption: key and AAD from the console. */
  decryption: TossDecryptionKey;
  requestId: string;
  /** Same-origin path the person goes to once signed in (already checked by the caller). */
  returnTo: string;
}

/**
 * The one step that turns login-me's answer into a member of this site — kept as a single function
 * so cross-provider matching (a keyed hash of CI) can hook in here, after login-me and before the
 * api decides "signed in" or "sign up".
 *
 * What the platform keeps from Toss today: the userKey, as the identity's subject — nothing else.
 * - The name is decrypted only when the person agreed to share it, and only to prefill the nickname
 *   field of the signup form (sealed into the signup cookie, never sent to the api, never logged);
 *   the member picks the nickname that is stored.
 * - Phone, birthday, CI, gender, nationality and e-mail are not decrypted: no product feature uses
 *   them (PIPA data minimisation). Identity verification is the verify remote's job.
 *
 * Signs the person in (session cookies on `res`) or leaves a sealed signup ticket; returns where the
 * browser goes next: `returnTo`, or the signup form.
 */
export async function resolveTossMember(
  ctx: TossMemberContext,
  me: TossLoginMe,
  res: ServerResponse,
): Promise<string> {
  const { auth, requestId, returnTo } = ctx;
  const userKey = canonicalUserKey(me.userKey);
  const name =
    me.encrypted.name === null
      ? undefined
      : decryptTossField(me.encrypted.name, ctx.decryption, 'name').trim();

  const login: TossLoginResponse = await callApi(auth.config, API_PATHS.loginToss, {
    method: 'POST',
    internal: true,
    requestId,
    body: { userKey },
    schema: tossLoginResponseSchema,
  });
  if (login.status === 'signedIn') {
    await auth.startSession(res, login);
    logEvent('info', 'signed in', { requestId, provider: 'toss' });
    return returnTo;
  }
  const signup: SignupState = { ticket: login.signupTicket, returnTo, ...(name ? { nickname: name } : {}) };
  appendSetCookie(res, [
    serializeCookie(
      auth.config.cookie,
      'signup',
      seal(auth.config.keys.seal, SIGNUP_PURPOSE, signup, LOGIN_TTL_MS),
      LOGIN_TTL_MS / 1000,
    ),
  ]);
  logEvent('info', 'signup started', { requestId, provider: 'toss' });
  return '/user/signup';
}
