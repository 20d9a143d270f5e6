/**
 * Every failure of the verify API as one typed error and one JSON shape, `{code, message,
 * resultCode?, restart?, …}` (`VerifyErrorBody`). Each provider maps its own failures
 * (`providers/<provider>/errors.ts` or its service) and falls back to `toVerifyError` here for the
 * shared ones: infrastructure trouble is 503 with Retry-After; nothing answers a stack, and
 * nothing here ever holds a person's data (messages are fixed texts).
 */
import type { NextApiResponse } from 'next';
import {
  AUTH_RETRY_AFTER_SECONDS,
  AuthError,
  AuthUnavailableError,
  BackendError,
  BackendUnavailableError,
  BodyError,
  logEvent,
  reportUnexpected,
} from '@mfv/auth';
import { ConfigError } from '@mfv/config';
import { REDIS_RETRY_AFTER_SECONDS, RedisUnavailableError } from '@mfv/redis';
import type { VerifyErrorBody } from './responses';

export type Extra = Omit<VerifyErrorBody, 'code' | 'message'>;

export class VerifyError extends Error {
  override name = 'VerifyError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Extra = {},
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toBody(): VerifyErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const MESSAGES = {
  LOGIN_REQUIRED:
    '본인확인 결과를 저장할 계정이 없어요. 로그인하거나 회원가입을 시작한 뒤 다시 시도해 주세요.',
  TX_NOT_FOUND: '진행 중인 본인확인이 없거나 이미 끝났어요. 처음부터 다시 시도해 주세요.',
  TX_BUSY: '이전 요청을 처리하고 있어요. 잠시 후 다시 시도해 주세요.',
  STEP_INVALID: '지금 단계에서 할 수 없는 요청이에요. 화면의 안내를 따라 주세요.',
  INVALID_INPUT: '입력한 내용을 확인해 주세요.',
  UNAVAILABLE: '잠시 후 다시 시도해 주세요. 서비스가 일시적으로 응답하지 않아요.',
  NOT_CONFIGURED: '본인확인 서비스를 지금 사용할 수 없어요. 잠시 후 다시 시도해 주세요.',
  ALREADY_REGISTERED: '이미 다른 계정으로 가입된 명의예요. 기존 계정으로 로그인해 주세요.',
  PERSON_MISMATCH: '이 계정은 다른 명의로 본인확인되어 있어요. 본인 명의의 휴대폰으로 인증해 주세요.',
  SSAFY_ALREADY_REGISTERED: '이 SSAFY 계정은 이미 다른 계정에 연결되어 있어요. 그 계정으로 로그인해 주세요.',
  SSAFY_PERSON_MISMATCH:
    '이 계정은 다른 SSAFY 계정으로 인증되어 있어요. 본인의 SSAFY 계정으로 인증해 주세요.',
  SIGNUP_EXPIRED: '가입 시간이 지났어요. 다시 로그인해 주세요.',
  RESULT_USED: '본인확인 결과는 한 번만 확인할 수 있어요.',
  RESULT_EXPIRED: '본인확인 결과를 확인할 수 있는 시간이 지났어요.',
  RESULT_NOT_FOUND: '본인확인 결과를 찾을 수 없어요.',
  INTERNAL: '요청을 처리하지 못했어요. 잠시 후 다시 시도해 주세요.',
} as const;

export const loginRequired = () =>
  new VerifyError(401, 'VERIFICATION_LOGIN_REQUIRED', MESSAGES.LOGIN_REQUIRED);
export const txNotFound = () =>
  new VerifyError(410, 'MOK_TX_NOT_FOUND', MESSAGES.TX_NOT_FOUND, { restart: true });
export const txBusy = () => new VerifyError(409, 'MOK_TX_BUSY', MESSAGES.TX_BUSY);
export const stepInvalid = () => new VerifyError(409, 'MOK_STEP_INVALID', MESSAGES.STEP_INVALID);
export const invalidInput = (fields?: VerifyErrorBody['fields']) =>
  new VerifyError(400, 'INVALID_INPUT', MESSAGES.INVALID_INPUT, fields ? { fields } : {});

/** The api's codes for a hand-off or a redemption, in the person's words. */
const BACKEND_CODES: Record<string, { status: number; code: string; message: string }> = {
  VERIFICATION_ALREADY_REGISTERED: {
    status: 409,
    code: 'VERIFICATION_ALREADY_REGISTERED',
    message: MESSAGES.ALREADY_REGISTERED,
  },
  VERIFICATION_PERSON_MISMATCH: {
    status: 409,
    code: 'VERIFICATION_PERSON_MISMATCH',
    message: MESSAGES.PERSON_MISMATCH,
  },
  SIGNUP_TICKET_INVALID: { status: 410, code: 'SIGNUP_EXPIRED', message: MESSAGES.SIGNUP_EXPIRED },
  SIGNUP_TICKET_EXPIRED: { status: 410, code: 'SIGNUP_EXPIRED', message: MESSAGES.SIGNUP_EXPIRED },
  SIGNUP_TICKET_USED: { status: 410, code: 'SIGNUP_EXPIRED', message: MESSAGES.SIGNUP_EXPIRED },
  USER_NOT_FOUND: { status: 401, code: 'VERIFICATION_LOGIN_REQUIRED', message: MESSAGES.LOGIN_REQUIRED },
  VERIFICATION_TICKET_INVALID: { status: 404, code: 'RESULT_NOT_FOUND', message: MESSAGES.RESULT_NOT_FOUND },
  VERIFICATION_TICKET_USED: { status: 409, code: 'RESULT_USED', message: MESSAGES.RESULT_USED },
  VERIFICATION_TICKET_EXPIRED: { status: 410, code: 'RESULT_EXPIRED', message: MESSAGES.RESULT_EXPIRED },
};

/** Any error a provider's mapping left → a VerifyError. */
export function toVerifyError(error: unknown): VerifyError {
  if (error instanceof VerifyError) return error;
  if (error instanceof BodyError) return new VerifyError(error.status, error.code, error.message);
  if (error instanceof ConfigError) {
    // The code this answer has always had (a missing setting mostly concerns mobile-ok's key file).
    return new VerifyError(503, 'MOK_NOT_CONFIGURED', MESSAGES.NOT_CONFIGURED, {}, AUTH_RETRY_AFTER_SECONDS, {
      cause: error,
    });
  }
  if (error instanceof RedisUnavailableError) {
    return new VerifyError(503, 'REDIS_UNAVAILABLE', MESSAGES.UNAVAILABLE, {}, REDIS_RETRY_AFTER_SECONDS, {
      cause: error,
    });
  }
  if (error instanceof AuthUnavailableError || error instanceof BackendUnavailableError) {
    return new VerifyError(503, 'SERVICE_UNAVAILABLE', MESSAGES.UNAVAILABLE, {}, AUTH_RETRY_AFTER_SECONDS, {
      cause: error,
    });
  }
  if (error instanceof AuthError) {
    return new VerifyError(error.status, error.code, error.toBody().message, {}, undefined, { cause: error });
  }
  if (error instanceof BackendError) {
    const mapped = BACKEND_CODES[error.code];
    if (mapped)
      return new VerifyError(mapped.status, mapped.code, mapped.message, {}, undefined, { cause: error });
    return new VerifyError(502, 'BACKEND_ERROR', MESSAGES.INTERNAL, {}, undefined, { cause: error });
  }
  return new VerifyError(500, 'INTERNAL', MESSAGES.INTERNAL, {}, undefined, { cause: error });
}

/** Answers an error: the mapped status and body, Retry-After for 503; logs codes, never data. */
export function sendVerifyError(
  res: NextApiResponse,
  error: unknown,
  requestId: string,
  where: string,
  map: (error: unknown) => VerifyError = toVerifyError,
): void {
  const mapped = map(error);
  if (res.headersSent) {
    res.end();
    return;
  }
  if (mapped.status >= 500 && mapped.code === 'INTERNAL') {
    reportUnexpected(error, requestId, where);
  } else if (mapped.status >= 500) {
    const cause = mapped.cause;
    logEvent('warn', 'verify dependency failed', {
      requestId,
      where,
      code: mapped.code,
      cause: cause instanceof Error ? `${cause.name}:${(cause as { code?: unknown }).code ?? ''}` : undefined,
    });
  } else {
    logEvent('info', 'verify request refused', {
      requestId,
      where,
      code: mapped.code,
      resultCode: mapped.extra.resultCode,
    });
  }
  if (mapped.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(mapped.retryAfterSeconds));
  res.status(mapped.status).json(mapped.toBody());
}
