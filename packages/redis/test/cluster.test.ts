import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, isCluster, waitForRedis, type RedisClient } from '../src/client.js';
import { isRedisUnavailable, RedisUnavailableError, withRedis } from '../src/errors.js';
import { redisHealth } from '../src/health.js';
import { hashTag } from '../src/keyspace.js';
import { runCli, startCluster, type ClusterGroup } from '@mfv/testkit/redis';
import { uniqueKeyspace } from './support/index.js';

const FAILURE_BOUND_MS = 2_000;

describe('Cluster: three masters created by redis-cli --cluster create', () => {
  let cluster: ClusterGroup;
  let client: RedisClient;
  const ks = uniqueKeyspace('redis-pkg-cluster');

  beforeAll(async () => {
    cluster = await startCluster({ masters: 3 });
    client = createRedis(cluster.url, { logger: null });
    await waitForRedis(client);
  });
  afterAll(async () => {
    if (client) await closeRedis(client);
    await cluster?.stop();
  });

  it('is a Cluster client and sets/gets keys spread over every master', async () => {
    expect(isCluster(client)).toBe(true);
    const keys = Array.from({ length: 60 }, (_, i) => ks('k', i));
    for (const [i, key] of keys.entries())
      expect(await client.set(key, String(i), 'PX', 60_000, 'NX')).toBe('OK');
    for (const [i, key] of keys.entries()) expect(await client.get(key)).toBe(String(i));
    expect(await client.pttl(keys[0]!)).toBeGreaterThan(0);
    // Each node holds some of them: the keys really crossed slots and nodes.
    const sizes = await Promise.all(cluster.nodes.map((n) => runCli(['-p', String(n.port), 'DBSIZE'])));
    expect(sizes.map((s) => Number(s.trim())).every((n) => n > 0)).toBe(true);
    for (const key of keys) expect(await client.del(key)).toBe(1);
  });

  it('multi-key Lua and MULTI work on keys that share a hash tag; without one the server says CROSSSLOT (a real error)', async () => {
    const tag = hashTag('session-1');
    const lock = ks(tag, 'lock');
    const rt = ks(tag, 'rt');
    const swap = "redis.call('set', KEYS[1], ARGV[1], 'PX', 5000) return redis.call('set', KEYS[2], ARGV[2])";
    expect(await client.eval(swap, 2, lock, rt, 'owner', 'token-2')).toBe('OK');
    expect(await client.multi().get(lock).get(rt).exec()).toEqual([
      [null, 'owner'],
      [null, 'token-2'],
    ]);
    const untagged = await withRedis(() => client.eval(swap, 2, ks('a'), ks('b'), '1', '2')).catch(
      (e: unknown) => e,
    );
    expect((untagged as Error).message).toMatch(/CROSSSLOT/);
    expect(isRedisUnavailable(untagged)).toBe(false);
    await client.del(lock);
    await client.del(rt);
  });

  it('health: ok with every master answering', async () => {
    expect(await redisHealth(client)).toMatchObject({ ok: true, mode: 'cluster', masters: 3, mastersOk: 3 });
  });

  it('a dead master: its keys fail boundedly as unavailable, health says which part is down', async () => {
    const victim = cluster.nodes[0]!;
    // A key in a slot the victim serves (its own line in CLUSTER NODES lists its slot ranges).
    const myself = (await runCli(['-p', String(victim.port), 'CLUSTER', 'NODES']))
      .split('\n')
      .find((line) => line.includes('myself'));
    const ranges = (myself ?? '').trim().split(' ').slice(8);
    let key: string | undefined;
    for (let i = 0; i < 200 && key === undefined; i++) {
      const k = ks('victim', i);
      const slot = Number((await runCli(['-p', String(victim.port), 'CLUSTER', 'KEYSLOT', k])).trim());
      if (ranges.some((r) => inRange(r, slot))) key = k;
    }
    expect(key).toBeDefined();
    await victim.kill();

    const start = performance.now();
    const err = await withRedis(() => client.set(key!, 'x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect(performance.now() - start).toBeLessThan(FAILURE_BOUND_MS);

    const health = await redisHealth(client);
    expect(health.ok).toBe(false);
    expect(health).toMatchObject({ masters: 3, mastersOk: 2 });
    expect(health.error).toMatch(/1 of 3 masters did not answer PING/);
    expect(health.latencyMs).toBeLessThan(FAILURE_BOUND_MS);
  });
});

function inRange(range: string, slot: number): boolean {
  const [lo, hi] = range.split('-').map(Number);
  if (lo === undefined || Number.isNaN(lo)) return false;
  return slot >= lo && slot <= (hi ?? lo);
}
