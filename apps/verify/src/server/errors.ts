/**
 * Every failure of the verify API as one typed error and one JSON shape, `{code, message,
 * resultCode?, restart?, …}` (`VerifyErrorBody`). Provider failures carry the guide's customer
 * message (§8, `lookupMokResultCode`); infrastructure trouble is 503 with Retry-After; nothing
 * answers a stack, and nothing here ever holds a person's data (messages are fixed texts).
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
import {
  lookupMokResultCode,
  MokConfigError,
  MokCryptoError,
  MokKeyFileError,
  MokProtocolError,
  MokResultCheckError,
  MokResultError,
  MokTransportError,
  MokValidationError,
} from '@mfv/verification/mobile-ok';
import type { VerifyErrorBody } from '../lib/mok';

type Extra = Omit<VerifyErrorBody, 'code' | 'message'>;

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

/** The guide's customer message of a code, as the catalogue has it. */
export const customerMessage = (code: string, step?: Parameters<typeof lookupMokResultCode>[1]) =>
  stripDetail(lookupMokResultCode(code, step).customerMessage);

/** "(상세코드)" in a catalogue message stands for a detail code the provider's own resultMsg carries. */
function stripDetail(message: string, detail?: string): string {
  return detail === undefined
    ? message.replace(/\s*\(상세코드\)$/, '')
    : message.replace('(상세코드)', `(${detail})`);
}

/**
 * The customer message of a provider failure: the catalogue's text for its code (never the
 * provider's free-form resultMsg), with the detail code filled in when the provider sent one.
 */
export function mokCustomerMessage(error: MokResultError): string {
  const template = error.entry.customerMessage;
  const detail = template.includes('(상세코드)')
    ? /\((\d{4})\)\s*$/.exec(error.resultMsg ?? '')?.[1]
    : undefined;
  return stripDetail(template, detail);
}

/**
 * Codes whose customer message says "try again later" (§8: 4008 통신사 연결 실패, 9999 알 수 없는
 * 오류 — also what the provider answers with an HTTP 5xx): the provider is unavailable for now,
 * so they are answered 503 with Retry-After.
 */
const RETRY_LATER_CODES = new Set(['4008', '9999']);

/** A provider failure as the person sees it: the catalogue's message, the code, what they can do next. */
export function fromMokResult(error: MokResultError, extra: Extra): VerifyError {
  const later = RETRY_LATER_CODES.has(error.resultCode);
  return new VerifyError(
    later ? 503 : 422,
    'MOK_RESULT',
    mokCustomerMessage(error),
    { resultCode: error.resultCode, ...extra },
    later ? AUTH_RETRY_AFTER_SECONDS : undefined,
  );
}

export const MESSAGES = {
  LOGIN_REQUIRED:
    '본인확인 결과를 저장할 계정이 없습니다. 로그인하거나 회원가입을 시작한 뒤 다시 시도해 주세요.',
  TX_NOT_FOUND: '진행 중인 본인확인이 없거나 이미 끝났습니다. 처음부터 다시 시도해 주세요.',
  TX_BUSY: '이전 요청을 처리하고 있습니다. 잠시 후 다시 시도해 주세요.',
  STEP_INVALID: '지금 단계에서 할 수 없는 요청입니다. 화면의 안내를 따라 주세요.',
  INVALID_INPUT: '입력한 내용을 확인해 주세요.',
  UNAVAILABLE: '잠시 후 다시 시도해 주세요. 서비스가 일시적으로 응답하지 않습니다.',
  NOT_CONFIGURED: '본인확인 서비스를 지금 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  ALREADY_REGISTERED: '이미 다른 계정으로 가입된 명의입니다. 기존 계정으로 로그인해 주세요.',
  PERSON_MISMATCH: '이 계정은 다른 명의로 본인확인되어 있습니다. 본인 명의의 휴대폰으로 인증해 주세요.',
  SSAFY_ALREADY_REGISTERED:
    '이 SSAFY 계정은 이미 다른 계정에 연결되어 있습니다. 그 계정으로 로그인해 주세요.',
  SSAFY_PERSON_MISMATCH:
    '이 계정은 다른 SSAFY 계정으로 인증되어 있습니다. 본인의 SSAFY 계정으로 인증해 주세요.',
  SIGNUP_EXPIRED: '가입 시간이 지났습니다. 다시 로그인해 주세요.',
  RESULT_USED: '본인확인 결과는 한 번만 확인할 수 있습니다.',
  RESULT_EXPIRED: '본인확인 결과를 확인할 수 있는 시간이 지났습니다.',
  RESULT_NOT_FOUND: '본인확인 결과를 찾을 수 없습니다.',
  INTERNAL: '요청을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.',
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

/**
 * Any error → a VerifyError. Provider errors that reach here end the transaction (`restart`);
 * the mobile-ok service handles the recoverable ones (wrong code, pending approval) itself.
 */
export function toVerifyError(error: unknown): VerifyError {
  if (error instanceof VerifyError) return error;
  if (error instanceof BodyError) return new VerifyError(error.status, error.code, error.message);
  if (error instanceof MokResultError) return fromMokResult(error, { restart: true });
  if (error instanceof MokTransportError) {
    // mobile-ok did not answer in time, or the connection failed: the guide's "connection failed" text.
    return new VerifyError(
      503,
      'MOK_UNAVAILABLE',
      customerMessage('4008'),
      { restart: true },
      AUTH_RETRY_AFTER_SECONDS,
      { cause: error },
    );
  }
  if (error instanceof MokProtocolError) {
    const status = Number(error.cause.status);
    if (error.code === 'MOK_UNEXPECTED_STATUS' && status >= 500) {
      return new VerifyError(
        503,
        'MOK_UNAVAILABLE',
        customerMessage('4008'),
        { restart: true },
        AUTH_RETRY_AFTER_SECONDS,
        { cause: error },
      );
    }
    // An answer the guide does not describe: the catalogue's "unknown error" text.
    return new VerifyError(502, 'MOK_BAD_RESPONSE', customerMessage('9999'), { restart: true }, undefined, {
      cause: error,
    });
  }
  if (error instanceof MokCryptoError) {
    // The result failed its integrity check (guide §8 6028: 무결성 검증 오류).
    return new VerifyError(
      502,
      'MOK_RESULT_TAMPERED',
      customerMessage('6028'),
      { restart: true },
      undefined,
      {
        cause: error,
      },
    );
  }
  if (error instanceof MokResultCheckError) {
    if (error.code === 'MOK_RESULT_EXPIRED' || error.code === 'MOK_ISSUE_DATE_IN_FUTURE') {
      return new VerifyError(
        409,
        'MOK_RESULT_EXPIRED',
        customerMessage('5033'),
        { restart: true },
        undefined,
        {
          cause: error,
        },
      );
    }
    // guide §7: the result's clientTxId must be this session's (5015: 요청 거래ID가 올바르지 않음).
    return new VerifyError(
      409,
      'MOK_RESULT_MISMATCH',
      customerMessage('5015'),
      { restart: true },
      undefined,
      {
        cause: error,
      },
    );
  }
  if (error instanceof MokValidationError) {
    return new VerifyError(400, 'INVALID_INPUT', MESSAGES.INVALID_INPUT, {}, undefined, { cause: error });
  }
  if (error instanceof MokKeyFileError || error instanceof MokConfigError || error instanceof ConfigError) {
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
): void {
  const mapped = toVerifyError(error);
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
