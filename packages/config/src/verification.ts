import { z } from 'zod';
import { checkLiveProviders, LIVE_GUARD, PROVIDER_SETTINGS } from './live-providers.js';
import { fields } from './load.js';
import { providersMode, providersModeField } from './providers.js';
import { SANDBOX_TOSS_DEV_AAD, SANDBOX_TOSS_DEV_DECRYPT_KEY } from './sandbox.js';

/**
 * Environment of the identity-verification clients (@mfv/verification kcb / ssafy / toss) and of
 * the mTLS client credentials (@mfv/mtls). Every default points at the local sandbox; production
 * hosts are in docs/providers/ (kcb.md, ssafy.md, toss.md) and must be configured. Secrets come inline or from a file (`*_FILE`,
 * e.g. a Docker secret), never both, and are required in production.
 *
 * KCB (ok-name)
 *   KCB_API_BASE_URL              REST base (default http://127.0.0.1:4100/kcb/api;
 *                                 test https://tapi.ok-name.co.kr:40443, prod https://api.ok-name.co.kr:20443)
 *   KCB_POPUP_URL                 browser form action (default http://127.0.0.1:4100/kcb/safe/CommonSvl;
 *                                 test https://tsafe.ok-name.co.kr:2443/CommonSvl,
 *                                 prod https://safe.ok-name.co.kr/CommonSvl)
 *   KCB_MEMBER_CODE               idcf_mbr_com_cd, 12 characters (default SBX000000001, the sandbox's)
 *   KCB_CLIENT_ID                 OAuth client id (default sandbox-kcb-client)
 *   KCB_CLIENT_SECRET[_FILE]      OAuth client secret (non-production default DEV_KCB_CLIENT_SECRET;
 *                                 required in production)
 *   KCB_TOKEN_AUTH_METHOD         client_secret_post (default) | client_secret_basic
 *   KCB_TOKEN_SCOPE               default ids
 *   KCB_SITE_NAME, KCB_SITE_URL   sent with popup-start (default MFV, http://localhost:8080)
 *   KCB_RETURN_URL                callback KCB redirects to (default http://localhost:8080/verify/kcb/callback)
 *   KCB_TC                        form `tc` (default kcb.oknm.online.main.popup.cmd.P941_CertChoiceCmd)
 *   KCB_RQST_CAUSE_CD             인증요청사유 sent with popup-start: 00 회원가입 (default), 01 성인인증,
 *                                 02 회원정보수정, 03 비밀번호찾기, 04 상품구매, 99 기타
 *   KCB_CONNECT_TIMEOUT_MS        default 5000 (max 60000)
 *   KCB_TIMEOUT_MS                default 15000 (max 60000)
 *   KCB_ALLOW_INSECURE_HTTP       plain http to a non-loopback sandbox host (default false; refused in
 *                                 production; implied by MFV_PROVIDERS=sandbox, see providers.ts)
 *
 * SSAFY Verify
 *   SSAFY_ISSUER                  exact issuer (default http://127.0.0.1:4100/ssafy; prod https://verify.myknow.xyz)
 *   SSAFY_CLIENT_ID               default sandbox-ssafy-client
 *   SSAFY_CLIENT_SECRET[_FILE]    only for a confidential client (optional)
 *   SSAFY_REDIRECT_URI            registered redirect_uri (default http://localhost:8080/verify/ssafy/callback)
 *   SSAFY_SCOPES                  space/comma list (default "ssafy.verify ssafy.affiliation"; ssafy.verify is
 *                                 always added; ssafy.mattermost_id only when listed)
 *   SSAFY_JWT_ALG                 ES256 (default) | RS256 — the one accepted algorithm
 *   SSAFY_JWKS_URI                default <issuer>/.well-known/jwks.json
 *   SSAFY_CONNECT_TIMEOUT_MS      default 5000;  SSAFY_TIMEOUT_MS default 10000 (max 60000)
 *   SSAFY_MAX_AUTH_AGE_SECONDS    oldest accepted auth_time (default 600)
 *   SSAFY_ALLOW_INSECURE_HTTP     as for KCB
 *
 * Toss (apps-in-toss)
 *   TOSS_API_BASE_URL             https origin (default https://127.0.0.1:4443; prod https://apps-in-toss-api.toss.im)
 *   TOSS_DECRYPT_KEY[_FILE]       AES-256-GCM key from the console: base64 of 32 bytes or 64 hex digits
 *                                 (non-production default: the sandbox's dev key; optional in production here —
 *                                 the user app's Toss login requires it through user.ts)
 *   TOSS_DECRYPT_AAD[_FILE]       AAD from the console (non-production default: the sandbox's; as the key)
 *   TOSS_CONNECT_TIMEOUT_MS       default 5000;  TOSS_TIMEOUT_MS default 10000 (max 60000)
 *
 * mTLS client credentials (see packages/mtls/README.md for the resolution order)
 *   MTLS_CERT_FILE | MTLS_CERT    client certificate: file path | PEM text
 *   MTLS_KEY_FILE  | MTLS_KEY     private key (a key FILE must be mode 0600 or stricter)
 *   MTLS_CA_FILE   | MTLS_CA      CA bundle that verifies the SERVER (e.g. the sandbox's CA); optional
 *   MTLS_SECRETS_DIR              Docker secrets folder (default /run/secrets)
 *   MTLS_CERT_SECRET, MTLS_KEY_SECRET, MTLS_CA_SECRET
 *                                 secret names (default mtls_client_cert, mtls_client_key, mtls_ca)
 *   MTLS_EXPIRY_WARNING_DAYS      warn this many days before notAfter (default 30)
 */

/**
 * Development defaults match the sandbox's own defaults (sandbox.ts), so `pnpm start` works with
 * no setup. Each is refused in production.
 */
export const DEV_KCB_CLIENT_SECRET = 'sandbox-kcb-secret';

const MAX_TIMEOUT_MS = 60_000;
const timeoutMs = (fallback: number) =>
  fields
    .durationMs(fallback)
    .pipe(z.number().max(MAX_TIMEOUT_MS, { message: `must be at most ${MAX_TIMEOUT_MS}` }));
const optionalPath = () => z.string().min(1).optional();
const httpUrl = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' })
    .default(fallback)
    .refine((v) => !/[?#]/.test(v), { message: 'must not carry a query or fragment' });
const printable = (fallback: string) =>
  z
    .string()
    .regex(/^[\x21-\x7e]+$/, { message: 'must be printable ASCII without spaces' })
    .default(fallback);

const SSAFY_SCOPES = [
  'ssafy.verify',
  'ssafy.affiliation',
  'ssafy.name',
  'ssafy.profile_image',
  'ssafy.mattermost_id',
];

/** Pairs of "inline value or file" variables: at most one of each pair may be set. */
const PAIRS = [
  ['KCB_CLIENT_SECRET', 'KCB_CLIENT_SECRET_FILE'],
  ['SSAFY_CLIENT_SECRET', 'SSAFY_CLIENT_SECRET_FILE'],
  ['TOSS_DECRYPT_KEY', 'TOSS_DECRYPT_KEY_FILE'],
  ['TOSS_DECRYPT_AAD', 'TOSS_DECRYPT_AAD_FILE'],
  ['MTLS_CERT', 'MTLS_CERT_FILE'],
  ['MTLS_KEY', 'MTLS_KEY_FILE'],
  ['MTLS_CA', 'MTLS_CA_FILE'],
] as const;

export const verificationEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    MFV_PROVIDERS: providersModeField(),

    KCB_API_BASE_URL: httpUrl(PROVIDER_SETTINGS.KCB_API_BASE_URL.sandbox),
    KCB_POPUP_URL: httpUrl(PROVIDER_SETTINGS.KCB_POPUP_URL.sandbox),
    KCB_MEMBER_CODE: z
      .string()
      .regex(/^[\x21-\x7e]{12}$/, {
        message: 'must be exactly 12 printable ASCII characters (idcf_mbr_com_cd)',
      })
      .default(PROVIDER_SETTINGS.KCB_MEMBER_CODE.sandbox),
    KCB_CLIENT_ID: printable(PROVIDER_SETTINGS.KCB_CLIENT_ID.sandbox),
    KCB_CLIENT_SECRET: z.string().min(1).optional(),
    KCB_CLIENT_SECRET_FILE: optionalPath(),
    KCB_TOKEN_AUTH_METHOD: z
      .enum(['client_secret_post', 'client_secret_basic'])
      .default('client_secret_post'),
    KCB_TOKEN_SCOPE: printable('ids'),
    KCB_SITE_NAME: z.string().min(1).max(100).default('MFV'),
    KCB_SITE_URL: httpUrl(PROVIDER_SETTINGS.KCB_SITE_URL.sandbox),
    KCB_RETURN_URL: httpUrl(PROVIDER_SETTINGS.KCB_RETURN_URL.sandbox),
    KCB_TC: printable('kcb.oknm.online.main.popup.cmd.P941_CertChoiceCmd'),
    KCB_RQST_CAUSE_CD: z.enum(['00', '01', '02', '03', '04', '99']).default('00'),
    KCB_CONNECT_TIMEOUT_MS: timeoutMs(5_000),
    KCB_TIMEOUT_MS: timeoutMs(15_000),
    KCB_ALLOW_INSECURE_HTTP: fields.boolean(false),

    SSAFY_ISSUER: httpUrl(PROVIDER_SETTINGS.SSAFY_ISSUER.sandbox).refine((v) => !v.endsWith('/'), {
      message: 'must be written exactly as the issuer identifies itself (no trailing slash)',
    }),
    SSAFY_CLIENT_ID: printable(PROVIDER_SETTINGS.SSAFY_CLIENT_ID.sandbox),
    SSAFY_CLIENT_SECRET: z.string().min(1).optional(),
    SSAFY_CLIENT_SECRET_FILE: optionalPath(),
    SSAFY_REDIRECT_URI: httpUrl(PROVIDER_SETTINGS.SSAFY_REDIRECT_URI.sandbox),
    SSAFY_SCOPES: z
      .string()
      .default('ssafy.verify ssafy.affiliation')
      .transform((raw, ctx) => {
        const scopes = raw.split(/[\s,]+/).filter((s) => s !== '');
        for (const scope of scopes) {
          if (!SSAFY_SCOPES.includes(scope)) {
            ctx.addIssue({
              code: 'custom',
              message: `unknown scope ${scope} (known: ${SSAFY_SCOPES.join(', ')})`,
            });
          }
        }
        return scopes.includes('ssafy.verify') ? scopes : ['ssafy.verify', ...scopes];
      }),
    SSAFY_JWT_ALG: z.enum(['ES256', 'RS256']).default('ES256'),
    SSAFY_JWKS_URI: z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }).optional(),
    SSAFY_CONNECT_TIMEOUT_MS: timeoutMs(5_000),
    SSAFY_TIMEOUT_MS: timeoutMs(10_000),
    SSAFY_MAX_AUTH_AGE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
    SSAFY_ALLOW_INSECURE_HTTP: fields.boolean(false),

    TOSS_API_BASE_URL: z
      .url({ protocol: /^https$/, message: 'must be an https origin (the API requires mTLS)' })
      .default('https://127.0.0.1:4443')
      .refine((v) => new URL(v).pathname === '/' && !/[?#]/.test(v), {
        message: 'must be an origin without a path',
      }),
    TOSS_DECRYPT_KEY: z
      .string()
      .refine((v) => /^[0-9a-fA-F]{64}$/.test(v.trim()) || Buffer.from(v.trim(), 'base64').length === 32, {
        message: 'must be base64 of 32 bytes or 64 hex digits',
      })
      .optional(),
    TOSS_DECRYPT_KEY_FILE: optionalPath(),
    TOSS_DECRYPT_AAD: z.string().min(1).optional(),
    TOSS_DECRYPT_AAD_FILE: optionalPath(),
    TOSS_CONNECT_TIMEOUT_MS: timeoutMs(5_000),
    TOSS_TIMEOUT_MS: timeoutMs(10_000),

    MTLS_CERT: z.string().includes('BEGIN CERTIFICATE', { message: 'must be a PEM certificate' }).optional(),
    MTLS_CERT_FILE: optionalPath(),
    MTLS_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }).optional(),
    MTLS_KEY_FILE: optionalPath(),
    MTLS_CA: z.string().includes('BEGIN CERTIFICATE', { message: 'must be PEM certificates' }).optional(),
    MTLS_CA_FILE: optionalPath(),
    MTLS_SECRETS_DIR: z.string().min(1).default('/run/secrets'),
    MTLS_CERT_SECRET: z
      .string()
      .regex(/^[\w.-]+$/)
      .default('mtls_client_cert'),
    MTLS_KEY_SECRET: z
      .string()
      .regex(/^[\w.-]+$/)
      .default('mtls_client_key'),
    MTLS_CA_SECRET: z
      .string()
      .regex(/^[\w.-]+$/)
      .default('mtls_ca'),
    MTLS_EXPIRY_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  })
  .superRefine((env, ctx) => {
    for (const [inline, file] of PAIRS) {
      if (env[inline] !== undefined && env[file] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [file], message: `set either ${inline} or ${file}, not both` });
      }
    }
    if (providersMode(env) !== 'live') return;
    // KCB's secret only: the verify remote (this schema's one production reader) does not decrypt
    // Toss fields — the user app's Toss login has its own schema (user.ts), which requires them
    // and guards TOSS_API_BASE_URL.
    if (env.KCB_CLIENT_SECRET === undefined && env.KCB_CLIENT_SECRET_FILE === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['KCB_CLIENT_SECRET'],
        message: 'required in production (or set KCB_CLIENT_SECRET_FILE)',
      });
    }
    if (env.KCB_CLIENT_SECRET === DEV_KCB_CLIENT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['KCB_CLIENT_SECRET'],
        message: 'must not be the published development secret',
      });
    }
    for (const name of ['KCB_ALLOW_INSECURE_HTTP', 'SSAFY_ALLOW_INSECURE_HTTP'] as const) {
      if (env[name]) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'must be false while MFV_PROVIDERS is live' });
      }
    }
  })
  .superRefine((env, ctx) => {
    if (providersMode(env) !== 'live') return;
    // Sandbox values, plain http and loopback/private hosts (live-providers.ts).
    checkLiveProviders(
      {
        KCB_API_BASE_URL: env.KCB_API_BASE_URL,
        KCB_POPUP_URL: env.KCB_POPUP_URL,
        KCB_MEMBER_CODE: env.KCB_MEMBER_CODE,
        KCB_CLIENT_ID: env.KCB_CLIENT_ID,
        KCB_SITE_URL: env.KCB_SITE_URL,
        KCB_RETURN_URL: env.KCB_RETURN_URL,
        SSAFY_ISSUER: env.SSAFY_ISSUER,
        SSAFY_CLIENT_ID: env.SSAFY_CLIENT_ID,
        SSAFY_REDIRECT_URI: env.SSAFY_REDIRECT_URI,
        SSAFY_JWKS_URI: env.SSAFY_JWKS_URI,
      },
      ctx,
    );
  }, LIVE_GUARD)
  .transform((env) => {
    const sandbox = providersMode(env) === 'sandbox';
    if (!sandbox) return env;
    // MFV_PROVIDERS=sandbox: the sandbox may sit on any host name (the compose network).
    const dev = { ...env, KCB_ALLOW_INSECURE_HTTP: true, SSAFY_ALLOW_INSECURE_HTTP: true };
    if (dev.KCB_CLIENT_SECRET === undefined && dev.KCB_CLIENT_SECRET_FILE === undefined) {
      dev.KCB_CLIENT_SECRET = DEV_KCB_CLIENT_SECRET;
    }
    if (dev.TOSS_DECRYPT_KEY === undefined && dev.TOSS_DECRYPT_KEY_FILE === undefined) {
      dev.TOSS_DECRYPT_KEY = SANDBOX_TOSS_DEV_DECRYPT_KEY;
    }
    if (dev.TOSS_DECRYPT_AAD === undefined && dev.TOSS_DECRYPT_AAD_FILE === undefined) {
      dev.TOSS_DECRYPT_AAD = SANDBOX_TOSS_DEV_AAD;
    }
    return dev;
  });

export type VerificationEnv = z.infer<typeof verificationEnvSchema>;
