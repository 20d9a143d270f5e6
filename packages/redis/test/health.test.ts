import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, waitForRedis, type RedisClient } from '../src/client.js';
import { redisHealth } from '../src/health.js';
import { freePort } from '@mfv/testkit/ports';
import { startRedisServer, type RedisServerProcess } from '@mfv/testkit/redis';

describe('redisHealth', () => {
  let server: RedisServerProcess;
  let client: RedisClient;

  beforeAll(async () => {
    server = await startRedisServer();
    client = createRedis(server.url, { logger: null });
    await waitForRedis(client);
  });
  afterAll(async () => {
    if (client) await closeRedis(client);
    await server?.stop();
  });

  it('ok on a live server, with role and latency', async () => {
    const health = await redisHealth(client);
    expect(health).toMatchObject({ ok: true, mode: 'standalone', role: 'master' });
    expect(health.latencyMs).toBeGreaterThan(0);
    expect(health.latencyMs).toBeLessThan(500);
    expect(health.error).toBeUndefined();
  });

  it('reports a replica as such', async () => {
    const replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(server.port)] });
    const c = createRedis(replica.url, { logger: null });
    try {
      await waitForRedis(c);
      expect(await redisHealth(c)).toMatchObject({ ok: true, role: 'replica' });
    } finally {
      await closeRedis(c);
      await replica.stop();
    }
  });

  it('ok:false at once when nothing listens', async () => {
    const c = createRedis(`redis://127.0.0.1:${await freePort()}`, { logger: null });
    try {
      const health = await redisHealth(c, { timeoutMs: 500 });
      expect(health.ok).toBe(false);
      expect(health.error).toBeTruthy();
      expect(health.latencyMs).toBeLessThan(600);
    } finally {
      await closeRedis(c);
    }
  });

  it('ok:false within its timeout when the server hangs (SIGSTOP), ok again after SIGCONT', async () => {
    const frozen = await startRedisServer();
    const c = createRedis(frozen.url, { logger: null, commandTimeoutMs: 5_000 });
    try {
      await waitForRedis(c);
      process.kill(frozen.pid, 'SIGSTOP');
      // The command timeout is longer than the probe's: the probe's own bound must hold.
      const health = await redisHealth(c, { timeoutMs: 300 });
      process.kill(frozen.pid, 'SIGCONT');
      expect(health).toMatchObject({ ok: false, error: 'no answer within 300 ms' });
      expect(health.latencyMs).toBeGreaterThanOrEqual(290);
      expect(health.latencyMs).toBeLessThan(450);
      expect((await redisHealth(c)).ok).toBe(true);
    } finally {
      process.kill(frozen.pid, 'SIGCONT');
      await closeRedis(c);
      await frozen.stop();
    }
  });

  it('starts a lazy client and answers within the bound', async () => {
    const c = createRedis(server.url, { logger: null, lazyConnect: true });
    try {
      expect(c.status).toBe('wait');
      expect(await redisHealth(c)).toMatchObject({ ok: true, role: 'master' });
    } finally {
      await closeRedis(c);
    }
  });
});
