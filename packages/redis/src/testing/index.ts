/**
 * `@mfv/redis/testing`: test helpers that need this package. Exported as TypeScript source for the
 * tests that import it (vitest), never built into dist. The Redis servers themselves are in
 * `@mfv/testkit/redis`.
 */
import { randomUUID } from 'node:crypto';
import { keyspace, type Keyspace } from '../keyspace.js';

/** A keyspace no other run shares: `<name>:<uuid>`. Delete its keys when done; never FLUSHALL. */
export function uniqueKeyspace(name = 'test'): Keyspace {
  return keyspace(`${name}:${randomUUID()}`);
}
