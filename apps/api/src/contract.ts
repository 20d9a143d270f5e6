/**
 * The wire contract of `@mfv/api`: request and response schemas of every route, the error codes,
 * and the access-token profile. Imported by the Next servers and `@mfv/auth` as `@mfv/api/contract`,
 * so this file depends on zod alone — never on server-only modules (pg, PGlite, node:crypto, fastify).
 */
import { z } from 'zod';

// ─── Access-token profile (RFC 9068) ────────────────────────────────────────────────────────────

/** JOSE `typ` of every access token: RFC 9068 §2.1. Verifiers must pin it. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** The only signing algorithm (ECDSA P-256 + SHA-256). Verifiers must pin it, never read it from the token. */
export const ACCESS_TOKEN_ALG = 'ES256';
/**
 * `client_id` of every access token (RFC 9068 §2.2, required): the OAuth client the token was
 * issued to — the site's servers, the only client of this api.
 */
export const ACCESS_TOKEN_CLIENT_ID = 'mfv-web';
/** Scope string put in every access token issued by a login or refresh. */
export const DEFAULT_SCOPE = 'profile notices';

export const API_PATHS = {
  healthz: '/healthz',
  readyz: '/readyz',
  jwks: '/.well-known/jwks.json',
  verify: '/auth/verify',
  refresh: '/auth/refresh',
  logout: '/auth/logout',
  logoutAll: '/auth/logout-all',
  loginKakao: '/auth/login/kakao',
  loginToss: '/auth/login/toss',
  revokeIdentitySessions: '/auth/identities/revoke-sessions',
  revocations: '/auth/revocations',
  users: '/users',
  me: '/users/me',
  verifications: '/verifications',
  verificationsRedeem: '/verifications/redeem',
  notices: '/notices',
  noticesUnreadCount: '/notices/unread-count',
  noticeRead: (id: string) => `/notices/${encodeURIComponent(id)}/read`,
} as const;

// ─── Errors ─────────────────────────────────────────────────────────────────────────────────────

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
  /**
   * The verified person (DI, or SSAFY subject) already belongs to another member, or is mid-signup
   * with another login.
   */
  VERIFICATION_ALREADY_REGISTERED: 409,
  /** The member was verified before as another person (a different DI, or SSAFY subject). */
  VERIFICATION_PERSON_MISMATCH: 409,
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

// ─── Shared pieces ──────────────────────────────────────────────────────────────────────────────

export const NICKNAME_MAX_LENGTH = 20;
const countCodePoints = (s: string) => Array.from(s).length;

/**
 * Nickname rule: trimmed, 1–20 characters (Unicode code points, so 20 Hangul syllables fit),
 * no control characters.
 */
export const nicknameSchema = z
  .string({ message: 'nickname must be a string' })
  .trim()
  .min(1, { message: 'nickname must not be empty' })
  .refine((s) => countCodePoints(s) <= NICKNAME_MAX_LENGTH, {
    message: `nickname must be at most ${NICKNAME_MAX_LENGTH} characters`,
  })
  .refine((s) => !/\p{Cc}/u.test(s), { message: 'nickname must not contain control characters' });

export const publicUserSchema = z.object({ id: z.string(), nickname: z.string() });
export type PublicUser = z.infer<typeof publicUserSchema>;

/** What a login, a signup and a refresh hand back. The refresh token never reaches a browser. */
export const tokenSetSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  /** Seconds until the refresh token expires. */
  refreshExpiresIn: z.number().int(),
  /** The login session (token family); equals the access token's `sid`. */
  sessionId: z.string(),
  user: publicUserSchema,
});
export type TokenSet = z.infer<typeof tokenSetSchema>;

// ─── /auth ──────────────────────────────────────────────────────────────────────────────────────

export const accessTokenClaimsSchema = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: z.string(),
  sid: z.string(),
  exp: z.number().int(),
  iat: z.number().int(),
  jti: z.string(),
  /** RFC 9068 §2.2; absent in tokens issued before it existed (at most one access-token lifetime). */
  client_id: z.string().optional(),
  scope: z.string(),
  /** Display name at issue time (OIDC `nickname`); absent in tokens issued before it existed. */
  nickname: z.string().optional(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

/** POST /auth/verify (Bearer AT) — the preflight of the original design; also rejects revoked sessions. */
export const verifyResponseSchema = z.object({ claims: accessTokenClaimsSchema });
export type VerifyResponse = z.infer<typeof verifyResponseSchema>;

/**
 * GET /auth/revocations?since=<epoch ms> (service credential) — sessions revoked since then
 * (logout, logout-all, Toss unlink, refresh-token reuse), so servers that verify access tokens
 * locally refuse them within a poll interval (issue 13, F3). `since` is clamped to one access-token
 * lifetime back: older revocations can no longer have a token that verifies.
 */
export const revocationsQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().optional(),
});
export const revocationsResponseSchema = z.object({
  /** The api's clock (epoch ms) when it looked: the next `since`, minus an overlap. */
  now: z.number().int(),
  /** How long a revoked session must be remembered: the access-token lifetime, in seconds. */
  accessTokenTtlSeconds: z.number().int().positive(),
  /** Revoked session ids (access tokens' `sid`). */
  sessions: z.array(z.string()),
});
export type RevocationsResponse = z.infer<typeof revocationsResponseSchema>;

/** POST /auth/refresh */
export const refreshRequestSchema = z.object({
  refreshToken: z
    .string({ message: 'refreshToken must be a string' })
    .min(1, { message: 'refreshToken must not be empty' })
    .max(512, { message: 'refreshToken is too long' }),
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;
export const refreshResponseSchema = tokenSetSchema;
export type RefreshResponse = TokenSet;

/**
 * POST /auth/login/kakao (service credential). The Next server has already verified the Kakao
 * identity; `kakaoId` is Kakao's numeric user id, as a decimal string (preferred: it is a 64-bit
 * number) or a JSON number within the safe-integer range.
 */
const KAKAO_ID_MESSAGE = 'kakaoId must be a positive integer (a decimal string, or a number up to 2^53-1)';
export const kakaoLoginRequestSchema = z.object({
  kakaoId: z.union(
    [
      z.string().regex(/^[1-9][0-9]{0,19}$/, { message: KAKAO_ID_MESSAGE }),
      z
        .number({ message: KAKAO_ID_MESSAGE })
        .int({ message: KAKAO_ID_MESSAGE })
        .positive({ message: KAKAO_ID_MESSAGE })
        .max(Number.MAX_SAFE_INTEGER, { message: KAKAO_ID_MESSAGE }),
    ],
    { message: KAKAO_ID_MESSAGE },
  ),
  nickname: z.string().max(100, { message: 'nickname must be at most 100 characters' }).optional(),
  email: z.email({ message: 'email must be an e-mail address' }).max(254).optional(),
  profileImageUrl: z
    .url({ protocol: /^https?$/, message: 'profileImageUrl must be an http(s) URL' })
    .max(2048)
    .optional(),
});
export type KakaoLoginRequest = z.infer<typeof kakaoLoginRequestSchema>;

export const signedInResponseSchema = tokenSetSchema.extend({ status: z.literal('signedIn') });
export type SignedInResponse = z.infer<typeof signedInResponseSchema>;

export const needsSignupResponseSchema = z.object({
  status: z.literal('needsSignup'),
  /** Opaque, single use, valid for 10 minutes: pass it to POST /users. */
  signupTicket: z.string(),
  /** What Kakao told us, to prefill the signup form. */
  profile: z.object({ nickname: z.string().optional(), email: z.string().optional() }),
});
export type NeedsSignupResponse = z.infer<typeof needsSignupResponseSchema>;

export const kakaoLoginResponseSchema = z.discriminatedUnion('status', [
  signedInResponseSchema,
  needsSignupResponseSchema,
]);
export type KakaoLoginResponse = z.infer<typeof kakaoLoginResponseSchema>;

/**
 * POST /auth/login/toss (service credential). The user remote has already exchanged the Toss
 * authorization code over mTLS and read login-me; `userKey` (int64, as a decimal string) is the only
 * thing the api learns: the identity subject. Strict: personal fields (name, phone, CI …) are
 * refused, so none can reach the database by accident. Same answers as the Kakao login.
 */
const TOSS_USER_KEY_MESSAGE = 'userKey must be a non-negative 64-bit integer as a decimal string';
export const tossUserKeySchema = z
  .string({ message: TOSS_USER_KEY_MESSAGE })
  .regex(/^(0|[1-9][0-9]{0,18})$/, { message: TOSS_USER_KEY_MESSAGE })
  // zod runs refinements after a failed regex too: only digits reach BigInt().
  .refine((v) => /^\d+$/.test(v) && BigInt(v) <= 9_223_372_036_854_775_807n, {
    message: TOSS_USER_KEY_MESSAGE,
  });
export const tossLoginRequestSchema = z.strictObject({ userKey: tossUserKeySchema });
export type TossLoginRequest = z.infer<typeof tossLoginRequestSchema>;
export const tossLoginResponseSchema = kakaoLoginResponseSchema;
export type TossLoginResponse = KakaoLoginResponse;

/** Identity providers a member can be linked to (the `identities` table). */
export const PROVIDERS = ['kakao', 'toss'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/**
 * POST /auth/identities/revoke-sessions (service credential): the provider told us the person
 * unlinked the app (Toss unlink callback). Ends every session of the member linked to that
 * identity and cancels unused signup tickets for it. Idempotent; an identity nobody is linked to
 * answers `linked: false`.
 */
export const revokeIdentitySessionsRequestSchema = z.strictObject({
  provider: z.enum(PROVIDERS, { message: `provider must be one of ${PROVIDERS.join(', ')}` }),
  subject: z
    .string({ message: 'subject must be a string' })
    .min(1, { message: 'subject must not be empty' })
    .max(64, { message: 'subject is too long' }),
});
export type RevokeIdentitySessionsRequest = z.infer<typeof revokeIdentitySessionsRequestSchema>;
export const revokeIdentitySessionsResponseSchema = z.object({
  /** Whether a member holds this identity. */
  linked: z.boolean(),
  /** Sessions (token families, the access tokens' `sid`) that were live and are now revoked. */
  revokedSessionIds: z.array(z.string()),
  /** Signup tickets for this identity that can no longer be used. */
  cancelledSignupTickets: z.number().int().nonnegative(),
});
export type RevokeIdentitySessionsResponse = z.infer<typeof revokeIdentitySessionsResponseSchema>;

// ─── /users ─────────────────────────────────────────────────────────────────────────────────────

/** POST /users (service credential) */
export const createUserRequestSchema = z.object({
  signupTicket: z
    .string({ message: 'signupTicket must be a string' })
    .min(1, { message: 'signupTicket must not be empty' })
    .max(512, { message: 'signupTicket is too long' }),
  nickname: nicknameSchema,
  agreeTerms: z.literal(true, { message: 'agreeTerms must be true' }),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;
export const createUserResponseSchema = signedInResponseSchema;
export type CreateUserResponse = SignedInResponse;

/** GET /users/me (Bearer AT) */
export const meResponseSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  email: z.string().optional(),
  /** ISO 8601 */
  createdAt: z.string(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

// ─── /notices ───────────────────────────────────────────────────────────────────────────────────

export const NOTICES_DEFAULT_LIMIT = 20;
export const NOTICES_MAX_LIMIT = 100;

export const noticesQuerySchema = z.object({
  limit: z.coerce
    .number({ message: 'limit must be a number' })
    .int({ message: 'limit must be a whole number' })
    .min(1, { message: 'limit must be at least 1' })
    .max(NOTICES_MAX_LIMIT, { message: `limit must be at most ${NOTICES_MAX_LIMIT}` })
    .default(NOTICES_DEFAULT_LIMIT),
});
export type NoticesQuery = z.input<typeof noticesQuerySchema>;

export const noticeSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** ISO 8601 */
  publishedAt: z.string(),
  read: z.boolean(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** GET /notices (Bearer AT): newest first, only notices already published. */
export const noticesResponseSchema = z.object({ items: z.array(noticeSchema) });
export type NoticesResponse = z.infer<typeof noticesResponseSchema>;

/** GET /notices/unread-count (Bearer AT) */
export const unreadCountResponseSchema = z.object({ count: z.number().int().nonnegative() });
export type UnreadCountResponse = z.infer<typeof unreadCountResponseSchema>;

/** POST /notices/:id/read (Bearer AT) → 204, idempotent. */
export const noticeIdParamsSchema = z.object({ id: z.uuid({ message: 'id must be a notice id (UUID)' }) });

// ─── /healthz, /readyz, JWKS ────────────────────────────────────────────────────────────────────

export const healthResponseSchema = z.object({ status: z.literal('ok') });

export const jwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  alg: z.literal(ACCESS_TOKEN_ALG),
  use: z.literal('sig'),
});
export const jwksSchema = z.object({ keys: z.array(jwkSchema) });
export type Jwks = z.infer<typeof jwksSchema>;

// ─── /verifications ─────────────────────────────────────────────────────────────────────────────

/**
 * Identity verifications handed off by the verify remote (ARCHITECTURE.md "Identity verification",
 * step 4). The record is what the provider guide says to keep, no more; the browser never sees it,
 * only a one-time ticket that POST /verifications/redeem turns into masked fields.
 */
export const VERIFICATION_PROVIDERS = ['mobile-ok', 'kcb', 'ssafy', 'toss'] as const;
/** How long the one-time result ticket may be redeemed. */
export const VERIFICATION_TICKET_TTL_SECONDS = 600;

/** Whom a verification belongs to: a member (from the verified session) or a pending signup. */
export const verificationOwnerSchema = z.union(
  [
    z.strictObject({ userId: z.uuid({ message: 'owner.userId must be a member id (UUID)' }) }),
    z.strictObject({
      signupTicket: z
        .string({ message: 'owner.signupTicket must be a string' })
        .min(1, { message: 'owner.signupTicket must not be empty' })
        .max(512, { message: 'owner.signupTicket is too long' }),
    }),
  ],
  { message: 'owner must be {userId} or {signupTicket}' },
);
export type VerificationOwner = z.infer<typeof verificationOwnerSchema>;

const IDENTITY_FIELDS = ['ci', 'di', 'name', 'birthday', 'gender', 'nation'] as const;

/** Providers whose result is a phone verification (identity or possession): every one but SSAFY. */
export const PHONE_VERIFICATION_PROVIDERS = ['mobile-ok', 'kcb', 'toss'] as const;

/**
 * A phone verification. An identity result carries CI, DI, name, birthday, gender and nation
 * together; a possession-only result (mobile-ok SMS 소유인증) carries none of them.
 */
export const phoneVerificationRecordSchema = z
  .strictObject({
    provider: z.enum(PHONE_VERIFICATION_PROVIDERS, {
      message: `provider must be one of ${VERIFICATION_PROVIDERS.join(', ')}`,
    }),
    serviceType: z
      .string({ message: 'serviceType must be a string' })
      .regex(/^[A-Za-z0-9.-]{1,40}$/, { message: "serviceType must be the provider's product code" }),
    ci: z.string().min(1).max(256, { message: 'ci is too long' }).optional(),
    di: z.string().min(1).max(256, { message: 'di is too long' }).optional(),
    name: z
      .string()
      .trim()
      .min(1, { message: 'name must not be empty' })
      .max(100, { message: 'name is too long' })
      .optional(),
    birthday: z
      .string()
      .regex(/^\d{8}$/, { message: 'birthday must be YYYYMMDD' })
      .optional(),
    gender: z.enum(['male', 'female'], { message: 'gender must be male or female' }).optional(),
    nation: z.enum(['domestic', 'foreign'], { message: 'nation must be domestic or foreign' }).optional(),
    phone: z.string().regex(/^\d{9,12}$/, { message: 'phone must be 9–12 digits' }),
    isAdult: z.boolean({ message: 'isAdult must be a boolean' }).optional(),
    verifiedAt: z.iso.datetime({ offset: true, message: 'verifiedAt must be an ISO 8601 date-time' }),
    owner: verificationOwnerSchema,
  })
  .superRefine((value, ctx) => {
    const present = IDENTITY_FIELDS.filter((field) => value[field] !== undefined);
    if (present.length !== 0 && present.length !== IDENTITY_FIELDS.length) {
      for (const field of IDENTITY_FIELDS.filter((f) => value[f] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} is required with ${present.join(', ')} (an identity result carries all of ${IDENTITY_FIELDS.join(', ')})`,
        });
      }
    }
  });

/**
 * An SSAFY Verify result (seed 002 "저장 최소화"): the pairwise `sub`, cohort and campus when the
 * issuer sent them, the Mattermost id only when that scope is configured, and when. Never a
 * phone, CI, DI or name (strict: such a field is refused).
 */
export const ssafyVerificationRecordSchema = z.strictObject({
  provider: z.literal('ssafy', { message: `provider must be one of ${VERIFICATION_PROVIDERS.join(', ')}` }),
  serviceType: z.literal('ssafy.verify', { message: 'serviceType must be ssafy.verify' }),
  subject: z
    .string({ message: 'subject must be a string' })
    .min(1, { message: 'subject must not be empty' })
    .max(255, { message: 'subject is too long' }),
  cohort: z
    .string({ message: 'cohort must be a string' })
    .min(1, { message: 'cohort must not be empty' })
    .max(100, { message: 'cohort is too long' })
    .optional(),
  campus: z
    .string({ message: 'campus must be a string' })
    .min(1, { message: 'campus must not be empty' })
    .max(100, { message: 'campus is too long' })
    .optional(),
  mattermostId: z
    .string({ message: 'mattermostId must be a string' })
    .min(1, { message: 'mattermostId must not be empty' })
    .max(255, { message: 'mattermostId is too long' })
    .optional(),
  verifiedAt: z.iso.datetime({ offset: true, message: 'verifiedAt must be an ISO 8601 date-time' }),
  owner: verificationOwnerSchema,
});

/**
 * POST /verifications (service credential): a phone verification or an SSAFY Verify result, told
 * apart by `provider`. Strict: no other field can reach the database.
 */
export const createVerificationRequestSchema = z.discriminatedUnion(
  'provider',
  [phoneVerificationRecordSchema, ssafyVerificationRecordSchema],
  { message: `provider must be one of ${VERIFICATION_PROVIDERS.join(', ')}` },
);
export type CreateVerificationRequest = z.infer<typeof createVerificationRequestSchema>;

export const createVerificationResponseSchema = z.object({
  id: z.string(),
  /** Opaque, single use, valid VERIFICATION_TICKET_TTL_SECONDS: pass it to POST /verifications/redeem. */
  ticket: z.string(),
  /** ISO 8601 */
  ticketExpiresAt: z.string(),
});
export type CreateVerificationResponse = z.infer<typeof createVerificationResponseSchema>;

/** POST /verifications/redeem (service credential). A POST, so the ticket never appears in a logged URL. */
export const redeemVerificationRequestSchema = z.strictObject({
  ticket: z
    .string({ message: 'ticket must be a string' })
    .min(1, { message: 'ticket must not be empty' })
    .max(512, { message: 'ticket is too long' }),
  /**
   * Who is redeeming (the browser's member or pending signup, as the verify remote resolved it).
   * When given, it must be the record's owner, else the ticket is "not recognised" and stays
   * unspent (issue 13, F6: a ticket in a URL redeemed for whoever had the URL). The verify remote
   * always sends it.
   */
  owner: verificationOwnerSchema.optional(),
});
export type RedeemVerificationRequest = z.infer<typeof redeemVerificationRequestSchema>;

/** Masked fields only (홍*동, 010-****-5678): what a result page may show. */
export const redeemVerificationResponseSchema = z.object({
  provider: z.enum(VERIFICATION_PROVIDERS),
  serviceType: z.string(),
  /** Present for identity results. */
  maskedName: z.string().optional(),
  /** Present for phone verifications (not SSAFY). */
  maskedPhone: z.string().optional(),
  /** Present when the provider was asked for an adult check. */
  isAdult: z.boolean().optional(),
  /** Whether the result identifies a person (CI/DI) or only proves possession of the number. */
  identity: z.boolean(),
  /** ISO 8601 */
  verifiedAt: z.string(),
  attachedTo: z.enum(['member', 'signup']),
  /** SSAFY: the cohort and campus, when the issuer sent them (never the subject or Mattermost id). */
  cohort: z.string().optional(),
  campus: z.string().optional(),
});
export type RedeemVerificationResponse = z.infer<typeof redeemVerificationResponseSchema>;
