/**
 * mobile-ok failures in the person's words: the customer message of the mobile-ok 본인확인-API
 * 가이드 §8 catalogue (`lookupMokResultCode`) for provider result codes, fixed texts for the rest.
 * Anything that is not mobile-ok's falls through to the shared mapping (core/errors.ts).
 */
import { AUTH_RETRY_AFTER_SECONDS } from '@mfv/auth';
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
import { MESSAGES, toVerifyError, VerifyError, type Extra } from '../../core/errors';
import { inSiteWords } from './customer-words';

/** The guide's customer message of a code, as the catalogue has it. */
export const customerMessage = (code: string, step?: Parameters<typeof lookupMokResultCode>[1]) =>
  stripDetail(lookupMokResultCode(code, step).customerMessage);

/** "(상세코드)" in a catalogue message stands for a detail code the provider's own resultMsg carries. */
function stripDetail(message: string, detail?: string): string {
  return inSiteWords(
    detail === undefined
      ? message.replace(/\s*\(상세코드\)$/, '')
      : message.replace('(상세코드)', `(${detail})`),
  );
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

/**
 * Any error of a mobile-ok route → a VerifyError. Provider errors that reach here end the
 * transaction (`restart`); the service handles the recoverable ones (wrong code, pending
 * approval) itself.
 */
export function fromMokError(error: unknown): VerifyError {
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
    // The result failed its integrity check (본인확인-API 가이드 §8 6028: 무결성 검증 오류).
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
    // 본인확인-API 가이드 §7: the result's clientTxId must be this session's (5015: 요청 거래ID가 올바르지 않음).
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
  if (error instanceof MokKeyFileError || error instanceof MokConfigError) {
    return new VerifyError(503, 'MOK_NOT_CONFIGURED', MESSAGES.NOT_CONFIGURED, {}, AUTH_RETRY_AFTER_SECONDS, {
      cause: error,
    });
  }
  return toVerifyError(error);
}
