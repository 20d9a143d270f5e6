/**
 * Typed errors of the Toss client, made by the package's one factory (internal/errors.ts):
 * caller/operator ({@link TossConfigError}), network
 * ({@link TossTransportError}), counterpart ({@link TossProtocolError}, {@link TossCryptoError}),
 * and Toss's own refusals ({@link TossApiError}, with `invalid_grant` recognisable by
 * `isInvalidGrant`). Messages never hold tokens, ciphertexts, keys or a person's data.
 */
import { providerErrors } from '../internal/errors.js';
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

const toss = providerErrors<
  typeof TOSS_PROVIDER,
  TossClientErrorCode,
  TossStep,
  typeof TOSS_CLIENT_ERROR_MESSAGES
>(TOSS_PROVIDER, TOSS_CLIENT_ERROR_MESSAGES);

/** Base class: `instanceof TossError` catches every error this client throws on purpose; `userMessage` is Korean. */
export const TossError = toss.Base;
export type TossError = InstanceType<typeof TossError>;

export class TossConfigError extends toss.kind('TossConfigError', [
  'TOSS_CONFIG_INVALID',
  'TOSS_INVALID_ARGUMENT',
]) {}

export class TossTransportError extends toss.kind('TossTransportError', [
  'TOSS_CONNECT_TIMEOUT',
  'TOSS_TIMEOUT',
  'TOSS_ABORTED',
  'TOSS_NETWORK',
  'TOSS_RESPONSE_TOO_LARGE',
]) {}

export class TossProtocolError extends toss.kind('TossProtocolError', [
  'TOSS_UNEXPECTED_STATUS',
  'TOSS_UNAUTHORIZED',
  'TOSS_INVALID_JSON',
  'TOSS_INVALID_RESPONSE',
  'TOSS_MISSING_CONSENT_FIELD',
]) {}

export class TossCryptoError extends toss.kind('TossCryptoError', [
  'TOSS_MALFORMED_CIPHERTEXT',
  'TOSS_DECRYPT_FAILED',
  'TOSS_BAD_TEXT_ENCODING',
]) {}

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
