import { z } from 'zod';
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
    .default('sandbox-kakao-client'),
  SANDBOX_KAKAO_CLIENT_SECRET: z
    .string()
    .regex(/^[\x21-\x7e]+$/, { message: 'must be printable ASCII without spaces' })
    .optional(),
  SANDBOX_KAKAO_REDIRECT_URIS: redirectUriList('http://localhost:8080/user/login/kakao/callback'),
});

export type SandboxEnv = z.infer<typeof sandboxEnvSchema>;
