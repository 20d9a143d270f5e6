/**
 * Sessions (/auth): token sets, the preflight, the revocations feed, refresh, the Kakao and Toss
 * logins, and the identity-unlink revocation.
 */
import { z } from 'zod';
import { accessTokenClaimsSchema } from './token-profile.js';

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

/** POST /auth/verify (Bearer AT) — the preflight of the original design; also rejects revoked sessions. */
export const verifyResponseSchema = z.object({ claims: accessTokenClaimsSchema });
export type VerifyResponse = z.infer<typeof verifyResponseSchema>;

/**
 * GET /auth/revocations?since=<epoch ms> (service credential) — sessions revoked since then
 * (logout, logout-all, Toss unlink, refresh-token reuse), so servers that verify access tokens
 * locally refuse them within a poll interval. `since` is clamped to one access-token
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
/**
 * A person's CI (연계정보) as a login provider reported it (Toss login-me, decrypted; Kakao
 * `kakao_account.ci`): the api keeps only its keyed hash (one person across providers,
 * docs/auth.md) and never the CI.
 */
export const personCiSchema = z
  .string({ message: 'ci must be a string' })
  .min(1, { message: 'ci must not be empty' })
  .max(256, { message: 'ci is too long' });

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
  /**
   * `kakao_account.ci`, when Kakao gave it (an app granted the 연계정보 consent item, and the person
   * agreed; developers.kakao.com › 카카오 로그인 › "제휴가 필요한 사용자 정보", 본인확인정보).
   */
  ci: personCiSchema.optional(),
});
export type KakaoLoginRequest = z.infer<typeof kakaoLoginRequestSchema>;

export const signedInResponseSchema = tokenSetSchema.extend({ status: z.literal('signedIn') });
export type SignedInResponse = z.infer<typeof signedInResponseSchema>;

export const needsSignupResponseSchema = z.object({
  status: z.literal('needsSignup'),
  /** Opaque, single use, valid for 10 minutes: pass it to POST /users (or POST /auth/link). */
  signupTicket: z.string(),
  /** What Kakao told us, to prefill the signup form. */
  profile: z.object({ nickname: z.string().optional(), email: z.string().optional() }),
  /**
   * The login's provider reported the person's CI (Toss login-me, Kakao `kakao_account.ci`) and a member already is that
   * person: offer to link this login to that member (POST /auth/link, after the person signed in
   * to it with one of `providers`) before a second account is made. Names no member, only how
   * they sign in.
   */
  existingAccount: z.object({ providers: z.array(z.enum(['kakao', 'toss'])) }).optional(),
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
 * identity subject the api keeps, with the keyed hash of the CI when login-me had one. Strict: other
 * personal fields (name, phone …) are refused, so none can reach the database by accident. Same
 * answers as the Kakao login.
 */
const TOSS_USER_KEY_MESSAGE = 'userKey must be a non-negative 64-bit integer as a decimal string';
export const tossUserKeySchema = z
  .string({ message: TOSS_USER_KEY_MESSAGE })
  .regex(/^(0|[1-9][0-9]{0,18})$/, { message: TOSS_USER_KEY_MESSAGE })
  // zod runs refinements after a failed regex too: only digits reach BigInt().
  .refine((v) => /^\d+$/.test(v) && BigInt(v) <= 9_223_372_036_854_775_807n, {
    message: TOSS_USER_KEY_MESSAGE,
  });
export const tossLoginRequestSchema = z.strictObject({
  userKey: tossUserKeySchema,
  /**
   * login-me's `ci` (연계정보), decrypted, when the person agreed to share it: the api keeps only
   * its keyed hash (one person across providers, docs/auth.md) and never the CI.
   */
  ci: personCiSchema.optional(),
});
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

/**
 * POST /auth/link (service credential): the person was offered to link a new login to the member
 * who already is them (`existingAccount` of a login answer), signed in to that member, and agreed.
 * The signup ticket's provider identity joins that member — the ticket is spent, no second member
 * is made. Refused (LINK_NOT_OFFERED) unless `userId` is exactly the member the ticket offered.
 */
export const linkIdentityRequestSchema = z.strictObject({
  signupTicket: z
    .string({ message: 'signupTicket must be a string' })
    .min(1, { message: 'signupTicket must not be empty' })
    .max(512, { message: 'signupTicket is too long' }),
  userId: z.uuid({ message: 'userId must be a member id (UUID)' }),
});
export type LinkIdentityRequest = z.infer<typeof linkIdentityRequestSchema>;
export const linkIdentityResponseSchema = z.object({
  linked: z.literal(true),
  provider: z.enum(PROVIDERS),
});
export type LinkIdentityResponse = z.infer<typeof linkIdentityResponseSchema>;
