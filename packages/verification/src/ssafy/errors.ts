/**
 * Typed errors of the SSAFY Verify server client, made by the package's one factory
 * (internal/errors.ts). Every error has a detailed `code` (for logs and tests) and the `uiCode`
 * from the SSAFY Verify guide's list that the browser shows, plus the provider's
 * `requestId` when there is one ("failures show request_id, never sensitive values").
 */
import { providerErrors } from '../internal/errors.js';
import { SSAFY_UI_ERROR_MESSAGES, type SsafyUiErrorCode } from './browser.js';

export const SSAFY_PROVIDER = 'ssafy';

export const SSAFY_ERROR_CODES = [
  'SSAFY_CONFIG_INVALID',
  'SSAFY_INVALID_ARGUMENT',
  // transport
  'SSAFY_CONNECT_TIMEOUT',
  'SSAFY_TIMEOUT',
  'SSAFY_ABORTED',
  'SSAFY_NETWORK',
  'SSAFY_RESPONSE_TOO_LARGE',
  'SSAFY_JWKS_UNAVAILABLE',
  // token endpoint
  'SSAFY_EXCHANGE_REJECTED',
  'SSAFY_UNEXPECTED_STATUS',
  'SSAFY_INVALID_JSON',
  'SSAFY_INVALID_RESPONSE',
  // verification_token
  'SSAFY_TOKEN_MALFORMED',
  'SSAFY_TOKEN_ALG_NOT_ALLOWED',
  'SSAFY_TOKEN_UNKNOWN_KID',
  'SSAFY_TOKEN_BAD_SIGNATURE',
  'SSAFY_TOKEN_EXPIRED',
  'SSAFY_TOKEN_NOT_YET_VALID',
  'SSAFY_TOKEN_ISSUER_MISMATCH',
  'SSAFY_TOKEN_AUDIENCE_MISMATCH',
  'SSAFY_TOKEN_CLIENT_ID_MISMATCH',
  'SSAFY_TOKEN_NOT_VERIFIED',
  'SSAFY_TOKEN_CLAIM_INVALID',
] as const;
export type SsafyErrorCode = (typeof SSAFY_ERROR_CODES)[number];

const NETWORK_CODES: ReadonlySet<SsafyErrorCode> = new Set([
  'SSAFY_CONNECT_TIMEOUT',
  'SSAFY_TIMEOUT',
  'SSAFY_ABORTED',
  'SSAFY_NETWORK',
  'SSAFY_JWKS_UNAVAILABLE',
]);

export interface SsafyErrorContext {
  provider: typeof SSAFY_PROVIDER;
  [key: string]: unknown;
}

const ssafy = providerErrors<typeof SSAFY_PROVIDER, SsafyErrorCode>(SSAFY_PROVIDER);

export class SsafyError extends ssafy.kind('SsafyError', SSAFY_ERROR_CODES) {
  declare readonly cause: SsafyErrorContext;
  /** The issuer's `request_id`, to show on failure. */
  readonly requestId: string | null;
  constructor(
    code: SsafyErrorCode,
    message: string,
    context: Record<string, unknown> & { requestId?: string | null } = {},
  ) {
    super(code, message, context);
    this.requestId = context.requestId ?? null;
  }
  /** The UI code (the SSAFY Verify guide's list). */
  get uiCode(): SsafyUiErrorCode {
    return NETWORK_CODES.has(this.code) ? 'VERIFY_NETWORK_FAILED' : 'VERIFY_RESPONSE_INVALID';
  }
  override get userMessage(): string {
    return SSAFY_UI_ERROR_MESSAGES[this.uiCode];
  }
}

/** A bad option or argument from our side. */
export class SsafyConfigError extends SsafyError {
  override name = 'SsafyConfigError';
}

/** The `verification_token` failed a check; `claim` names it when one claim is at fault. */
export class SsafyTokenValidationError extends SsafyError {
  override name = 'SsafyTokenValidationError';
  constructor(
    code: SsafyErrorCode,
    message: string,
    readonly claim?: string,
  ) {
    super(code, message, claim === undefined ? {} : { claim });
  }
}
