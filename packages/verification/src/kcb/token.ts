/**
 * OAuth 2.0 client-credentials token for the KCB REST API (public integrations: `/v1/oauth2/access_token`),
 * and a cache that keeps it until shortly before it expires, with one request in flight shared by
 * every concurrent caller.
 *
 * Wire (after the public REST integration): `POST <api>/v1/oauth2/access_token`,
 * `application/x-www-form-urlencoded`, header `x-api-tran-id`, fields `grant_type=client_credentials`,
 * `scope` (default `ids`), `site_cd` (= member code) and, with `client_secret_post`, `client_id` +
 * `client_secret` (with `client_secret_basic` those two go in `Authorization: Basic` instead,
 * RFC 6749 §2.3.1). Answer: `{access_token, token_type, expires_in, scope?}` (RFC 6749 §5.1);
 * refusals: `{error, error_description?}` (§5.2), or an `rsp_cd` envelope.
 */
import { z } from 'zod';
import { issueFields, readJsonObject } from '../internal/json.js';
import { generateKcbApiTranId, kcbUrl, type KcbClient } from './client.js';
import { KCB_SUCCESS_CODE } from './codes.js';
import { KcbAuthError, KcbProtocolError, KcbResponseError, sendKcb } from './errors.js';

/** Renew this long before `expires_in` runs out (clamped to half the lifetime for short tokens). */
export const KCB_TOKEN_EXPIRY_MARGIN_MS = 60_000;
/** RFC 6749 §5.1 makes `expires_in` RECOMMENDED, not required: assume this when it is absent. */
export const KCB_TOKEN_DEFAULT_TTL_SECONDS = 300;
const MAX_TOKEN_LENGTH = 8 * 1024;

export interface KcbRequestOptions {
  signal?: AbortSignal;
  /** Fixed `x-api-tran-id` (tests); default random. */
  apiTranId?: string;
}

export async function requestKcbAccessToken(
  client: KcbClient,
  options: KcbRequestOptions = {},
): Promise<Response> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    scope: client.tokenScope,
    site_cd: client.memberCode,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'x-api-tran-id': options.apiTranId ?? generateKcbApiTranId(),
  };
  if (client.tokenAuthMethod === 'client_secret_basic') {
    // RFC 6749 §2.3.1: both parts form-urlencoded before base64.
    const user = encodeURIComponent(client.clientId).replace(/%20/g, '+');
    const pass = encodeURIComponent(client.clientSecret).replace(/%20/g, '+');
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  } else {
    form.set('client_id', client.clientId);
    form.set('client_secret', client.clientSecret);
  }
  return sendKcb('token', () =>
    client.transport.send({
      url: kcbUrl(client, '/v1/oauth2/access_token'),
      method: 'POST',
      headers,
      body: Buffer.from(form.toString(), 'utf8'),
      signal: options.signal,
    }),
  );
}

export interface KcbAccessToken {
  accessToken: string;
  /** Seconds, as sent (or {@link KCB_TOKEN_DEFAULT_TTL_SECONDS}). */
  expiresIn: number;
  scope?: string;
}

const seconds = z.union([
  z
    .number()
    .int()
    .positive()
    .max(366 * 86_400),
  z
    .string()
    .regex(/^\d{1,8}$/)
    .transform(Number)
    .pipe(z.number().int().positive()),
]);

const tokenResponse = z.object({
  access_token: z
    .string()
    .min(1)
    .max(MAX_TOKEN_LENGTH)
    .regex(/^[\x21-\x7e]+$/),
  token_type: z
    .string()
    .refine((t) => t.toLowerCase() === 'bearer', { message: 'must be bearer' })
    .optional(),
  expires_in: seconds.optional(),
  scope: z.string().optional(),
});

export async function processKcbAccessTokenResponse(response: Response): Promise<KcbAccessToken> {
  const body = await readJsonObject(response);
  if (body !== undefined && typeof body.error === 'string' && body.error !== '') {
    throw new KcbAuthError(body.error, { step: 'token', status: response.status });
  }
  if (body !== undefined && typeof body.rsp_cd === 'string' && body.rsp_cd !== KCB_SUCCESS_CODE) {
    throw new KcbResponseError(
      'token',
      body.rsp_cd,
      typeof body.rsp_msg === 'string' ? body.rsp_msg : undefined,
    );
  }
  if (response.status !== 200) {
    throw new KcbProtocolError('KCB_UNEXPECTED_STATUS', `KCB token answered HTTP ${response.status}`, {
      step: 'token',
      status: response.status,
    });
  }
  if (body === undefined) {
    throw new KcbProtocolError('KCB_INVALID_JSON', 'KCB token response is not a JSON object', {
      step: 'token',
    });
  }
  const parsed = tokenResponse.safeParse(body);
  if (!parsed.success) {
    const fields = issueFields(parsed.error.issues);
    throw new KcbProtocolError(
      'KCB_INVALID_RESPONSE',
      `KCB token response is missing or has invalid: ${fields.join(', ')}`,
      {
        step: 'token',
        fields,
      },
    );
  }
  const result: KcbAccessToken = {
    accessToken: parsed.data.access_token,
    expiresIn: parsed.data.expires_in ?? KCB_TOKEN_DEFAULT_TTL_SECONDS,
  };
  if (parsed.data.scope !== undefined) result.scope = parsed.data.scope;
  return result;
}

export interface KcbTokenSource {
  /** A valid access token: the cached one, or one fetched now (shared by concurrent callers). */
  get(options?: { signal?: AbortSignal }): Promise<string>;
  /** Forget the cached token, e.g. after the API answered 401 (KCB_UNAUTHORIZED). */
  invalidate(): void;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Caches the client-credentials token until `expires_in` minus {@link KCB_TOKEN_EXPIRY_MARGIN_MS}
 * (at most half the lifetime). Concurrent callers share one request; a failed request is not
 * cached. A caller's AbortSignal ends only that caller's wait, never the shared request (which is
 * bounded by the client's timeout).
 */
export function createKcbTokenSource(
  client: KcbClient,
  options: { now?: () => number; marginMs?: number } = {},
): KcbTokenSource {
  const now = options.now ?? Date.now;
  const margin = options.marginMs ?? KCB_TOKEN_EXPIRY_MARGIN_MS;
  let cached: { token: string; renewAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  let generation = 0;

  const fetchToken = (): Promise<string> => {
    const started = generation;
    const requestedAt = now();
    return (async () => {
      const token = await processKcbAccessTokenResponse(await requestKcbAccessToken(client));
      const lifetimeMs = token.expiresIn * 1000;
      if (started === generation) {
        cached = {
          token: token.accessToken,
          renewAt: requestedAt + lifetimeMs - Math.min(margin, lifetimeMs / 2),
        };
      }
      return token.accessToken;
    })();
  };

  return {
    get(getOptions = {}) {
      if (cached !== undefined && now() < cached.renewAt) return Promise.resolve(cached.token);
      if (inflight === undefined) {
        inflight = fetchToken().finally(() => {
          inflight = undefined;
        });
      }
      return raceAbort(inflight, getOptions.signal);
    },
    invalidate() {
      cached = undefined;
      generation += 1;
    },
  };
}
