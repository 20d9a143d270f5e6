/**
 * Per-identifier rate limits shared by the remotes (verify, user): counted in Redis
 * (rate-limiter-flexible), so every process of an app draws on the same counters.
 *
 * Redis away: each limiter falls back to an in-memory limiter with the same numbers (per
 * process), so limits keep holding — a little looser, N processes × the limit — instead of
 * either refusing everyone or letting everything through.
 *
 * Keys hold a SHA-256 of the identifier, never an address, a phone number or a member id in clear.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RateLimitSetting } from '@mfv/config';
import type { RedisClient } from '@mfv/redis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** What a person reads on a 429 (every remote says the same). */
export const RATE_LIMITED_MESSAGE = (seconds: number) =>
  `요청이 너무 많아요. ${seconds}초 뒤에 다시 시도해 주세요.`;

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

const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

/** One limit (`points` per `durationSeconds`) under `keyPrefix`, with the in-memory fallback. */
export class RateLimit {
  private readonly limiter: RateLimiterRedis;

  /**
   * @param ready resolves once the client has connected (or given up trying, bounded): counts
   *   made before that would all land in memory, as if Redis were away.
   */
  constructor(
    redis: RedisClient,
    setting: RateLimitSetting,
    keyPrefix: string,
    private readonly ready: Promise<unknown> = Promise.resolve(),
  ) {
    const options = { points: setting.points, duration: setting.durationSeconds };
    this.limiter = new RateLimiterRedis({
      ...options,
      storeClient: redis,
      keyPrefix,
      // A Redis that is not ready answers from memory at once (the client's own command
      // timeout bounds a slow one).
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }

  /** Counts one attempt for `id`: 0 when allowed, else the seconds to wait (at least 1). */
  async consume(id: string): Promise<number> {
    await this.ready;
    try {
      await this.limiter.consume(digest(id));
      return 0;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    }
  }
}
