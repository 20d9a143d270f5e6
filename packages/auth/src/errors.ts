/**
 * What withAuth answers, as typed errors with stable codes. Infrastructure trouble is never
 * turned into a logout: it is AuthUnavailableError (503 + Retry-After) and the cookies stay.
 */
export const AUTH_ERROR_STATUS = {
  AUTH_REQUIRED: 401,
  SESSION_EXPIRED: 401,
  CSRF_ORIGIN: 403,
  CSRF_TOKEN: 403,
  AUTH_UNAVAILABLE: 503,
} as const;

export type AuthErrorCode = keyof typeof AUTH_ERROR_STATUS;

/** The user's words for each code (Korean UI; API clients read `code`). */
export const AUTH_ERROR_MESSAGES: Record<AuthErrorCode, string> = {
  AUTH_REQUIRED: '로그인이 필요해요.',
  SESSION_EXPIRED: '로그인이 만료됐어요. 다시 로그인해 주세요.',
  CSRF_ORIGIN: '이 사이트에서 보낸 요청이 아니에요.',
  CSRF_TOKEN: '보안 토큰이 없거나 맞지 않아요. 페이지를 새로 고친 뒤 다시 시도해 주세요.',
  AUTH_UNAVAILABLE: '로그인 서비스가 잠시 응답하지 않아요. 잠시 후 다시 시도해 주세요.',
};

/** Seconds a client should wait before retrying after AUTH_UNAVAILABLE. */
export const AUTH_RETRY_AFTER_SECONDS = 3;

export class AuthError extends Error {
  override name = 'AuthError';
  readonly status: number;
  constructor(
    readonly code: AuthErrorCode,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(options?.detail ?? AUTH_ERROR_MESSAGES[code], options);
    this.status = AUTH_ERROR_STATUS[code];
  }

  /** The JSON body an API route answers with: a code and the user's message, nothing internal. */
  toBody(): { code: AuthErrorCode; message: string } {
    return { code: this.code, message: AUTH_ERROR_MESSAGES[this.code] };
  }
}

/** A dependency (Redis, the api, the JWKS) did not answer in time; the request can be retried. */
export class AuthUnavailableError extends AuthError {
  override name = 'AuthUnavailableError';
  constructor(
    readonly dependency: 'redis' | 'api' | 'jwks',
    options?: { cause?: unknown },
  ) {
    super('AUTH_UNAVAILABLE', { ...options, detail: `${dependency} unavailable` });
  }
}
