import { ReplyError } from 'ioredis';
import { describe, expect, it } from 'vitest';
import {
  isRedisUnavailable,
  RedisUnavailableError,
  REDIS_UNAVAILABLE,
  toRedisUnavailable,
  withRedis,
} from '../src/errors.js';

// The integration tests (standalone, Sentinel, Cluster) check these rules against errors that
// real servers and a real ioredis produce; this file covers the table itself.

const reply = (message: string): Error => new (ReplyError as new (m: string) => Error)(message);

describe('isRedisUnavailable', () => {
  it.each([
    ['LOADING Redis is loading the dataset in memory'],
    ["READONLY You can't write against a read only replica."],
    ['MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no.'],
    ['CLUSTERDOWN The cluster is down'],
    ['TRYAGAIN Multiple keys request during rehashing of slot'],
    ['BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.'],
    ['NOREPLICAS Not enough good replicas to write.'],
  ])('treats the reply %j as unavailability', (message) => {
    expect(isRedisUnavailable(reply(message))).toBe(true);
  });

  it.each([
    ['WRONGTYPE Operation against a key holding the wrong kind of value'],
    ['ERR syntax error'],
    ['NOSCRIPT No matching script. Please use EVAL.'],
    ["NOPERM this user has no permissions to run the 'set' command"],
    ['WRONGPASS invalid username-password pair or user is disabled.'],
    ['BUSYGROUP Consumer Group name already exists'],
    ['BUSYKEY Target key name already exists.'],
  ])('treats the reply %j as a real command error', (message) => {
    expect(isRedisUnavailable(reply(message))).toBe(false);
  });

  it('treats socket errors and non-Redis values by their nature', () => {
    expect(
      isRedisUnavailable(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    expect(isRedisUnavailable(new Error('Command timed out'))).toBe(true);
    expect(isRedisUnavailable(new TypeError('x is not a function'))).toBe(false);
    expect(isRedisUnavailable('Connection is closed.')).toBe(false);
    expect(isRedisUnavailable(undefined)).toBe(false);
  });

  it('follows the cause chain', () => {
    const inner = new Error('Connection is closed.');
    expect(isRedisUnavailable(new Error('refresh failed', { cause: inner }))).toBe(true);
  });
});

describe('withRedis', () => {
  it('wraps unavailability in RedisUnavailableError, keeping the cause and a Retry-After hint', async () => {
    const cause = new Error("Stream isn't writeable and enableOfflineQueue options is false");
    const err = await withRedis(() => Promise.reject(cause), 'refresh lock').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    const unavailable = err as RedisUnavailableError;
    expect(unavailable.code).toBe(REDIS_UNAVAILABLE);
    expect(unavailable.cause).toBe(cause);
    expect(unavailable.retryAfterSeconds).toBeGreaterThan(0);
    expect(unavailable.message).toMatch(/during refresh lock/);
  });

  it('passes real command errors and results through unchanged', async () => {
    const wrongType = reply('WRONGTYPE Operation against a key holding the wrong kind of value');
    await expect(withRedis(() => Promise.reject(wrongType))).rejects.toBe(wrongType);
    await expect(withRedis(() => Promise.resolve('OK'))).resolves.toBe('OK');
  });

  it('serialises without the command arguments ioredis attaches to its errors', () => {
    const cause = Object.assign(new Error('Command aborted due to connection close'), {
      name: 'AbortError',
      command: { name: 'set', args: ['mfv:auth:rt:s1', 'refresh-token-value'] },
    });
    const wrapped = toRedisUnavailable(cause) as RedisUnavailableError;
    expect(wrapped).toBeInstanceOf(RedisUnavailableError);
    expect(JSON.stringify(wrapped)).not.toContain('refresh-token-value');
    expect(JSON.stringify(wrapped)).toContain('Command aborted due to connection close');
  });
});
