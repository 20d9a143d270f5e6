import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis, waitForRedis, type RedisClient, type RedisLogger } from '../src/client.js';
import { REDIS_DEFAULTS } from '../src/defaults.js';
import { isRedisUnavailable, RedisUnavailableError, withRedis } from '../src/errors.js';
import {
  freePort,
  runCli,
  sleep,
  startRedisServer,
  startTlsRedisServer,
  type RedisServerProcess,
  type TlsRedisServerProcess,
} from '@mfv/testkit';
import { uniqueKeyspace } from './support/index.js';

const PASSWORD = 'pw-Standalone-7f3a';
/** "Bounded": a failed command must be answered well within this (brief: elapsed < ~2 s). */
const FAILURE_BOUND_MS = 2_000;

const quiet: RedisLogger = { warn: () => {}, info: () => {} };

async function elapsedOf<T>(fn: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const start = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - start, value };
  } catch (error) {
    return { ms: performance.now() - start, error };
  }
}

/** Repeats `fn` until it resolves or `ms` pass; returns how long that took. */
async function until(fn: () => Promise<unknown>, ms: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    try {
      await fn();
      return performance.now() - start;
    } catch (err) {
      if (performance.now() - start > ms) throw err;
      await sleep(50);
    }
  }
}

describe('standalone: commands the platform uses, against a real redis-server', () => {
  let server: RedisServerProcess;
  let client: RedisClient;
  const ks = uniqueKeyspace('redis-pkg-standalone');

  beforeAll(async () => {
    server = await startRedisServer({ password: PASSWORD });
    client = createRedis(`redis://:${PASSWORD}@127.0.0.1:${server.port}/3`, { logger: quiet });
    await waitForRedis(client);
  });
  afterAll(async () => {
    if (client) await closeRedis(client);
    await server?.stop();
  });

  it('set PX NX, get, pttl, expire, del', async () => {
    const key = ks('lock', 's1');
    expect(await client.set(key, 'owner-a', 'PX', 5_000, 'NX')).toBe('OK');
    expect(await client.set(key, 'owner-b', 'PX', 5_000, 'NX')).toBeNull();
    expect(await client.get(key)).toBe('owner-a');
    const pttl = await client.pttl(key);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(5_000);
    expect(await client.expire(key, 60)).toBe(1);
    expect(await client.pttl(key)).toBeGreaterThan(5_000);
    expect(await client.del(key)).toBe(1);
    expect(await client.get(key)).toBeNull();
  });

  it('selects the db from the URL path', async () => {
    const key = ks('db-check');
    await client.set(key, 'in-db-3');
    const out = await runCli([
      '-p',
      String(server.port),
      '-a',
      PASSWORD,
      '--no-auth-warning',
      '-n',
      '3',
      'GET',
      key,
    ]);
    expect(out.trim()).toBe('in-db-3');
    const db0 = await runCli([
      '-p',
      String(server.port),
      '-a',
      PASSWORD,
      '--no-auth-warning',
      '-n',
      '0',
      'EXISTS',
      key,
    ]);
    expect(db0.trim()).toBe('0');
    await client.del(key);
  });

  it('eval and evalsha run Lua (compare-and-delete, as a lock release does)', async () => {
    const key = ks('lock', 's2');
    const release =
      "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    await client.set(key, 'me', 'PX', 5_000);
    expect(await client.eval(release, 1, key, 'someone-else')).toBe(0);
    const sha = (await client.script('LOAD', release)) as string;
    expect(await client.evalsha(sha, 1, key, 'me')).toBe(1);
    expect(await client.exists(key)).toBe(0);
  });

  it('multi/exec runs atomically', async () => {
    const a = ks('multi', 'a');
    const b = ks('multi', 'b');
    const result = await client.multi().set(a, '1').set(b, '2').pexpire(a, 10_000).exec();
    expect(result).toEqual([
      [null, 'OK'],
      [null, 'OK'],
      [null, 1],
    ]);
    expect(await client.del(a, b)).toBe(2);
  });

  it('a real command error (WRONGTYPE) is not unavailability and passes through withRedis unchanged', async () => {
    const key = ks('list');
    await client.rpush(key, 'x');
    const err = await withRedis(() => client.get(key)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(RedisUnavailableError);
    expect((err as Error).message).toMatch(/^WRONGTYPE/);
    expect(isRedisUnavailable(err)).toBe(false);
    await client.del(key);
  });

  it('a wrong password is reported, not retried silently forever, and is not mistaken for a command result', async () => {
    const lines: string[] = [];
    const bad = createRedis(`redis://:wrong-${PASSWORD}@127.0.0.1:${server.port}`, {
      logger: { warn: (l) => lines.push(l), info: (l) => lines.push(l) },
    });
    try {
      await expect(waitForRedis(bad, 1_000)).rejects.toBeInstanceOf(RedisUnavailableError);
      expect(lines.some((l) => /WRONGPASS/.test(l))).toBe(true);
      expect(lines.join('\n')).not.toContain(PASSWORD);
    } finally {
      await closeRedis(bad);
    }
  });
});

describe('standalone: failure is bounded and explained, and the client heals', () => {
  let server: RedisServerProcess | undefined;
  let client: RedisClient | undefined;
  const ks = uniqueKeyspace('redis-pkg-outage');
  const logLines: string[] = [];

  beforeAll(async () => {
    server = await startRedisServer({ args: ['--enable-debug-command', 'local'] });
    client = createRedis(server.url, {
      logger: { warn: (l) => logLines.push(l), info: (l) => logLines.push(l) },
    });
    await waitForRedis(client);
  });
  afterAll(async () => {
    if (client) await closeRedis(client);
    await server?.stop();
  });

  it('a command on a hung server fails with "Command timed out" after commandTimeoutMs', async () => {
    const c = client!;
    const { ms, error } = await elapsedOf(() => withRedis(() => c.call('DEBUG', 'SLEEP', '1.5')));
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(((error as RedisUnavailableError).cause as Error).message).toBe('Command timed out');
    expect(ms).toBeGreaterThanOrEqual(REDIS_DEFAULTS.commandTimeoutMs - 50);
    expect(ms).toBeLessThan(FAILURE_BOUND_MS);
    // The server wakes up and the same connection (or a fresh one) serves again.
    await until(() => c.ping(), 5_000);
  });

  it('a stopped server: every command fails within the bound with RedisUnavailableError; a restart heals the client', async () => {
    const c = client!;
    const key = ks('k');
    await c.set(key, 'before');
    const port = server!.port;
    await server!.kill();

    const failures: { ms: number; cause: string }[] = [];
    for (const op of [
      () => c.get(key),
      () => c.set(key, 'during', 'PX', 1_000, 'NX'),
      () => c.eval('return 1', 0),
    ]) {
      const { ms, error } = await elapsedOf(() => withRedis(op as () => Promise<unknown>, 'outage test'));
      expect(error).toBeInstanceOf(RedisUnavailableError);
      failures.push({ ms, cause: ((error as RedisUnavailableError).cause as Error).message });
      expect(ms).toBeLessThan(FAILURE_BOUND_MS);
    }
    // While reconnecting there is no offline queue: commands are refused at once, not parked.
    expect(failures.every((f) => f.ms < 100)).toBe(true);

    // A fresh server on the same port (nothing persisted: the key is gone).
    await server!.stop();
    server = await startRedisServer({ port, args: ['--enable-debug-command', 'local'] });
    const healedAfterMs = await until(() => c.set(key, 'after'), 5_000);
    expect(await c.get(key)).toBe('after');
    // Backoff is capped at reconnectMaxDelayMs (+ jitter), so healing is quick.
    expect(healedAfterMs).toBeLessThan(REDIS_DEFAULTS.reconnectMaxDelayMs + 2_000);
    await c.del(key);

    // Explained: the outage was logged once per distinct reason, then the recovery.
    expect(logLines.some((l) => /connection lost; reconnecting/.test(l))).toBe(true);
    expect(logLines.at(-1)).toMatch(/ready again after \d+ ms/);
    expect(new Set(logLines).size).toBe(logLines.length);
  });

  it('a command in flight when the server dies fails at once, is never replayed, and the new socket is not dropped again', async () => {
    const c = client!;
    const key = ks('replay-probe');
    // Busy for 400 ms, then INCR: killed mid-script, so the INCR must never happen anywhere.
    const slowIncr =
      "local t0 = redis.call('TIME') local s0 = t0[1] * 1e6 + t0[2] " +
      "repeat local t = redis.call('TIME') until (t[1] * 1e6 + t[2]) - s0 > 400000 " +
      "return redis.call('INCR', KEYS[1])";
    const pending = elapsedOf(() => withRedis(() => c.eval(slowIncr, 1, key)));
    await sleep(100);
    const port = server!.port;
    await server!.kill();
    const { ms, error } = await pending;
    expect(error).toBeInstanceOf(RedisUnavailableError);
    // Rejected when the connection dropped (maxRetriesPerRequest 0), not at the command timeout.
    expect(((error as RedisUnavailableError).cause as Error).name).toBe('MaxRetriesPerRequestError');
    expect(ms).toBeLessThan(REDIS_DEFAULTS.commandTimeoutMs);

    await server!.stop();
    server = await startRedisServer({ port, args: ['--enable-debug-command', 'local'] });
    await waitForRedis(c, 5_000);
    let closes = 0;
    const onClose = () => closes++;
    c.on('close', onClose);
    // ioredis#2148: the socket timeout armed for the lost command must not kill this socket.
    await sleep(REDIS_DEFAULTS.socketTimeoutMs + 300);
    c.off('close', onClose);
    expect(closes).toBe(0);
    expect(await c.get(key)).toBeNull();
  });

  it('a frozen server (SIGSTOP): commands time out, the dead socket is dropped, SIGCONT heals', async () => {
    const c = client!;
    const pid = server!.pid;
    process.kill(pid, 'SIGSTOP');
    try {
      const first = await elapsedOf(() => withRedis(() => c.get(ks('frozen'))));
      expect(first.error).toBeInstanceOf(RedisUnavailableError);
      expect(first.ms).toBeLessThan(FAILURE_BOUND_MS);
      // socketTimeoutMs later the client gives up on the socket and refuses commands at once.
      await until(async () => {
        if (c.status === 'ready') throw new Error('still ready');
      }, REDIS_DEFAULTS.socketTimeoutMs + 3_000);
      const later = await elapsedOf(() => withRedis(() => c.get(ks('frozen'))));
      expect(later.error).toBeInstanceOf(RedisUnavailableError);
      expect(later.ms).toBeLessThan(100);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await until(() => c.ping(), 5_000);
  });

  it('closeRedis ends the client; later commands fail as unavailable, not hang', async () => {
    const c = client!;
    const { ms } = await elapsedOf(() => closeRedis(c));
    expect(ms).toBeLessThan(REDIS_DEFAULTS.closeTimeoutMs * 2 + 100);
    expect(c.status).toBe('end');
    const { error } = await elapsedOf(() => withRedis(() => c.get(ks('x'))));
    expect(error).toBeInstanceOf(RedisUnavailableError);
    await closeRedis(c); // idempotent
  });
});

describe('standalone: connecting', () => {
  it('waitForRedis rejects within its bound when nothing listens; closeRedis then returns promptly', async () => {
    const port = await freePort();
    const client = createRedis(`redis://127.0.0.1:${port}`, { logger: null });
    const wait = await elapsedOf(() => waitForRedis(client, 800));
    expect(wait.error).toBeInstanceOf(RedisUnavailableError);
    expect((wait.error as Error).message).toMatch(/not ready within 800 ms/);
    expect(wait.ms).toBeLessThan(800 + 300);
    const close = await elapsedOf(() => closeRedis(client));
    expect(close.ms).toBeLessThan(REDIS_DEFAULTS.closeTimeoutMs + 300);
    // Closed for good: no further connection attempt, commands refused at once.
    let attempts = 0;
    client.on('connecting', () => attempts++);
    await sleep(REDIS_DEFAULTS.reconnectMaxDelayMs + REDIS_DEFAULTS.reconnectJitterMs + 200);
    expect(attempts).toBe(0);
    const after = await elapsedOf(() => withRedis(() => client.get('k')));
    expect(after.error).toBeInstanceOf(RedisUnavailableError);
    expect(after.ms).toBeLessThan(100);
  });

  it('lazyConnect: nothing happens until waitForRedis, which connects', async () => {
    const server = await startRedisServer();
    const client = createRedis(server.url, { lazyConnect: true, logger: null });
    try {
      expect(client.status).toBe('wait');
      await sleep(100);
      expect(client.status).toBe('wait');
      await waitForRedis(client);
      expect(await client.ping()).toBe('PONG');
    } finally {
      await closeRedis(client);
      await server.stop();
    }
  });

  it('rejects a malformed URL before any connection attempt', () => {
    expect(() => createRedis('redis://h:notaport')).toThrow(/invalid Redis URL/);
    expect(() => createRedis('redis://h:1', { commandTimeoutMs: -1 })).toThrow(RangeError);
  });
});

describe('standalone over TLS (rediss://)', () => {
  let server: TlsRedisServerProcess;
  beforeAll(async () => {
    server = await startTlsRedisServer({ password: PASSWORD });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('connects with the CA passed as `tls.ca`, authenticates and round-trips', async () => {
    const client = createRedis(`rediss://:${PASSWORD}@127.0.0.1:${server.tlsPort}/1`, {
      tls: { ca: server.ca },
      logger: null,
    });
    try {
      await waitForRedis(client);
      await client.set('tls-probe', 'ok', 'PX', 10_000);
      expect(await client.get('tls-probe')).toBe('ok');
      // It really went over TLS: the server counts the connection on its TLS listener.
      const clients = await runCli([
        '-p',
        String(server.port),
        '-a',
        PASSWORD,
        '--no-auth-warning',
        'CLIENT',
        'LIST',
      ]);
      expect(clients).toMatch(new RegExp(`laddr=127\\.0\\.0\\.1:${server.tlsPort} `));
    } finally {
      await closeRedis(client);
    }
  });

  it('refuses a server certificate it cannot verify: bounded, explained, never plaintext', async () => {
    const lines: string[] = [];
    const client = createRedis(`rediss://:${PASSWORD}@127.0.0.1:${server.tlsPort}`, {
      logger: { warn: (l) => lines.push(l), info: (l) => lines.push(l) },
    });
    try {
      await expect(waitForRedis(client, 800)).rejects.toBeInstanceOf(RedisUnavailableError);
      expect(lines.join('\n')).toMatch(/certificate/);
      expect(lines.join('\n')).not.toContain(PASSWORD);
    } finally {
      await closeRedis(client);
    }
  });

  it('rediss:// against a plaintext port does not fall back to plaintext', async () => {
    const client = createRedis(`rediss://:${PASSWORD}@127.0.0.1:${server.port}`, {
      tls: { ca: server.ca },
      logger: null,
    });
    try {
      await expect(waitForRedis(client, 800)).rejects.toBeInstanceOf(RedisUnavailableError);
    } finally {
      await closeRedis(client);
    }
  });
});
