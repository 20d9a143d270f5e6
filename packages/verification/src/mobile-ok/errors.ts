/**
 * Typed errors of the mobile-ok client, made by the package's one factory (internal/errors.ts):
 * exported codes, a `cause` holding context, and caller mistakes kept apart from counterpart
 * mistakes:
 *
 * - caller / operator: {@link MokConfigError}, {@link MokValidationError}, {@link MokKeyFileError}
 * - network: {@link MokTransportError}
 * - counterpart (mobile-ok or whatever answers in its place): {@link MokProtocolError},
 *   {@link MokCryptoError}, {@link MokResultError}
 * - the integrator's mandatory checks on a result (본인확인-API 가이드 §7): {@link MokResultCheckError}
 *
 * No message or cause ever holds key material, a token, a ciphertext or a person's data: they
 * name fields and reasons, never values.
 */
import { providerErrors } from '../internal/errors.js';
import { lookupMokResultCode, type MokResultCodeEntry, type MokStep } from './codes.js';

/**
 * The §8 catalogue, also reachable as `@mfv/verification/mobile-ok/errors`; its home is ./codes.ts.
 * (The sandbox imports only the rows themselves, `@mfv/verification/mobile-ok/result-codes.json`.)
 */
export {
  isKnownMokResultCode,
  lookupMokResultCode,
  MOK_OTHER_CODES_ROW,
  MOK_RESULT_CODE_COUNT,
  MOK_RESULT_CODE_ROW_COUNT,
  MOK_RESULT_CODE_TABLE,
  MOK_RESULT_CODES,
  MOK_SUCCESS_CODE,
  type MokResultCodeEntry,
  type MokStep,
} from './codes.js';

export const MOK_PROVIDER = 'mobile-ok';

export interface MokErrorContext {
  provider: typeof MOK_PROVIDER;
  step?: MokStep;
  [key: string]: unknown;
}

const mok = providerErrors<typeof MOK_PROVIDER, string, MokStep>(MOK_PROVIDER);

/** Every code this client throws, by kind of failure: the one table the classes below are made from. */
export const MOK_ERROR_CODES = {
  config: ['MOK_CONFIG_INVALID'],
  validation: [
    'MOK_INVALID_AUTH_INFO',
    'MOK_INVALID_VERIFY_INFO',
    'MOK_INVALID_CLIENT_TX_ID',
    'MOK_INVALID_ARGUMENT',
  ],
  keyFile: [
    'MOK_KEYFILE_NOT_FOUND',
    'MOK_KEYFILE_UNREADABLE',
    'MOK_KEYFILE_WRONG_PASSWORD',
    'MOK_KEYFILE_MALFORMED',
  ],
  transport: ['MOK_CONNECT_TIMEOUT', 'MOK_TIMEOUT', 'MOK_ABORTED', 'MOK_NETWORK', 'MOK_RESPONSE_TOO_LARGE'],
  protocol: [
    'MOK_UNEXPECTED_STATUS',
    'MOK_INVALID_JSON',
    'MOK_INVALID_RESPONSE',
    'MOK_INVALID_PUBLIC_KEY',
    'MOK_INVALID_RESULT',
  ],
  crypto: [
    'MOK_MALFORMED_ENVELOPE',
    'MOK_RSA_DECRYPT_FAILED',
    'MOK_BAD_SESSION_KEY',
    'MOK_AES_DECRYPT_FAILED',
    'MOK_INTEGRITY_CHECK_FAILED',
    'MOK_ENCRYPT_FAILED',
  ],
  result: ['MOK_RESULT_CODE'],
  resultCheck: [
    'MOK_CLIENT_TX_ID_MISMATCH',
    'MOK_RESULT_EXPIRED',
    'MOK_ISSUE_DATE_IN_FUTURE',
    'MOK_SERVICE_TYPE_MISMATCH',
    'MOK_NOT_AN_IDENTITY_RESULT',
  ],
} as const;

/** The codes of one kind: `MokCodes<'transport'>` is `'MOK_CONNECT_TIMEOUT' | …`. */
export type MokCodes<K extends keyof typeof MOK_ERROR_CODES> = (typeof MOK_ERROR_CODES)[K][number];
export type MokConfigErrorCode = MokCodes<'config'>;
export type MokValidationErrorCode = MokCodes<'validation'>;
export type MokKeyFileErrorCode = MokCodes<'keyFile'>;
export type MokTransportErrorCode = MokCodes<'transport'>;
export type MokProtocolErrorCode = MokCodes<'protocol'>;
export type MokCryptoErrorCode = MokCodes<'crypto'>;
export type MokResultErrorCode = MokCodes<'result'>;
export type MokResultCheckErrorCode = MokCodes<'resultCheck'>;

/** Base class: `instanceof MokError` catches every error this client throws on purpose. */
export const MokError = mok.Base;
export type MokError = InstanceType<typeof MokError>;

/** A bad client option (base URL, site URL, timeouts, …): fix the configuration. */
export class MokConfigError extends mok.fixed('MokConfigError', 'MOK_CONFIG_INVALID') {}

export interface MokValidationIssue {
  /** Dotted field path, e.g. `userBirthday` or `extension.arsRequestMsg`. */
  path: string;
  message: string;
}

/** The caller passed request data the guide does not allow; nothing was sent. */
export class MokValidationError extends MokError {
  override name = 'MokValidationError';
  constructor(
    readonly code: MokValidationErrorCode,
    readonly issues: readonly MokValidationIssue[],
    context: Omit<MokErrorContext, 'provider'> = {},
  ) {
    super(
      `mobile-ok request data rejected: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      { ...context, issues },
    );
  }
}

/** The key file `mok_keyInfo.dat` is missing, unreadable, locked with another password, or broken. */
export class MokKeyFileError extends mok.kind('MokKeyFileError', MOK_ERROR_CODES.keyFile) {}

/** The request did not complete: timeout, abort, connection or TLS failure. */
export class MokTransportError extends mok.kind('MokTransportError', MOK_ERROR_CODES.transport) {}

/** The counterpart answered something the guide does not describe. */
export class MokProtocolError extends mok.kind('MokProtocolError', MOK_ERROR_CODES.protocol) {}

/**
 * An encrypted value could not be opened or failed its integrity check: tampering, truncation,
 * or a key that does not match. Also raised when encrypting to a key that cannot hold the data.
 */
export class MokCryptoError extends mok.kind('MokCryptoError', MOK_ERROR_CODES.crypto) {}

export interface MokResultErrorDetails {
  step: MokStep;
  resultCode: string;
  /** The provider's own `resultMsg`, when it sent one. */
  resultMsg?: string;
  /** A failed `confirm/request` (and some others) hand out a new token for the retry. */
  encryptMOKToken?: string;
  retryCount?: number;
  resendCount?: number;
}

/**
 * mobile-ok answered with a `resultCode` other than "2000". `entry` is 본인확인-API 가이드 §8 row for it
 * (or the generic entry): show `entry.customerMessage` to the person.
 */
export class MokResultError extends MokError {
  override name = 'MokResultError';
  readonly code: MokResultErrorCode = 'MOK_RESULT_CODE';
  readonly entry: MokResultCodeEntry;
  readonly step: MokStep;
  readonly resultCode: string;
  readonly resultMsg: string | undefined;
  readonly encryptMOKToken: string | undefined;
  readonly retryCount: number | undefined;
  readonly resendCount: number | undefined;

  constructor(details: MokResultErrorDetails) {
    const entry = lookupMokResultCode(details.resultCode, details.step);
    super(`mobile-ok ${details.step} failed with result code ${details.resultCode}: ${entry.description}`, {
      step: details.step,
      resultCode: details.resultCode,
      knownCode: entry.known,
    });
    this.entry = entry;
    this.step = details.step;
    this.resultCode = details.resultCode;
    this.resultMsg = details.resultMsg;
    this.encryptMOKToken = details.encryptMOKToken;
    this.retryCount = details.retryCount;
    this.resendCount = details.resendCount;
  }

  /** The guide's message for the customer (고객 메시지). */
  get customerMessage(): string {
    return this.entry.customerMessage;
  }
}

/** A decrypted result failed one of the integrator's mandatory checks (본인확인-API 가이드 §7). Do not use it. */
export class MokResultCheckError extends mok.kind('MokResultCheckError', MOK_ERROR_CODES.resultCheck) {}
