import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, waitForRedis, type RedisClient } from '@mfv/redis';
import { PinStore } from '../src/store.js';

// A real Redis (REDIS_URL, default the local one on DB 12), under a key prefix unique to the run.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/12';
const prefix = `i12:test:${process.pid}:${Date.now()}`;
let redis: RedisClient;
let dir: string;

beforeAll(async () => {
  redis = createRedis(REDIS_URL, { lazyConnect: true, logger: null });
  await waitForRedis(redis, 3000);
  dir = mkdtempSync(path.join(tmpdir(), 'mfv-pins-'));
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await closeRedis(redis);
  rmSync(dir, { recursive: true, force: true });
});

describe('pins', () => {
  it('pin and unpin go to Redis and the file; reads come from Redis', async () => {
    const file = path.join(dir, 'a.json');
    const store = new PinStore({ redis, file, prefix });
    expect(await store.set('notice', 'rel_1')).toBe('both');
    expect(await redis.get(`${prefix}:notice`)).toBe('rel_1');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ notice: 'rel_1' });
    expect(await store.read(['notice', 'user'])).toEqual({ pins: { notice: 'rel_1' }, source: 'redis' });
    await store.set('notice', null);
    expect(await store.read(['notice'])).toEqual({ pins: {}, source: 'redis' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
  });

  it('with Redis away the file answers, bounded; a bad release id is refused', async () => {
    const file = path.join(dir, 'b.json');
    await new PinStore({ redis, file, prefix }).set('user', 'rel_2');
    // A client to a port nothing listens on: its commands fail or time out.
    const away = createRedis('redis://127.0.0.1:1/0', { lazyConnect: true, logger: null });
    try {
      const store = new PinStore({ redis: away, file, prefix, timeoutMs: 300 });
      const started = Date.now();
      expect(await store.read(['user'])).toEqual({ pins: { user: 'rel_2' }, source: 'file' });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await store.set('user', 'rel_3')).toBe('file');
      await expect(store.set('user', '../etc')).rejects.toThrow(/not a release id/);
    } finally {
      away.disconnect();
    }
    await expect(new PinStore({ redis: null }).set('user', 'rel_4')).rejects.toThrow(/could not be stored/);
  });
});
