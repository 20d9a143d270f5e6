/**
 * `@mfv/redis/testing`: test helpers that need this package. Exported as TypeScript source from
 * `test/support/` for the tests that import it (vitest); the build compiles `src/` only, so
 * none of it reaches dist. The Redis servers themselves are in
 * `@mfv/testkit/redis`.
 */
import { randomUUID } from 'node:crypto';
import { keyspace, type Keyspace } from '../../src/keyspace.js';

/** A keyspace no other run shares: `<name>:<uuid>`. Delete its keys when done; never FLUSHALL. */
export function uniqueKeyspace(name = 'test'): Keyspace {
  return keyspace(`${name}:${randomUUID()}`);
}
