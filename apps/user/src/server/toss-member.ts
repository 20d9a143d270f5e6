import type { ServerResponse } from 'node:http';
import { API_PATHS, tossLoginResponseSchema, type TossLoginResponse } from '@mfv/api-contract';
import { callApi, logEvent, type Auth } from '@mfv/auth';
import {
  decryptTossField,
  TossProtocolError,
  type TossDecryptionKey,
  type TossLoginMe,
} from '@mfv/verification/toss';
import { continueToSignup } from './account-link';

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
  /** Runs once a member is signed in (the link page's sign-in links the pending login here). */
  afterSignIn?: (userId: string) => Promise<void>;
}

/**
 * The one step that turns login-me's answer into a member of this site — kept as a single function
 * so cross-provider matching (a keyed hash of CI) can hook in here, after login-me and before the
 * api decides "signed in" or "sign up".
 *
 * What the platform keeps from Toss: the userKey, as the identity's subject, and the keyed hash of
 * the CI (the api's; one person across providers, docs/auth.md) — nothing else.
 * - The name is decrypted only when the person agreed to share it, and only to prefill the
 *   nickname field of the signup form (sealed into the signup cookie, never sent to the api, never
 *   logged); the member picks the nickname that is stored.
 * - The CI (연계정보), when the person agreed to share it, is decrypted only to be sent to the api,
 *   which keeps its keyed hash (never the CI) to recognise a person who already is a member and
 *   offer to link this login to them (account-link.ts) instead of making a second account.
 * - Phone, birthday, gender, nationality and e-mail are not decrypted at all: no product feature
 *   uses them (PIPA data minimisation). Identity verification is the verify remote's job.
 *
 * Signs the person in (session cookies on `res`) or leaves a sealed signup ticket; returns where the
 * browser goes next: `returnTo`, the link page (/user/link) or the signup form.
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
  const ci = me.encrypted.ci === null ? undefined : decryptTossField(me.encrypted.ci, ctx.decryption, 'ci');

  const login: TossLoginResponse = await callApi(auth.config, API_PATHS.loginToss, {
    method: 'POST',
    internal: true,
    requestId,
    body: ci ? { userKey, ci } : { userKey },
    schema: tossLoginResponseSchema,
  });
  if (login.status === 'signedIn') {
    await auth.startSession(res, login);
    logEvent('info', 'signed in', { requestId, provider: 'toss' });
    await ctx.afterSignIn?.(login.user.id);
    return returnTo;
  }
  const destination = continueToSignup(auth, res, login, { returnTo, nickname: name });
  logEvent('info', 'signup started', { requestId, provider: 'toss' });
  return destination;
}
