import { type Cluster, type Redis } from 'ioredis';
import { describe, expectTypeOf, it } from 'vitest';
import { createRedis, type RedisClient, type RedisCommands } from '../src/client.js';

// Compile-time checks, enforced by `pnpm typecheck` (tsc includes test files): code written
// against RedisClient or RedisCommands works whatever topology REDIS_URL names.
describe('client types', () => {
  it('both ioredis classes provide the command surface the platform uses', () => {
    // Assignability is the check: tsc rejects these lines if either class lacks a command.
    const fromRedis = (c: Redis): RedisCommands => c;
    const fromCluster = (c: Cluster): RedisCommands => c;
    const fromClient = (c: RedisClient): RedisCommands => c;
    expectTypeOf(fromRedis).toBeFunction();
    expectTypeOf(fromCluster).toBeFunction();
    expectTypeOf(fromClient).toBeFunction();
    expectTypeOf(createRedis).returns.toEqualTypeOf<RedisClient>();
  });

  it('overloaded commands are callable on the union, with precise result types', () => {
    const use = (client: RedisClient) => ({
      lock: client.set('k', 'v', 'PX', 1_000, 'NX'),
      value: client.get('k'),
      ttl: client.pttl('k'),
      script: client.eval('return 1', 0),
    });
    expectTypeOf(use).returns.toEqualTypeOf<{
      lock: Promise<'OK' | null>;
      value: Promise<string | null>;
      ttl: Promise<number>;
      script: Promise<unknown>;
    }>();
  });
});
