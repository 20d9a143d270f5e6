import { z } from 'zod';

/**
 * Rate limits of the verify remote (red-team finding F4: one member started 150 verifications
 * in 3.6 s and sent 12 SMS to an arbitrary number in under a second). Each limit is
 * `<points>/<seconds>`: at most `points` attempts per rolling window of `seconds`, counted in
 * Redis so every process shares them. `0/<seconds>` is not allowed (turn a limit up, not off).
 *
 *   VERIFY_LIMIT_START_MEMBER / _IP      verification starts (mobile-ok, KCB, SSAFY)
 *   VERIFY_LIMIT_SEND_PHONE / _MEMBER / _IP   SMS/LMS sends and re-sends (auth/request, auth/resend)
 *   VERIFY_LIMIT_CALL_MEMBER / _IP       ARS calls
 *   VERIFY_LIMIT_CONFIRM_MEMBER / _IP    OTP confirms
 *   VERIFY_LIMIT_REDEEM_IP               result ticket redemptions
 */
export const RATE_LIMIT_DEFAULTS = {
  VERIFY_LIMIT_START_MEMBER: '10/600',
  VERIFY_LIMIT_START_IP: '30/600',
  VERIFY_LIMIT_SEND_PHONE: '5/600',
  VERIFY_LIMIT_SEND_MEMBER: '10/600',
  VERIFY_LIMIT_SEND_IP: '30/600',
  VERIFY_LIMIT_CALL_MEMBER: '5/600',
  VERIFY_LIMIT_CALL_IP: '15/600',
  VERIFY_LIMIT_CONFIRM_MEMBER: '20/600',
  VERIFY_LIMIT_CONFIRM_IP: '60/600',
  VERIFY_LIMIT_REDEEM_IP: '60/600',
} as const;

/**
 * Rate limits of the user remote. Starting a login (GET /user/api/login/kakao, and POST
 * /user/api/login/toss, where appLogin's code is exchanged over mTLS) costs a signed cookie or a
 * provider call, so a script could make us send anyone's traffic there. The Kakao login callback
 * (/user/login/kakao/callback) calls Kakao's token endpoint and the api for every code it is
 * handed. Counted per client IP, in Redis.
 * Generous: carriers and offices put many people behind one address.
 *
 *   USER_LIMIT_LOGIN_IP                  login starts (Kakao and Toss together)
 *   USER_LIMIT_CALLBACK_IP               the Kakao login callback
 */
export const USER_RATE_LIMIT_DEFAULTS = {
  USER_LIMIT_LOGIN_IP: '30/60',
  USER_LIMIT_CALLBACK_IP: '30/60',
} as const;

export interface RateLimitSetting {
  points: number;
  durationSeconds: number;
}

const MAX_WINDOW_SECONDS = 86_400;

function rateLimit(app: string, name: string, fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((value, ctx): RateLimitSetting => {
      const match = /^(\d{1,6})\/(\d{1,6})$/.exec(value.trim());
      const points = Number(match?.[1]);
      const durationSeconds = Number(match?.[2]);
      if (!match || points < 1 || durationSeconds < 1 || durationSeconds > MAX_WINDOW_SECONDS) {
        ctx.addIssue({
          code: 'custom',
          message: `must be <points>/<seconds> with both at least 1 and seconds at most ${MAX_WINDOW_SECONDS} (e.g. ${fallback})`,
        });
        return z.NEVER;
      }
      return { points, durationSeconds };
    })
    .describe(`${app}: rate limit ${name} as <points>/<seconds> (default ${fallback})`);
}

function fieldsOf<T extends Record<string, string>>(app: string, defaults: T) {
  return Object.fromEntries(
    Object.entries(defaults).map(([name, fallback]) => [name, rateLimit(app, name, fallback)]),
  ) as { [K in keyof T]: ReturnType<typeof rateLimit> };
}

export const rateLimitFields = fieldsOf('verify', RATE_LIMIT_DEFAULTS);
export const userRateLimitFields = fieldsOf('user', USER_RATE_LIMIT_DEFAULTS);
