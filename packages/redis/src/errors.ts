export const REDIS_UNAVAILABLE = 'REDIS_UNAVAILABLE';

/**
 * Suggested `Retry-After` (seconds) for a 503 caused by Redis being unavailable: about the
 * time a Sentinel failover takes with down-after-milliseconds of 1 s (measured ≈3 s in
 * sentinel-failover.test.ts), so a retry usually lands on the new master.
 */
export const REDIS_RETRY_AFTER_SECONDS = 3;

/**
 * Redis could not answer within its bounds: not connected, reconnecting, failing over,
 * timed out, still loading its dataset, or answering as a read-only replica. The request may
 * succeed if repeated a little later, so HTTP callers answer 503 with
 * `Retry-After: retryAfterSeconds` (RFC 9110 §15.6.4, §10.2.3), never 500 and never a logout.
 *
 * `cause` is the ioredis error. It can carry the command's arguments (ioredis attaches
 * `command: { name, args }` to reply and abort errors), which may be secrets such as refresh
 * tokens; `toJSON()` therefore serialises only the cause's name, code and message.
 */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
  readonly code = REDIS_UNAVAILABLE;
  readonly retryAfterSeconds: number;

  constructor(message: string, options: { cause: unknown; retryAfterSeconds?: number }) {
    super(message, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds ?? REDIS_RETRY_AFTER_SECONDS;
  }

  toJSON(): Record<string, unknown> {
    const cause = this.cause;
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryAfterSeconds: this.retryAfterSeconds,
      cause:
        cause instanceof Error
          ? { name: cause.name, message: cause.message, code: (cause as { code?: unknown }).code }
          : undefined,
    };
  }
}

/**
 * Messages ioredis 5 uses when it could not get a reply, as opposed to a reply that is an error.
 * Sources: ioredis lib/utils (CONNECTION_CLOSED_ERROR_MSG), lib/Redis.ts sendCommand,
 * lib/Command.ts setTimeout, lib/errors/MaxRetriesPerRequestError.ts, lib/redis/event_handler.ts,
 * lib/cluster/index.ts, lib/connectors/SentinelConnector/index.ts.
 */
const UNAVAILABLE_MESSAGE_PREFIXES = [
  'Connection is closed',
  "Stream isn't writeable",
  'Command timed out',
  'Reached the max retries per request limit',
  'Command aborted due to connection close',
  'Connection is aborted',
  'Socket timeout',
  'Ready check failed',
  "Cluster isn't ready",
  'None of startup nodes is available',
  'Failed to refresh slots cache',
  'Too many Cluster redirections',
  'Cluster is disconnected',
  'Cluster is disconnecting',
  'Cluster is ended',
  'Node is disconnected',
  'All sentinels are unreachable',
  'connect ETIMEDOUT',
] as const;

/** Error names ioredis gives to "no reply" conditions. */
const UNAVAILABLE_ERROR_NAMES = ['MaxRetriesPerRequestError', 'ClusterAllFailedError', 'AbortError'] as const;

/** Socket-level failures (Node `err.code`). */
const UNAVAILABLE_SOCKET_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
] as const;

/**
 * Server replies that mean "not now" rather than "never" (first word of the error reply):
 * LOADING (dataset still loading), READONLY (we reached a replica, e.g. a demoted master
 * during failover), MASTERDOWN (replica lost its master, replica-serve-stale-data no),
 * CLUSTERDOWN / TRYAGAIN (cluster reconfiguring), BUSY (a script is running), NOREPLICAS
 * (min-replicas-to-write not met). Everything else — WRONGTYPE, ERR, NOSCRIPT, NOPERM,
 * WRONGPASS — is a real error: repeating the request will not help.
 */
const UNAVAILABLE_REPLY_CODES = [
  'LOADING',
  'READONLY',
  'MASTERDOWN',
  'CLUSTERDOWN',
  'TRYAGAIN',
  'BUSY',
  'NOREPLICAS',
];

const MAX_CAUSE_DEPTH = 5;

/**
 * True when `err` means Redis could not serve the request right now (connection, timeout,
 * failover), false for a real command error (WRONGTYPE, a Lua error, bad arguments) or
 * anything that is not a Redis error at all.
 */
export function isRedisUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth++) {
    if (current instanceof RedisUnavailableError) return true;
    if (isUnavailableLeaf(current)) return true;
    // ClusterAllFailedError keeps the last node's error outside `cause`.
    const next =
      (current as { cause?: unknown }).cause ?? (current as { lastNodeError?: unknown }).lastNodeError;
    current = next;
  }
  return false;
}

function isUnavailableLeaf(err: Error): boolean {
  if (err.name === 'ReplyError') {
    const first = err.message.split(' ', 1)[0] ?? '';
    return UNAVAILABLE_REPLY_CODES.includes(first);
  }
  if ((UNAVAILABLE_ERROR_NAMES as readonly string[]).includes(err.name)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SOCKET_CODES as readonly string[]).includes(code)) return true;
  return UNAVAILABLE_MESSAGE_PREFIXES.some((prefix) => err.message.startsWith(prefix));
}

/**
 * Wraps an unavailability error in {@link RedisUnavailableError}; returns any other value
 * unchanged (including an existing RedisUnavailableError).
 */
export function toRedisUnavailable(err: unknown, operation?: string): unknown {
  if (err instanceof RedisUnavailableError || !isRedisUnavailable(err)) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new RedisUnavailableError(`Redis unavailable${operation ? ` during ${operation}` : ''}: ${reason}`, {
    cause: err,
  });
}

/**
 * Runs `fn` and rethrows Redis unavailability as {@link RedisUnavailableError}, leaving real
 * command errors as they are:
 *
 *   try { await withRedis(() => redis.set(key, v, 'PX', ttl, 'NX'), 'refresh lock') }
 *   catch (e) { if (e instanceof RedisUnavailableError) return reply503(e.retryAfterSeconds); throw e }
 */
export async function withRedis<T>(fn: () => Promise<T>, operation?: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toRedisUnavailable(err, operation);
  }
}
