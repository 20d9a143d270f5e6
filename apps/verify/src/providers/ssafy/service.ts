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
import { AUTH_RETRY_AFTER_SECONDS, BackendError, randomId, type Auth } from '@mfv/auth';
import { ConfigError } from '@mfv/config';
import {
  completeSsafyVerification,
  createSsafyClient,
  isExpectedIssuer,
  SSAFY_UI_ERROR_MESSAGES,
  SsafyConfigError,
  SsafyError,
  type SsafyClient,
  type SsafyClientOptions,
  type SsafyUiErrorCode,
  type SsafyVerification,
} from '@mfv/verification/ssafy';
import { MESSAGES, toVerifyError, VerifyError } from '../../core/errors';
import {
  assertTransactionOwner,
  handOff,
  ownerKey,
  resolveOwner,
  type VerificationRecord,
} from '../../core/handoff';
import type { Reply, RouteContext } from '../../core/http';
import {
  TransactionBusyError,
  TransactionNotFoundError,
  type TransactionStore,
} from '../../core/transactions';
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

/** A failure as the browser sees it: `{ok: false, code, errorCode (the guide's UI code), message, requestId}`. */
export function ssafyError(
  status: number,
  code: string,
  errorCode: SsafyUiErrorCode,
  requestId: string | null,
  options: { cause?: unknown; retryAfterSeconds?: number } = {},
): VerifyError {
  return new VerifyError(
    status,
    code,
    SSAFY_UI_ERROR_MESSAGES[errorCode],
    { ok: false, errorCode, requestId },
    options.retryAfterSeconds,
    options.cause === undefined ? undefined : { cause: options.cause },
  );
}

/** The issuer's own error codes of /verify/token that name what was wrong (sandbox errors.ts). */
const EXCHANGE_CODES: Record<string, { status: number; code: string }> = {
  PKCE_VERIFICATION_FAILED: { status: 400, code: 'SSAFY_PKCE_MISMATCH' },
  VERIFY_CODE_INVALID: { status: 400, code: 'SSAFY_CODE_INVALID' },
  REDIRECT_URI_MISMATCH: { status: 400, code: 'SSAFY_REDIRECT_URI_MISMATCH' },
  INVALID_CLIENT: { status: 503, code: 'SSAFY_NOT_CONFIGURED' },
};

/**
 * The api's refusals of an SSAFY hand-off, in the person's words: this SSAFY member already
 * belongs to another account (or another login mid-signup), or this account was verified as
 * another SSAFY member. Other api codes (an expired signup…) keep the shared mapping.
 */
const HANDOFF_REFUSALS: Record<string, { status: number; message: string }> = {
  VERIFICATION_ALREADY_REGISTERED: { status: 409, message: MESSAGES.SSAFY_ALREADY_REGISTERED },
  VERIFICATION_PERSON_MISMATCH: { status: 409, message: MESSAGES.SSAFY_PERSON_MISMATCH },
};

/** A failed hand-off → the SSAFY Verify guide's failure shape with the issuer's request_id. */
function fromHandOffError(error: unknown, requestId: string | null): VerifyError {
  const refusal = error instanceof BackendError ? HANDOFF_REFUSALS[error.code] : undefined;
  if (error instanceof BackendError && refusal) {
    return new VerifyError(refusal.status, error.code, refusal.message, { ok: false, requestId }, undefined, {
      cause: error,
    });
  }
  const mapped = withFailureShape(toVerifyError(error));
  return new VerifyError(
    mapped.status,
    mapped.code,
    mapped.message,
    { ...mapped.extra, requestId },
    mapped.retryAfterSeconds,
    { cause: mapped.cause },
  );
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

/** Any error of the SSAFY flow → a typed error carrying the issuer's request_id, never a token. */
export function fromSsafyError(error: unknown): VerifyError {
  if (error instanceof VerifyError) return error.extra.ok === false ? error : withFailureShape(error);
  if (error instanceof TransactionNotFoundError || error instanceof TransactionBusyError) {
    return ssafyError(410, 'SSAFY_TX_NOT_FOUND', 'VERIFY_RESPONSE_INVALID', null, { cause: error });
  }
  if (error instanceof SsafyConfigError || error instanceof ConfigError) {
    return ssafyError(503, 'SSAFY_NOT_CONFIGURED', 'VERIFY_NETWORK_FAILED', null, {
      cause: error,
      retryAfterSeconds: AUTH_RETRY_AFTER_SECONDS,
    });
  }
  if (error instanceof SsafyError) {
    if (error.code === 'SSAFY_EXCHANGE_REJECTED') {
      const issuerCode = error.cause.errorCode;
      const known = typeof issuerCode === 'string' ? EXCHANGE_CODES[issuerCode] : undefined;
      if (known) {
        return ssafyError(known.status, known.code, error.uiCode, error.requestId, { cause: error });
      }
      return ssafyError(502, 'SSAFY_EXCHANGE_REJECTED', error.uiCode, error.requestId, { cause: error });
    }
    if (error.uiCode === 'VERIFY_NETWORK_FAILED' || error.code === 'SSAFY_UNEXPECTED_STATUS') {
      return ssafyError(503, error.code, 'VERIFY_NETWORK_FAILED', error.requestId, {
        cause: error,
        retryAfterSeconds: AUTH_RETRY_AFTER_SECONDS,
      });
    }
    // A token or answer that fails a check: the issuer's (or an attacker's) mistake.
    return ssafyError(502, error.code, error.uiCode, error.requestId, { cause: error });
  }
  return withFailureShape(toVerifyError(error));
}

/** The SSAFY Verify guide's failure shape (`ok: false`, `requestId`) on an error of the shared routes (login, Redis…). */
function withFailureShape(mapped: VerifyError): VerifyError {
  return new VerifyError(
    mapped.status,
    mapped.code,
    mapped.message,
    { ...mapped.extra, ok: false, requestId: null },
    mapped.retryAfterSeconds,
    { cause: mapped.cause },
  );
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
