import { z } from 'zod';
import { fields } from './load.js';

/**
 * Environment of the user remote (login providers). Defaults point at the sandbox; production
 * sets the real hosts — nothing else changes.
 *
 *   KAKAO_CLIENT_ID               REST API key (default sandbox-kakao-client)
 *   KAKAO_CLIENT_SECRET[_FILE]    only when the Kakao app enabled client secrets
 *   KAKAO_AUTHORIZE_BASE_URL      browser-facing kauth host (default http://localhost:4100/kakao/kauth)
 *   KAKAO_TOKEN_BASE_URL          server-facing kauth host (default http://127.0.0.1:4100/kakao/kauth)
 *   KAKAO_API_BASE_URL            kapi host (default http://127.0.0.1:4100/kakao/kapi)
 *   KAKAO_REDIRECT_URI            default <AUTH_PUBLIC_ORIGIN>/user/login/kakao/callback
 *   KAKAO_TIMEOUT_MS              bound on each call to Kakao (default 5000)
 */
export const userEnvSchema = z
  .object({
    AUTH_PUBLIC_ORIGIN: z.url().default('http://localhost:8080'),
    KAKAO_CLIENT_ID: z.string().min(1).default('sandbox-kakao-client'),
    KAKAO_CLIENT_SECRET: z.string().min(1).optional(),
    KAKAO_CLIENT_SECRET_FILE: z.string().min(1).optional(),
    KAKAO_AUTHORIZE_BASE_URL: z.url().default('http://localhost:4100/kakao/kauth'),
    KAKAO_TOKEN_BASE_URL: z.url().default('http://127.0.0.1:4100/kakao/kauth'),
    KAKAO_API_BASE_URL: z.url().default('http://127.0.0.1:4100/kakao/kapi'),
    KAKAO_REDIRECT_URI: z.url().optional(),
    KAKAO_TIMEOUT_MS: fields.durationMs(5_000),
  })
  .superRefine((env, ctx) => {
    if (env.KAKAO_CLIENT_SECRET !== undefined && env.KAKAO_CLIENT_SECRET_FILE !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['KAKAO_CLIENT_SECRET_FILE'],
        message: 'set either KAKAO_CLIENT_SECRET or KAKAO_CLIENT_SECRET_FILE, not both',
      });
    }
  })
  .transform((env) => ({
    ...env,
    KAKAO_REDIRECT_URI:
      env.KAKAO_REDIRECT_URI ?? `${new URL(env.AUTH_PUBLIC_ORIGIN).origin}/user/login/kakao/callback`,
  }));

export type UserEnv = z.infer<typeof userEnvSchema>;
