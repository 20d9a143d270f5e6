/**
 * `@mfv/verification/ssafy/browser`: pure helpers for the SSAFY Verify UI (its integration guide). Safe in a
 * browser bundle: no `node:` imports, no secrets, only WebCrypto (`globalThis.crypto`) and `btoa`.
 *
 * - the UI error codes and their Korean messages (the guide's `SDK_NOT_READY …` list);
 * - PKCE pair (RFC 7636, S256) and `state` generation;
 * - issuer comparison (RFC 9207 §2.4: simple string comparison, no normalisation);
 * - {@link interpretSsafyCallback}: turns the SDK's `verify()` result into "exchange this code"
 *   or "show this error", with the same rules as the guide's composable.
 */

/** Error codes the UI knows (SSAFY Verify guide, `useSsafyVerify`). */
export const SSAFY_UI_ERROR_CODES = [
  'SDK_NOT_READY',
  'VERIFY_POPUP_FAILED',
  'VERIFY_CANCELLED',
  'CALLBACK_ISSUER_MISMATCH',
  'VERIFY_NETWORK_FAILED',
  'VERIFY_RESPONSE_INVALID',
] as const;
export type SsafyUiErrorCode = (typeof SSAFY_UI_ERROR_CODES)[number];

export const SSAFY_UI_ERROR_MESSAGES: Readonly<Record<SsafyUiErrorCode, string>> = {
  SDK_NOT_READY: 'SSAFY 인증 모듈을 불러오지 못했어요. 페이지를 새로고침한 뒤 다시 시도해 주세요.',
  VERIFY_POPUP_FAILED: 'SSAFY 인증 창을 열지 못했어요. 팝업 차단을 해제한 뒤 다시 시도해 주세요.',
  VERIFY_CANCELLED: 'SSAFY 인증이 취소됐어요. 다시 시도해 주세요.',
  CALLBACK_ISSUER_MISMATCH: 'SSAFY 인증 응답을 확인할 수 없어요. 처음부터 다시 시도해 주세요.',
  VERIFY_NETWORK_FAILED: '네트워크 문제로 SSAFY 인증을 완료하지 못했어요. 잠시 후 다시 시도해 주세요.',
  VERIFY_RESPONSE_INVALID: 'SSAFY 인증 결과가 올바르지 않아요. 처음부터 다시 시도해 주세요.',
};

/** For a code the UI does not know (e.g. a new SDK `error_code`). */
export const SSAFY_UI_GENERIC_ERROR_MESSAGE = 'SSAFY 인증에 실패했어요. 잠시 후 다시 시도해 주세요.';

export function isSsafyUiErrorCode(value: unknown): value is SsafyUiErrorCode {
  return typeof value === 'string' && (SSAFY_UI_ERROR_CODES as readonly string[]).includes(value);
}

export function ssafyUiErrorMessage(code: string): string {
  return isSsafyUiErrorCode(code) ? SSAFY_UI_ERROR_MESSAGES[code] : SSAFY_UI_GENERIC_ERROR_MESSAGE;
}

/** RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. 32 random bytes → 43 base64url. */
export const PKCE_VERIFIER_BYTES = 32;
export const PKCE_VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
export const STATE_BYTES = 32;

/** The WebCrypto surface used here (typed locally: no DOM lib in this package). */
interface WebCryptoLike {
  getRandomValues<T extends Uint8Array>(array: T): T;
  subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> };
}

function webCrypto(): WebCryptoLike {
  const c = (globalThis as { crypto?: WebCryptoLike }).crypto;
  if (c === undefined || typeof c.getRandomValues !== 'function' || c.subtle === undefined) {
    throw new Error('WebCrypto (globalThis.crypto) is not available');
  }
  return c;
}

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomBase64Url(bytes: number): string {
  return base64UrlEncode(webCrypto().getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636 §4.2: code_challenge = BASE64URL(SHA256(ASCII(code_verifier))). */
export async function pkceChallenge(codeVerifier: string): Promise<string> {
  if (!PKCE_VERIFIER_PATTERN.test(codeVerifier)) throw new Error('invalid PKCE code_verifier');
  const digest = await webCrypto().subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier));
  return base64UrlEncode(new Uint8Array(digest));
}

export interface PkcePair {
  codeVerifier: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256';
}

export async function createPkcePair(): Promise<PkcePair> {
  const codeVerifier = randomBase64Url(PKCE_VERIFIER_BYTES);
  return { codeVerifier, codeChallenge: await pkceChallenge(codeVerifier), codeChallengeMethod: 'S256' };
}

/** An unguessable `state` (256 bits, base64url). */
export function createState(): string {
  return randomBase64Url(STATE_BYTES);
}

/**
 * RFC 9207 §2.4: the `iss` in the callback is compared with the expected issuer by simple string
 * comparison — no trailing-slash, case or default-port normalisation.
 */
export function isExpectedIssuer(received: unknown, expected: string): boolean {
  return typeof received === 'string' && received.length > 0 && received === expected;
}

/** What `window.ssafyVerify.verify()` resolves to (SSAFY Verify guide). */
export interface SsafySdkCallback {
  code: string | null;
  error: string | null;
  iss: string | null;
  error_code: string | null;
  request_id: string | null;
  codeVerifier: string;
}

export type SsafyCallbackOutcome =
  | { ok: true; code: string; codeVerifier: string; iss: string; requestId: string | null }
  | { ok: false; errorCode: string; requestId: string | null };

const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

function requestIdOf(value: unknown): string | null {
  const id = (value as { request_id?: unknown } | null)?.request_id;
  return typeof id === 'string' && REQUEST_ID.test(id) ? id : null;
}

/**
 * The guide's rules, in order: no SDK → SDK_NOT_READY (pass `undefined` for "no SDK");
 * a rejected/empty `verify()` → VERIFY_POPUP_FAILED; `error` or no `code` → the SDK's
 * `error_code` (when it looks like one) or VERIFY_CANCELLED; `iss` ≠ expected →
 * CALLBACK_ISSUER_MISMATCH; no usable `codeVerifier` → VERIFY_RESPONSE_INVALID.
 * Only `request_id` is carried into failures (never a code or verifier).
 */
export function interpretSsafyCallback(
  callback: SsafySdkCallback | null | undefined,
  expectedIssuer: string,
  sdkPresent = true,
): SsafyCallbackOutcome {
  if (!sdkPresent) return { ok: false, errorCode: 'SDK_NOT_READY', requestId: null };
  if (callback === null || callback === undefined || typeof callback !== 'object') {
    return { ok: false, errorCode: 'VERIFY_POPUP_FAILED', requestId: null };
  }
  const requestId = requestIdOf(callback);
  if (callback.error || typeof callback.code !== 'string' || callback.code === '') {
    const sdkCode =
      typeof callback.error_code === 'string' && ERROR_CODE.test(callback.error_code)
        ? callback.error_code
        : null;
    return { ok: false, errorCode: sdkCode ?? 'VERIFY_CANCELLED', requestId };
  }
  if (!isExpectedIssuer(callback.iss, expectedIssuer)) {
    return { ok: false, errorCode: 'CALLBACK_ISSUER_MISMATCH', requestId };
  }
  if (typeof callback.codeVerifier !== 'string' || !PKCE_VERIFIER_PATTERN.test(callback.codeVerifier)) {
    return { ok: false, errorCode: 'VERIFY_RESPONSE_INVALID', requestId };
  }
  return {
    ok: true,
    code: callback.code,
    codeVerifier: callback.codeVerifier,
    iss: expectedIssuer,
    requestId,
  };
}
