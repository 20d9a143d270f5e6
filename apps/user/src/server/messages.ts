/**
 * Login outcomes the pages can show, by code. Pages only ever render these strings, never text
 * taken from the URL. A cancelled login (Kakao `error=access_denied`; Toss appLogin() rejected as
 * cancelled) is not here: it goes back to the login page without a message (./login-cancel.ts, and
 * the login page itself for Toss).
 */
export const LOGIN_MESSAGES = {
  /** The Toss client (mTLS credentials, secrets) cannot be used right now: an operator must act. */
  TOSS_UNAVAILABLE: '지금은 토스로 로그인할 수 없어요. 잠시 후 다시 시도하거나 카카오로 로그인해 주세요.',
  /** login-me's fields did not decrypt (wrong key or AAD, or a broken GCM tag): never partial data. */
  TOSS_DATA_INVALID:
    '토스에서 받은 정보를 확인하지 못해 로그인하지 않았어요. 잠시 후 다시 시도하고, 계속되면 고객센터로 문의해 주세요.',
  LOGIN_EXPIRED: '로그인 요청이 만료됐어요. 다시 시도해 주세요.',
  LOGIN_STATE_MISMATCH: '다른 창에서 시작한 로그인이에요. 이 창에서 다시 시도해 주세요.',
  SIGNUP_EXPIRED: '가입 시간이 지났어요. 다시 로그인해 주세요.',
  SERVICE_UNAVAILABLE: '로그인 서비스가 잠시 응답하지 않아요. 잠시 후 다시 시도해 주세요.',
  LOGIN_FAILED: '로그인하지 못했어요. 다시 시도해 주세요.',
} as const;

export type LoginMessageCode = keyof typeof LOGIN_MESSAGES;

export function isLoginMessageCode(value: unknown): value is LoginMessageCode {
  // Own keys only: `in` also accepts inherited names (`__proto__`, `constructor`), which rendered an
  // object (a 500) or an empty card from a crafted link.
  return typeof value === 'string' && Object.hasOwn(LOGIN_MESSAGES, value);
}
