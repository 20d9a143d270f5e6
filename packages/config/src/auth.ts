import { z } from 'zod';
import { API_JWT_DEFAULT_AUDIENCE, API_JWT_DEFAULT_ISSUER, DEV_API_INTERNAL_TOKEN } from './api.js';
import { fields } from './load.js';
import { redisEnvSchema } from './redis.js';

/**
 * Environment of every Next app that uses @mfv/auth (all four). Every variable, with its default:
 *
 *   NODE_ENV                      development | test | production
 *   AUTH_API_URL                  the api on the internal network (default http://127.0.0.1:4000)
 *   AUTH_PUBLIC_ORIGIN            the site's one public origin (default http://localhost:8080); decides
 *                                 Secure / __Host- cookies and which Origin counts as same-origin.
 *                                 Must be https unless it is localhost.
 *   AUTH_MODE                     local (verify access tokens against the cached JWKS; default) or
 *                                 remote (ask the api's POST /auth/verify on every request)
 *   AUTH_ISSUER, AUTH_AUDIENCE    pinned `iss` / `aud` (defaults match the api's)
 *   AUTH_COOKIE_SECRET[_FILE]     ≥32 characters; signs CSRF tokens and seals the short-lived login
 *                                 cookies. The same on every app. Required in production.
 *   API_INTERNAL_TOKEN[_FILE]     the api's service credential (login, signup); as for apps/api
 *   AUTH_REFRESH_TIMEOUT_MS       bound on one refresh call to the api (default 3000)
 *   AUTH_LOCK_TTL_MS              per-session refresh lock in Redis; must exceed the refresh timeout
 *                                 and stay well below the api's API_REFRESH_GRACE_SECONDS (default
 *                                 5000): when Redis loses its master after the api rotated a token
 *                                 but before the successor was stored, the retry waits for this lock
 *                                 to expire and then presents the old token — inside the grace window
 *                                 it gets the same successor, past it the family is revoked (a forced
 *                                 logout). tools/platform's Sentinel drill measures exactly this.
 *   AUTH_BACKEND_TIMEOUT_MS       bound on other api calls made for a request (default 5000)
 *   AUTH_LOGIN_PATH               where a page that needs a session sends the browser (default /user/login)
 *   REDIS_URL                     refresh tokens and locks (see packages/redis)
 *   SENTRY_DSN                    optional; without it nothing is sent
 */
export const DEV_AUTH_COOKIE_SECRET = 'mfv-dev-cookie-secret-never-use-in-production';

const secret = () => z.string().min(32, { message: 'must be at least 32 characters' }).optional();

export const authEnvSchema = redisEnvSchema
  .extend({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    AUTH_API_URL: z.url({ message: 'must be an absolute URL' }).default('http://127.0.0.1:4000'),
    AUTH_PUBLIC_ORIGIN: z
      .url({ message: 'must be an absolute URL' })
      .default('http://localhost:8080')
      .refine(
        (value) => {
          const url = new URL(value);
          return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
        },
        { message: 'must be https unless it is localhost' },
      )
      .transform((value) => new URL(value).origin),
    AUTH_MODE: z.enum(['local', 'remote']).default('local'),
    AUTH_ISSUER: z.string().min(1).default(API_JWT_DEFAULT_ISSUER),
    AUTH_AUDIENCE: z.string().min(1).default(API_JWT_DEFAULT_AUDIENCE),
    AUTH_COOKIE_SECRET: secret(),
    AUTH_COOKIE_SECRET_FILE: z.string().min(1).optional(),
    API_INTERNAL_TOKEN: secret(),
    API_INTERNAL_TOKEN_FILE: z.string().min(1).optional(),
    AUTH_REFRESH_TIMEOUT_MS: fields.durationMs(3_000),
    // < API_REFRESH_GRACE_SECONDS × 1000 with a margin (see above); > AUTH_REFRESH_TIMEOUT_MS.
    AUTH_LOCK_TTL_MS: fields.durationMs(5_000),
    AUTH_BACKEND_TIMEOUT_MS: fields.durationMs(5_000),
    AUTH_LOGIN_PATH: z
      .string()
      .regex(/^\/[^/\\]/, { message: 'must be a path on this site' })
      .default('/user/login'),
    SENTRY_DSN: z.url().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.AUTH_LOCK_TTL_MS <= env.AUTH_REFRESH_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_LOCK_TTL_MS'],
        message: 'must be longer than AUTH_REFRESH_TIMEOUT_MS (a lock must outlive the refresh it guards)',
      });
    }
    for (const [inline, file] of [
      ['AUTH_COOKIE_SECRET', 'AUTH_COOKIE_SECRET_FILE'],
      ['API_INTERNAL_TOKEN', 'API_INTERNAL_TOKEN_FILE'],
    ] as const) {
      if (env[inline] !== undefined && env[file] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [file], message: `set either ${inline} or ${file}, not both` });
      }
      if (env.NODE_ENV === 'production' && env[inline] === undefined && env[file] === undefined) {
        ctx.addIssue({ code: 'custom', path: [inline], message: `required in production (or set ${file})` });
      }
    }
    if (env.NODE_ENV === 'production' && env.AUTH_COOKIE_SECRET === DEV_AUTH_COOKIE_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_COOKIE_SECRET'],
        message: 'must not be the published development secret',
      });
    }
    if (env.NODE_ENV === 'production' && env.API_INTERNAL_TOKEN === DEV_API_INTERNAL_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_INTERNAL_TOKEN'],
        message: 'must not be the published development token',
      });
    }
  });

export type AuthEnv = z.infer<typeof authEnvSchema>;
