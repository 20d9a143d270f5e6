/**
 * Rate limits of the verify remote (docs/security.md, F4). Everything that costs a provider call
 * or can reach a third party's phone is counted per member, per phone number and per client IP
 * in Redis (rate-limiter-flexible), so every verify process shares the same counters. The limits
 * come from the env schema (`VERIFY_LIMIT_*`, @mfv/config rate-limits.ts).
 *
 * Redis away: each limiter falls back to an in-memory limiter with the same numbers (per
 * process), so limits keep holding — a little looser, N processes × the limit — instead of
 * either refusing everyone or letting everything through.
 *
 * Keys hold a SHA-256 of the identifier, never a phone number or an address in clear.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RateLimitSetting, VerifyEnv } from '@mfv/config';
import type { RedisClient } from '@mfv/redis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { VerifyError } from './errors';

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

export const RATE_LIMITED_MESSAGE = (seconds: number) =>
  `요청이 너무 많아요. ${seconds}초 뒤에 다시 시도해 주세요.`;

/** 429 with Retry-After (sendVerifyError sets the header from retryAfterSeconds). */
export function rateLimited(retryAfterSeconds: number): VerifyError {
  return new VerifyError(429, 'RATE_LIMITED', RATE_LIMITED_MESSAGE(retryAfterSeconds), {}, retryAfterSeconds);
}

const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

/**
 * The client address as our public origin saw it: the last X-Forwarded-For entry (both proxies
 * append the peer they accepted; earlier entries are whatever the client claimed), else the peer.
 */
export function clientIp(req: IncomingMessage): string {
  const header = req.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : header;
  const last = value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  return last ?? req.socket.remoteAddress ?? 'unknown';
}

export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(
    redis: RedisClient,
    private readonly table: LimitTable,
    keyPrefix = 'mfv:rl',
  ) {
    for (const [action, dimensions] of Object.entries(table)) {
      for (const [dimension, setting] of Object.entries(dimensions)) {
        if (!setting) continue;
        const options = { points: setting.points, duration: setting.durationSeconds };
        this.limiters.set(
          `${action}:${dimension}`,
          new RateLimiterRedis({
            ...options,
            storeClient: redis,
            keyPrefix: `${keyPrefix}:${action}:${dimension}`,
            // A Redis that is not ready answers from memory at once (the client's own command
            // timeout bounds a slow one).
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory(options),
          }),
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
      try {
        await limiter.consume(digest(id));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        wait = Math.max(wait, Math.ceil(error.msBeforeNext / 1000));
      }
    }
    if (wait > 0) throw rateLimited(Math.max(1, wait));
  }
}
