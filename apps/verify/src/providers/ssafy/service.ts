/**
 * SSAFY Verify (its integration guide) in the verify remote: the backend half of
 * the guide's flow, over `@mfv/verification/ssafy`.
 *
 *   start         a transaction bound to this browser (HttpOnly cookie, Redis record, owner,
 *                 10 minutes) that records when it started; the page then calls the hosted SDK
 *                 exactly as documented (`ssafyVerify.verify({clientId, redirectUri, scopes,
 *                 waitForCallback})`: the SDK takes no state from us)
 *   verify-token  the guide's body {code, codeVerifier, redirectUri, iss}: the transaction
 *                 consumed (single use, its owner only), `iss` and `redirectUri` compared with
 *                 configuration, the code claimed once (a code presented before, under any
 *                 transaction, is refused before the issuer sees it again), the code exchanged at
 *                 /verify/token with the PKCE verifier (the issuer checks it against the
 *                 challenge the SDK sent), the `verification_token` validated (jose, pinned
 *                 algorithm, every listed claim), its `auth_time` inside this transaction, the
 *                 result stored with the api for the member or pending signup of this browser
 *                 → only `{ok, verified, sub, cohort, campus, authTime}`.
 *   start-redirect / completeRedirect
 *                the full-page variant (phones, in-app browsers: a popup would not work there,
 *                core/environment.ts): this server makes the state and the PKCE pair, keeps them
 *                in the transaction and sends this window to the issuer's authorize page; the
 *                issuer returns it to the redirect URI, whose page has the code exchanged here
 *                with the kept verifier after comparing the state — then the same checks as
 *                verify-token (RFC 6749 §4.1, RFC 7636; the issuer's authorize endpoint as the SSAFY
 *                Verify guide documents it for "mobile app in the system browser").
 *
 * What binds a code to this transaction (docs/security.md F10): the SDK makes `state` and the PKCE
 * pair in the browser and compares the callback's state itself (SSAFY Verify 플랫폼 가이드
 * (Vue/Nuxt), "보안 체크리스트"), so nothing of the authorize request reaches this server before the
 * callback. The server binds instead to what it does hold: its own transaction (cookie + Redis,
 * owner, short TTL, single use), the code's single use, and time — the member must have completed
 * verification (`auth_time`) after this transaction started. That is measured on the issuer's
 * clock when the token has `iat` (iat − auth_time ≤ our time since start + 2 s), so no clock
 * skew between the two servers matters; without `iat`, on ours with the token's clock tolerance.
 * A code from an earlier verification, replayed under a later transaction, is refused (409
 * SSAFY_CODE_NOT_FOR_TRANSACTION). The client secret (a confidential client only) is read from
 * server env and never leaves this process.
 */
import { type Auth } from '@mfv/auth';
import {
  completeSsafyVerification,
  createSsafyClient,
  isExpectedIssuer,
  SSAFY_CLOCK_TOLERANCE_SECONDS,
  type SsafyClient,
  type SsafyClientOptions,
  type SsafyVerification,
} from '@mfv/verification/ssafy';
import {
  createPkcePair,
  createState,
  interpretSsafyCallback,
  ssafyUiErrorMessage,
} from '@mfv/verification/ssafy/browser';
import {
  assertTransactionOwner,
  handOff,
  ownerKey,
  resolveOwner,
  type VerificationRecord,
} from '../../core/handoff';
import { VerifyError } from '../../core/errors';
import type { Reply, RouteContext } from '../../core/http';
import { TransactionNotFoundError, type TransactionStore } from '../../core/transactions';
import { fromHandOffError, fromSsafyError, ssafyError } from './errors';
import type { SsafyRedirectStartResponse, SsafyStartResponse, SsafyVerifyTokenResponse } from './rules';

export const SSAFY_PROVIDER = 'ssafy';
/** The product code of the stored record (the scope every SSAFY Verify request carries). */
export const SSAFY_SERVICE_TYPE = 'ssafy.verify';
const LOCK_MARGIN_MS = 5_000;
/**
 * Slack when comparing the issuer's elapsed time (iat − auth_time, whole seconds) with ours since
 * the transaction started: one second of rounding on each NumericDate.
 */
const ELAPSED_SLACK_SECONDS = 2;
/** How long a presented code stays remembered: longer than any code lives (the transaction's 10 minutes). */
const CODE_MEMORY_MS = 15 * 60_000;

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
  /** When the transaction started, epoch ms on this server's clock. */
  startedAt: number;
  /** The full-page flow only: the state and PKCE verifier this server made for the authorize request. */
  redirect?: { state: string; codeVerifier: string };
}

/** The issuer's callback as the redirect URI's page received it in the full-page flow (query values). */
export interface SsafyRedirectCallback {
  code: string | null;
  state: string | null;
  iss: string | null;
  error: string | null;
  errorCode: string | null;
  requestId: string | null;
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
}

/**
 * Did the member complete this verification after the transaction started? On the issuer's own
 * clock when the token has `iat`, else on ours with the token's clock tolerance.
 */
export function completedWithin(
  verification: Pick<SsafyVerification, 'authTime' | 'issuedAt'>,
  startedAtMs: number,
  nowMs: number,
): boolean {
  if (verification.issuedAt !== null) {
    const issuerElapsed = verification.issuedAt - verification.authTime;
    const ourElapsed = (nowMs - startedAtMs) / 1000;
    return issuerElapsed <= ourElapsed + ELAPSED_SLACK_SECONDS;
  }
  return verification.authTime >= Math.floor(startedAtMs / 1000) - SSAFY_CLOCK_TOLERANCE_SECONDS;
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

export class SsafyService {
  private readonly now: () => Date;

  constructor(private readonly deps: SsafyServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** POST …/ssafy/start: a new transaction for this browser (replacing its last); answers when it ends. */
  async start(ctx: RouteContext): Promise<Reply<SsafyStartResponse>> {
    try {
      const owner = await resolveOwner(this.deps.auth, ctx.req, ctx.res);
      await this.deps.ssafy(); // configuration problems show before the popup opens
      const tx = await this.deps.store.begin<SsafyTxData>(
        ctx.req,
        ctx.res,
        SSAFY_PROVIDER,
        { startedAt: this.now().getTime() },
        ownerKey(owner),
      );
      return { status: 200, body: { expiresAt: new Date(tx.expiresAt).toISOString() } };
    } catch (error) {
      throw fromSsafyError(error);
    }
  }

  /**
   * POST …/ssafy/start-redirect: a transaction holding this server's state and PKCE verifier, and
   * the issuer's authorize URL for this window (the full-page flow).
   */
  async startRedirect(ctx: RouteContext): Promise<Reply<SsafyRedirectStartResponse>> {
    try {
      const owner = await resolveOwner(this.deps.auth, ctx.req, ctx.res);
      const { client } = await this.deps.ssafy();
      const state = createState();
      const pkce = await createPkcePair();
      const tx = await this.deps.store.begin<SsafyTxData>(
        ctx.req,
        ctx.res,
        SSAFY_PROVIDER,
        { startedAt: this.now().getTime(), redirect: { state, codeVerifier: pkce.codeVerifier } },
        ownerKey(owner),
      );
      const url = new URL(`${client.issuer}/verify/authorize`);
      url.searchParams.set('client_id', client.clientId);
      url.searchParams.set('redirect_uri', client.redirectUri);
      url.searchParams.set('scope', client.scopes.join(' '));
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', pkce.codeChallenge);
      url.searchParams.set('code_challenge_method', pkce.codeChallengeMethod);
      return {
        status: 200,
        body: { authorizeUrl: url.toString(), expiresAt: new Date(tx.expiresAt).toISOString() },
      };
    } catch (error) {
      throw fromSsafyError(error);
    }
  }

  /** POST …/ssafy/verify-token: the checks, the exchange, the token validation. */
  async verifyToken(ctx: RouteContext, body: SsafyVerifyTokenBody): Promise<Reply<SsafyVerifyTokenResponse>> {
    return (await this.exchange(ctx, () => body))!;
  }

  /**
   * The redirect URI's page in the full-page flow: the callback's state compared with the one this
   * transaction keeps, then the exchange with the kept verifier (as verify-token). Null when this
   * browser's transaction is not a full-page one (the popup's page: the SDK hands the callback to
   * its opener) or there is none; a VerifyError for a failed verification.
   */
  async completeRedirect(
    ctx: RouteContext,
    callback: SsafyRedirectCallback,
  ): Promise<Reply<SsafyVerifyTokenResponse> | null> {
    try {
      return await this.exchange(ctx, (tx, issuer, redirectUri) => {
        if (tx.redirect === undefined) return null;
        if (callback.state === null || callback.state !== tx.redirect.state) {
          throw ssafyError(400, 'SSAFY_STATE_MISMATCH', 'VERIFY_RESPONSE_INVALID', callback.requestId);
        }
        const outcome = interpretSsafyCallback(
          {
            code: callback.code,
            error: callback.error,
            iss: callback.iss,
            error_code: callback.errorCode,
            request_id: callback.requestId,
            codeVerifier: tx.redirect.codeVerifier,
          },
          issuer,
        );
        if (!outcome.ok) {
          // The issuer's own error_code (VERIFY_CANCELLED, VERIFY_MEMBER_NOT_FOUND …) and its message.
          throw new VerifyError(400, outcome.errorCode, ssafyUiErrorMessage(outcome.errorCode), {
            ok: false,
            errorCode: outcome.errorCode,
            requestId: outcome.requestId,
          });
        }
        return { code: outcome.code, codeVerifier: outcome.codeVerifier, redirectUri, iss: outcome.iss };
      });
    } catch (error) {
      // No transaction in this browser (a popup's page opened alone, a reload after the end).
      if (error instanceof VerifyError && error.code === 'SSAFY_TX_NOT_FOUND') return null;
      throw error;
    }
  }

  /**
   * The exchange under this browser's transaction: `bodyOf` gives the code, verifier, redirect URI
   * and iss from the transaction (null: not this flow's transaction, left untouched).
   */
  private async exchange(
    ctx: RouteContext,
    bodyOf: (tx: SsafyTxData, issuer: string, redirectUri: string) => SsafyVerifyTokenBody | null,
  ): Promise<Reply<SsafyVerifyTokenResponse> | null> {
    try {
      const { client } = await this.deps.ssafy();
      const lockMs = client.transport.limits.timeoutMs * 2 + LOCK_MARGIN_MS;
      const verification = await this.deps.store.withLock<
        SsafyTxData,
        Awaited<ReturnType<typeof completeSsafyVerification>> | null
      >(ctx.req, SSAFY_PROVIDER, lockMs, async (locked) => {
        const body = bodyOf(locked.tx.data, client.issuer, client.redirectUri);
        if (body === null) return null;
        // Only whom it was started for (docs/security.md F5); before it is consumed, so its owner can still finish.
        await assertTransactionOwner(this.deps.auth, ctx.req, ctx.res, locked.tx);
        // Single use: whatever follows, this transaction cannot be presented again.
        if (!(await locked.consume())) throw new TransactionNotFoundError('consumed meanwhile');
        this.deps.store.clear(ctx.res);
        // One code, one presentation, whatever comes of it: a code seen before (under this
        // transaction or any other) is not sent to the issuer again (docs/security.md F10).
        if (!(await this.deps.store.claimOnce(SSAFY_PROVIDER, body.code, CODE_MEMORY_MS))) {
          throw ssafyError(409, 'SSAFY_CODE_REPLAYED', 'VERIFY_RESPONSE_INVALID', null);
        }
        // The state is the SDK's business: it makes it and compares the callback's (SSAFY Verify
        // 플랫폼 가이드 (Vue/Nuxt), "보안 체크리스트"); the documented verify() result carries none.
        // RFC 9207 §2.4: the callback's iss is exactly the configured issuer.
        if (!isExpectedIssuer(body.iss, client.issuer)) {
          throw ssafyError(400, 'CALLBACK_ISSUER_MISMATCH', 'CALLBACK_ISSUER_MISMATCH', null);
        }
        // RFC 6749 §4.1.3: the redirect_uri of the request, exactly.
        if (body.redirectUri !== client.redirectUri) {
          throw ssafyError(400, 'SSAFY_REDIRECT_URI_MISMATCH', 'VERIFY_RESPONSE_INVALID', null);
        }
        const result = await completeSsafyVerification(
          client,
          { code: body.code, codeVerifier: body.codeVerifier, redirectUri: body.redirectUri },
          { now: this.now() },
        );
        // The verification behind the code happened within this transaction, not before it.
        if (!completedWithin(result, locked.tx.data.startedAt, this.now().getTime())) {
          throw ssafyError(
            409,
            'SSAFY_CODE_NOT_FOR_TRANSACTION',
            'VERIFY_RESPONSE_INVALID',
            result.requestId,
          );
        }
        return result;
      });
      if (verification === null) return null;
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
