/**
 * SSAFY Verify failures as the browser sees them: the SSAFY Verify guide's failure shape
 * (`{ok: false, errorCode, requestId}`) with a Korean message, for the client's errors
 * (`@mfv/verification/ssafy`), the issuer's refusals and the hand-off's; anything else goes
 * through the shared mapping (core/errors.ts) and gets the same shape.
 */
import { AUTH_RETRY_AFTER_SECONDS, BackendError } from '@mfv/auth';
import { ConfigError } from '@mfv/config';
import {
  SSAFY_UI_ERROR_MESSAGES,
  SsafyConfigError,
  SsafyError,
  type SsafyUiErrorCode,
} from '@mfv/verification/ssafy';
import { MESSAGES, toVerifyError, VerifyError } from '../../core/errors';
import { TransactionBusyError, TransactionNotFoundError } from '../../core/transactions';

/** A failure as the browser sees it: `{ok: false, code, errorCode (the guide's UI code), message, requestId}`. */
export function ssafyError(
  status: number,
  code: string,
  errorCode: SsafyUiErrorCode,
  requestId: string | null,
  options: { cause?: unknown; retryAfterSeconds?: number } = {},
): VerifyError {
  return new VerifyError(
    status,
    code,
    SSAFY_UI_ERROR_MESSAGES[errorCode],
    { ok: false, errorCode, requestId },
    options.retryAfterSeconds,
    options.cause === undefined ? undefined : { cause: options.cause },
  );
}

/** The issuer's own error codes of /verify/token that name what was wrong (sandbox errors.ts). */
const EXCHANGE_CODES: Record<string, { status: number; code: string }> = {
  PKCE_VERIFICATION_FAILED: { status: 400, code: 'SSAFY_PKCE_MISMATCH' },
  VERIFY_CODE_INVALID: { status: 400, code: 'SSAFY_CODE_INVALID' },
  REDIRECT_URI_MISMATCH: { status: 400, code: 'SSAFY_REDIRECT_URI_MISMATCH' },
  INVALID_CLIENT: { status: 503, code: 'SSAFY_NOT_CONFIGURED' },
};

/**
 * The api's refusals of an SSAFY hand-off, in the person's words: this SSAFY member already
 * belongs to another account (or another login mid-signup), or this account was verified as
 * another SSAFY member. Other api codes (an expired signup…) keep the shared mapping.
 */
const HANDOFF_REFUSALS: Record<string, { status: number; message: string }> = {
  VERIFICATION_ALREADY_REGISTERED: { status: 409, message: MESSAGES.SSAFY_ALREADY_REGISTERED },
  VERIFICATION_PERSON_MISMATCH: { status: 409, message: MESSAGES.SSAFY_PERSON_MISMATCH },
};

/** A failed hand-off → the SSAFY Verify guide's failure shape with the issuer's request_id. */
export function fromHandOffError(error: unknown, requestId: string | null): VerifyError {
  const refusal = error instanceof BackendError ? HANDOFF_REFUSALS[error.code] : undefined;
  if (error instanceof BackendError && refusal) {
    return new VerifyError(refusal.status, error.code, refusal.message, { ok: false, requestId }, undefined, {
      cause: error,
    });
  }
  const mapped = withFailureShape(toVerifyError(error));
  return new VerifyError(
    mapped.status,
    mapped.code,
    mapped.message,
    { ...mapped.extra, requestId },
    mapped.retryAfterSeconds,
    { cause: mapped.cause },
  );
}

/** Any error of the SSAFY flow → a typed error carrying the issuer's request_id, never a token. */
export function fromSsafyError(error: unknown): VerifyError {
  if (error instanceof VerifyError) return error.extra.ok === false ? error : withFailureShape(error);
  if (error instanceof TransactionNotFoundError || error instanceof TransactionBusyError) {
    return ssafyError(410, 'SSAFY_TX_NOT_FOUND', 'VERIFY_RESPONSE_INVALID', null, { cause: error });
  }
  if (error instanceof SsafyConfigError || error instanceof ConfigError) {
    return ssafyError(503, 'SSAFY_NOT_CONFIGURED', 'VERIFY_NETWORK_FAILED', null, {
      cause: error,
      retryAfterSeconds: AUTH_RETRY_AFTER_SECONDS,
    });
  }
  if (error instanceof SsafyError) {
    if (error.code === 'SSAFY_EXCHANGE_REJECTED') {
      const issuerCode = error.cause.errorCode;
      const known = typeof issuerCode === 'string' ? EXCHANGE_CODES[issuerCode] : undefined;
      if (known) {
        return ssafyError(known.status, known.code, error.uiCode, error.requestId, { cause: error });
      }
      return ssafyError(502, 'SSAFY_EXCHANGE_REJECTED', error.uiCode, error.requestId, { cause: error });
    }
    if (error.uiCode === 'VERIFY_NETWORK_FAILED' || error.code === 'SSAFY_UNEXPECTED_STATUS') {
      return ssafyError(503, error.code, 'VERIFY_NETWORK_FAILED', error.requestId, {
        cause: error,
        retryAfterSeconds: AUTH_RETRY_AFTER_SECONDS,
      });
    }
    // A token or answer that fails a check: the issuer's (or an attacker's) mistake.
    return ssafyError(502, error.code, error.uiCode, error.requestId, { cause: error });
  }
  return withFailureShape(toVerifyError(error));
}

/** The SSAFY Verify guide's failure shape (`ok: false`, `requestId`) on an error of the shared routes (login, Redis…). */
function withFailureShape(mapped: VerifyError): VerifyError {
  return new VerifyError(
    mapped.status,
    mapped.code,
    mapped.message,
    { ...mapped.extra, ok: false, requestId: null },
    mapped.retryAfterSeconds,
    { cause: mapped.cause },
  );
}
