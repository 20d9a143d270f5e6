import { type ProviderErrorShape } from '../../error-shape.js';
import { brandedErrorPage, type PageBrand } from '../../provider-page.js';

/**
 * SSAFY Verify error codes as the sandbox answers them. One table for both sides (a shared
 * constant list is allowed: docs/sandbox.md).
 *
 * Sources: the SSAFY Verify SDK 가이드 (Vue / Nuxt 연동) names the codes the UI knows — SDK_NOT_READY, VERIFY_POPUP_FAILED,
 * VERIFY_CANCELLED, CALLBACK_ISSUER_MISMATCH, VERIFY_NETWORK_FAILED, VERIFY_RESPONSE_INVALID — and
 * says failures carry `error`, `error_code` and `request_id`. The issuer's own error table
 * (/docs/errors) is not public, so the codes the issuer itself answers below are the sandbox's own
 * choice; `error` uses the RFC 6749 vocabulary.
 */
export const SSAFY_ERROR_CODES = {
  /** The user pressed 취소 on the verification page (callback error=access_denied). */
  CANCELLED: 'VERIFY_CANCELLED',
  /** The person is not an SSAFY member (callback error=access_denied). */
  MEMBER_NOT_FOUND: 'VERIFY_MEMBER_NOT_FOUND',
  /** Missing or malformed parameter (state, PKCE, token request fields). */
  INVALID_REQUEST: 'INVALID_REQUEST',
  /** A scope that is not offered, or ssafy.verify missing (callback error=invalid_scope). */
  INVALID_SCOPE: 'INVALID_SCOPE',
  /** /verify/token: grant_type other than verification_code. */
  UNSUPPORTED_GRANT_TYPE: 'UNSUPPORTED_GRANT_TYPE',
  /** /verify/token: unknown client, wrong or missing secret of a confidential client (401). */
  INVALID_CLIENT: 'INVALID_CLIENT',
  /** /verify/token: code unknown, expired, already used, or issued to another client. */
  CODE_INVALID: 'VERIFY_CODE_INVALID',
  /** /verify/token: redirect_uri differs from the one the code was issued for. */
  REDIRECT_URI_MISMATCH: 'REDIRECT_URI_MISMATCH',
  /** /verify/token: code_verifier missing or not matching the code_challenge. */
  PKCE_FAILED: 'PKCE_VERIFICATION_FAILED',
  /** The issuer failed (5xx). */
  SERVER_ERROR: 'SERVER_ERROR',
} as const;
export type SsafyErrorCode = (typeof SSAFY_ERROR_CODES)[keyof typeof SSAFY_ERROR_CODES];

/** The error codes the guide says the platform's UI knows (produced by the SDK or the platform). */
export const SSAFY_CLIENT_ERROR_CODES = [
  'SDK_NOT_READY',
  'VERIFY_POPUP_FAILED',
  'VERIFY_CANCELLED',
  'CALLBACK_ISSUER_MISMATCH',
  'VERIFY_NETWORK_FAILED',
  'VERIFY_RESPONSE_INVALID',
] as const;

/** A /verify/token error body: `{error, error_description, error_code, request_id}`. */
export interface SsafyTokenError {
  readonly status: number;
  readonly error: string;
  readonly errorCode: SsafyErrorCode;
  readonly description: string;
}

export function tokenErrorBody(err: SsafyTokenError, requestId: string): string {
  return JSON.stringify({
    error: err.error,
    error_description: err.description,
    error_code: err.errorCode,
    request_id: requestId,
  });
}

export const ssafyTokenErrors = {
  invalidRequest: (description: string): SsafyTokenError => ({
    status: 400,
    error: 'invalid_request',
    errorCode: SSAFY_ERROR_CODES.INVALID_REQUEST,
    description,
  }),
  unsupportedGrantType: (): SsafyTokenError => ({
    status: 400,
    error: 'unsupported_grant_type',
    errorCode: SSAFY_ERROR_CODES.UNSUPPORTED_GRANT_TYPE,
    description: 'grant_type must be verification_code.',
  }),
  invalidClient: (description: string): SsafyTokenError => ({
    status: 401,
    error: 'invalid_client',
    errorCode: SSAFY_ERROR_CODES.INVALID_CLIENT,
    description,
  }),
  codeInvalid: (): SsafyTokenError => ({
    status: 400,
    error: 'invalid_grant',
    errorCode: SSAFY_ERROR_CODES.CODE_INVALID,
    description: 'verification code is invalid, expired or already used.',
  }),
  redirectUriMismatch: (): SsafyTokenError => ({
    status: 400,
    error: 'invalid_grant',
    errorCode: SSAFY_ERROR_CODES.REDIRECT_URI_MISMATCH,
    description: 'redirect_uri does not match the verification request.',
  }),
  pkceFailed: (description: string): SsafyTokenError => ({
    status: 400,
    error: 'invalid_grant',
    errorCode: SSAFY_ERROR_CODES.PKCE_FAILED,
    description,
  }),
};

/** Every claim the guide says the platform must validate; `defect:missing-claim.<name>` drops one. */
export const SSAFY_REQUIRED_CLAIMS = [
  'iss',
  'aud',
  'exp',
  'sub',
  'client_id',
  'verified',
  'auth_time',
  'amr',
  'acr',
] as const;

/** Defects of /verify/token (besides `tamper`, a signature that does not verify). */
export const SSAFY_TOKEN_DEFECTS = [
  'wrong-iss',
  'expired',
  ...SSAFY_REQUIRED_CLAIMS.map((claim) => `missing-claim.${claim}`),
] as const;

const JSON_TYPE = 'application/json; charset=utf-8';

/** /verify/token. The request id of a status fault is not known to the shape: "sandbox-fault". */
export const ssafyTokenShape: ProviderErrorShape = {
  contentType: JSON_TYPE,
  error: (status, message) =>
    JSON.stringify({
      error: status >= 500 ? 'server_error' : 'invalid_request',
      error_description: message,
      error_code: status >= 500 ? SSAFY_ERROR_CODES.SERVER_ERROR : SSAFY_ERROR_CODES.INVALID_REQUEST,
      request_id: 'sandbox-fault',
    }),
  malformed: () => '{"verification_token":"eyJ',
  tamper: true,
  defects: SSAFY_TOKEN_DEFECTS,
};

/** Plain JSON routes (JWKS). */
export const ssafyJsonShape: ProviderErrorShape = {
  contentType: JSON_TYPE,
  error: (status, message) =>
    JSON.stringify({
      error: status >= 500 ? 'server_error' : 'invalid_request',
      error_description: message,
      error_code: status >= 500 ? SSAFY_ERROR_CODES.SERVER_ERROR : SSAFY_ERROR_CODES.INVALID_REQUEST,
      request_id: 'sandbox-fault',
    }),
  malformed: () => '{"keys":[{"kty":"EC",',
};

export const SSAFY_BRAND: PageBrand = {
  name: 'SSAFY Verify',
  color: '#1f2937',
  ink: '#ffffff',
  accent: '#3396f4',
  accentInk: '#ffffff',
};

export function ssafyErrorPage(title: string, detail: string, code?: string): string {
  return brandedErrorPage(SSAFY_BRAND, { title, detail, ...(code !== undefined ? { code } : {}) });
}

/** The verification page and its decision POST; `defect:wrong-iss` names another issuer in the callback. */
export const ssafyPageShape: ProviderErrorShape = {
  contentType: 'text/html; charset=utf-8',
  error: (status, message) =>
    ssafyErrorPage(
      status >= 500 ? '일시적인 오류가 발생했습니다' : '잘못된 요청입니다',
      message,
      status >= 500 ? SSAFY_ERROR_CODES.SERVER_ERROR : undefined,
    ),
  malformed: () => '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>SSAFY',
  defects: ['wrong-iss', 'earlier-verification'],
};

/** The hosted SDK script. */
export const ssafyScriptShape: ProviderErrorShape = {
  contentType: 'text/javascript; charset=utf-8',
  error: (status, message) =>
    `throw new Error(${JSON.stringify(`SSAFY Verify SDK unavailable (${status}): ${message}`)});\n`,
  malformed: () => '(function () { window.ssafyVerify = {',
};
