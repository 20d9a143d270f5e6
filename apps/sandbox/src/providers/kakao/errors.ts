import { type ProviderErrorShape } from '../../error-shape.js';
import { html, layout } from '../../html.js';

/**
 * Kakao's error codes as the sandbox answers them. One table, so the client side and this side
 * can be checked against it (a shared constant list is allowed: docs/sandbox.md,
 * "Independence from the platform's clients").
 *
 * Sources: developers.kakao.com › 카카오 로그인 › 문제 해결 (KOE001–KOE201 on the authorize page;
 * KOE320 "동일한 인가 코드를 두 번 이상 사용하거나, 이미 만료된 인가 코드를 사용한 경우, 혹은 인가 코드를
 * 찾을 수 없는 경우", KOE303 redirect_uri differs between authorize and token, KOE010 client secret
 * missing or wrong, KOE319 refresh token missing, KOE322 refresh token not found or expired).
 * The exact `error_description` strings and the HTTP statuses come from responses recorded in
 * public third-party integrations ("authorization code not found for code=…", "Redirect URI
 * mismatch.", 401 "Bad client credentials", 401 "Not exist client_id [...]").
 *
 * Not found in Kakao's public documents, decided here: a failed PKCE check answers
 * invalid_grant (RFC 7636 §4.6) with KOE320, the code for an authorization code that cannot be
 * used; an unsupported or missing grant_type and other malformed token requests answer
 * KOE001 ("잘못된 형식의 요청").
 */
export const KOE = {
  BAD_REQUEST: 'KOE001',
  TEMPORARY_ERROR: 'KOE003',
  UNREGISTERED_REDIRECT_URI: 'KOE006',
  BAD_CLIENT_SECRET: 'KOE010',
  INVALID_APP_KEY: 'KOE101',
  UNSUPPORTED_RESPONSE_TYPE: 'KOE201',
  INVALID_SCOPE: 'KOE205',
  REDIRECT_URI_MISMATCH: 'KOE303',
  REFRESH_TOKEN_MISSING: 'KOE319',
  AUTHORIZATION_CODE_NOT_FOUND: 'KOE320',
  REFRESH_TOKEN_INVALID: 'KOE322',
} as const;

export type KoeCode = (typeof KOE)[keyof typeof KOE];

/** An error of kauth.kakao.com's token endpoint: `{error, error_description, error_code}`. */
export interface KauthError {
  readonly status: number;
  readonly error: string;
  readonly errorCode: KoeCode;
  readonly description: string;
}

/** Echoed values are cut short: an error body should not mirror an arbitrarily long input. */
function echo(value: string): string {
  return value.length > 128 ? `${value.slice(0, 128)}…` : value;
}

export const kauthErrors = {
  invalidRequest: (description: string): KauthError => ({
    status: 400,
    error: 'invalid_request',
    errorCode: KOE.BAD_REQUEST,
    description,
  }),
  unsupportedGrantType: (grantType: string): KauthError => ({
    status: 400,
    error: 'unsupported_grant_type',
    errorCode: KOE.BAD_REQUEST,
    description: `unsupported grant_type: ${echo(grantType)}`,
  }),
  unknownClient: (clientId: string): KauthError => ({
    status: 401,
    error: 'invalid_client',
    errorCode: KOE.INVALID_APP_KEY,
    description: `Not exist client_id [${echo(clientId)}]`,
  }),
  badClientSecret: (): KauthError => ({
    status: 401,
    error: 'invalid_client',
    errorCode: KOE.BAD_CLIENT_SECRET,
    description: 'Bad client credentials',
  }),
  codeNotFound: (code: string): KauthError => ({
    status: 400,
    error: 'invalid_grant',
    errorCode: KOE.AUTHORIZATION_CODE_NOT_FOUND,
    description: `authorization code not found for code=${echo(code)}`,
  }),
  redirectUriMismatch: (): KauthError => ({
    status: 400,
    error: 'invalid_grant',
    errorCode: KOE.REDIRECT_URI_MISMATCH,
    description: 'Redirect URI mismatch.',
  }),
  pkceFailed: (description: string): KauthError => ({
    status: 400,
    error: 'invalid_grant',
    errorCode: KOE.AUTHORIZATION_CODE_NOT_FOUND,
    description,
  }),
  refreshTokenMissing: (): KauthError => ({
    status: 400,
    error: 'invalid_request',
    errorCode: KOE.REFRESH_TOKEN_MISSING,
    description: 'refresh_token is required.',
  }),
  refreshTokenInvalid: (): KauthError => ({
    status: 400,
    error: 'invalid_grant',
    errorCode: KOE.REFRESH_TOKEN_INVALID,
    description: 'expired_or_invalid_refresh_token',
  }),
};

export function kauthErrorBody(err: KauthError): string {
  return JSON.stringify({ error: err.error, error_description: err.description, error_code: err.errorCode });
}

/** kauth.kakao.com's token endpoint: JSON OAuth errors with a KOE code. */
export const kauthJsonShape: ProviderErrorShape = {
  contentType: 'application/json;charset=UTF-8',
  error: (status, message) =>
    kauthErrorBody({
      status,
      error: status >= 500 ? 'server_error' : 'invalid_request',
      errorCode: status >= 500 ? KOE.TEMPORARY_ERROR : KOE.BAD_REQUEST,
      description: message,
    }),
  malformed: () => '{"token_type":"bearer","access_token":"',
};

/**
 * kapi.kakao.com's common error codes (developers.kakao.com › REST API › 공통 에러 코드):
 * -1 internal error (500), -2 bad parameter (400), -3 API not enabled (403), -7 service under
 * maintenance (503), -10 quota exceeded (429), -401 invalid app key or access token (401).
 */
export function kapiCodeFor(status: number): number {
  if (status === 401) return -401;
  if (status === 403) return -3;
  if (status === 429) return -10;
  if (status === 503) return -7;
  if (status >= 500) return -1;
  return -2;
}

export const KAPI_MESSAGES = {
  /** No `Authorization: Bearer …` header at all. */
  noAuthenticationKey: 'no authentication key!',
  /** Unknown, revoked or expired access token. */
  tokenDoesNotExist: 'this access token does not exist',
  /** The token lacks a scope the API needs (code -402); for /v1/oidc/userinfo, `openid`. */
  insufficientScope: 'insufficient scopes.',
} as const;

/** kapi.kakao.com: `{msg, code}` with a negative code. */
export const kapiJsonShape: ProviderErrorShape = {
  contentType: 'application/json;charset=UTF-8',
  error: (status, message) => JSON.stringify({ msg: message, code: kapiCodeFor(status) }),
  malformed: () => '{"id":4100000000,"connected_at":',
};

export interface KakaoErrorPage {
  readonly status: number;
  /** The KOE code Kakao shows on its error page, when there is one. */
  readonly code?: KoeCode;
  readonly title: string;
  readonly detail: string;
}

export function renderErrorPage(page: KakaoErrorPage): string {
  return layout(
    `${page.title}${page.code ? ` (${page.code})` : ''}`,
    html`<div class="error">
      <h1>${page.title}</h1>
      ${page.code ? html`<p>에러 코드: <span class="code" data-error-code="${page.code}">${page.code}</span></p>` : ''}
      <p>${page.detail}</p>
      <p class="muted">이 화면은 서비스로 돌아가지 않습니다. 요청을 보낸 서비스의 설정을 확인하세요.</p>
    </div>`,
  );
}

/** The browser-facing pages (authorize, consent): errors render as Kakao-style error pages. */
export const kauthPageShape: ProviderErrorShape = {
  contentType: 'text/html; charset=utf-8',
  error: (status, message) =>
    renderErrorPage({
      status,
      ...(status >= 500 ? { code: KOE.TEMPORARY_ERROR } : {}),
      title: status >= 500 ? '일시적인 오류가 발생했습니다' : '잘못된 요청입니다',
      detail: message,
    }),
  malformed: () => '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>카카오',
};
