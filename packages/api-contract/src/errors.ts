/** The error registry: every `code` the api puts in an error body, and the error body itself. */
import { z } from 'zod';

/**
 * Every `code` the api puts in an error body, with the HTTP status it comes with.
 * Clients switch on `code`, never on `message` (which is for people and may change).
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  /** No `Authorization: Bearer` access token. */
  TOKEN_MISSING: 401,
  /** Signature, algorithm, type, issuer, audience or shape is wrong. */
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  /** The token is well-formed but its session (sid) was logged out or revoked as stolen. */
  SESSION_REVOKED: 401,
  REFRESH_INVALID: 401,
  REFRESH_EXPIRED: 401,
  /** The refresh token's family was revoked (logout, or an earlier reuse). */
  REFRESH_REVOKED: 401,
  /** A spent refresh token was presented: the whole family is now revoked (RFC 9700 §4.14.2). */
  REFRESH_REUSED: 401,
  /** The service credential (API_INTERNAL_TOKEN) is missing. */
  SERVICE_CREDENTIAL_MISSING: 401,
  /** The service credential does not match. */
  SERVICE_CREDENTIAL_INVALID: 401,
  SIGNUP_TICKET_INVALID: 400,
  SIGNUP_TICKET_EXPIRED: 400,
  SIGNUP_TICKET_USED: 409,
  /** The provider identity on the ticket already belongs to a member (a concurrent signup won). */
  IDENTITY_ALREADY_LINKED: 409,
  /** POST /auth/link for a member the signup ticket did not offer (not the same person). */
  LINK_NOT_OFFERED: 409,
  /**
   * The verified person (keyed CI hash, or SSAFY subject) already belongs to another member, or is mid-signup
   * with another login.
   */
  VERIFICATION_ALREADY_REGISTERED: 409,
  /** The member was verified before as another person (a different CI hash, or SSAFY subject). */
  VERIFICATION_PERSON_MISMATCH: 409,
  /** A signup without every required consent item (CONSENT_ITEMS); the message names the item in Korean. */
  CONSENT_REQUIRED: 400,
  /** A consent answered for a document version that is no longer the current one. */
  CONSENT_OUTDATED: 409,
  /** A required consent item cannot be withdrawn on its own (leaving is 탈퇴). */
  CONSENT_NOT_OPTIONAL: 409,
  VERIFICATION_TICKET_INVALID: 404,
  VERIFICATION_TICKET_USED: 409,
  VERIFICATION_TICKET_EXPIRED: 410,
  USER_NOT_FOUND: 404,
  NOTICE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DB_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const errorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const errorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  /** Present on VALIDATION_FAILED: one entry per failed rule, `path` like `body.nickname`. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
