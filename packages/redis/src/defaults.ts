/**
 * Every number that bounds how long a caller can wait on Redis. Each can be overridden per
 * client through `createRedis(url, { … })` under the same name.
 *
 * The budget they add up to: a command on a healthy connection answers or fails within
 * `commandTimeoutMs`; a command issued while the client is disconnected fails at once
 * (`enableOfflineQueue: false`); a command in flight when the connection drops fails at once
 * (`maxRetriesPerRequest: 0`). Reconnection goes on in the background with capped backoff,
 * so the client heals by itself when Redis (or the promoted replica) is back.
 */
export const REDIS_DEFAULTS = {
  /** TCP (and TLS) connect, per attempt. A local or same-VPC Redis connects in well under 1 s. */
  connectTimeoutMs: 1_000,
  /** Reply deadline per command ("Command timed out" after it). Our commands are O(1) or short Lua. */
  commandTimeoutMs: 500,
  /**
   * With commands pending and no byte received for this long, the socket is considered dead and
   * destroyed so reconnection starts (a frozen or partitioned server sends no RST). Longer than
   * `commandTimeoutMs` so one slow reply does not cost the connection.
   */
  socketTimeoutMs: 2_000,
  /** TCP keep-alive initial delay: notices a silently dead peer on an idle connection. */
  keepAliveMs: 10_000,
  /**
   * Reconnections a command in flight may wait for before it is rejected. 0: reject it as soon
   * as its connection drops, and never resend it later (see `autoResendUnfulfilledCommands`).
   * A write that may or may not have executed must be answered as "unknown", not replayed
   * behind the caller's back — a replayed `SET lock NX` would find its own lock and report
   * contention.
   */
  maxRetriesPerRequest: 0,
  /** First reconnect delay; doubles per attempt up to `reconnectMaxDelayMs`. */
  reconnectBaseDelayMs: 50,
  /** Cap of the reconnect backoff. Short, because a Sentinel failover completes in seconds. */
  reconnectMaxDelayMs: 1_000,
  /** Random jitter added to each reconnect delay, so many processes do not reconnect in step. */
  reconnectJitterMs: 100,
  /** Cap of the delay between rounds over all Sentinels when none answered. */
  sentinelRetryMaxDelayMs: 1_000,
  /** Reply deadline for commands sent to a Sentinel (get-master-addr-by-name, sentinels). */
  sentinelCommandTimeoutMs: 500,
  /** Cap of the delay between attempts to (re)build the cluster slot map. */
  clusterRetryMaxDelayMs: 1_000,
  /**
   * MOVED/ASK/TRYAGAIN/CLUSTERDOWN/closed-connection hops one command may take. With
   * `clusterRetryDelayMs` between hops this bounds a command against a dead shard to ≈1 s.
   */
  clusterMaxRedirections: 8,
  /** Wait before retrying a command after TRYAGAIN, CLUSTERDOWN or its node's connection closing. */
  clusterRetryDelayMs: 100,
  /** Deadline for CLUSTER SLOTS when refreshing the slot map. */
  clusterSlotsRefreshTimeoutMs: 1_000,
  /** `redisHealth()` answers within this, PING or not. */
  healthTimeoutMs: 1_000,
  /** `closeRedis()` waits this long for QUIT, then disconnects. */
  closeTimeoutMs: 1_000,
  /** `waitForRedis()` default deadline. */
  readyTimeoutMs: 3_000,
} as const;

export type RedisTimeouts = { -readonly [K in keyof typeof REDIS_DEFAULTS]: number };

/** Capped exponential backoff with jitter, `attempt` counting from 1. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, jitterMs: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs) + Math.floor(Math.random() * (jitterMs + 1));
}
