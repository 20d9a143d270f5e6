import { type ProviderErrorShape } from '../../error-shape.js';
import { brandedErrorPage, type PageBrand } from '../../provider-page.js';

/**
 * Toss's API envelope (developers-apps-in-toss.toss.im › API 공통 응답):
 * success `{"resultType":"SUCCESS","success":{…}}`, failure
 * `{"resultType":"FAIL","error":{"errorCode":"…","reason":"…"}}`.
 *
 * Error codes: `INVALID_PARAMETER` is the one Toss's own example shows; `invalid_grant` for a reused
 * or expired authorization code is the one public Toss login integrations handle. The others are the sandbox's own
 * choice: Toss does not publish a code table for the login API. HTTP statuses follow the API
 * reference (generate-token/refresh-token answer 200 or 400; login-me 200 or 401).
 */
export const TOSS_ERROR_CODES = {
  INVALID_PARAMETER: 'INVALID_PARAMETER',
  /** Authorization code or refresh token unknown, expired, already used, or referrer mismatch. */
  INVALID_GRANT: 'invalid_grant',
  /** login-me: missing, unknown or expired access token (HTTP 401). */
  INVALID_TOKEN: 'invalid_token',
  /** Toss-side failure (5xx). */
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type TossErrorCode = (typeof TOSS_ERROR_CODES)[keyof typeof TOSS_ERROR_CODES];

export function tossFail(errorCode: string, reason: string): string {
  return JSON.stringify({ resultType: 'FAIL', error: { errorCode, reason } });
}

export function tossSuccess(success: unknown): string {
  return JSON.stringify({ resultType: 'SUCCESS', success });
}

const JSON_TYPE = 'application/json;charset=UTF-8';

/** generate-token and refresh-token. */
export const tossApiShape: ProviderErrorShape = {
  contentType: JSON_TYPE,
  error: (status, message) =>
    tossFail(
      status >= 500
        ? TOSS_ERROR_CODES.INTERNAL_ERROR
        : status === 401
          ? TOSS_ERROR_CODES.INVALID_TOKEN
          : TOSS_ERROR_CODES.INVALID_PARAMETER,
      message,
    ),
  malformed: () => '{"resultType":"SUCCESS","success":{"accessToken":"',
};

/** login-me: `tamper` seals every field with a broken GCM tag. */
export const tossLoginMeShape: ProviderErrorShape = { ...tossApiShape, tamper: true };

export const TOSS_BRAND: PageBrand = {
  name: '토스 로그인',
  color: '#3182f6',
  ink: '#ffffff',
  accent: '#3182f6',
  accentInk: '#ffffff',
};

export function tossErrorPage(title: string, detail: string): string {
  return brandedErrorPage(TOSS_BRAND, { title, detail });
}

/** The appLogin page (the Toss app's login sheet, played by the sandbox in a browser). */
export const tossPageShape: ProviderErrorShape = {
  contentType: 'text/html; charset=utf-8',
  error: (status, message) =>
    tossErrorPage(status >= 500 ? '일시적인 오류가 발생했습니다' : '잘못된 요청입니다', message),
  malformed: () => '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>토스',
};

/** The sandbox's own admin endpoint (unlink trigger): plain JSON. */
export const tossAdminShape: ProviderErrorShape = {
  contentType: 'application/json; charset=utf-8',
  error: (status, message) =>
    JSON.stringify({ error: status >= 500 ? 'internal_error' : 'bad_request', message }),
  malformed: () => '{"delivered":',
};
