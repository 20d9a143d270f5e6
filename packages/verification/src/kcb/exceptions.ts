/**
 * Typed errors of the KCB client (CONVENTIONS.md: exported codes, a `cause` with context, caller
 * mistakes apart from counterpart mistakes):
 *
 * - caller / operator: {@link KcbConfigError}, {@link KcbValidationError}
 * - network: {@link KcbTransportError}
 * - counterpart: {@link KcbProtocolError} (malformed answers), {@link KcbCryptoError} (values that
 *   do not decrypt), {@link KcbResponseError} (a non-success `rsp_cd`), {@link KcbAuthError}
 *   (the OAuth token request was refused)
 * - the integrator's binding checks: {@link KcbResultCheckError}
 *
 * Every error carries `userMessage` (Korean, from codes.ts). Messages and causes name fields and
 * reasons, never a token, a key, a ciphertext or a person's data.
 */
import {
  KCB_ERROR_MESSAGES,
  lookupKcbResponseCode,
  type KcbErrorCode,
  type KcbResponseCodeEntry,
} from './codes.js';

export const KCB_PROVIDER = 'kcb';
export type KcbStep = 'token' | 'popup-start' | 'popup-result' | 'callback';

export interface KcbErrorContext {
  provider: typeof KCB_PROVIDER;
  step?: KcbStep;
  [key: string]: unknown;
}

export abstract class KcbError extends Error {
  abstract readonly code: KcbErrorCode;
  declare readonly cause: KcbErrorContext;
  constructor(message: string, context: Omit<KcbErrorContext, 'provider'> = {}) {
    super(message, { cause: { provider: KCB_PROVIDER, ...context } });
  }
  /** The Korean message for the person. */
  get userMessage(): string {
    return KCB_ERROR_MESSAGES[this.code];
  }
}

type Ctx = Omit<KcbErrorContext, 'provider'>;

export class KcbConfigError extends KcbError {
  override name = 'KcbConfigError';
  readonly code = 'KCB_CONFIG_INVALID' as const;
}

export class KcbValidationError extends KcbError {
  override name = 'KcbValidationError';
  readonly code = 'KCB_INVALID_ARGUMENT' as const;
}

export const KCB_TRANSPORT_ERROR_CODES = [
  'KCB_CONNECT_TIMEOUT',
  'KCB_TIMEOUT',
  'KCB_ABORTED',
  'KCB_NETWORK',
  'KCB_RESPONSE_TOO_LARGE',
] as const satisfies readonly KcbErrorCode[];
export class KcbTransportError extends KcbError {
  override name = 'KcbTransportError';
  constructor(
    readonly code: (typeof KCB_TRANSPORT_ERROR_CODES)[number],
    message: string,
    context: Ctx = {},
  ) {
    super(message, context);
  }
}

export const KCB_PROTOCOL_ERROR_CODES = [
  'KCB_UNEXPECTED_STATUS',
  'KCB_INVALID_JSON',
  'KCB_INVALID_RESPONSE',
  'KCB_UNAUTHORIZED',
  'KCB_INVALID_RESULT',
] as const satisfies readonly KcbErrorCode[];
export class KcbProtocolError extends KcbError {
  override name = 'KcbProtocolError';
  constructor(
    readonly code: (typeof KCB_PROTOCOL_ERROR_CODES)[number],
    message: string,
    context: Ctx = {},
  ) {
    super(message, context);
  }
}

/** The token endpoint refused the client credentials (RFC 6749 §5.2 `error`). */
export class KcbAuthError extends KcbError {
  override name = 'KcbAuthError';
  readonly code = 'KCB_TOKEN_REJECTED' as const;
  constructor(
    readonly oauthError: string,
    context: Ctx = {},
  ) {
    super(`KCB token request refused: ${oauthError}`, { ...context, oauthError });
  }
}

export const KCB_CRYPTO_ERROR_CODES = [
  'KCB_MALFORMED_CIPHERTEXT',
  'KCB_DECRYPT_FAILED',
  'KCB_BAD_FIELD_KEY',
  'KCB_BAD_TEXT_ENCODING',
] as const satisfies readonly KcbErrorCode[];
export class KcbCryptoError extends KcbError {
  override name = 'KcbCryptoError';
  constructor(
    readonly code: (typeof KCB_CRYPTO_ERROR_CODES)[number],
    message: string,
    context: Ctx = {},
  ) {
    super(message, context);
  }
}

/** KCB answered with an `rsp_cd` other than "B000". */
export class KcbResponseError extends KcbError {
  override name = 'KcbResponseError';
  readonly code = 'KCB_RESPONSE_CODE' as const;
  readonly entry: KcbResponseCodeEntry;
  constructor(
    readonly step: KcbStep,
    readonly rspCd: string,
    /** KCB's own `rsp_msg`, for operators. */
    readonly rspMsg: string | undefined,
  ) {
    const entry = lookupKcbResponseCode(rspCd);
    super(`KCB ${step} failed with rsp_cd ${rspCd}`, { step, rspCd, knownCode: entry.known });
    this.entry = entry;
  }
  override get userMessage(): string {
    return this.entry.userMessage;
  }
}

export const KCB_RESULT_CHECK_ERROR_CODES = [
  'KCB_SVC_TKN_MISMATCH',
  'KCB_TX_MISMATCH',
] as const satisfies readonly KcbErrorCode[];
export class KcbResultCheckError extends KcbError {
  override name = 'KcbResultCheckError';
  constructor(
    readonly code: (typeof KCB_RESULT_CHECK_ERROR_CODES)[number],
    message: string,
    context: Ctx = {},
  ) {
    super(message, context);
  }
}
