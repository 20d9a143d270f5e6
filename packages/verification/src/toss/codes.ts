/**
 * Toss (apps-in-toss) error codes and every Korean message the Toss client shows, in one module.
 * Plain data: the sandbox may import it.
 *
 * Documented by Toss (developers-apps-in-toss.toss.im, API reference, "API 공통 응답"):
 * - success `{"resultType":"SUCCESS","success":{…}}`;
 * - failure `{"resultType":"FAIL","error":{"errorCode":"INVALID_PARAMETER","reason":"요청에 실패했습니다."}}`;
 * - `resultType` is one of SUCCESS, HTTP_TIMEOUT, NETWORK_ERROR, EXECUTION_FAIL, INTERRUPTED,
 *   INTERNAL_ERROR, FAIL;
 * - the token endpoints answer `invalid_grant` for a reused or expired authorization code or
 *   refresh token (apps-in-toss login guide) — OAuth style `{"error":"invalid_grant"}` or as an
 *   `errorCode`; both are read.
 */

/** `resultType` values (API reference, every response schema). */
export const TOSS_RESULT_TYPES = [
  'SUCCESS',
  'HTTP_TIMEOUT',
  'NETWORK_ERROR',
  'EXECUTION_FAIL',
  'INTERRUPTED',
  'INTERNAL_ERROR',
  'FAIL',
] as const;
export type TossResultType = (typeof TOSS_RESULT_TYPES)[number];

export const TOSS_INVALID_GRANT = 'invalid_grant';

export interface TossErrorCodeEntry {
  readonly code: string;
  readonly description: string;
  /** Korean, for the person. */
  readonly userMessage: string;
  readonly known: boolean;
}

const RETRY_LATER = '토스 서버와 통신하지 못했어요. 잠시 후 다시 시도해 주세요.';
const FAILED = '토스 로그인 처리 중 문제가 생겼어요. 잠시 후 다시 시도해 주세요.';

const TABLE: readonly Omit<TossErrorCodeEntry, 'known'>[] = [
  {
    code: TOSS_INVALID_GRANT,
    description: 'authorization code or refresh token reused, expired or unknown',
    userMessage: '로그인 정보가 만료되었거나 이미 사용되었어요. 토스 로그인을 다시 진행해 주세요.',
  },
  {
    code: 'INVALID_PARAMETER',
    description: 'the request parameters were refused',
    userMessage: '요청 정보가 올바르지 않아요. 처음부터 다시 시도해 주세요.',
  },
  { code: 'HTTP_TIMEOUT', description: 'Toss timed out upstream', userMessage: RETRY_LATER },
  { code: 'NETWORK_ERROR', description: 'Toss had a network error upstream', userMessage: RETRY_LATER },
  { code: 'EXECUTION_FAIL', description: 'Toss could not execute the request', userMessage: FAILED },
  { code: 'INTERRUPTED', description: 'Toss interrupted the request', userMessage: RETRY_LATER },
  { code: 'INTERNAL_ERROR', description: 'Toss internal error', userMessage: FAILED },
  { code: 'FAIL', description: 'generic failure', userMessage: FAILED },
];

export function lookupTossErrorCode(code: string): TossErrorCodeEntry {
  const row = TABLE.find((r) => r.code === code);
  return row === undefined
    ? { code, description: 'code not in the Toss table of this client', userMessage: FAILED, known: false }
    : { ...row, known: true };
}

/** Messages for the client's own error codes (transport, protocol, crypto, configuration). */
export const TOSS_CLIENT_ERROR_MESSAGES = {
  TOSS_CONFIG_INVALID: '토스 로그인 설정에 문제가 있어요. 고객센터로 문의해 주세요.',
  TOSS_INVALID_ARGUMENT: '요청 정보가 올바르지 않아요. 처음부터 다시 시도해 주세요.',
  TOSS_CONNECT_TIMEOUT: RETRY_LATER,
  TOSS_TIMEOUT: RETRY_LATER,
  TOSS_ABORTED: '요청이 취소되었어요.',
  TOSS_NETWORK: RETRY_LATER,
  TOSS_RESPONSE_TOO_LARGE: FAILED,
  TOSS_UNEXPECTED_STATUS: FAILED,
  TOSS_UNAUTHORIZED: '토스 로그인이 만료되었어요. 토스 로그인을 다시 진행해 주세요.',
  TOSS_INVALID_JSON: FAILED,
  TOSS_INVALID_RESPONSE: FAILED,
  TOSS_MISSING_CONSENT_FIELD: '필요한 정보 제공 동의가 없어요. 토스 로그인에서 정보 제공에 동의해 주세요.',
  TOSS_MALFORMED_CIPHERTEXT: FAILED,
  TOSS_DECRYPT_FAILED: FAILED,
  TOSS_BAD_TEXT_ENCODING: FAILED,
  TOSS_API_ERROR: FAILED,
} as const;
export type TossClientErrorCode = keyof typeof TOSS_CLIENT_ERROR_MESSAGES;
