/**
 * KCB client configuration, built once by {@link createKcbClient} and passed to every step
 * (no hidden globals). Base URLs always come from configuration; the constants
 * below are the documented hosts and the local sandbox defaults.
 */
import { randomBytes } from 'node:crypto';
import { checkBaseUrl } from '../internal/url.js';
import { createNodeHttpTransport, HTTP_MAX_TIMEOUT_MS, type HttpTransport } from '../internal/http.js';
import { kcbWrappingKey } from './crypto.js';
import { KcbConfigError } from './errors.js';

/** REST API base URLs (public integrations: test `tapi.ok-name.co.kr:40443`, production `api.ok-name.co.kr:20443`). */
export const KCB_API_BASE_URLS = {
  sandbox: 'http://127.0.0.1:4100/kcb/api',
  test: 'https://tapi.ok-name.co.kr:40443',
  production: 'https://api.ok-name.co.kr:20443',
} as const;

/**
 * The page the browser form is POSTed to (public integrations: `https://safe.ok-name.co.kr/CommonSvl`,
 * and for KCB's test server `https://tsafe.ok-name.co.kr:2443/CommonSvl`). `KCB_POPUP_URL` picks one.
 */
export const KCB_POPUP_URLS = {
  sandbox: 'http://127.0.0.1:4100/kcb/safe/CommonSvl',
  test: 'https://tsafe.ok-name.co.kr:2443/CommonSvl',
  production: 'https://safe.ok-name.co.kr/CommonSvl',
} as const;

/** Paths under the API base URL (public integrations). */
export const KCB_PATHS = {
  token: '/v1/oauth2/access_token',
  popupStart: '/v1/id/phone/popup-start',
  popupResult: '/v1/id/phone/popup-result',
} as const;

/** The form's `tc` (transaction command) as the public REST integration posts it. */
export const KCB_DEFAULT_TC = 'kcb.oknm.online.main.popup.cmd.P941_CertChoiceCmd';
/** OAuth scope the public REST integration requests. */
export const KCB_DEFAULT_TOKEN_SCOPE = 'ids';
/** `rqst_cause_cd`: 2 digits; "00" 회원가입 (KCB's request-cause list: 00 가입, 01 성인인증, …, 99 기타). */
export const KCB_DEFAULT_RQST_CAUSE_CD = '00';
export const KCB_DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const KCB_DEFAULT_TIMEOUT_MS = 15_000;

/**
 * How the client authenticates to the token endpoint (RFC 6749 §2.3.1). `client_secret_post`
 * (form fields, as the public integration does) is the default; `client_secret_basic` sends
 * HTTP Basic instead. Never both (RFC 6749 §2.3: one method per request).
 */
export type KcbTokenAuthMethod = 'client_secret_post' | 'client_secret_basic';

export interface KcbClientOptions {
  /** e.g. {@link KCB_API_BASE_URLS}.sandbox; https required except towards a loopback host. */
  apiBaseUrl: string;
  /** The browser form's action, e.g. {@link KCB_POPUP_URLS}.production. */
  popupUrl: string;
  /** `idcf_mbr_com_cd`: 12 characters (see KCB_ENC_KEY_WRAPPING). */
  memberCode: string;
  clientId: string;
  clientSecret: string;
  /** `site_name` sent with popup-start. */
  siteName: string;
  /** `site_url` sent with popup-start. */
  siteUrl: string;
  tc?: string;
  /** `rqst_cause_cd` sent with every popup-start (2 digits; default {@link KCB_DEFAULT_RQST_CAUSE_CD}). */
  requestCause?: string;
  tokenScope?: string;
  tokenAuthMethod?: KcbTokenAuthMethod;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  /** Named opt-in for plain http to a non-loopback host (the sandbox inside docker-compose). */
  allowInsecureHttp?: boolean;
}

export interface KcbClient {
  readonly apiBaseUrl: string;
  readonly popupUrl: string;
  readonly memberCode: string;
  readonly clientId: string;
  /** Non-enumerable. */
  readonly clientSecret: string;
  readonly siteName: string;
  readonly siteUrl: string;
  readonly tc: string;
  readonly requestCause: string;
  readonly tokenScope: string;
  readonly tokenAuthMethod: KcbTokenAuthMethod;
  readonly transport: HttpTransport;
  close(): Promise<void>;
}

function configError(field: string, message: string): KcbConfigError {
  return new KcbConfigError(`KCB client option ${field} ${message}`, { field });
}

const PRINTABLE = /^[\x20-\x7e]+$/;

function timeout(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > HTTP_MAX_TIMEOUT_MS) {
    throw configError(
      field,
      `must be an integer number of milliseconds between 1 and ${HTTP_MAX_TIMEOUT_MS}`,
    );
  }
  return value;
}

export function createKcbClient(options: KcbClientOptions): KcbClient {
  const api = checkBaseUrl(options.apiBaseUrl, { allowInsecureHttp: options.allowInsecureHttp });
  if (!api.ok) throw configError('apiBaseUrl', api.reason);
  const popup = checkBaseUrl(options.popupUrl, { allowInsecureHttp: options.allowInsecureHttp });
  if (!popup.ok) throw configError('popupUrl', popup.reason);
  kcbWrappingKey(options.memberCode); // throws KcbConfigError on a bad member code
  for (const field of ['clientId', 'clientSecret', 'siteName', 'siteUrl'] as const) {
    const value = options[field];
    if (typeof value !== 'string' || value.trim() === '') throw configError(field, 'is required');
  }
  if (!PRINTABLE.test(options.clientId)) throw configError('clientId', 'must be printable ASCII');
  const requestCause = options.requestCause ?? KCB_DEFAULT_RQST_CAUSE_CD;
  if (!/^\d{2}$/.test(requestCause)) throw configError('requestCause', 'must be 2 digits (rqst_cause_cd)');
  const tokenAuthMethod = options.tokenAuthMethod ?? 'client_secret_post';
  if (tokenAuthMethod !== 'client_secret_post' && tokenAuthMethod !== 'client_secret_basic') {
    throw configError('tokenAuthMethod', 'must be client_secret_post or client_secret_basic');
  }
  const transport = createNodeHttpTransport({
    connectTimeoutMs: timeout('connectTimeoutMs', options.connectTimeoutMs ?? KCB_DEFAULT_CONNECT_TIMEOUT_MS),
    timeoutMs: timeout('timeoutMs', options.timeoutMs ?? KCB_DEFAULT_TIMEOUT_MS),
  });
  const client = {
    apiBaseUrl: api.url,
    popupUrl: popup.url,
    memberCode: options.memberCode,
    clientId: options.clientId,
    siteName: options.siteName,
    siteUrl: options.siteUrl,
    tc: options.tc ?? KCB_DEFAULT_TC,
    requestCause,
    tokenScope: options.tokenScope ?? KCB_DEFAULT_TOKEN_SCOPE,
    tokenAuthMethod,
    transport,
    close: () => transport.close(),
  };
  Object.defineProperty(client, 'clientSecret', { value: options.clientSecret, enumerable: false });
  return Object.freeze(client) as KcbClient;
}

export function kcbUrl(client: KcbClient, path: (typeof KCB_PATHS)[keyof typeof KCB_PATHS]): URL {
  return new URL(client.apiBaseUrl + path);
}

/** `x-api-tran-id`: 32 random hex digits per request (the public integration's uuid4().hex[:32]). */
export function generateKcbApiTranId(): string {
  return randomBytes(16).toString('hex');
}
