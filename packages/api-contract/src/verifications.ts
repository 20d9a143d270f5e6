/**
 * Verifications (/verifications): identity verifications handed off by the verify remote. The record is what the provider guide says to keep, no more; the browser never sees it,
 * only a one-time ticket that POST /verifications/redeem turns into masked fields, and the member's
 * lasting status (GET /verifications/me: kind, masked name, when).
 */
import { z } from 'zod';

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

/** What makes a result an identity result: together or not at all. */
const IDENTITY_FIELDS = ['ci', 'di', 'name'] as const;
/** Identity details a provider may leave out (KCB, as public integrations read it); only with an identity. */
const OPTIONAL_IDENTITY_FIELDS = ['birthday', 'gender', 'nation'] as const;

/** Providers whose result is a phone verification (identity or possession): every one but SSAFY. */
export const PHONE_VERIFICATION_PROVIDERS = ['mobile-ok', 'kcb', 'toss'] as const;

/**
 * A phone verification. An identity result carries CI, DI and name together, and birthday, gender
 * and nation when the provider sent them (KCB may leave them out); a possession-only result
 * (mobile-ok SMS 소유인증) carries none of them. The CI crosses to the api only to be hashed there
 * (HMAC-SHA-256 under IDENTITY_CI_KEY): the api stores the hash, which matches the person at every
 * provider, never the CI.
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
    if (present.length === 0) {
      for (const field of OPTIONAL_IDENTITY_FIELDS.filter((f) => value[f] !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} belongs to an identity result (${IDENTITY_FIELDS.join(', ')})`,
        });
      }
    }
  });

/**
 * An SSAFY Verify result (storage kept minimal, "저장 최소화"): the pairwise `sub`, cohort and campus when the
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
   * unspent (so a leaked ticket cannot be redeemed by whoever holds it). The verify remote
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

/**
 * What kind of verification a member holds, in words that name no provider: a phone identity
 * verification (mobile-ok, KCB, Toss: a person with a name), a phone possession check (mobile-ok
 * SMS 소유인증: a number, no name), or an SSAFY Verify result.
 */
export const VERIFICATION_KINDS = ['phone-identity', 'phone-possession', 'ssafy'] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];

/**
 * GET /verifications/me (Bearer AT): the signed-in member's lasting verification status, exactly
 * what a page shows and no more — never CI, DI, phone, birth date, SSAFY subject or cohort (only
 * `adult`, derived from the birth date on the day asked). The
 * strongest verification the member holds (identity, then SSAFY, then possession), newest first
 * within a kind.
 */
export const verificationStatusSchema = z.discriminatedUnion('verified', [
  z.strictObject({ verified: z.literal(false) }),
  z.strictObject({
    verified: z.literal(true),
    kind: z.enum(VERIFICATION_KINDS),
    /** Phone identity verifications only (홍*동). */
    maskedName: z.string().optional(),
    /**
     * Phone identity verifications with a birth date: whether the person is an adult today in Korea
     * (민법, 만 19세). What a service that needs an adult checks on its server.
     */
    adult: z.boolean().optional(),
    /** ISO 8601: when the provider verified the person. */
    verifiedAt: z.string(),
  }),
]);
export type VerificationStatus = z.infer<typeof verificationStatusSchema>;
