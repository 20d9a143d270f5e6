/**
 * Rate limits of the verify remote (docs/security.md, F4). Everything that costs a provider call
 * or can reach a third party's phone is counted per member, per phone number and per client IP
 * in Redis (@mfv/auth RateLimit: rate-limiter-flexible, with an in-memory fallback while Redis
 * is away), so every verify process shares the same counters. The limits come from the env
 * schema (`VERIFY_LIMIT_*`, @mfv/config rate-limits.ts).
 */
import { RATE_LIMITED_MESSAGE, RateLimit } from '@mfv/auth';
import type { RateLimitSetting, VerifyEnv } from '@mfv/config';
import type { RedisClient } from '@mfv/redis';
import { VerifyError } from './errors';

export { clientIp, RATE_LIMITED_MESSAGE } from '@mfv/auth';

export type LimitAction = 'start' | 'send' | 'call' | 'confirm' | 'redeem';
export type LimitDimension = 'member' | 'phone' | 'ip';
export type LimitTable = { [A in LimitAction]: Partial<Record<LimitDimension, RateLimitSetting>> };
export type LimitKeys = Partial<Record<LimitDimension, string | undefined>>;

/** The table from the verify env. */
export function limitTable(env: VerifyEnv): LimitTable {
  return {
    start: { member: env.VERIFY_LIMIT_START_MEMBER, ip: env.VERIFY_LIMIT_START_IP },
    send: {
      phone: env.VERIFY_LIMIT_SEND_PHONE,
      member: env.VERIFY_LIMIT_SEND_MEMBER,
      ip: env.VERIFY_LIMIT_SEND_IP,
    },
    call: { member: env.VERIFY_LIMIT_CALL_MEMBER, ip: env.VERIFY_LIMIT_CALL_IP },
    confirm: { member: env.VERIFY_LIMIT_CONFIRM_MEMBER, ip: env.VERIFY_LIMIT_CONFIRM_IP },
    redeem: { ip: env.VERIFY_LIMIT_REDEEM_IP },
  };
}

/** 429 with Retry-After (sendVerifyError sets the header from retryAfterSeconds). */
export function rateLimited(retryAfterSeconds: number): VerifyError {
  return new VerifyError(429, 'RATE_LIMITED', RATE_LIMITED_MESSAGE(retryAfterSeconds), {}, retryAfterSeconds);
}

export class RateLimits {
  private readonly limiters = new Map<string, RateLimit>();

  constructor(
    redis: RedisClient,
    private readonly table: LimitTable,
    keyPrefix = 'mfv:rl',
  ) {
    for (const [action, dimensions] of Object.entries(table)) {
      for (const [dimension, setting] of Object.entries(dimensions)) {
        if (!setting) continue;
        this.limiters.set(
          `${action}:${dimension}`,
          new RateLimit(redis, setting, `${keyPrefix}:${action}:${dimension}`),
        );
      }
    }
  }

  /**
   * Counts one attempt of `action` for every identifier given; throws 429 RATE_LIMITED (with
   * the longest wait) when any of them is over its limit. A dimension with no identifier (a
   * signed-out caller has no member) is skipped.
   */
  async consume(action: LimitAction, keys: LimitKeys): Promise<void> {
    let wait = 0;
    for (const dimension of Object.keys(this.table[action]) as LimitDimension[]) {
      const id = keys[dimension];
      const limiter = this.limiters.get(`${action}:${dimension}`);
      if (id === undefined || limiter === undefined) continue;
      wait = Math.max(wait, await limiter.consume(id));
    }
    if (wait > 0) throw rateLimited(wait);
  }
}
