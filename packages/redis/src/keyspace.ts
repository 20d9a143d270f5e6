/**
 * One key-naming convention for every user of Redis: `prefix:part:part`.
 *
 *   const auth = keyspace('mfv:auth');
 *   auth('rt', sessionId)          // 'mfv:auth:rt:<sessionId>'
 *   auth(hashTag(sessionId), 'lock') // 'mfv:auth:{<sessionId>}:lock' — same cluster slot as
 *   auth(hashTag(sessionId), 'rt')   // 'mfv:auth:{<sessionId>}:rt', so one Lua script may touch both
 *
 * Tests pass a prefix unique to the run (see `uniqueKeyspace` in `@mfv/redis/testing`) and
 * delete only their own keys, never FLUSHALL a shared server.
 */
export type KeyPart = string | number;

export interface Keyspace {
  (...parts: KeyPart[]): string;
  /** The prefix, without a trailing separator. */
  readonly prefix: string;
  /** A pattern for SCAN MATCH covering every key of this keyspace. */
  readonly pattern: string;
  /** A nested keyspace: `keyspace('a').child('b')('c')` is `'a:b:c'`. */
  child(...parts: KeyPart[]): Keyspace;
}

export const KEY_SEPARATOR = ':';

const PREFIX_RE = /^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*$/;

export function keyspace(prefix: string): Keyspace {
  if (!PREFIX_RE.test(prefix)) {
    throw new RangeError(
      'keyspace: the prefix must be non-empty segments of letters, digits, "_", "." or "-", joined by ":"',
    );
  }
  const make = ((...parts: KeyPart[]) => {
    if (parts.length === 0) throw new RangeError(`keyspace ${prefix}: a key needs at least one part`);
    return [prefix, ...parts.map((p, i) => checkPart(prefix, p, i))].join(KEY_SEPARATOR);
  }) as Keyspace;
  Object.defineProperties(make, {
    prefix: { value: prefix, enumerable: true },
    pattern: { value: `${prefix}${KEY_SEPARATOR}*`, enumerable: true },
    child: {
      value: (...parts: KeyPart[]) =>
        keyspace([prefix, ...parts.map((p, i) => checkPart(prefix, p, i))].join(KEY_SEPARATOR)),
    },
  });
  return make;
}

/**
 * Wraps a value in a Redis Cluster hash tag: only the text between the braces is hashed, so
 * keys sharing a tag live in one slot (Redis Cluster spec, "Hash tags"). Harmless outside a
 * cluster.
 */
export function hashTag(value: KeyPart): string {
  const text = String(value);
  if (text === '' || /[{}]/.test(text))
    throw new RangeError('hashTag: the value must be non-empty and contain no braces');
  return `{${text}}`;
}

function checkPart(prefix: string, part: KeyPart, index: number): string {
  if (typeof part === 'number') {
    if (!Number.isFinite(part))
      throw new RangeError(`keyspace ${prefix}: part ${index + 1} is not a finite number`);
    return String(part);
  }
  // An empty part or one containing the separator would make two different part lists
  // produce the same key ('a:b' + 'c' vs 'a' + 'b:c').
  if (part === '') throw new RangeError(`keyspace ${prefix}: part ${index + 1} is empty`);
  if (part.includes(KEY_SEPARATOR))
    throw new RangeError(`keyspace ${prefix}: part ${index + 1} contains "${KEY_SEPARATOR}"`);
  return part;
}
