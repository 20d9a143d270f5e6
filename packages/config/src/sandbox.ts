import { z } from 'zod';
import { PROVIDER_SETTINGS as P } from './live-providers.js';
import { fields } from './load.js';

/** Longest a sandbox fault may hold a request (`delay:<ms>`, `hang`): nothing may outlive a minute. */
export const SANDBOX_FAULT_CEILING_MS = 60_000;

const host = () =>
  z
    .string()
    .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9a-fA-F:]+\]?$/, { message: 'must be a host name or an IP address' })
    .default('127.0.0.1');

/**
 * A comma-separated list of redirect URIs, each absolute http(s) and without a fragment
 * (RFC 6749 §3.1.2: "The endpoint URI MUST NOT include a fragment component").
 * Matching against them is exact, as Kakao's console registration is.
 */
const redirectUriList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      const uris = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (uris.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'must list at least one redirect URI' });
        return z.NEVER;
      }
      for (const [i, uri] of uris.entries()) {
        let parsed: URL;
        try {
          parsed = new URL(uri);
        } catch {
          ctx.addIssue({ code: 'custom', message: `entry ${i + 1} is not an absolute URL` });
          continue;
        }
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
          ctx.addIssue({ code: 'custom', message: `entry ${i + 1} must use http or https` });
        }
        if (uri.includes('#')) {
          ctx.addIssue({
            code: 'custom',
            message: `entry ${i + 1} must not contain a fragment (RFC 6749 §3.1.2)`,
          });
        }
      }
      return uris;
    });

/**
 * mobile-ok: a comma-separated list whose entries each match `pattern` (registered site domains,
 * assigned ARS codes). Empty entries are dropped; at least one must remain.
 */
const mokCommaList = (fallback: string, pattern: RegExp, what: string) =>
  z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      const entries = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (entries.length === 0) {
        ctx.addIssue({ code: 'custom', message: `must list at least one ${what}` });
        return z.NEVER;
      }
      for (const [i, entry] of entries.entries()) {
        if (!pattern.test(entry))
          ctx.addIssue({ code: 'custom', message: `entry ${i + 1} is not a valid ${what}` });
      }
      return entries;
    });

/** Printable ASCII without spaces: client ids and secrets as consoles issue them. */
const asciiToken = () =>
  z
    .string()
    .regex(/^[\x21-\x7e]{1,256}$/, { message: 'must be 1–256 printable ASCII characters without spaces' });

/** One absolute http(s) URL without a fragment. */
const httpUrl = () =>
  z.string().refine((u) => URL.canParse(u) && /^https?:\/\//i.test(u) && !u.includes('#'), {
    message: 'must be an absolute http(s) URL without a fragment',
    abort: true,
  });

/** Toss login: the console-issued decryption key, base64 of exactly 32 bytes (AES-256). */
export const SANDBOX_TOSS_DEV_DECRYPT_KEY = 'pbcK4C4M81Sv1iovBYbKQeNwMD4KykDQwXDyLFqtRd4=';
/** Toss login: the console-issued AAD for the GCM-sealed fields (dev value). */
export const SANDBOX_TOSS_DEV_AAD = 'mfv-sandbox-toss-aad';

/**
 * Environment of `apps/sandbox`, the provider emulators.
 *
 *   SANDBOX_HOST                  interface to listen on (default 127.0.0.1)
 *   SANDBOX_PORT                  port (default 4100)
 *   SANDBOX_LOG_LEVEL             pino level (default info)
 *   SANDBOX_FAULT_MAX_MS          ceiling for `delay:<ms>` and `hang` faults (default and max 60000)
 *   SANDBOX_KAKAO_CLIENT_ID       the registered app's REST API key (default sandbox-kakao-client)
 *   SANDBOX_KAKAO_CLIENT_SECRET   optional; when set, the token endpoint requires it (Kakao KOE010)
 *   SANDBOX_KAKAO_REDIRECT_URIS   comma list of registered redirect URIs, exact match
 *                                 (default http://localhost:8080/user/login/kakao/callback)
 *   SANDBOX_MOK_SERVICE_ID        mobile-ok: the registered service id, ServiceId of the dev key file
 *                                 and `serviceId` of token/get (default sandbox-mok-service)
 *   SANDBOX_MOK_KEYFILE_PASSWORD  mobile-ok: password of the generated dev `mok_keyInfo.dat`
 *                                 (default sandbox-mok-dev-password; dev keys only)
 *   SANDBOX_MOK_KEY_DIR           mobile-ok: absolute directory of the dev key file and the sandbox's
 *                                 own keys (default <repo>/.sandbox-dev/mok, resolved by the sandbox)
 *   SANDBOX_MOK_SITE_URLS         mobile-ok: comma list of registered site domains (`siteUrl`)
 *                                 (default localhost,localhost:8080)
 *   SANDBOX_MOK_ARS_CODES         mobile-ok: comma list of ARS codes assigned to the site
 *                                 (default ARS-SANDBOX-0001)
 *   SANDBOX_KCB_CLIENT_ID         KCB: OAuth client id for /v1/oauth2/access_token (default sandbox-kcb-client)
 *   SANDBOX_KCB_CLIENT_SECRET     KCB: its client secret (default sandbox-kcb-secret; dev only)
 *   SANDBOX_KCB_MEMBER_CODE       KCB: 회원사 코드 idcf_mbr_com_cd, exactly 12 letters/digits; with "0000"
 *                                 appended it is the AES-128 key of enc_key (default SBX000000001)
 *   SANDBOX_KCB_RETURN_URLS       KCB: comma list of registered return URLs, exact match
 *                                 (default http://localhost:8080/verify/kcb/callback)
 *   SANDBOX_SSAFY_ISSUER          SSAFY Verify: issuer, `iss` of callbacks and tokens, base of every
 *                                 route (default http://127.0.0.1:4100/ssafy)
 *   SANDBOX_SSAFY_CLIENT_ID       SSAFY Verify: registered client id (default sandbox-ssafy-client)
 *   SANDBOX_SSAFY_CLIENT_SECRET   SSAFY Verify: optional; when set the client is confidential and
 *                                 /verify/token requires it
 *   SANDBOX_SSAFY_REDIRECT_URIS   SSAFY Verify: comma list of registered redirect URIs, exact match
 *                                 (default http://localhost:8080/verify/ssafy/callback)
 *   SANDBOX_TOSS_MTLS_PORT        Toss: port of the HTTPS listener that requires a client certificate
 *                                 signed by the dev CA (default 4443, same host as SANDBOX_HOST)
 *   SANDBOX_TOSS_MTLS_DIR         Toss: absolute directory of the dev CA, server and client certificates
 *                                 (default <repo>/.sandbox-dev/toss-mtls, resolved by the sandbox)
 *   SANDBOX_TOSS_DECRYPT_KEY      Toss: base64 of the 32-byte AES-256-GCM key of login-me's fields
 *                                 (default: a fixed dev key, SANDBOX_TOSS_DEV_DECRYPT_KEY)
 *   SANDBOX_TOSS_AAD              Toss: the AAD of those fields (default mfv-sandbox-toss-aad)
 *   SANDBOX_TOSS_UNLINK_CALLBACK_URL  Toss: the platform's unlink callback the sandbox's admin endpoint
 *                                 calls; optional (the endpoint answers 409 while it is unset)
 *   SANDBOX_TOSS_UNLINK_BASIC_AUTH  Toss: `user:password` of that callback's Basic auth
 *                                 (default sandbox-toss:sandbox-unlink-secret)
 */
export const sandboxEnvSchema = z.object({
  SANDBOX_HOST: host(),
  SANDBOX_PORT: fields.port(4100),
  SANDBOX_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SANDBOX_FAULT_MAX_MS: z.coerce
    .number()
    .int()
    .positive()
    .max(SANDBOX_FAULT_CEILING_MS, { message: `must be at most ${SANDBOX_FAULT_CEILING_MS} ms` })
    .default(SANDBOX_FAULT_CEILING_MS),
  SANDBOX_KAKAO_CLIENT_ID: z
    .string()
    .regex(/^[\x21-\x7e]+$/, { message: 'must be printable ASCII without spaces' })
    .default(P.KAKAO_CLIENT_ID.sandbox),
  SANDBOX_KAKAO_CLIENT_SECRET: z
    .string()
    .regex(/^[\x21-\x7e]+$/, { message: 'must be printable ASCII without spaces' })
    .optional(),
  SANDBOX_KAKAO_REDIRECT_URIS: redirectUriList('http://localhost:8080/user/login/kakao/callback'),
  SANDBOX_MOK_SERVICE_ID: z
    .string()
    .regex(/^[\x21-\x7e]{1,64}$/, { message: 'must be 1–64 printable ASCII characters without spaces' })
    .default('sandbox-mok-service'),
  SANDBOX_MOK_KEYFILE_PASSWORD: z
    .string()
    .regex(/^[\x20-\x7e]{8,128}$/, { message: 'must be 8–128 printable ASCII characters' })
    .default('sandbox-mok-dev-password'),
  SANDBOX_MOK_KEY_DIR: z
    .string()
    .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), { message: 'must be an absolute path' })
    .optional(),
  SANDBOX_MOK_SITE_URLS: mokCommaList(
    `${P.MOK_SITE_URL.sandbox},localhost:8080`,
    /^[A-Za-z0-9.:/_-]{1,255}$/,
    'site domain',
  ),
  SANDBOX_MOK_ARS_CODES: mokCommaList(P.MOK_ARS_CODE.sandbox, /^[A-Za-z0-9-]{1,50}$/, 'ARS code'),
  SANDBOX_KCB_CLIENT_ID: asciiToken().default(P.KCB_CLIENT_ID.sandbox),
  SANDBOX_KCB_CLIENT_SECRET: asciiToken().default('sandbox-kcb-secret'),
  SANDBOX_KCB_MEMBER_CODE: z
    .string()
    .regex(/^[A-Za-z0-9]{12}$/, { message: 'must be exactly 12 letters or digits' })
    .default(P.KCB_MEMBER_CODE.sandbox),
  SANDBOX_KCB_RETURN_URLS: redirectUriList(P.KCB_RETURN_URL.sandbox),
  SANDBOX_SSAFY_ISSUER: httpUrl()
    .refine((u) => !u.endsWith('/') && !u.includes('?'), { message: 'must not end with / or carry a query' })
    .default(P.SSAFY_ISSUER.sandbox),
  SANDBOX_SSAFY_CLIENT_ID: asciiToken().default(P.SSAFY_CLIENT_ID.sandbox),
  SANDBOX_SSAFY_CLIENT_SECRET: asciiToken().optional(),
  SANDBOX_SSAFY_REDIRECT_URIS: redirectUriList(P.SSAFY_REDIRECT_URI.sandbox),
  SANDBOX_TOSS_MTLS_PORT: fields.port(4443),
  SANDBOX_TOSS_MTLS_DIR: z
    .string()
    .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), { message: 'must be an absolute path' })
    .optional(),
  SANDBOX_TOSS_DECRYPT_KEY: z
    .string()
    .refine((k) => /^[A-Za-z0-9+/]{43}=$/.test(k) && Buffer.from(k, 'base64').length === 32, {
      message: 'must be base64 of exactly 32 bytes',
    })
    .default(SANDBOX_TOSS_DEV_DECRYPT_KEY),
  SANDBOX_TOSS_AAD: z
    .string()
    .regex(/^[\x20-\x7e]{1,256}$/, { message: 'must be 1–256 printable ASCII characters' })
    .default(SANDBOX_TOSS_DEV_AAD),
  SANDBOX_TOSS_UNLINK_CALLBACK_URL: httpUrl().optional(),
  SANDBOX_TOSS_UNLINK_BASIC_AUTH: z
    .string()
    .regex(/^[^:\s]{1,128}:[\x21-\x7e]{1,128}$/, { message: 'must be user:password (no spaces)' })
    .default('sandbox-toss:sandbox-unlink-secret'),
});

export type SandboxEnv = z.infer<typeof sandboxEnvSchema>;
