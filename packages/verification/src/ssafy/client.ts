/**
 * SSAFY Verify server configuration (SSAFY Verify guide "준비물"): issuer, client_id, client_secret only for
 * confidential clients, the exactly registered redirect_uri, scopes, and the PINNED signing
 * algorithm of `verification_token`.
 */
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import { createNodeHttpTransport, HTTP_MAX_TIMEOUT_MS, type HttpTransport } from '../internal/http.js';
import { checkBaseUrl } from '../internal/url.js';
import { SsafyConfigError } from './errors.js';

/** Canonical issuer (SSAFY Verify guide); the sandbox default is `http://127.0.0.1:4100/ssafy`. */
export const SSAFY_ISSUERS = {
  sandbox: 'http://127.0.0.1:4100/ssafy',
  production: 'https://verify.myknow.xyz',
} as const;

/** The SSAFY Verify guide's scopes. `ssafy.verify` is always sent; `ssafy.mattermost_id` only when configured. */
export const SSAFY_SCOPE_VERIFY = 'ssafy.verify';
export const SSAFY_SCOPE_MATTERMOST_ID = 'ssafy.mattermost_id';
export const SSAFY_KNOWN_SCOPES = [
  SSAFY_SCOPE_VERIFY,
  'ssafy.affiliation',
  'ssafy.name',
  'ssafy.profile_image',
  SSAFY_SCOPE_MATTERMOST_ID,
] as const;
export type SsafyScope = (typeof SSAFY_KNOWN_SCOPES)[number];

/**
 * Algorithms `verification_token` may be configured to use. Exactly one is accepted at run time
 * (the configured one); `none`, HS* and everything else are refused by construction.
 */
export const SSAFY_ALLOWED_ALGORITHMS = ['ES256', 'RS256'] as const;
export type SsafyAlgorithm = (typeof SSAFY_ALLOWED_ALGORITHMS)[number];
export const SSAFY_DEFAULT_ALGORITHM: SsafyAlgorithm = 'ES256';

/** Default JWKS location under the issuer (override with `jwksUri`). */
export const SSAFY_DEFAULT_JWKS_PATH = '/.well-known/jwks.json';
export const SSAFY_TOKEN_PATH = '/verify/token';
export const SSAFY_DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const SSAFY_DEFAULT_TIMEOUT_MS = 10_000;
/** JWKS: refetch at most every 10 minutes, at least 30 s apart when an unknown kid appears. */
export const SSAFY_JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
export const SSAFY_JWKS_COOLDOWN_MS = 30_000;
/** Accepted clock difference for exp / nbf / auth_time. */
export const SSAFY_CLOCK_TOLERANCE_SECONDS = 30;
/** `auth_time` must be at most this old when we validate (the exchange follows the popup). */
export const SSAFY_DEFAULT_MAX_AUTH_AGE_SECONDS = 10 * 60;

export interface SsafyClientOptions {
  issuer: string;
  clientId: string;
  /** Only for confidential clients; only ever from server env (SSAFY Verify guide "client secret 금지"). */
  clientSecret?: string | undefined;
  redirectUri: string;
  /** Extra scopes; `ssafy.verify` is added when missing. */
  scopes?: readonly string[];
  algorithm?: SsafyAlgorithm;
  jwksUri?: string | undefined;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  maxAuthAgeSeconds?: number;
  /** Named opt-in for plain http to a non-loopback issuer (the sandbox inside docker-compose). */
  allowInsecureHttp?: boolean;
}

export interface SsafyClient {
  readonly issuer: string;
  readonly clientId: string;
  /** Non-enumerable; undefined for public clients. */
  readonly clientSecret: string | undefined;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly algorithm: SsafyAlgorithm;
  readonly jwksUri: string;
  readonly maxAuthAgeSeconds: number;
  readonly mattermostIdRequested: boolean;
  readonly transport: HttpTransport;
  /** Cached remote JWKS (jose), fetched through {@link transport}. */
  readonly keys: JWTVerifyGetKey;
  close(): Promise<void>;
}

function configError(field: string, message: string): SsafyConfigError {
  return new SsafyConfigError('SSAFY_CONFIG_INVALID', `SSAFY client option ${field} ${message}`, { field });
}

function timeout(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > HTTP_MAX_TIMEOUT_MS) {
    throw configError(
      field,
      `must be an integer number of milliseconds between 1 and ${HTTP_MAX_TIMEOUT_MS}`,
    );
  }
  return value;
}

export function createSsafyClient(options: SsafyClientOptions): SsafyClient {
  const issuer = checkBaseUrl(options.issuer, { allowInsecureHttp: options.allowInsecureHttp });
  if (!issuer.ok) throw configError('issuer', issuer.reason);
  if (issuer.url !== options.issuer) {
    // The issuer is compared verbatim with `iss` (RFC 9207 §2.4): configure it exactly.
    throw configError(
      'issuer',
      'must be written exactly as the issuer identifies itself (no trailing slash)',
    );
  }
  if (typeof options.clientId !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(options.clientId)) {
    throw configError('clientId', 'must be printable ASCII');
  }
  if (options.clientSecret !== undefined && options.clientSecret.trim() === '') {
    throw configError('clientSecret', 'must be omitted for public clients, not empty');
  }
  let redirect: URL;
  try {
    redirect = new URL(options.redirectUri);
  } catch {
    throw configError('redirectUri', 'must be an absolute URL');
  }
  if (redirect.hash !== '') throw configError('redirectUri', 'must not contain a fragment (RFC 6749 §3.1.2)');
  const algorithm = options.algorithm ?? SSAFY_DEFAULT_ALGORITHM;
  if (!(SSAFY_ALLOWED_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw configError('algorithm', `must be one of ${SSAFY_ALLOWED_ALGORITHMS.join(', ')}`);
  }
  const scopes = [SSAFY_SCOPE_VERIFY];
  for (const scope of options.scopes ?? []) {
    if (!(SSAFY_KNOWN_SCOPES as readonly string[]).includes(scope))
      throw configError('scopes', `has unknown scope ${scope}`);
    if (!scopes.includes(scope)) scopes.push(scope);
  }
  const jwks = checkBaseUrl(options.jwksUri ?? issuer.url + SSAFY_DEFAULT_JWKS_PATH, {
    allowInsecureHttp: options.allowInsecureHttp,
  });
  if (!jwks.ok) throw configError('jwksUri', jwks.reason);
  const maxAuthAgeSeconds = options.maxAuthAgeSeconds ?? SSAFY_DEFAULT_MAX_AUTH_AGE_SECONDS;
  if (!Number.isInteger(maxAuthAgeSeconds) || maxAuthAgeSeconds < 1) {
    throw configError('maxAuthAgeSeconds', 'must be a positive integer');
  }
  const transport = createNodeHttpTransport({
    connectTimeoutMs: timeout(
      'connectTimeoutMs',
      options.connectTimeoutMs ?? SSAFY_DEFAULT_CONNECT_TIMEOUT_MS,
    ),
    timeoutMs: timeout('timeoutMs', options.timeoutMs ?? SSAFY_DEFAULT_TIMEOUT_MS),
  });
  const keys = createRemoteJWKSet(new URL(jwks.url), {
    timeoutDuration: transport.limits.timeoutMs,
    cooldownDuration: SSAFY_JWKS_COOLDOWN_MS,
    cacheMaxAge: SSAFY_JWKS_CACHE_MAX_AGE_MS,
    // Through our transport: TLS ≥ 1.2, connect timeout, response-size cap, no redirects.
    [customFetch]: (url: string, init: { signal?: AbortSignal }) =>
      transport.send({
        url: new URL(url),
        method: 'GET',
        headers: { accept: 'application/json' },
        signal: init.signal,
      }),
  });
  const client = {
    issuer: issuer.url,
    clientId: options.clientId,
    redirectUri: options.redirectUri,
    scopes: Object.freeze(scopes),
    algorithm,
    jwksUri: jwks.url,
    maxAuthAgeSeconds,
    mattermostIdRequested: scopes.includes(SSAFY_SCOPE_MATTERMOST_ID),
    transport,
    keys,
    close: () => transport.close(),
  };
  Object.defineProperty(client, 'clientSecret', { value: options.clientSecret, enumerable: false });
  return Object.freeze(client) as unknown as SsafyClient;
}
