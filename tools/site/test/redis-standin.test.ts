import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStore } from '@mfv/auth';
import { startRedisServer, type RedisServerProcess } from '@mfv/testkit/redis';
import { startRedisStandin, type RedisStandin } from '../src/redis-standin.js';
import { freePort } from '@mfv/testkit/ports';

/*
 * The stand-in against a real redis-server, side by side: the same commands, the same Lua, the
 * same answers — for what the platform sends (sessions, locks, transactions, ioredis's own
 * connection handshake). Differences would make `pnpm start` on a machine without Redis behave
 * unlike every other machine.
 */

let real: RedisServerProcess;
let standin: RedisStandin;
let clients: { real: Redis; standin: Redis };

beforeAll(async () => {
  [real, standin] = await Promise.all([
    startRedisServer(),
    freePort().then((port) => startRedisStandin(port)),
  ]);
  clients = {
    real: new Redis(real.url, { lazyConnect: true }),
    standin: new Redis(standin.url, { lazyConnect: true }),
  };
  await Promise.all([clients.real.connect(), clients.standin.connect()]);
}, 30_000);

afterAll(async () => {
  await Promise.all([clients?.real.quit(), clients?.standin.quit()]);
  await standin?.stop();
  await real?.stop();
});

/** Runs `script` on both with a per-run key prefix; returns both answers (errors as their text). */
async function both(script: (redis: Redis, key: (k: string) => string) => Promise<unknown>) {
  const run = async (redis: Redis, side: string) => {
    const prefix = `t:${side}:${Math.random().toString(36).slice(2)}:`;
    try {
      return await script(redis, (k) => prefix + k);
    } catch (error) {
      return `error: ${(error as Error).message.split(' ')[0]}`;
    }
  };
  return Promise.all([run(clients.real, 'real'), run(clients.standin, 'standin')]);
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const SHAPES = `redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
local ttl = redis.call('pttl', KEYS[1])
return {redis.call('get', KEYS[1]), ttl > 0 and 1 or 0, false, tonumber(ARGV[2]) * 2, redis.call('get', KEYS[2])}`;

describe('the Redis stand-in answers like redis-server', () => {
  it.each([
    [
      'SET NX PX / GET / PTTL / DEL',
      async (r: Redis, k: (s: string) => string) => [
        await r.set(k('a'), 'v', 'PX', 5000, 'NX'),
        await r.set(k('a'), 'w', 'PX', 5000, 'NX'),
        await r.get(k('a')),
        (await r.pttl(k('a'))) > 4000,
        await r.pttl(k('missing')),
        await r.del(k('a'), k('missing')),
        await r.get(k('a')),
      ],
    ],
    [
      'EXISTS, EXPIRE, PEXPIRE, INCR',
      async (r: Redis, k: (s: string) => string) => [
        await r.set(k('a'), '1'),
        await r.exists(k('a'), k('b')),
        await r.expire(k('a'), 100),
        await r.pexpire(k('missing'), 100),
        await r.incr(k('n')),
        await r.incrby(k('n'), 4),
      ],
    ],
    [
      'MULTI … EXEC',
      async (r: Redis, k: (s: string) => string) =>
        r.multi().set(k('a'), 'x', 'EX', 60).get(k('a')).del(k('a')).get(k('a')).exec(),
    ],
    [
      'EVAL: KEYS, ARGV and the reply shapes (nil, false → nil, numbers, arrays)',
      async (r: Redis, k: (s: string) => string) => r.eval(SHAPES, 2, k('a'), k('nothing'), 'value', '1500'),
    ],
    [
      'EVAL: the lock release script (owner, then someone else)',
      async (r: Redis, k: (s: string) => string) => [
        await r.set(k('lock'), 'me', 'PX', 5000),
        await r.eval(RELEASE, 1, k('lock'), 'someone-else'),
        await r.eval(RELEASE, 1, k('lock'), 'me'),
        await r.get(k('lock')),
      ],
    ],
    [
      'EVALSHA after SCRIPT LOAD, and NOSCRIPT before',
      async (r: Redis) => [
        await r
          .evalsha('e0e1f9fabfc9d4800c877a703b823ac0578ff8db', 0)
          .catch((e: Error) => e.message.split(' ')[0]),
        await r.script('LOAD', 'return 7'),
        await r.evalsha('e0e1f9fabfc9d4800c877a703b823ac0578ff8db', 0),
      ],
    ],
  ])('%s', async (_name, script) => {
    const [fromReal, fromStandin] = await both(script);
    expect(fromStandin).toEqual(fromReal);
  });

  it('serves @mfv/auth’s session store: records, the refresh lock, its release', async () => {
    const stores = [new SessionStore(clients.real), new SessionStore(clients.standin)];
    const results = [];
    for (const store of stores) {
      const sid = `standin-${Math.random().toString(36).slice(2)}`;
      await store.put(sid, { refreshToken: 'rt', accessToken: 'at', sub: 'u1' } as never, 60);
      const token = await store.tryLock(sid, 5000);
      const second = await store.tryLock(sid, 5000);
      const locked = await store.isLocked(sid);
      await store.unlock(sid, token!);
      results.push([
        await store.get(sid),
        token !== null,
        second,
        locked,
        await store.isLocked(sid),
        await store.refreshRecentlyFailed(sid),
      ]);
      await store.delete(sid);
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]![1]).toBe(true);
  });
});
