/**
 * Typed errors of the Toss client: caller/operator ({@link TossConfigError}), network
 * ({@link TossTransportError}), counterpart ({@link TossProtocolError}, {@link TossCryptoError}),
 * and Toss's own refusals ({@link TossApiError}, with `invalid_grant` recognisable by
 * `isInvalidGrant`). Messages never hold tokens, ciphertexts, keys or a person's data.
 */
import {
  lookupTossErrorCode,
  TOSS_CLIENT_ERROR_MESSAGES,
  TOSS_INVALID_GRANT,
  type TossClientErrorCode,
  type TossErrorCodeEntry,
} from './codes.js';

export const TOSS_PROVIDER = 'toss';
export type TossStep = 'generate-token' | 'refresh-token' | 'login-me' | 'decrypt';

export interface TossErrorContext {
  provider: typeof TOSS_PROVIDER;
  step?: TossStep;
  [key: string]: unknown;
}

type Ctx = Omit<TossErrorContext, 'provider'>;

export abstract class TossError extends Error {
  abstract readonly code: TossClientErrorCode;
  declare readonly cause: TossErrorContext;
  constructor(message: string, context: Ctx = {}) {
    super(message, { cause: { provider: TOSS_PROVIDER, ...context } });
  }
  get userMessage(): string {
    return TOSS_CLIENT_ERROR_MESSAGES[this.code];
  }
}

export class TossConfigError extends TossError {
  override name = 'TossConfigError';
  constructor(
    readonly code: 'TOSS_CONFIG_INVALID' | 'TOSS_INVALID_ARGUMENT',
    message: string,
    context: Ctx = {},
  ) {
    super(message, context);
  }
}

export class TossTransportError extends TossError {
  override name = 'TossTransportError';
  constructor(
    readonly code:
      'TOSS_CONNECT_TIMEOUT' | 'TOSS_TIMEOUT' | 'TOSS_ABORTED' | 'TOSS_NETWORK' | 'TOSS_RESPONSE_TOO_LARGE',
    message: string,
    context: Ctx = {},
  ) {
    super(message, context);
  }
}

export class TossProtocolError extends TossError {
  override name = 'TossProtocolError';
  constructor(
    readonly code:
      | 'TOSS_UNEXPECTED_STATUS'
      | 'TOSS_UNAUTHORIZED'
      | 'TOSS_INVALID_JSON'
      | 'TOSS_INVALID_RESPONSE'
      | 'TOSS_MISSING_CONSENT_FIELD',
    message: string,
    context: Ctx = {},
  ) {
    super(message, context);
  }
}

export class TossCryptoError extends TossError {
  override name = 'TossCryptoError';
  constructor(
    readonly code: 'TOSS_MALFORMED_CIPHERTEXT' | 'TOSS_DECRYPT_FAILED' | 'TOSS_BAD_TEXT_ENCODING',
    message: string,
    context: Ctx = {},
  ) {
    super(message, context);
  }
}

/** Toss refused: `resultType` FAIL (or another non-SUCCESS type), or an OAuth `error`. */
export class TossApiError extends TossError {
  override name = 'TossApiError';
  readonly code = 'TOSS_API_ERROR' as const;
  readonly entry: TossErrorCodeEntry;
  constructor(
    readonly step: TossStep,
    /** Toss's `errorCode`, OAuth `error`, or the non-SUCCESS `resultType`. */
    readonly errorCode: string,
    /** Toss's own `reason`, for operators. */
    readonly reason: string | undefined,
    readonly status: number,
  ) {
    const entry = lookupTossErrorCode(errorCode);
    super(`Toss ${step} failed: ${errorCode}`, { step, errorCode, status, knownCode: entry.known });
    this.entry = entry;
  }
  get isInvalidGrant(): boolean {
    return this.errorCode === TOSS_INVALID_GRANT;
  }
  override get userMessage(): string {
    return this.entry.userMessage;
  }
}
