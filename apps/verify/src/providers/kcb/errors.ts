/**
 * KCB failures in the person's words: every code the fail page may show (`?code=`) with its
 * Korean message, and the mapping of the KCB client's errors (`@mfv/verification/kcb`) to them.
 * Anything that is not KCB's falls through to the shared mapping (core/errors.ts).
 */
import { AUTH_RETRY_AFTER_SECONDS } from '@mfv/auth';
import { ConfigError } from '@mfv/config';
import {
  KcbAuthError,
  KcbConfigError,
  KcbCryptoError,
  KcbProtocolError,
  KcbResponseError,
  KcbResultCheckError,
  KcbTransportError,
  KcbValidationError,
} from '@mfv/verification/kcb';
import { MESSAGES, toVerifyError, VerifyError } from '../../core/errors';
import { TransactionBusyError, TransactionNotFoundError } from '../../core/transactions';

/**
 * Every KCB failure a person can meet, with the Korean message the fail page shows. The fail
 * page gets the code only (`?code=`); the message comes from here, never from the URL.
 */
export const KCB_MESSAGES = {
  // Any rsp_cd other than B000: KCB's failure codes are not public (KCB_RSP_CODES), so one message
  // covers 취소, an unfinished check and a KCB-side error alike.
  KCB_RESULT_ERROR:
    'KCB 본인확인이 완료되지 않았어요. 인증 창에서 취소했거나 처리 중 문제가 있었어요. 처음부터 다시 시도해 주세요.',
  KCB_TIMEOUT: 'KCB 본인확인 서비스의 응답이 늦어지고 있어요. 잠시 후 다시 시도해 주세요.',
  KCB_UNAVAILABLE: 'KCB 본인확인 서비스에 연결하지 못했어요. 잠시 후 다시 시도해 주세요.',
  KCB_DECRYPT_FAILED: '본인확인 결과를 읽지 못했어요. 처음부터 다시 시도해 주세요.',
  KCB_BAD_RESPONSE: 'KCB 본인확인 서비스의 응답을 처리하지 못했어요. 잠시 후 다시 시도해 주세요.',
  KCB_SVC_TKN_MISMATCH:
    '이 브라우저에서 시작한 본인확인이 아니에요. 본인확인을 시작한 브라우저에서 처음부터 다시 시도해 주세요.',
  KCB_TX_NOT_FOUND:
    '진행 중인 본인확인이 없거나 이미 처리되었어요(유효시간 10분). 처음부터 다시 시도해 주세요.',
  KCB_RETURN_URL_NOT_ALLOWED: '허용되지 않은 이동 경로예요. 화면의 버튼으로 다시 시작해 주세요.',
  KCB_NOT_CONFIGURED: 'KCB 본인확인을 지금 사용할 수 없어요. 잠시 후 다시 시도해 주세요.',
} as const;
export type KcbFailureCode = keyof typeof KCB_MESSAGES;

export const kcbError = (status: number, code: KcbFailureCode, extra = {}, retry?: number, cause?: unknown) =>
  new VerifyError(
    status,
    code,
    KCB_MESSAGES[code],
    extra,
    retry,
    cause === undefined ? undefined : { cause },
  );

/** A KCB client error → the typed error the person sees (a fixed Korean message, no data). */
export function fromKcbError(error: unknown): VerifyError {
  if (error instanceof VerifyError) return error;
  if (error instanceof TransactionNotFoundError) return kcbError(410, 'KCB_TX_NOT_FOUND', { restart: true });
  if (error instanceof TransactionBusyError) return kcbError(409, 'KCB_TX_NOT_FOUND', { restart: true });
  if (error instanceof KcbResponseError) {
    // The code and KCB's rsp_msg stay on the error (the log line), never in what the person reads.
    return kcbError(502, 'KCB_RESULT_ERROR', { resultCode: error.rspCd, restart: true }, undefined, error);
  }
  if (error instanceof KcbTransportError) {
    const code =
      error.code === 'KCB_TIMEOUT' || error.code === 'KCB_CONNECT_TIMEOUT'
        ? 'KCB_TIMEOUT'
        : 'KCB_UNAVAILABLE';
    return kcbError(503, code, { restart: true }, AUTH_RETRY_AFTER_SECONDS, error);
  }
  if (error instanceof KcbCryptoError)
    return kcbError(502, 'KCB_DECRYPT_FAILED', { restart: true }, undefined, error);
  if (error instanceof KcbProtocolError) {
    if (error.code === 'KCB_UNEXPECTED_STATUS' && Number(error.cause.status) >= 500) {
      return kcbError(503, 'KCB_UNAVAILABLE', { restart: true }, AUTH_RETRY_AFTER_SECONDS, error);
    }
    return kcbError(502, 'KCB_BAD_RESPONSE', { restart: true }, undefined, error);
  }
  if (error instanceof KcbResultCheckError) {
    return error.code === 'KCB_SVC_TKN_MISMATCH'
      ? kcbError(409, 'KCB_SVC_TKN_MISMATCH', { restart: true }, undefined, error)
      : kcbError(502, 'KCB_BAD_RESPONSE', { restart: true }, undefined, error);
  }
  if (
    error instanceof KcbAuthError ||
    error instanceof KcbConfigError ||
    error instanceof KcbValidationError ||
    error instanceof ConfigError
  ) {
    return kcbError(503, 'KCB_NOT_CONFIGURED', {}, AUTH_RETRY_AFTER_SECONDS, error);
  }
  return toVerifyError(error);
}

/** Codes the shared routes answer (login, hand-off, infrastructure) → the same texts as the API's. */
const SHARED_FAILURES: Record<string, string> = {
  VERIFICATION_LOGIN_REQUIRED: MESSAGES.LOGIN_REQUIRED,
  VERIFICATION_ALREADY_REGISTERED: MESSAGES.ALREADY_REGISTERED,
  VERIFICATION_PERSON_MISMATCH: MESSAGES.PERSON_MISMATCH,
  SIGNUP_EXPIRED: MESSAGES.SIGNUP_EXPIRED,
  REDIS_UNAVAILABLE: MESSAGES.UNAVAILABLE,
  SERVICE_UNAVAILABLE: MESSAGES.UNAVAILABLE,
  RESULT_USED: MESSAGES.RESULT_USED,
  RESULT_EXPIRED: MESSAGES.RESULT_EXPIRED,
  RESULT_NOT_FOUND: MESSAGES.RESULT_NOT_FOUND,
};

/**
 * The Korean message of a failure code from our own URL (`?code=`). Only known codes have their
 * own text; anything else gets the generic one — the URL never decides what a person reads.
 */
export function kcbFailureMessage(code: unknown): { code: string; message: string } {
  if (typeof code === 'string') {
    if (Object.hasOwn(KCB_MESSAGES, code)) return { code, message: KCB_MESSAGES[code as KcbFailureCode] };
    const shared = Object.hasOwn(SHARED_FAILURES, code) ? SHARED_FAILURES[code] : undefined;
    if (shared !== undefined) return { code, message: shared };
  }
  return { code: 'INTERNAL', message: MESSAGES.INTERNAL };
}
