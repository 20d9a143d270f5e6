import { z } from 'zod';
import { checkLiveProviders, LIVE_GUARD, PROVIDER_SETTINGS } from './live-providers.js';
import { fields } from './load.js';
import { providersMode, providersModeField } from './providers.js';
import { userRateLimitFields } from './rate-limits.js';
import { SANDBOX_TOSS_DEV_AAD, SANDBOX_TOSS_DEV_DECRYPT_KEY } from './sandbox.js';

/**
 * Environment of the user remote (login providers). Defaults point at the sandbox; production
 * sets the real hosts — nothing else changes.
 *
 * Kakao
 *   KAKAO_CLIENT_ID               REST API key (default sandbox-kakao-client)
 *   KAKAO_CLIENT_SECRET[_FILE]    only when the Kakao app enabled client secrets
 *   KAKAO_AUTHORIZE_BASE_URL      browser-facing kauth host (default http://localhost:4100/kakao/kauth)
 *   KAKAO_TOKEN_BASE_URL          server-facing kauth host (default http://127.0.0.1:4100/kakao/kauth)
 *   KAKAO_API_BASE_URL            kapi host (default http://127.0.0.1:4100/kakao/kapi)
 *   KAKAO_REDIRECT_URI            default <AUTH_PUBLIC_ORIGIN>/user/login/kakao/callback
 *   KAKAO_TIMEOUT_MS              bound on each call to Kakao (default 5000)
 *
 * Toss login (apps-in-toss; docs/providers/toss.md)
 *   TOSS_LOGIN_ENABLED            true (default) | false — false hides the button, answers 404 on the
 *                                 Toss routes and leaves mTLS out of the health check
 *                                 The login itself is the apps-in-toss SDK's appLogin() inside the
 *                                 Toss app's WebView, posted to /user/api/login/toss: no browser URL.
 *   TOSS_MINIAPP_URL              optional: the link that opens this service in the Toss app (as the
 *                                 apps-in-toss console gives it, https: or intoss:); shown to people
 *                                 who press "토스로 로그인" outside the Toss app. Unset: no link.
 *
 * MFV_PROVIDERS=live (the default with NODE_ENV=production) refuses every sandbox default above, plain
 * http and loopback/private hosts for KAKAO_* and (while Toss login is on) TOSS_API_BASE_URL, naming
 * each variable and what to set (live-providers.ts).
 *   TOSS_API_BASE_URL             partner API origin, https only (default the sandbox's mTLS listener
 *                                 https://127.0.0.1:4443; production https://apps-in-toss-api.toss.im)
 *   TOSS_CONNECT_TIMEOUT_MS       TCP + TLS handshake bound (default 5000, max 60000)
 *   TOSS_TIMEOUT_MS               bound on each Toss call (default 10000, max 60000)
 *   TOSS_DECRYPT_KEY[_FILE]       AES-256-GCM key of login-me's fields, from the console: base64 of 32
 *                                 bytes or 64 hex digits (non-production default: the sandbox's dev key;
 *                                 required in production, and never the sandbox's dev key there)
 *   TOSS_DECRYPT_AAD[_FILE]       the AAD issued with that key (same rules)
 *   TOSS_UNLINK_BASIC_AUTH[_FILE] `user:password` Toss presents (HTTP Basic) on the unlink callback
 *                                 /user/api/toss/unlink, as registered in the console (non-production
 *                                 default: the sandbox's sandbox-toss:sandbox-unlink-secret; required in
 *                                 production, never that value there)
 *
 * mTLS client certificate for the Toss partner API (@mfv/mtls; resolution order file → PEM → Docker
 * secret, see packages/mtls/README.md). Loaded at first use; the health endpoint fails while it
 * cannot be loaded.
 *   MTLS_CERT_FILE | MTLS_CERT    client certificate: file path | PEM text
 *   MTLS_KEY_FILE  | MTLS_KEY     private key (a key FILE must be mode 0600 or stricter)
 *   MTLS_CA_FILE   | MTLS_CA      CA bundle that verifies the SERVER (the sandbox's dev CA); unset for
 *                                 Toss's public certificate
 *   MTLS_SECRETS_DIR              Docker secrets folder (default /run/secrets)
 *   MTLS_CERT_SECRET, MTLS_KEY_SECRET, MTLS_CA_SECRET
 *                                 secret names (default mtls_client_cert, mtls_client_key, mtls_ca)
 *   MTLS_EXPIRY_WARNING_DAYS      warn this many days before notAfter (default 30)
 *
 *   USER_LIMIT_*                  rate limits, `<points>/<seconds>` (rate-limits.ts)
 */

/**
 * Basic-auth credentials of the sandbox's unlink trigger (its SANDBOX_TOSS_UNLINK_BASIC_AUTH default),
 * the user app's non-production default. Published: refused in production.
 */
export const DEV_TOSS_UNLINK_BASIC_AUTH = 'sandbox-toss:sandbox-unlink-secret';

const MAX_TIMEOUT_MS = 60_000;
const timeoutMs = (fallback: number) =>
  fields
    .durationMs(fallback)
    .pipe(z.number().max(MAX_TIMEOUT_MS, { message: `must be at most ${MAX_TIMEOUT_MS}` }));
const optionalPath = () => z.string().min(1).optional();
const secretName = (fallback: string) =>
  z
    .string()
    .regex(/^[\w.-]+$/, { message: 'must be a file name (letters, digits, _ . -)' })
    .default(fallback);

/** KAKAO_REDIRECT_URI, else this site's callback under AUTH_PUBLIC_ORIGIN. */
const kakaoRedirectUri = (env: { KAKAO_REDIRECT_URI?: string | undefined; AUTH_PUBLIC_ORIGIN: string }) =>
  env.KAKAO_REDIRECT_URI ?? `${new URL(env.AUTH_PUBLIC_ORIGIN).origin}/user/login/kakao/callback`;
/** The same for the live guard, which also runs while AUTH_PUBLIC_ORIGIN is malformed. */
const tryKakaoRedirectUri = (env: Parameters<typeof kakaoRedirectUri>[0]) => {
  try {
    return kakaoRedirectUri(env);
  } catch {
    return undefined;
  }
};

const isTossKey = (value: string) => {
  const v = value.trim();
  return (
    /^[0-9a-fA-F]{64}$/.test(v) || (/^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32)
  );
};

/** Pairs of "inline value or file" variables: at most one of each pair may be set. */
const PAIRS = [
  ['KAKAO_CLIENT_SECRET', 'KAKAO_CLIENT_SECRET_FILE'],
  ['TOSS_DECRYPT_KEY', 'TOSS_DECRYPT_KEY_FILE'],
  ['TOSS_DECRYPT_AAD', 'TOSS_DECRYPT_AAD_FILE'],
  ['TOSS_UNLINK_BASIC_AUTH', 'TOSS_UNLINK_BASIC_AUTH_FILE'],
  ['MTLS_CERT', 'MTLS_CERT_FILE'],
  ['MTLS_KEY', 'MTLS_KEY_FILE'],
  ['MTLS_CA', 'MTLS_CA_FILE'],
] as const;

/** Secrets Toss login cannot run without in production (the mTLS material has its own loader). */
const TOSS_PRODUCTION_SECRETS = [PAIRS[1], PAIRS[2], PAIRS[3]] as const;

export const userEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    MFV_PROVIDERS: providersModeField(),
    AUTH_PUBLIC_ORIGIN: z.url().default('http://localhost:8080'),
    KAKAO_CLIENT_ID: z.string().min(1).default(PROVIDER_SETTINGS.KAKAO_CLIENT_ID.sandbox),
    KAKAO_CLIENT_SECRET: z.string().min(1).optional(),
    KAKAO_CLIENT_SECRET_FILE: z.string().min(1).optional(),
    KAKAO_AUTHORIZE_BASE_URL: z.url().default(PROVIDER_SETTINGS.KAKAO_AUTHORIZE_BASE_URL.sandbox),
    KAKAO_TOKEN_BASE_URL: z.url().default(PROVIDER_SETTINGS.KAKAO_TOKEN_BASE_URL.sandbox),
    KAKAO_API_BASE_URL: z.url().default(PROVIDER_SETTINGS.KAKAO_API_BASE_URL.sandbox),
    KAKAO_REDIRECT_URI: z.url().optional(),
    KAKAO_TIMEOUT_MS: fields.durationMs(5_000),

    TOSS_LOGIN_ENABLED: fields.boolean(true),
    TOSS_MINIAPP_URL: z
      .url({ protocol: /^(https|intoss)$/, message: 'must be an https: or intoss: link to the mini-app' })
      .optional(),
    TOSS_API_BASE_URL: z
      .url({ protocol: /^https$/, message: 'must be an https origin (the API requires mTLS)' })
      .default(PROVIDER_SETTINGS.TOSS_API_BASE_URL.sandbox)
      .refine((v) => new URL(v).pathname === '/' && !/[?#]/.test(v), {
        message: 'must be an origin without a path',
      }),
    TOSS_CONNECT_TIMEOUT_MS: timeoutMs(5_000),
    TOSS_TIMEOUT_MS: timeoutMs(10_000),
    TOSS_DECRYPT_KEY: z
      .string()
      .refine(isTossKey, { message: 'must be base64 of 32 bytes or 64 hex digits' })
      .optional(),
    TOSS_DECRYPT_KEY_FILE: optionalPath(),
    TOSS_DECRYPT_AAD: z.string().min(1).optional(),
    TOSS_DECRYPT_AAD_FILE: optionalPath(),
    TOSS_UNLINK_BASIC_AUTH: z
      .string()
      .regex(/^[^:\s]{1,128}:[\x21-\x7e]{1,128}$/, { message: 'must be user:password (no spaces)' })
      .optional(),
    TOSS_UNLINK_BASIC_AUTH_FILE: optionalPath(),

    MTLS_CERT: z.string().includes('BEGIN CERTIFICATE', { message: 'must be a PEM certificate' }).optional(),
    MTLS_CERT_FILE: optionalPath(),
    MTLS_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }).optional(),
    MTLS_KEY_FILE: optionalPath(),
    MTLS_CA: z.string().includes('BEGIN CERTIFICATE', { message: 'must be PEM certificates' }).optional(),
    MTLS_CA_FILE: optionalPath(),
    MTLS_SECRETS_DIR: z.string().min(1).default('/run/secrets'),
    MTLS_CERT_SECRET: secretName('mtls_client_cert'),
    MTLS_KEY_SECRET: secretName('mtls_client_key'),
    MTLS_CA_SECRET: secretName('mtls_ca'),
    MTLS_EXPIRY_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(30),

    // Rate limits (rate-limits.ts).
    ...userRateLimitFields,
  })
  .superRefine((env, ctx) => {
    for (const [inline, file] of PAIRS) {
      if (env[inline] !== undefined && env[file] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [file], message: `set either ${inline} or ${file}, not both` });
      }
    }
    if (providersMode(env) !== 'live') return;
    if (!env.TOSS_LOGIN_ENABLED) return;
    for (const [inline, file] of TOSS_PRODUCTION_SECRETS) {
      if (env[inline] === undefined && env[file] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [inline],
          message: `required in production while Toss login is enabled (or set ${file})`,
        });
      }
    }
    const published: [keyof typeof env, string][] = [
      ['TOSS_DECRYPT_KEY', SANDBOX_TOSS_DEV_DECRYPT_KEY],
      ['TOSS_DECRYPT_AAD', SANDBOX_TOSS_DEV_AAD],
      ['TOSS_UNLINK_BASIC_AUTH', DEV_TOSS_UNLINK_BASIC_AUTH],
    ];
    for (const [name, value] of published) {
      if (typeof env[name] === 'string' && (env[name] as string).trim() === value) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'must not be the published sandbox value' });
      }
    }
  })
  .superRefine((env, ctx) => {
    if (providersMode(env) !== 'live') return;
    // Sandbox values, plain http and loopback/private hosts (live-providers.ts).
    checkLiveProviders(
      {
        KAKAO_CLIENT_ID: env.KAKAO_CLIENT_ID,
        KAKAO_AUTHORIZE_BASE_URL: env.KAKAO_AUTHORIZE_BASE_URL,
        KAKAO_TOKEN_BASE_URL: env.KAKAO_TOKEN_BASE_URL,
        KAKAO_API_BASE_URL: env.KAKAO_API_BASE_URL,
        KAKAO_REDIRECT_URI: tryKakaoRedirectUri(env),
        ...(env.TOSS_LOGIN_ENABLED ? { TOSS_API_BASE_URL: env.TOSS_API_BASE_URL } : {}),
      },
      ctx,
    );
  }, LIVE_GUARD)
  .transform((env) => {
    const out = {
      ...env,
      KAKAO_REDIRECT_URI: kakaoRedirectUri(env),
    };
    if (providersMode(env) !== 'sandbox') return out;
    // Development, test and MFV_PROVIDERS=sandbox: the sandbox's own values, so a bare `pnpm dev` logs in with Toss.
    if (out.TOSS_DECRYPT_KEY === undefined && out.TOSS_DECRYPT_KEY_FILE === undefined) {
      out.TOSS_DECRYPT_KEY = SANDBOX_TOSS_DEV_DECRYPT_KEY;
    }
    if (out.TOSS_DECRYPT_AAD === undefined && out.TOSS_DECRYPT_AAD_FILE === undefined) {
      out.TOSS_DECRYPT_AAD = SANDBOX_TOSS_DEV_AAD;
    }
    if (out.TOSS_UNLINK_BASIC_AUTH === undefined && out.TOSS_UNLINK_BASIC_AUTH_FILE === undefined) {
      out.TOSS_UNLINK_BASIC_AUTH = DEV_TOSS_UNLINK_BASIC_AUTH;
    }
    return out;
  });

export type UserEnv = z.infer<typeof userEnvSchema>;
