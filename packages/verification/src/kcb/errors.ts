/**
 * Typed errors of the KCB client, made by the package's one factory (internal/errors.ts):
 * exported codes, a `cause` with context, caller mistakes apart from counterpart mistakes:
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
import { providerErrors, transportErrorCode } from '../internal/errors.js';
import { HttpFailure } from '../internal/http.js';
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

const kcb = providerErrors<typeof KCB_PROVIDER, KcbErrorCode, KcbStep, typeof KCB_ERROR_MESSAGES>(
  KCB_PROVIDER,
  KCB_ERROR_MESSAGES,
);

/** Base class: `instanceof KcbError` catches every error this client throws on purpose; `userMessage` is Korean. */
export const KcbError = kcb.Base;
export type KcbError = InstanceType<typeof KcbError>;

type Ctx = Omit<KcbErrorContext, 'provider'>;

export class KcbConfigError extends kcb.fixed('KcbConfigError', 'KCB_CONFIG_INVALID') {}

export class KcbValidationError extends kcb.fixed('KcbValidationError', 'KCB_INVALID_ARGUMENT') {}

export const KCB_TRANSPORT_ERROR_CODES = [
  'KCB_CONNECT_TIMEOUT',
  'KCB_TIMEOUT',
  'KCB_ABORTED',
  'KCB_NETWORK',
  'KCB_RESPONSE_TOO_LARGE',
] as const satisfies readonly KcbErrorCode[];
export class KcbTransportError extends kcb.kind('KcbTransportError', KCB_TRANSPORT_ERROR_CODES) {}

export const KCB_PROTOCOL_ERROR_CODES = [
  'KCB_UNEXPECTED_STATUS',
  'KCB_INVALID_JSON',
  'KCB_INVALID_RESPONSE',
  'KCB_UNAUTHORIZED',
  'KCB_INVALID_RESULT',
] as const satisfies readonly KcbErrorCode[];
export class KcbProtocolError extends kcb.kind('KcbProtocolError', KCB_PROTOCOL_ERROR_CODES) {}

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
export class KcbCryptoError extends kcb.kind('KcbCryptoError', KCB_CRYPTO_ERROR_CODES) {}

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
export class KcbResultCheckError extends kcb.kind('KcbResultCheckError', KCB_RESULT_CHECK_ERROR_CODES) {}

/** Runs a request; a neutral transport failure becomes a {@link KcbTransportError}. */
export async function sendKcb(step: KcbStep, send: () => Promise<Response>): Promise<Response> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof HttpFailure) {
      throw new KcbTransportError(transportErrorCode('KCB', error.kind), `KCB ${step}: ${error.message}`, {
        step,
        errno: error.errno,
      });
    }
    throw error;
  }
}
