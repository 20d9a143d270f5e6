import { createHash } from 'node:crypto';
import { keyspace, toRedisUnavailable, type RedisClient } from '@mfv/redis';
import { randomId } from './crypto.js';
import { AuthUnavailableError } from './errors.js';

/**
 * What Redis keeps per login session, under the session-id cookie's value. The refresh token
 * lives only here (never in a browser); the current access token is kept too, so requests that
 * lose a refresh race pick up the successor instead of refreshing again.
 */
export interface SessionRecord {
  refreshToken: string;
  accessToken: string;
  /** Access-token expiry, epoch ms. */
  accessExpiresAt: number;
  userId: string;
  /** Bumped on every rotation; lets waiters see that someone else refreshed. */
  generation: number;
}

const keys = keyspace('mfv:auth');

/**
 * Keys hold the SHA-256 of the session cookie, never the cookie itself (red-team finding F9):
 * whoever reads Redis (a dump, MONITOR, a replica, a key listing) gets no cookie to replay.
 */
const digest = (sid: string) => createHash('sha256').update(sid, 'utf8').digest('base64url');
/** The Redis key of a session's record (tests and tools that age a record use this). */
export const sessionKey = (sid: string) => keys('session', digest(sid));
const lockKey = (sid: string) => keys('refresh-lock', digest(sid));
const failedKey = (sid: string) => keys('refresh-failed', digest(sid));
/** Where records were kept before F9 (raw cookie value): read once, moved, then gone. */
const legacySessionKey = (sid: string) => keys('session', sid);

// Deletes the lock only if we still hold it (a lock that expired may belong to someone else now).
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

function unavailable(error: unknown): never {
  const mapped = toRedisUnavailable(error);
  if (mapped !== error) throw new AuthUnavailableError('redis', { cause: error });
  throw error;
}

export class SessionStore {
  /**
   * @param ready resolves once the client has connected (or given up trying): commands sent
   *   before that would fail at once, since the clients keep no offline queue.
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly ready: Promise<unknown> = Promise.resolve(),
  ) {}

  async get(sid: string): Promise<SessionRecord | null> {
    await this.ready;
    const raw = (await this.redis.get(sessionKey(sid)).catch(unavailable)) ?? (await this.moveLegacy(sid));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as SessionRecord;
    } catch {
      return null;
    }
  }

  async put(sid: string, record: SessionRecord, ttlSeconds: number): Promise<void> {
    await this.ready;
    await this.redis
      .set(sessionKey(sid), JSON.stringify(record), 'EX', Math.max(1, Math.floor(ttlSeconds)))
      .catch(unavailable);
  }

  async delete(sid: string): Promise<void> {
    await this.ready;
    await this.redis.del(sessionKey(sid)).catch(unavailable);
    await this.redis.del(legacySessionKey(sid)).catch(unavailable);
  }

  /**
   * A record written before F9 under the raw cookie value: moved under the digest with the TTL it
   * had left (two keys, two slots on a cluster: separate commands, not a script).
   */
  private async moveLegacy(sid: string): Promise<string | null> {
    const legacy = legacySessionKey(sid);
    const raw = await this.redis.get(legacy).catch(unavailable);
    if (!raw) return null;
    const ttlMs = await this.redis.pttl(legacy).catch(unavailable);
    if (ttlMs > 0) await this.redis.set(sessionKey(sid), raw, 'PX', ttlMs, 'NX').catch(unavailable);
    await this.redis.del(legacy).catch(unavailable);
    return raw;
  }

  /** SET NX PX: one holder per session across every process; returns the release token or null. */
  async tryLock(sid: string, ttlMs: number): Promise<string | null> {
    await this.ready;
    const token = randomId(16);
    const ok = await this.redis.set(lockKey(sid), token, 'PX', ttlMs, 'NX').catch(unavailable);
    return ok === 'OK' ? token : null;
  }

  async isLocked(sid: string): Promise<boolean> {
    return (await this.redis.exists(lockKey(sid)).catch(unavailable)) === 1;
  }

  /** The lock holder could not reach the api: waiters fail fast for a moment instead of queueing up. */
  async markRefreshFailed(sid: string, ttlMs: number): Promise<void> {
    await this.redis.set(failedKey(sid), '1', 'PX', ttlMs).catch(() => {});
  }

  async refreshRecentlyFailed(sid: string): Promise<boolean> {
    return (await this.redis.exists(failedKey(sid)).catch(unavailable)) === 1;
  }

  async unlock(sid: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE_LOCK, 1, lockKey(sid), token).catch(() => {
      // The lock expires by itself; failing to release early only delays waiters.
    });
  }
}
