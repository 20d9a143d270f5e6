/**
 * Login outcomes the pages can show, by code. Pages only ever render these strings, never text
 * taken from the URL.
 */
export const LOGIN_MESSAGES = {
  KAKAO_ACCESS_DENIED: '카카오 로그인을 취소했습니다.',
  LOGIN_EXPIRED: '로그인 요청이 만료되었습니다. 다시 시도해 주세요.',
  LOGIN_STATE_MISMATCH: '다른 창에서 시작한 로그인입니다. 이 창에서 다시 시도해 주세요.',
  SIGNUP_EXPIRED: '가입 시간이 지났습니다. 다시 로그인해 주세요.',
  SERVICE_UNAVAILABLE: '로그인 서비스가 잠시 응답하지 않습니다. 잠시 후 다시 시도해 주세요.',
  LOGIN_FAILED: '로그인에 실패했습니다. 다시 시도해 주세요.',
} as const;

export type LoginMessageCode = keyof typeof LOGIN_MESSAGES;

export function isLoginMessageCode(value: unknown): value is LoginMessageCode {
  return typeof value === 'string' && value in LOGIN_MESSAGES;
}
