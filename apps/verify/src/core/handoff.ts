/**
 * Hand-off (the last step of every identity verification): a checked provider result goes to
 * the api as a minimal record, attached to the member of the browser's session or to its pending
 * signup; the browser gets a one-time opaque ticket and, by redeeming it, masked fields only.
 * Provider-independent: KCB and SSAFY hand off through the same two functions.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createVerificationResponseSchema,
  redeemVerificationResponseSchema,
  type CreateVerificationRequest,
  type CreateVerificationResponse,
  type RedeemVerificationResponse,
  type VerificationOwner,
} from '@mfv/api-contract';
import { AuthUnavailableError, callApi, readCookie, unseal, type Auth } from '@mfv/auth';
import { loginRequired, VerifyError } from './errors';
import type { VerifyTransaction } from './transactions';

/**
 * The user remote seals `{ticket, returnTo, nickname?}` into the `signup` cookie between a provider
 * login and the signup form (apps/user/src/server/kakao-login.ts, SIGNUP_PURPOSE). Every app
 * shares the seal key, so the verify remote can read the pending signup's ticket.
 */
const SIGNUP_PURPOSE = 'signup';
interface SignupCookie {
  ticket: string;
}

/** The record without its owner: what a provider result is reduced to (each shape of the union). */
export type VerificationRecord = CreateVerificationRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'owner'>
    : never
  : never;

/** Who a verification in this browser would belong to, as far as the page needs to know. */
export type OwnerState = VerificationOwner | 'none' | 'unavailable';

/**
 * Whose verification this is: the signed-in member (from the session @mfv/auth verified, never
 * from the request body), else the pending signup of this browser, else nobody. `unavailable`
 * when the session cannot be checked right now — never a silent fallback to "nobody".
 */
export function ownerOf(auth: Auth, req: IncomingMessage, res: ServerResponse): Promise<OwnerState> {
  // Once per request: the rate limits and the handler both ask, and a second getViewer could
  // refresh the session a second time.
  let owner = ownersOfRequests.get(req);
  if (!owner) {
    owner = findOwner(auth, req, res);
    ownersOfRequests.set(req, owner);
  }
  return owner;
}

const ownersOfRequests = new WeakMap<IncomingMessage, Promise<OwnerState>>();

async function findOwner(auth: Auth, req: IncomingMessage, res: ServerResponse): Promise<OwnerState> {
  const viewer = await auth.getViewer(req, res);
  if (viewer.status === 'signed-in') return { userId: viewer.viewer.id };
  if (viewer.status === 'unavailable') return 'unavailable';
  const sealed = readCookie(req, auth.config.cookie, 'signup');
  const signup = sealed ? unseal<SignupCookie>(auth.config.keys.seal, SIGNUP_PURPOSE, sealed) : null;
  if (signup && typeof signup.ticket === 'string' && signup.ticket !== '') {
    return { signupTicket: signup.ticket };
  }
  return 'none';
}

/** {@link ownerOf}, or the error to answer: 503 when unavailable, 401 VERIFICATION_LOGIN_REQUIRED for nobody. */
export async function resolveOwner(
  auth: Auth,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<VerificationOwner> {
  const owner = await ownerOf(auth, req, res);
  if (owner === 'unavailable') throw new AuthUnavailableError('api');
  if (owner === 'none') throw loginRequired();
  return owner;
}

/**
 * Stores the record with the api (service credential). The api keeps the keyed hash of the CI, not
 * the CI, and refuses a person (CI hash) another account holds or a member verifying as another person.
 */
export function handOff(
  auth: Auth,
  record: VerificationRecord,
  owner: VerificationOwner,
  requestId: string,
): Promise<CreateVerificationResponse> {
  return callApi(auth.config, '/verifications', {
    method: 'POST',
    internal: true,
    requestId,
    body: { ...record, owner } satisfies CreateVerificationRequest,
    schema: createVerificationResponseSchema,
  });
}

/**
 * Spends a one-time result ticket: masked fields only, and only for the member or pending signup
 * the result belongs to (docs/security.md F6: a ticket in a URL redeemed for whoever had the URL). Anyone else
 * gets what an unknown ticket gets, and the ticket stays unspent for its owner.
 */
export async function redeemTicket(
  auth: Auth,
  ticket: string,
  requestId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<RedeemVerificationResponse> {
  const owner = await resolveOwner(auth, req, res);
  return callApi(auth.config, '/verifications/redeem', {
    method: 'POST',
    internal: true,
    requestId,
    body: { ticket, owner },
    schema: redeemVerificationResponseSchema,
  });
}

/** What a transaction stores about its owner: a digest, never the member id or the ticket. */
export function ownerKey(owner: VerificationOwner): string {
  const id = 'userId' in owner ? `user:${owner.userId}` : `signup:${owner.signupTicket}`;
  return createHash('sha256').update(id).digest('base64url');
}

export const OWNER_MISMATCH_MESSAGE = '이 본인확인은 다른 계정에서 시작됐어요. 처음부터 다시 시도해 주세요.';

/**
 * Every step of a transaction must come from whom it was started for (docs/security.md F5: a
 * transaction started by one member could be completed, and attached, in another session of the
 * same browser). 403 VERIFICATION_OWNER_MISMATCH otherwise; the transaction is left to its owner.
 */
export async function assertTransactionOwner(
  auth: Auth,
  req: IncomingMessage,
  res: ServerResponse,
  tx: VerifyTransaction<unknown>,
): Promise<VerificationOwner> {
  const owner = await resolveOwner(auth, req, res);
  if (tx.owner !== undefined && tx.owner !== ownerKey(owner)) {
    throw new VerifyError(403, 'VERIFICATION_OWNER_MISMATCH', OWNER_MISMATCH_MESSAGE, { restart: true });
  }
  return owner;
}
