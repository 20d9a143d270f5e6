import { z } from 'zod';
import { checkLiveProviders, LIVE_GUARD, PROVIDER_SETTINGS } from './live-providers.js';
import { fields } from './load.js';
import { providersMode, providersModeField } from './providers.js';
import { rateLimitFields } from './rate-limits.js';

/**
 * Environment of the verify remote (apps/verify): the mobile-ok 본인확인-API client it runs on the
 * server, and its bench-only routes. Auth and Redis come from `authEnvSchema`. Every default
 * points at the local sandbox (`apps/sandbox`, `/mok`), so `pnpm start` works with no setup; a
 * deployment sets the environment, the key file and its password — nothing else changes.
 *
 *   MOK_ENVIRONMENT               sandbox (default) | development (https://scert-dir.mobile-ok.com)
 *                                 | production (https://cert-dir.mobile-ok.com). The real hosts are
 *                                 constants of the client; only the sandbox's URL is configurable.
 *   MOK_SANDBOX_BASE_URL          the sandbox's mobile-ok base URL (default http://127.0.0.1:4100/mok);
 *                                 refused unless MOK_ENVIRONMENT=sandbox
 *   MOK_KEY_FILE                  absolute path of mok_keyInfo.dat, outside any web root (guide §2.1,
 *                                 §2.3). Default with the sandbox: <repo>/.sandbox-dev/mok/mok_keyInfo.dat
 *                                 (the sandbox writes it on its first start); required otherwise.
 *   MOK_KEY_PASSWORD[_FILE]       the key file's password. Default with the sandbox:
 *                                 sandbox-mok-dev-password (the sandbox's SANDBOX_MOK_KEYFILE_PASSWORD);
 *                                 required otherwise, and never the published dev password.
 *   MOK_SITE_URL                  the registered site domain sent as `siteUrl` (default localhost,
 *                                 one of the sandbox's SANDBOX_MOK_SITE_URLS)
 *   MOK_ARS_CODE                  the ARS code mobile-ok assigned to the site (default ARS-SANDBOX-0001)
 *   MOK_CLIENT_TX_PREFIX          clientTxId prefix, 1–8 letters or digits (default MFV)
 *   MFV_PROVIDERS                 live (default with NODE_ENV=production) refuses MOK_ENVIRONMENT=sandbox
 *                                 and the three sandbox values above, a loopback/private MOK_SITE_URL
 *                                 and SSAFY_SDK_URL (live-providers.ts); so does MOK_ENVIRONMENT=production
 *   MOK_TOKEN_REQUEST_VERSION     v1 (default, the guide's) | v2 (/agent/v2/token/get)
 *   MOK_CONNECT_TIMEOUT_MS        default 5000;  MOK_TIMEOUT_MS default 15000 (each at most 60000)
 *   MOK_CONFIRM_MAX_ATTEMPTS      confirm/request calls per transaction, 1–3 (default 3: the guide's
 *                                 §8 4301 "검증요청 제한 횟수인 3회"); PASS/ARS "not yet" answers count
 *   MFV_BENCH_ROUTES              serve /verify/api/bench/* (`pnpm bench:mok`); default false
 *   SSAFY_SDK_URL                 the hosted SSAFY Verify SDK script the pages load (default
 *                                 <SSAFY_ISSUER>/sdk/ssafy-verify.js; the sandbox serves one). KCB and
 *                                 the rest of SSAFY come from `verificationEnvSchema` (verification.ts).
 *   VERIFY_LIMIT_*                rate limits, `<points>/<seconds>` (rate-limits.ts)
 */
export const MOK_DEV_KEY_PASSWORD = 'sandbox-mok-dev-password';
export const MOK_SANDBOX_DEFAULT_BASE_URL = 'http://127.0.0.1:4100/mok';

const MAX_TIMEOUT_MS = 60_000;
const timeoutMs = (fallback: number) =>
  fields
    .durationMs(fallback)
    .pipe(z.number().max(MAX_TIMEOUT_MS, { message: `must be at most ${MAX_TIMEOUT_MS}` }));
const absolutePath = () =>
  z.string().refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), {
    message: 'must be an absolute path',
  });

export const verifyEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    MFV_PROVIDERS: providersModeField(),
    MOK_ENVIRONMENT: z.enum(['sandbox', 'development', 'production']).default('sandbox'),
    MOK_SANDBOX_BASE_URL: z
      .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' })
      .refine((v) => !/[?#]/.test(v), { message: 'must not carry a query or fragment' })
      .optional(),
    MOK_KEY_FILE: absolutePath().optional(),
    MOK_KEY_PASSWORD: z.string().min(1).optional(),
    MOK_KEY_PASSWORD_FILE: absolutePath().optional(),
    MOK_SITE_URL: z
      .string()
      .regex(/^[A-Za-z0-9.:/_-]{1,255}$/, {
        message: 'must be the registered site domain (e.g. www.example.com)',
      })
      .default(PROVIDER_SETTINGS.MOK_SITE_URL.sandbox),
    MOK_ARS_CODE: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,50}$/, { message: 'must be the ARS code assigned by mobile-ok' })
      .default(PROVIDER_SETTINGS.MOK_ARS_CODE.sandbox),
    MOK_CLIENT_TX_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9]{1,8}$/, { message: 'must be 1–8 letters or digits' })
      .default(PROVIDER_SETTINGS.MOK_CLIENT_TX_PREFIX.sandbox),
    MOK_TOKEN_REQUEST_VERSION: z.enum(['v1', 'v2']).default('v1'),
    MOK_CONNECT_TIMEOUT_MS: timeoutMs(5_000),
    MOK_TIMEOUT_MS: timeoutMs(15_000),
    MOK_CONFIRM_MAX_ATTEMPTS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3)
      .default(3)
      .describe('verify: confirm/request calls per mobile-ok transaction (guide §8 4301: 3)'),
    MFV_BENCH_ROUTES: fields.boolean(false),
    SSAFY_SDK_URL: z
      .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' })
      .refine((v) => !v.includes('#'), { message: 'must not carry a fragment' })
      .optional()
      .describe(
        'verify: the hosted SSAFY Verify SDK script its pages load (default <SSAFY_ISSUER>/sdk/ssafy-verify.js)',
      ),
    // Rate limits (rate-limits.ts).
    ...rateLimitFields,
  })
  .superRefine((env, ctx) => {
    if (env.MOK_KEY_PASSWORD !== undefined && env.MOK_KEY_PASSWORD_FILE !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['MOK_KEY_PASSWORD_FILE'],
        message: 'set either MOK_KEY_PASSWORD or MOK_KEY_PASSWORD_FILE, not both',
      });
    }
    if (env.MOK_ENVIRONMENT === 'sandbox') return;
    // A real mobile-ok host: nothing may fall back to the sandbox's development values.
    if (env.MOK_SANDBOX_BASE_URL !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['MOK_SANDBOX_BASE_URL'],
        message: 'is only allowed with MOK_ENVIRONMENT=sandbox',
      });
    }
    if (env.MOK_KEY_FILE === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['MOK_KEY_FILE'],
        message: `required with MOK_ENVIRONMENT=${env.MOK_ENVIRONMENT} (the key file mobile-ok issued)`,
      });
    }
    if (env.MOK_KEY_PASSWORD === undefined && env.MOK_KEY_PASSWORD_FILE === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['MOK_KEY_PASSWORD'],
        message: `required with MOK_ENVIRONMENT=${env.MOK_ENVIRONMENT} (or set MOK_KEY_PASSWORD_FILE)`,
      });
    }
    if (env.MOK_KEY_PASSWORD === MOK_DEV_KEY_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['MOK_KEY_PASSWORD'],
        message: 'must not be the published sandbox password',
      });
    }
  })
  .superRefine((env, ctx) => {
    const live = providersMode(env) === 'live';
    if (live && env.MOK_ENVIRONMENT === 'sandbox') {
      ctx.addIssue({
        code: 'custom',
        path: ['MOK_ENVIRONMENT'],
        message:
          'is sandbox while MFV_PROVIDERS is live: set production (cert-dir) or development (scert-dir) (docs/providers/mobile-ok.md, "Going live")',
      });
    }
    if (live || env.MOK_ENVIRONMENT === 'production') {
      checkLiveProviders(
        {
          MOK_SITE_URL: env.MOK_SITE_URL,
          MOK_ARS_CODE: env.MOK_ARS_CODE,
          MOK_CLIENT_TX_PREFIX: env.MOK_CLIENT_TX_PREFIX,
          SSAFY_SDK_URL: env.SSAFY_SDK_URL,
        },
        ctx,
      );
    }
  }, LIVE_GUARD);

export type VerifyEnv = z.infer<typeof verifyEnvSchema>;
