/**
 * SSAFY Verify (its integration guide) in the verify remote: the backend half of
 * the guide's flow, over `@mfv/verification/ssafy`.
 *
 *   start         a transaction bound to this browser holding a fresh `state`, which the page
 *                 passes to the hosted SDK (`ssafyVerify.verify({…, state})`)
 *   verify-token  {code, codeVerifier, redirectUri, iss, state}: the transaction consumed (single
 *                 use), its `state` compared in constant time, `iss` and `redirectUri` compared
 *                 with configuration, the code exchanged at /verify/token with the PKCE verifier
 *                 (the issuer checks it against the challenge the SDK sent), the
 *                 `verification_token` validated (jose, pinned algorithm, every listed claim),
 *                 the result stored with the api for the member or pending signup of this browser
 *                 (`verified sub cohort campus verifiedAt`, plus `mattermost_id` only when that
 *                 scope is configured) → only `{ok, verified, sub, cohort, campus, authTime}`.
 *
 * The SDK makes the PKCE pair itself (it takes only `state` from the caller), so the server
 * cannot hold the verifier in advance; it checks the verifier's form and lets the issuer check
 * the pair, and a failed check there is answered as a PKCE mismatch. The client secret (a
 * confidential client only) is read from server env and never leaves this process.
 */
import { timingSafeEqual } from 'node:crypto';
import { randomId, type Auth } from '@mfv/auth';
import {
  completeSsafyVerification,
  createSsafyClient,
  isExpectedIssuer,
  type SsafyClient,
  type SsafyClientOptions,
  type SsafyVerification,
} from '@mfv/verification/ssafy';
import {
  assertTransactionOwner,
  handOff,
  ownerKey,
  resolveOwner,
  type VerificationRecord,
} from '../../core/handoff';
import type { Reply, RouteContext } from '../../core/http';
import { TransactionNotFoundError, type TransactionStore } from '../../core/transactions';
import { fromHandOffError, fromSsafyError, ssafyError } from './errors';
import type { SsafyStartResponse, SsafyVerifyTokenResponse } from './rules';

export const SSAFY_PROVIDER = 'ssafy';
/** The product code of the stored record (the scope every SSAFY Verify request carries). */
export const SSAFY_SERVICE_TYPE = 'ssafy.verify';
/** 256 bits of state (base64url, 43 characters): RFC 6749 §10.12, unguessable and single use. */
const STATE_BYTES = 32;
const LOCK_MARGIN_MS = 5_000;

export interface SsafyAccess {
  client: SsafyClient;
}

/** Builds the client (and its JWKS cache) on first use; a failure is not cached. */
export function lazySsafyAccess(options: () => Promise<SsafyClientOptions>): () => Promise<SsafyAccess> {
  let pending: Promise<SsafyAccess> | undefined;
  return () =>
    (pending ??= (async () => ({ client: createSsafyClient(await options()) }))().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

export interface SsafyTxData {
  state: string;
}

export interface SsafyServiceDeps {
  auth: Auth;
  store: TransactionStore;
  ssafy: () => Promise<SsafyAccess>;
  now?: () => Date;
}

export interface SsafyVerifyTokenBody {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  iss: string;
  state: string;
}

/**
 * What the api keeps of an SSAFY result (SSAFY Verify guide "저장 최소화"): the pairwise `sub`, cohort and
 * campus when sent, when the person verified (`auth_time`), and the Mattermost id only when that
 * scope is configured — no name, no image, no token.
 */
export function ssafyRecord(
  verification: SsafyVerification,
  options: { mattermostIdRequested: boolean },
): VerificationRecord {
  return {
    provider: SSAFY_PROVIDER,
    serviceType: SSAFY_SERVICE_TYPE,
    subject: verification.sub,
    ...(verification.cohort !== null ? { cohort: verification.cohort } : {}),
    ...(verification.campus !== null ? { campus: verification.campus } : {}),
    ...(options.mattermostIdRequested && typeof verification.mattermostId === 'string'
      ? { mattermostId: verification.mattermostId }
      : {}),
    verifiedAt: new Date(verification.authTime * 1000).toISOString(),
  };
}

function sameState(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export class SsafyService {
  private readonly now: () => Date;

  constructor(private readonly deps: SsafyServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** POST …/ssafy/start: a new transaction for this browser; answers its `state` for the SDK. */
  async start(ctx: RouteContext): Promise<Reply<SsafyStartResponse>> {
    try {
      const owner = await resolveOwner(this.deps.auth, ctx.req, ctx.res);
      await this.deps.ssafy(); // configuration problems show before the popup opens
      const state = randomId(STATE_BYTES);
      const tx = await this.deps.store.begin<SsafyTxData>(
        ctx.req,
        ctx.res,
        SSAFY_PROVIDER,
        { state },
        ownerKey(owner),
      );
      return { status: 200, body: { state, expiresAt: new Date(tx.expiresAt).toISOString() } };
    } catch (error) {
      throw fromSsafyError(error);
    }
  }

  /** POST …/ssafy/verify-token: the checks, the exchange, the token validation. */
  async verifyToken(ctx: RouteContext, body: SsafyVerifyTokenBody): Promise<Reply<SsafyVerifyTokenResponse>> {
    try {
      const { client } = await this.deps.ssafy();
      const lockMs = client.transport.limits.timeoutMs * 2 + LOCK_MARGIN_MS;
      const verification = await this.deps.store.withLock<
        SsafyTxData,
        Awaited<ReturnType<typeof completeSsafyVerification>>
      >(ctx.req, SSAFY_PROVIDER, lockMs, async (locked) => {
        // Only whom it was started for (docs/security.md F5); before it is consumed, so its owner can still finish.
        await assertTransactionOwner(this.deps.auth, ctx.req, ctx.res, locked.tx);
        // Single use: whatever follows, this transaction's state cannot be presented again.
        if (!(await locked.consume())) throw new TransactionNotFoundError('consumed meanwhile');
        this.deps.store.clear(ctx.res);
        // SSAFY Verify guide, 보안 체크리스트: "authorize 시작 시 만든 state와 callback state를 반드시 비교".
        if (!sameState(locked.tx.data.state, body.state)) {
          throw ssafyError(409, 'SSAFY_STATE_MISMATCH', 'VERIFY_RESPONSE_INVALID', null);
        }
        // RFC 9207 §2.4: the callback's iss is exactly the configured issuer.
        if (!isExpectedIssuer(body.iss, client.issuer)) {
          throw ssafyError(400, 'CALLBACK_ISSUER_MISMATCH', 'CALLBACK_ISSUER_MISMATCH', null);
        }
        // RFC 6749 §4.1.3: the redirect_uri of the request, exactly.
        if (body.redirectUri !== client.redirectUri) {
          throw ssafyError(400, 'SSAFY_REDIRECT_URI_MISMATCH', 'VERIFY_RESPONSE_INVALID', null);
        }
        return completeSsafyVerification(
          client,
          { code: body.code, codeVerifier: body.codeVerifier, redirectUri: body.redirectUri },
          { now: this.now() },
        );
      });
      // The result belongs to someone: the member or the pending signup of this browser.
      const owner = await resolveOwner(this.deps.auth, ctx.req, ctx.res);
      // Stored before the browser hears "verified"; the api refuses a sub another account holds.
      // The one-time ticket is not answered: the route's answer is the guide's minimal result only.
      try {
        await handOff(
          this.deps.auth,
          ssafyRecord(verification, { mattermostIdRequested: client.mattermostIdRequested }),
          owner,
          ctx.requestId,
        );
      } catch (error) {
        throw fromHandOffError(error, verification.requestId);
      }
      return {
        status: 200,
        body: {
          ok: true,
          verified: true,
          sub: verification.sub,
          cohort: verification.cohort,
          campus: verification.campus,
          authTime: verification.authTime,
        },
      };
    } catch (error) {
      throw fromSsafyError(error);
    }
  }
}
