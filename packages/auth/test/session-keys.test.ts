/**
 * Red-team finding F9: Redis session records were keyed by the raw session cookie, so whoever
 * could read Redis keys could replay a cookie. Keys now hold its SHA-256; records written before
 * are moved on first read.
 */
import { createRedis, waitForRedis, type RedisClient } from '@mfv/redis';
import { startRedisServer, type RedisServerProcess } from '@mfv/testkit/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId } from '../src/crypto.js';
import { SessionStore, sessionKey, type SessionRecord } from '../src/session-store.js';
import { closeRedis } from './harness.js';

let server: RedisServerProcess;
let redis: RedisClient;
let store: SessionStore;

const record: SessionRecord = {
  refreshToken: 'rt',
  accessToken: 'at',
  accessExpiresAt: Date.now() + 60_000,
  userId: 'u',
  generation: 0,
};

beforeAll(async () => {
  server = await startRedisServer();
  redis = createRedis(server.url, { logger: null });
  await waitForRedis(redis);
  store = new SessionStore(redis);
});

afterAll(async () => {
  await closeRedis(redis);
  await server?.stop();
});

describe('session keys in Redis (F9)', () => {
  it('no key, lock or mark names the session cookie', async () => {
    const sid = randomId(32);
    await store.put(sid, record, 60);
    const lock = await store.tryLock(sid, 5_000);
    await store.markRefreshFailed(sid, 5_000);
    const names = await redis.keys('*');
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) expect(name).not.toContain(sid);
    expect(await store.get(sid)).toEqual(record);
    expect(await redis.get(sessionKey(sid))).not.toBeNull();
    await store.unlock(sid, lock as string);
    await store.delete(sid);
    expect(await store.get(sid)).toBeNull();
  });

  it('a record stored under the raw cookie (before) is read, moved under the digest with its TTL, and gone', async () => {
    const sid = randomId(32);
    await redis.set(`mfv:auth:session:${sid}`, JSON.stringify(record), 'EX', 120);
    expect(await store.get(sid)).toEqual(record);
    expect(await redis.exists(`mfv:auth:session:${sid}`)).toBe(0);
    const ttl = await redis.ttl(sessionKey(sid));
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });
});
