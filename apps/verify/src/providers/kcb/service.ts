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
 *   callback  svc_tkn check → unseal the key → consume (single use) → popup-result → read the
 *             fields (encrypted or plain, charset checked; @mfv/verification/kcb) → normalise →
 *             hand-off → 303 success path ?ticket= | 303 fail path ?code=
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { seal, unseal, type Auth } from '@mfv/auth';
import {
  assertKcbCallbackToken,
  createKcbClient,
  createKcbPopupTransaction,
  createKcbTokenSource,
  KcbFieldKey,
  kcbPopupForm,
  KcbProtocolError,
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
import type { VerifyError } from '../../core/errors';
import { fromKcbError, kcbError } from './errors';
import {
  assertTransactionOwner,
  handOff,
  ownerKey,
  resolveOwner,
  type VerificationRecord,
} from '../../core/handoff';
import type { Reply, RouteContext } from '../../core/http';
import { TransactionNotFoundError, VERIFY_TX_TTL_MS, type TransactionStore } from '../../core/transactions';

export const KCB_PROVIDER = 'kcb';
/** What the field key is sealed under in Redis (@mfv/auth seal: AES-256-GCM with the site's key). */
const KEY_PURPOSE = 'verify:kcb:field-key';
/** The callback's lock outlives its provider calls (token + popup-result, each bounded). */
const LOCK_MARGIN_MS = 5_000;

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
  /** The per-transaction field key, sealed: Redis never holds it readable. Absent without `enc_key`. */
  sealedKey?: string;
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
      // No enc_key (KCB answers the results in plain text): nothing to seal.
      const sealedKey =
        started.fieldKey === undefined
          ? undefined
          : seal(
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
          ...(sealedKey !== undefined ? { sealedKey } : {}),
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
        // Everything that can fail on our side happens before anything single-use is spent.
        let fieldKey: KcbFieldKey | undefined;
        if (tx.data.sealedKey !== undefined) {
          const hex = unseal<string>(this.deps.auth.config.keys.seal, KEY_PURPOSE, tx.data.sealedKey);
          if (hex === null) throw new TransactionNotFoundError('the sealed key expired');
          fieldKey = KcbFieldKey.fromHex(hex);
        }
        // Single use, before KCB is asked: a replayed callback finds no transaction.
        if (!(await locked.consume())) throw new TransactionNotFoundError('consumed meanwhile');
        this.deps.store.clear(res);
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
