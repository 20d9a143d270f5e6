import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, waitForRedis, type RedisClient } from '../src/client.js';
import { isRedisUnavailable, RedisUnavailableError, withRedis } from '../src/errors.js';
import { redisHealth } from '../src/health.js';
import { sleep } from '@mfv/testkit';
import { runCli, startSentinelGroup, type SentinelGroup } from '@mfv/testkit/redis';
import { uniqueKeyspace } from './support/index.js';

/** Each failed write must be answered within this (brief: bounded, "< ~2 s"). */
const FAILURE_BOUND_MS = 2_000;
/**
 * Writes must work again within this after the master dies: down-after-milliseconds (1 s)
 * + ODOWN agreement + leader election + promotion, then our reconnect backoff (≤ 1.1 s).
 */
const RECOVERY_BOUND_MS = 10_000;
const WRITE_INTERVAL_MS = 50;

interface Attempt {
  i: number;
  atMs: number;
  ms: number;
  ok: boolean;
  cause?: string;
}

describe('Sentinel: the master dies under writes', () => {
  let group: SentinelGroup;
  let client: RedisClient;
  const ks = uniqueKeyspace('redis-pkg-sentinel');
  const log: string[] = [];

  beforeAll(async () => {
    group = await startSentinelGroup({
      masterName: 'mymaster',
      downAfterMs: 1_000,
      failoverTimeoutMs: 3_000,
    });
    client = createRedis(group.url, { logger: { warn: (l) => log.push(l), info: (l) => log.push(l) } });
    await waitForRedis(client);
  });
  afterAll(async () => {
    if (client) await closeRedis(client);
    await group?.stop();
  });

  it('connects to the master through redis-sentinel://…/mymaster and reports role master', async () => {
    await client.set(ks('before'), 'x');
    expect(await client.get(ks('before'))).toBe('x');
    const health = await redisHealth(client);
    expect(health).toMatchObject({ ok: true, mode: 'sentinel', role: 'master' });
    expect(await group.currentMasterPort()).toBe(group.master.port);
  });

  it('writes fail boundedly during failover and succeed on the promoted replica', async () => {
    const replica = group.replicas[0]!;
    const attempts: Attempt[] = [];
    await group.master.kill();
    const killedAt = performance.now();

    let recoveredAt: number | undefined;
    for (let i = 0; performance.now() - killedAt < RECOVERY_BOUND_MS + 2_000; i++) {
      const start = performance.now();
      try {
        await withRedis(() => client.set(ks('w', i), String(i)), 'failover write');
        attempts.push({ i, atMs: start - killedAt, ms: performance.now() - start, ok: true });
        recoveredAt = performance.now();
        break;
      } catch (err) {
        expect(err).toBeInstanceOf(RedisUnavailableError);
        const cause = (err as RedisUnavailableError).cause as Error;
        attempts.push({
          i,
          atMs: start - killedAt,
          ms: performance.now() - start,
          ok: false,
          cause: cause.message,
        });
      }
      await sleep(WRITE_INTERVAL_MS);
    }

    const failed = attempts.filter((a) => !a.ok);
    const recoverySeconds = recoveredAt === undefined ? undefined : (recoveredAt - killedAt) / 1000;
    const causes = [...new Set(failed.map((a) => a.cause))];
    console.info(
      `[sentinel failover] writes worked again ${recoverySeconds?.toFixed(2)} s after SIGKILL of the master; ` +
        `${failed.length} writes failed meanwhile (slowest failure ${Math.round(Math.max(0, ...failed.map((a) => a.ms)))} ms); ` +
        `causes: ${causes.join(' | ')}`,
    );

    expect(recoveredAt, 'writes never recovered').toBeDefined();
    expect(recoveredAt! - killedAt).toBeLessThan(RECOVERY_BOUND_MS);
    expect(failed.length).toBeGreaterThan(0);
    for (const a of failed) expect(a.ms).toBeLessThan(FAILURE_BOUND_MS);

    // The write that succeeded landed on the promoted replica, now the master.
    expect(await group.currentMasterPort()).toBe(replica.port);
    const last = attempts.at(-1)!;
    const onReplica = await runCli(['-p', String(replica.port), 'GET', ks('w', last.i)]);
    expect(onReplica.trim()).toBe(String(last.i));
    expect(await client.get(ks('before'))).toBe('x'); // replicated before the kill

    // Writes refused while disconnected were never queued, so they never ran later.
    for (const a of failed.filter((f) => f.cause?.startsWith("Stream isn't writeable"))) {
      expect(await client.exists(ks('w', a.i))).toBe(0);
    }
    const health = await redisHealth(client);
    expect(health).toMatchObject({ ok: true, mode: 'sentinel', role: 'master' });
    expect(log.some((l) => /connection lost/.test(l))).toBe(true);
    expect(log.at(-1)).toMatch(/ready again/);
  });

  it('a Sentinel URL whose master name is unknown fails boundedly as unavailable', async () => {
    const url = group.url.replace(/\/mymaster$/, '/nosuchmaster');
    const other = createRedis(url, { logger: null });
    try {
      const start = performance.now();
      const err = await waitForRedis(other, 1_000).catch((e: unknown) => e);
      expect(isRedisUnavailable(err)).toBe(true);
      expect(performance.now() - start).toBeLessThan(1_500);
      const cmd = await withRedis(() => other.get('k')).catch((e: unknown) => e);
      expect(cmd).toBeInstanceOf(RedisUnavailableError);
    } finally {
      await closeRedis(other);
    }
  });
});
