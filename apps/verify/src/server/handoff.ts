/**
 * Hand-off (ARCHITECTURE.md "Identity verification", step 4): a checked provider result goes to
 * the api as a minimal record, attached to the member of the browser's session or to its pending
 * signup; the browser gets a one-time opaque ticket and, by redeeming it, masked fields only.
 * Provider-independent: KCB and SSAFY hand off through the same two functions.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createVerificationResponseSchema,
  redeemVerificationResponseSchema,
  type CreateVerificationRequest,
  type CreateVerificationResponse,
  type RedeemVerificationResponse,
  type VerificationOwner,
} from '@mfv/api/contract';
import { AuthUnavailableError, callApi, readCookie, unseal, type Auth } from '@mfv/auth';
import { loginRequired } from './errors';

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

/** Stores the record with the api (service credential); the api refuses a DI another account holds. */
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

/** Spends a one-time result ticket: masked fields only. */
export function redeemTicket(
  auth: Auth,
  ticket: string,
  requestId: string,
): Promise<RedeemVerificationResponse> {
  return callApi(auth.config, '/verifications/redeem', {
    method: 'POST',
    internal: true,
    requestId,
    body: { ticket },
    schema: redeemVerificationResponseSchema,
  });
}
