/**
 * KCB 휴대폰 본인확인 (KCB ok-name REST API, as public integrations use it) in the verify remote,
 * over the client of `@mfv/verification/kcb`, the browser-bound transaction store and the
 * hand-off. What the public integrations got wrong, and this does not:
 *
 * - the per-transaction field key (`enc_key`) stays on the server: sealed (AES-256-GCM) in the
 *   Redis transaction, never in a response;
 * - the `svc_tkn` KCB sends back is checked against this browser's transaction (HttpOnly cookie),
 *   in constant time, before anything is fetched;
 * - the return URL is fixed on the server; the success and fail pages come from an allowlist;
 * - the browser leaves with a one-time ticket (or an error code), never the result in the URL.
 *
 *   start     token (cached) → popup-start → transaction {svcTkn, sealed key, IV, paths}
 *   callback  svc_tkn check → consume (single use) → popup-result → decrypt → normalise →
 *             hand-off → 303 success path ?ticket= | 303 fail path ?code=
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUTH_RETRY_AFTER_SECONDS, seal, unseal, type Auth } from '@mfv/auth';
import { ConfigError } from '@mfv/config';
import {
  assertKcbCallbackToken,
  createKcbClient,
  createKcbPopupTransaction,
  createKcbTokenSource,
  KcbAuthError,
  KcbConfigError,
  KcbCryptoError,
  KcbFieldKey,
  kcbPopupForm,
  KCB_RSP_CODES,
  KcbProtocolError,
  KcbResponseError,
  KcbResultCheckError,
  KcbTransportError,
  KcbValidationError,
  processKcbPopupResultResponse,
  processKcbPopupStartResponse,
  requestKcbPopupResult,
  requestKcbPopupStart,
  toKcbVerificationResult,
  type KcbClient,
  type KcbClientOptions,
  type KcbTokenSource,
} from '@mfv/verification/kcb';
import {
  KCB_FAIL_PATH,
  KCB_FAIL_PATHS,
  KCB_RESULT_PATH,
  KCB_SUCCESS_PATHS,
  type KcbStartResponse,
} from './rules';
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
  VERIFY_TX_TTL_MS,
  type TransactionStore,
} from '../../core/transactions';

export const KCB_PROVIDER = 'kcb';
/** What the field key is sealed under in Redis (@mfv/auth seal: AES-256-GCM with the site's key). */
const KEY_PURPOSE = 'verify:kcb:field-key';
/** The callback's lock outlives its provider calls (token + popup-result, each bounded). */
const LOCK_MARGIN_MS = 5_000;

/** KCB rsp_cd values with their own message (others are generic). */
const {
  CANCELLED: RSP_CANCELLED,
  NOT_COMPLETED: RSP_NOT_COMPLETED,
  TOKEN_NOT_FOUND: RSP_TOKEN_NOT_FOUND,
} = KCB_RSP_CODES;

/**
 * Every KCB failure a person can meet, with the Korean message the fail page shows. The fail
 * page gets the code only (`?code=`); the message comes from here, never from the URL.
 */
export const KCB_MESSAGES = {
  KCB_CANCELLED: '본인확인을 취소했습니다. 다시 하려면 처음부터 시작해 주세요.',
  KCB_NOT_COMPLETED: 'KCB 인증 창에서 본인확인이 끝나지 않았습니다. 처음부터 다시 시도해 주세요.',
  KCB_RESULT_ERROR: 'KCB 본인확인 처리 중 오류가 발생했습니다. 잠시 후 처음부터 다시 시도해 주세요.',
  KCB_TIMEOUT: 'KCB 본인확인 서비스의 응답이 늦어지고 있습니다. 잠시 후 다시 시도해 주세요.',
  KCB_UNAVAILABLE: 'KCB 본인확인 서비스에 연결하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  KCB_DECRYPT_FAILED: '본인확인 결과를 확인하지 못했습니다(복호화 실패). 처음부터 다시 시도해 주세요.',
  KCB_BAD_RESPONSE: 'KCB 본인확인 서비스의 응답을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  KCB_SVC_TKN_MISMATCH:
    '이 브라우저에서 시작한 본인확인이 아닙니다. 본인확인을 시작한 브라우저에서 처음부터 다시 시도해 주세요.',
  KCB_TX_NOT_FOUND:
    '진행 중인 본인확인이 없거나 이미 처리되었습니다(유효시간 10분). 처음부터 다시 시도해 주세요.',
  KCB_RETURN_URL_NOT_ALLOWED: '허용되지 않은 이동 경로입니다. 화면의 버튼으로 다시 시작해 주세요.',
  KCB_NOT_CONFIGURED: 'KCB 본인확인을 지금 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.',
} as const;
export type KcbFailureCode = keyof typeof KCB_MESSAGES;

const kcbError = (status: number, code: KcbFailureCode, extra = {}, retry?: number, cause?: unknown) =>
  new VerifyError(
    status,
    code,
    KCB_MESSAGES[code],
    extra,
    retry,
    cause === undefined ? undefined : { cause },
  );

export interface KcbAccess {
  client: KcbClient;
  tokens: KcbTokenSource;
  /** The callback KCB sends the browser back to: configuration only, never from a request. */
  returnUrl: string;
}

/**
 * Builds the client and its token cache on first use (not at import: `next build` imports every
 * route). A failure is not cached, so the next request tries again.
 */
export function lazyKcbAccess(
  options: () => Promise<KcbClientOptions & { returnUrl: string }>,
): () => Promise<KcbAccess> {
  let pending: Promise<KcbAccess> | undefined;
  return () =>
    (pending ??= (async () => {
      const { returnUrl, ...clientOptions } = await options();
      const client = createKcbClient(clientOptions);
      // The OAuth client token is cached until shortly before it expires.
      return { client, tokens: createKcbTokenSource(client), returnUrl };
    })().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

export interface KcbTxData {
  svcTkn: string;
  /** The per-transaction field key, sealed: Redis never holds it readable. */
  sealedKey: string;
  encIv: string;
  rqstSvcTxSeqno: string;
  successPath: (typeof KCB_SUCCESS_PATHS)[number];
  failPath: (typeof KCB_FAIL_PATHS)[number];
}

export interface KcbServiceDeps {
  auth: Auth;
  store: TransactionStore;
  kcb: () => Promise<KcbAccess>;
  now?: () => Date;
}

/** Where the callback sends the browser: a path of ours and its one query parameter. */
export interface KcbRedirect {
  location: string;
  /** `verified`, or the error's code (for the log line). */
  outcome: string;
  error?: VerifyError;
}

/**
 * A client-chosen return page → its path, if it is one of `allowed` on this site's origin.
 * Accepts a path or an absolute URL; anything else (another origin, `//host`, `/\host`, a query,
 * a fragment, dot segments that leave the list) is refused.
 */
export function allowedReturnPath<P extends string>(
  value: string | undefined,
  allowed: readonly P[],
  fallback: P,
  publicOrigin: string,
): P {
  if (value === undefined) return fallback;
  let url: URL;
  try {
    url = new URL(value, publicOrigin);
  } catch {
    throw kcbError(400, 'KCB_RETURN_URL_NOT_ALLOWED');
  }
  const path = url.pathname as P;
  if (
    url.origin !== new URL(publicOrigin).origin ||
    url.search !== '' ||
    url.hash !== '' ||
    value.includes('\\') ||
    !allowed.includes(path)
  ) {
    throw kcbError(400, 'KCB_RETURN_URL_NOT_ALLOWED');
  }
  return path;
}

/** A KCB client error → the typed error the person sees (a fixed Korean message, no data). */
export function fromKcbError(error: unknown): VerifyError {
  if (error instanceof VerifyError) return error;
  if (error instanceof TransactionNotFoundError) return kcbError(410, 'KCB_TX_NOT_FOUND', { restart: true });
  if (error instanceof TransactionBusyError) return kcbError(409, 'KCB_TX_NOT_FOUND', { restart: true });
  if (error instanceof KcbResponseError) {
    const extra = { resultCode: error.rspCd, restart: true };
    if (error.rspCd === RSP_CANCELLED) return kcbError(409, 'KCB_CANCELLED', extra, undefined, error);
    if (error.rspCd === RSP_NOT_COMPLETED) return kcbError(409, 'KCB_NOT_COMPLETED', extra, undefined, error);
    // B300: the result was fetched already (a replay reaching KCB) or the token expired there.
    if (error.rspCd === RSP_TOKEN_NOT_FOUND)
      return kcbError(410, 'KCB_TX_NOT_FOUND', extra, undefined, error);
    return kcbError(502, 'KCB_RESULT_ERROR', extra, undefined, error);
  }
  if (error instanceof KcbTransportError) {
    const code =
      error.code === 'KCB_TIMEOUT' || error.code === 'KCB_CONNECT_TIMEOUT'
        ? 'KCB_TIMEOUT'
        : 'KCB_UNAVAILABLE';
    return kcbError(503, code, { restart: true }, AUTH_RETRY_AFTER_SECONDS, error);
  }
  if (error instanceof KcbCryptoError)
    return kcbError(502, 'KCB_DECRYPT_FAILED', { restart: true }, undefined, error);
  if (error instanceof KcbProtocolError) {
    if (error.code === 'KCB_UNEXPECTED_STATUS' && Number(error.cause.status) >= 500) {
      return kcbError(503, 'KCB_UNAVAILABLE', { restart: true }, AUTH_RETRY_AFTER_SECONDS, error);
    }
    return kcbError(502, 'KCB_BAD_RESPONSE', { restart: true }, undefined, error);
  }
  if (error instanceof KcbResultCheckError) {
    return error.code === 'KCB_SVC_TKN_MISMATCH'
      ? kcbError(409, 'KCB_SVC_TKN_MISMATCH', { restart: true }, undefined, error)
      : kcbError(502, 'KCB_BAD_RESPONSE', { restart: true }, undefined, error);
  }
  if (
    error instanceof KcbAuthError ||
    error instanceof KcbConfigError ||
    error instanceof KcbValidationError ||
    error instanceof ConfigError
  ) {
    return kcbError(503, 'KCB_NOT_CONFIGURED', {}, AUTH_RETRY_AFTER_SECONDS, error);
  }
  return toVerifyError(error);
}

export class KcbService {
  private readonly now: () => Date;

  constructor(private readonly deps: KcbServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * POST …/kcb/start {successUrl?, failUrl?}: popup-start with the configured return URL and a
   * new transaction for this browser. Answers the form for KCB's page and nothing else.
   */
  async start(
    ctx: RouteContext,
    body: { successUrl?: string | undefined; failUrl?: string | undefined },
  ): Promise<Reply<KcbStartResponse>> {
    const origin = this.deps.auth.config.publicOrigin;
    const successPath = allowedReturnPath(body.successUrl, KCB_SUCCESS_PATHS, KCB_RESULT_PATH, origin);
    const failPath = allowedReturnPath(body.failUrl, KCB_FAIL_PATHS, KCB_FAIL_PATH, origin);
    // Fail before KCB's page opens if there is nobody to attach the result to.
    const owner = await resolveOwner(this.deps.auth, ctx.req, ctx.res);
    try {
      const { client, tokens, returnUrl } = await this.deps.kcb();
      const transaction = createKcbPopupTransaction();
      const started = await this.withToken(tokens, async (accessToken) =>
        processKcbPopupStartResponse(
          client,
          await requestKcbPopupStart(client, { accessToken, returnUrl, transaction }),
          transaction,
        ),
      );
      const sealedKey = seal(
        this.deps.auth.config.keys.seal,
        KEY_PURPOSE,
        started.fieldKey.exportForServerStorage(),
        VERIFY_TX_TTL_MS,
      );
      const tx = await this.deps.store.begin<KcbTxData>(
        ctx.req,
        ctx.res,
        KCB_PROVIDER,
        {
          svcTkn: started.svcTkn,
          sealedKey,
          encIv: started.encIv,
          rqstSvcTxSeqno: started.rqstSvcTxSeqno,
          successPath,
          failPath,
        },
        ownerKey(owner),
      );
      const form = kcbPopupForm(client, started.svcTkn);
      return {
        status: 200,
        body: { ...form, expiresAt: new Date(tx.expiresAt).toISOString() },
      };
    } catch (error) {
      throw fromKcbError(error);
    }
  }

  /**
   * GET …/kcb/callback?svc_tkn=… (top-level navigation from KCB's page, so SameSite=Lax cookies
   * come along). Never throws: every outcome is a redirect to one of our pages.
   */
  async callback(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    svcTkn: unknown,
  ): Promise<KcbRedirect> {
    let failPath: string = KCB_FAIL_PATH;
    try {
      const { client, tokens } = await this.deps.kcb();
      const lockMs = client.transport.limits.timeoutMs * 2 + LOCK_MARGIN_MS;
      const { data, record } = await this.deps.store.withLock<
        KcbTxData,
        { data: KcbTxData; record: VerificationRecord }
      >(req, KCB_PROVIDER, lockMs, async (locked) => {
        const { tx } = locked;
        failPath = tx.data.failPath;
        // The binding public integrations lacked: this browser started this svc_tkn.
        assertKcbCallbackToken(tx.data.svcTkn, svcTkn);
        // … and this member (or pending signup) did (docs/security.md F5).
        await assertTransactionOwner(this.deps.auth, req, res, tx);
        // Single use, before KCB is asked: a replayed callback finds no transaction.
        if (!(await locked.consume())) throw new TransactionNotFoundError('consumed meanwhile');
        this.deps.store.clear(res);
        const hex = unseal<string>(this.deps.auth.config.keys.seal, KEY_PURPOSE, tx.data.sealedKey);
        if (hex === null) throw new TransactionNotFoundError('the sealed key expired');
        const fieldKey = KcbFieldKey.fromHex(hex);
        const identity = await this.withToken(tokens, async (accessToken) =>
          processKcbPopupResultResponse(
            await requestKcbPopupResult(client, { accessToken, svcTkn: tx.data.svcTkn }),
            { fieldKey, encIv: tx.data.encIv },
          ),
        );
        const v = toKcbVerificationResult(identity, {
          rqstSvcTxSeqno: tx.data.rqstSvcTxSeqno,
          now: this.now(),
        });
        return {
          data: tx.data,
          record: {
            provider: KCB_PROVIDER,
            serviceType: v.serviceType,
            ci: v.ci,
            di: v.di,
            name: v.name,
            birthday: v.birthday,
            gender: v.gender,
            nation: v.nation,
            phone: v.phone,
            verifiedAt: v.verifiedAt,
          },
        };
      });
      const owner = await resolveOwner(this.deps.auth, req, res);
      const stored = await handOff(this.deps.auth, record, owner, requestId);
      return {
        location: `${data.successPath}?ticket=${encodeURIComponent(stored.ticket)}`,
        outcome: 'verified',
      };
    } catch (error) {
      const mapped = fromKcbError(error);
      return {
        location: `${failPath}?code=${encodeURIComponent(mapped.code)}`,
        outcome: mapped.code,
        error: mapped,
      };
    }
  }

  /** Runs `fn` with the cached access token; once more with a new one if KCB refused it (401). */
  private async withToken<T>(tokens: KcbTokenSource, fn: (accessToken: string) => Promise<T>): Promise<T> {
    try {
      return await fn(await tokens.get());
    } catch (error) {
      if (!(error instanceof KcbProtocolError && error.code === 'KCB_UNAUTHORIZED')) throw error;
      tokens.invalidate();
      return fn(await tokens.get());
    }
  }
}

/** Codes the shared routes answer (login, hand-off, infrastructure) → the same texts as the API's. */
const SHARED_FAILURES: Record<string, string> = {
  VERIFICATION_LOGIN_REQUIRED: MESSAGES.LOGIN_REQUIRED,
  VERIFICATION_ALREADY_REGISTERED: MESSAGES.ALREADY_REGISTERED,
  VERIFICATION_PERSON_MISMATCH: MESSAGES.PERSON_MISMATCH,
  SIGNUP_EXPIRED: MESSAGES.SIGNUP_EXPIRED,
  REDIS_UNAVAILABLE: MESSAGES.UNAVAILABLE,
  SERVICE_UNAVAILABLE: MESSAGES.UNAVAILABLE,
  RESULT_USED: MESSAGES.RESULT_USED,
  RESULT_EXPIRED: MESSAGES.RESULT_EXPIRED,
  RESULT_NOT_FOUND: MESSAGES.RESULT_NOT_FOUND,
};

/**
 * The Korean message of a failure code from our own URL (`?code=`). Only known codes have their
 * own text; anything else gets the generic one — the URL never decides what a person reads.
 */
export function kcbFailureMessage(code: unknown): { code: string; message: string } {
  if (typeof code === 'string') {
    if (Object.hasOwn(KCB_MESSAGES, code)) return { code, message: KCB_MESSAGES[code as KcbFailureCode] };
    const shared = Object.hasOwn(SHARED_FAILURES, code) ? SHARED_FAILURES[code] : undefined;
    if (shared !== undefined) return { code, message: shared };
  }
  return { code: 'INTERNAL', message: MESSAGES.INTERNAL };
}
