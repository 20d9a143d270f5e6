import { z } from 'zod';
import { fields } from './load.js';
import { providersMode, providersModeField } from './providers.js';
import { sentryEnvSchema } from './sentry.js';

/**
 * Environment of `apps/api` (the domain backend). Every variable, with its default:
 *
 *   NODE_ENV                          development | test | production (default development)
 *   API_HOST                          listen address (default 127.0.0.1)
 *   API_PORT                          listen port (default 4000; 0 = any free port)
 *   API_LOG_LEVEL                     pino level (default info)
 *   DATABASE_URL                      postgres://… — when unset, embedded PGlite is used
 *   API_PGLITE_DATA_DIR               PGlite data directory (default: in-memory, nothing kept)
 *   API_DEV_DATA_DIR                  where non-production generated secrets are kept
 *                                     (default apps/api/.data, git-ignored)
 *   API_JWT_ISSUER                    `iss` of access tokens (default urn:mfv:api)
 *   API_JWT_AUDIENCE                  `aud` of access tokens (default urn:mfv:web)
 *   API_JWT_PRIVATE_KEY[_FILE]        current ES256 (P-256) signing key, PKCS#8/SEC1 PEM, inline or
 *                                     a file path. Required in production; generated and kept under
 *                                     API_DEV_DATA_DIR otherwise.
 *   API_JWT_PREVIOUS_PUBLIC_KEY[_FILE]  the key rotated out: still published in the JWKS and
 *                                     accepted, never used to sign. SPKI PEM (a private PEM works too;
 *                                     only its public half is used). Optional.
 *   API_ACCESS_TOKEN_TTL_SECONDS      access-token lifetime (default 900)
 *   API_REFRESH_TOKEN_TTL_SECONDS     refresh-token lifetime (default 1209600 = 14 days)
 *   API_REFRESH_GRACE_SECONDS         retry window for the immediate predecessor (default 10, max 10)
 *   API_SIGNUP_TICKET_TTL_SECONDS     signup ticket lifetime (default 600)
 *   API_REFRESH_SEAL_SECRET[_FILE]    ≥32-character secret from which the AES-256-GCM key that seals
 *                                     a rotated token's successor (for the grace window) is derived.
 *                                     Must be the same on every instance. Required in production.
 *   API_INTERNAL_TOKEN[_FILE]         service credential the Next servers present on /auth/login/kakao
 *                                     and /users (≥32 characters). Required in production; the
 *                                     non-production default is DEV_API_INTERNAL_TOKEN.
 *   API_SHUTDOWN_TIMEOUT_MS           graceful-shutdown budget (default 10000, max 10000)
 *   IDENTITY_CI_KEY[_FILE]            ≥32-character secret keying HMAC-SHA-256 of a person's CI (연계정보):
 *                                     the api matches one person across providers by that keyed hash
 *                                     and never stores the CI itself (docs/auth.md "One person, one
 *                                     member"). Must be the same on every instance and must never
 *                                     change without IDENTITY_CI_PREVIOUS_KEY. Required in production;
 *                                     the published DEV_IDENTITY_CI_KEY is used outside production and
 *                                     refused while MFV_PROVIDERS is live.
 *   IDENTITY_CI_PREVIOUS_KEY[_FILE]   the key rotated out: hashes under it still match (and are
 *                                     re-keyed when the person verifies again). Optional.
 *   MFV_PROVIDERS                     sandbox | live (providers.ts): live refuses the published CI key
 *   SENTRY_DSN, SENTRY_ENVIRONMENT, SENTRY_RELEASE   error reporting (sentry.ts); no DSN, no Sentry
 */

export const API_JWT_DEFAULT_ISSUER = 'urn:mfv:api';
export const API_JWT_DEFAULT_AUDIENCE = 'urn:mfv:web';
/** Known to every dev process so they can talk to a dev api without setup. Refused in production. */
export const DEV_API_INTERNAL_TOKEN = 'mfv-dev-internal-token-never-use-in-production';
/**
 * The CI-hash key of development, tests and the sandbox: published, so a hash made with it proves
 * nothing. Refused while MFV_PROVIDERS is live (real people's CI must never be hashed with it).
 */
export const DEV_IDENTITY_CI_KEY = 'mfv-dev-identity-ci-key-never-use-with-real-people';

const MAX_REFRESH_GRACE_SECONDS = 10;
const MIN_SECRET_LENGTH = 32;

const optionalPath = () => z.string().min(1).optional();
const seconds = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a whole number of seconds' })
    .int({ message: 'must be a whole number of seconds' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` })
    .default(fallback);

/** Pairs of "inline value or file" variables: at most one of each pair may be set. */
const PAIRS = [
  ['API_JWT_PRIVATE_KEY', 'API_JWT_PRIVATE_KEY_FILE'],
  ['API_JWT_PREVIOUS_PUBLIC_KEY', 'API_JWT_PREVIOUS_PUBLIC_KEY_FILE'],
  ['API_REFRESH_SEAL_SECRET', 'API_REFRESH_SEAL_SECRET_FILE'],
  ['API_INTERNAL_TOKEN', 'API_INTERNAL_TOKEN_FILE'],
  ['IDENTITY_CI_KEY', 'IDENTITY_CI_KEY_FILE'],
  ['IDENTITY_CI_PREVIOUS_KEY', 'IDENTITY_CI_PREVIOUS_KEY_FILE'],
] as const;

export const apiEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    // 0 = an ephemeral port (tests that start the real server); otherwise like fields.port.
    API_PORT: z.coerce
      .number({ message: 'must be a port number' })
      .int({ message: 'must be a port number' })
      .min(0, { message: 'must be between 0 and 65535' })
      .max(65535, { message: 'must be between 0 and 65535' })
      .default(4000),
    API_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    API_PGLITE_DATA_DIR: optionalPath(),
    API_DEV_DATA_DIR: optionalPath(),
    API_JWT_ISSUER: z.string().min(1).default(API_JWT_DEFAULT_ISSUER),
    API_JWT_AUDIENCE: z.string().min(1).default(API_JWT_DEFAULT_AUDIENCE),
    API_JWT_PRIVATE_KEY: z
      .string()
      .includes('PRIVATE KEY', { message: 'must be a PEM private key' })
      .optional(),
    API_JWT_PRIVATE_KEY_FILE: optionalPath(),
    API_JWT_PREVIOUS_PUBLIC_KEY: z
      .string()
      .includes(' KEY-----', { message: 'must be a PEM key' })
      .optional(),
    API_JWT_PREVIOUS_PUBLIC_KEY_FILE: optionalPath(),
    API_ACCESS_TOKEN_TTL_SECONDS: seconds(900, 30, 86_400),
    API_REFRESH_TOKEN_TTL_SECONDS: seconds(14 * 86_400, 60, 366 * 86_400),
    // RFC 9700 §4.14.2 leaves room for a short retry window; more than a few seconds defeats reuse detection.
    API_REFRESH_GRACE_SECONDS: seconds(10, 0, MAX_REFRESH_GRACE_SECONDS),
    API_SIGNUP_TICKET_TTL_SECONDS: seconds(600, 60, 3_600),
    API_REFRESH_SEAL_SECRET: z
      .string()
      .min(MIN_SECRET_LENGTH, { message: `must be at least ${MIN_SECRET_LENGTH} characters` })
      .optional(),
    API_REFRESH_SEAL_SECRET_FILE: optionalPath(),
    API_INTERNAL_TOKEN: z
      .string()
      .min(MIN_SECRET_LENGTH, { message: `must be at least ${MIN_SECRET_LENGTH} characters` })
      .optional(),
    API_INTERNAL_TOKEN_FILE: optionalPath(),
    API_SHUTDOWN_TIMEOUT_MS: fields
      .durationMs(10_000)
      .pipe(z.number().max(10_000, { message: 'must be at most 10000 (the shutdown budget is 10 s)' })),
    IDENTITY_CI_KEY: z
      .string()
      .min(MIN_SECRET_LENGTH, { message: `must be at least ${MIN_SECRET_LENGTH} characters` })
      .optional(),
    IDENTITY_CI_KEY_FILE: optionalPath(),
    IDENTITY_CI_PREVIOUS_KEY: z
      .string()
      .min(MIN_SECRET_LENGTH, { message: `must be at least ${MIN_SECRET_LENGTH} characters` })
      .optional(),
    IDENTITY_CI_PREVIOUS_KEY_FILE: optionalPath(),
    MFV_PROVIDERS: providersModeField(),
    // SENTRY_DSN (optional), SENTRY_ENVIRONMENT, SENTRY_RELEASE: see sentry.ts.
    ...sentryEnvSchema.shape,
  })
  .superRefine((env, ctx) => {
    for (const [inline, file] of PAIRS) {
      if (env[inline] !== undefined && env[file] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [file], message: `set either ${inline} or ${file}, not both` });
      }
    }
    if (providersMode(env) === 'live') {
      for (const name of ['IDENTITY_CI_KEY', 'IDENTITY_CI_PREVIOUS_KEY'] as const) {
        if (env[name]?.trim() === DEV_IDENTITY_CI_KEY) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'must not be the published development key while MFV_PROVIDERS is live',
          });
        }
      }
    }
    if (env.NODE_ENV !== 'production') return;
    for (const [inline, file] of [PAIRS[0], PAIRS[2]] as const) {
      if (env[inline] === undefined && env[file] === undefined) {
        ctx.addIssue({ code: 'custom', path: [file], message: `required in production (or set ${inline})` });
      }
    }
    if (env.API_INTERNAL_TOKEN === undefined && env.API_INTERNAL_TOKEN_FILE === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_INTERNAL_TOKEN'],
        message: 'required in production (or set API_INTERNAL_TOKEN_FILE)',
      });
    } else if (env.API_INTERNAL_TOKEN === DEV_API_INTERNAL_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_INTERNAL_TOKEN'],
        message: 'must not be the published development token in production',
      });
    }
    if (env.IDENTITY_CI_KEY === undefined && env.IDENTITY_CI_KEY_FILE === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['IDENTITY_CI_KEY_FILE'],
        message: 'required in production (or set IDENTITY_CI_KEY)',
      });
    }
  });

export type ApiEnv = z.infer<typeof apiEnvSchema>;
