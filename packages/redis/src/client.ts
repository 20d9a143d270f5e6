import { type ConnectionOptions } from 'node:tls';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { REDIS_DEFAULTS, backoffDelay, type RedisTimeouts } from './defaults.js';
import { RedisUnavailableError } from './errors.js';
import { authHint, readRedisFile, RedisConfigError, type RedisFileOptions } from './secrets.js';
import { describeRedisTarget, parseRedisUrl, type RedisTarget } from './url.js';

/**
 * What `createRedis` returns: the ioredis class itself, so every command keeps ioredis'
 * precise typings (overloads of `set … PX … NX`, `eval`, `multi`). Both classes implement the
 * same generated command interface, so code written against `RedisClient` — `get`, `set`,
 * `del`, `eval`, `evalsha`, `expire`, `pttl`, `multi`, `quit` — works for standalone,
 * Sentinel and Cluster alike. Narrow with `isCluster()` for the few things that differ
 * (multi-key commands must share a hash slot: see `hashTag`).
 */
export type RedisClient = Redis | Cluster;

/**
 * The narrow command surface the platform relies on. `Cluster` has the same generated
 * signatures, so both members of `RedisClient` satisfy it (client-types.test.ts checks this
 * at compile time). Accept this type where a function needs only these commands.
 */
export type RedisCommands = Pick<
  Redis,
  'get' | 'set' | 'del' | 'eval' | 'evalsha' | 'expire' | 'pexpire' | 'pttl' | 'multi' | 'ping' | 'quit'
>;

export interface RedisLogger {
  warn(message: string): void;
  info(message: string): void;
}

export interface CreateRedisOptions extends Partial<RedisTimeouts>, RedisFileOptions {
  /**
   * Do not connect until `waitForRedis(client)` (or `client.connect()`). Commands sent before
   * the connection is ready fail at once (there is no offline queue), so a lazy client must
   * be awaited before use.
   */
  lazyConnect?: boolean;
  /** CLIENT SETNAME, so `CLIENT LIST` tells which app holds a connection. */
  connectionName?: string;
  /**
   * Extra TLS options for `rediss://` (for example `ca` for a private CA). Ignored otherwise.
   * `tlsCaFile` (REDIS_TLS_CA_FILE) fills `ca` from a file.
   */
  tls?: ConnectionOptions;
  /**
   * Where connection trouble is reported: one line per distinct error until the connection is
   * ready again, then one line saying so. `null` silences it. Default: `console`.
   */
  logger?: RedisLogger | null;
}

interface ClientMeta {
  target: RedisTarget;
  timeouts: RedisTimeouts;
  description: string;
}

const META = new WeakMap<RedisClient, ClientMeta>();

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** The parsed target and effective bounds of a client made by `createRedis`. */
export function redisClientInfo(client: RedisClient): Readonly<ClientMeta> | undefined {
  return META.get(client);
}

/**
 * The one place a Redis connection is made. `url` is a REDIS_URL (see url.ts for the forms);
 * a malformed one throws `RedisUrlError` at once.
 *
 * Behaviour under failure (numbers in REDIS_DEFAULTS, each overridable here):
 * - while disconnected, reconnecting or failing over, a command is rejected at once
 *   ("Stream isn't writeable …", "Cluster isn't ready …") — `enableOfflineQueue: false`,
 *   so nothing is queued to run later, when the caller has long given up;
 * - a command whose connection drops before the reply is rejected at once and never resent
 *   (`maxRetriesPerRequest: 0`, `autoResendUnfulfilledCommands: false`);
 * - a command that gets no reply within `commandTimeoutMs` is rejected ("Command timed out");
 * - the client keeps reconnecting in the background with capped, jittered backoff;
 * - Sentinel: on each (re)connect ioredis asks the Sentinels for the current master
 *   (`get-master-addr-by-name`), checks the node's role (`role: master`), subscribes to
 *   `+switch-master` (failoverDetector) and reconnects on `READONLY`, so a demoted master is
 *   left as soon as Sentinel or the server says so.
 * All of these errors satisfy `isRedisUnavailable()`.
 */
export function createRedis(url: string, options: CreateRedisOptions = {}): RedisClient {
  const target = withFiles(parseRedisUrl(url), options);
  const timeouts: RedisTimeouts = { ...REDIS_DEFAULTS, ...definedOnly(options) };
  const description = describeRedisTarget(target);

  const retryStrategy = (attempt: number): number =>
    backoffDelay(
      attempt,
      timeouts.reconnectBaseDelayMs,
      timeouts.reconnectMaxDelayMs,
      timeouts.reconnectJitterMs,
    );

  // Options every connection to a data node shares, whatever the topology.
  const nodeOptions = {
    connectTimeout: timeouts.connectTimeoutMs,
    commandTimeout: timeouts.commandTimeoutMs,
    socketTimeout: timeouts.socketTimeoutMs,
    keepAlive: timeouts.keepAliveMs,
    maxRetriesPerRequest: timeouts.maxRetriesPerRequest,
    autoResendUnfulfilledCommands: false,
    enableReadyCheck: true,
    // READONLY: we are talking to a replica (a master demoted by failover). Reconnect, which
    // asks Sentinel again; do not resend (return 1, not 2): the caller already got the error.
    reconnectOnError: (err: Error) => (err.message.startsWith('READONLY') ? 1 : false),
    username: target.username,
    password: target.password,
    connectionName: options.connectionName,
  } satisfies RedisOptions;

  let client: RedisClient;
  switch (target.mode) {
    case 'standalone':
      client = new Redis({
        ...nodeOptions,
        host: target.host,
        port: target.port,
        db: target.db,
        tls: target.tls ? { ...options.tls, ...tlsCa(options) } : undefined,
        enableOfflineQueue: false,
        lazyConnect: options.lazyConnect ?? false,
        retryStrategy,
      });
      break;
    case 'sentinel':
      client = new Redis({
        ...nodeOptions,
        sentinels: target.sentinels,
        name: target.masterName,
        role: target.role === 'replica' ? 'slave' : 'master',
        db: target.db,
        sentinelUsername: target.sentinelUsername,
        sentinelPassword: target.sentinelPassword,
        sentinelCommandTimeout: timeouts.sentinelCommandTimeoutMs,
        // Called when a whole round over the Sentinels failed; a number means "try again".
        sentinelRetryStrategy: (attempt: number) =>
          backoffDelay(
            attempt,
            timeouts.reconnectBaseDelayMs,
            timeouts.sentinelRetryMaxDelayMs,
            timeouts.reconnectJitterMs,
          ),
        failoverDetector: true,
        enableOfflineQueue: false,
        lazyConnect: options.lazyConnect ?? false,
        retryStrategy,
      });
      break;
    case 'cluster': {
      const clusterOptions: ClusterOptions = {
        enableOfflineQueue: false,
        enableReadyCheck: true,
        lazyConnect: options.lazyConnect ?? false,
        slotsRefreshTimeout: timeouts.clusterSlotsRefreshTimeoutMs,
        maxRedirections: timeouts.clusterMaxRedirections,
        retryDelayOnFailover: timeouts.clusterRetryDelayMs,
        retryDelayOnClusterDown: timeouts.clusterRetryDelayMs,
        retryDelayOnTryAgain: timeouts.clusterRetryDelayMs,
        clusterRetryStrategy: (attempt: number) =>
          backoffDelay(
            attempt,
            timeouts.reconnectBaseDelayMs,
            timeouts.clusterRetryMaxDelayMs,
            timeouts.reconnectJitterMs,
          ),
        redisOptions: nodeOptions,
      };
      client = new Cluster(target.nodes, clusterOptions);
      break;
    }
  }

  if (isCluster(client)) client.on('+node', (node: Redis) => clearStaleSocketTimeout(node));
  else clearStaleSocketTimeout(client);
  META.set(client, { target, timeouts, description });
  attachLogger(client, description, options.logger === undefined ? console : options.logger);
  return client;
}

/**
 * The URL's target with the passwords read from REDIS_PASSWORD_FILE / REDIS_SENTINEL_PASSWORD_FILE
 * (a file wins over a password written in the URL). Throws RedisConfigError.
 */
function withFiles(target: RedisTarget, files: RedisFileOptions): RedisTarget {
  if (files.tlsCaFile !== undefined && !(target.mode === 'standalone' && target.tls)) {
    throw new RedisConfigError('REDIS_TLS_CA_FILE', 'applies to rediss:// URLs only');
  }
  if (files.sentinelPasswordFile !== undefined && target.mode !== 'sentinel') {
    throw new RedisConfigError('REDIS_SENTINEL_PASSWORD_FILE', 'applies to redis-sentinel:// URLs only');
  }
  const out = { ...target };
  if (files.passwordFile !== undefined) out.password = readRedisFile('passwordFile', files.passwordFile);
  if (out.mode === 'sentinel' && files.sentinelPasswordFile !== undefined) {
    out.sentinelPassword = readRedisFile('sentinelPasswordFile', files.sentinelPasswordFile);
  }
  return out;
}

function tlsCa(files: RedisFileOptions): ConnectionOptions {
  return files.tlsCaFile === undefined ? {} : { ca: readRedisFile('tlsCaFile', files.tlsCaFile) };
}

/**
 * Explains outages without flooding: one line when a ready connection is lost, one per
 * distinct error while it is down (ioredis emits one per reconnect attempt), and one when it
 * is ready again, with how long it was down. Also keeps ioredis from printing
 * "Unhandled error event" for every retry.
 */
function attachLogger(client: RedisClient, description: string, logger: RedisLogger | null): void {
  let lastMessage: string | undefined;
  let downSince: number | undefined;
  const onError = (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (message === lastMessage) return;
    lastMessage = message;
    downSince ??= performance.now();
    const hint = authHint(message);
    logger?.warn(`[redis] ${description}: ${message}${hint ? ` — ${hint}` : ''}`);
  };
  client.on('error', onError);
  if (isCluster(client)) client.on('node error', onError);
  client.on('reconnecting', () => {
    if (downSince !== undefined) return;
    downSince = performance.now();
    logger?.warn(`[redis] ${description}: connection lost; reconnecting in the background`);
  });
  client.on('ready', () => {
    if (downSince !== undefined) {
      logger?.info(
        `[redis] ${description}: ready again after ${Math.round(performance.now() - downSince)} ms`,
      );
    }
    lastMessage = undefined;
    downSince = undefined;
  });
}

/**
 * ioredis 5 leaves a pending `socketTimeout` timer armed when its socket closes; the timer
 * then destroys the *next* socket, causing a second, spurious disconnect right after a
 * reconnect. Fixed upstream in ioredis 6.0.0 (redis/ioredis#2148: "clear stale socket
 * timeout on reconnect"); this does the same from the outside, on every close.
 */
function clearStaleSocketTimeout(redis: Redis): void {
  redis.on('close', () => {
    const internals = redis as unknown as { socketTimeoutTimer?: NodeJS.Timeout };
    if (internals.socketTimeoutTimer !== undefined) {
      clearTimeout(internals.socketTimeoutTimer);
      internals.socketTimeoutTimer = undefined;
    }
  });
}

function definedOnly(options: CreateRedisOptions): Partial<RedisTimeouts> {
  const out: Partial<RedisTimeouts> = {};
  for (const key of Object.keys(REDIS_DEFAULTS) as (keyof RedisTimeouts)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`createRedis: option ${key} must be a finite number ≥ 0`);
    }
    out[key] = value;
  }
  return out;
}

function timeoutsOf(client: RedisClient): RedisTimeouts {
  return META.get(client)?.timeouts ?? { ...REDIS_DEFAULTS };
}

/**
 * Resolves when the client is ready; rejects with RedisUnavailableError after `timeoutMs`
 * (default `readyTimeoutMs`) or if the client is closed. Starts a lazy client. Use at boot,
 * or before the first command of a `lazyConnect` client. Never leaves a timer or listener.
 */
export function waitForRedis(
  client: RedisClient,
  timeoutMs = timeoutsOf(client).readyTimeoutMs,
): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  const description = META.get(client)?.description ?? 'redis';
  if (client.status === 'end') {
    return Promise.reject(
      new RedisUnavailableError(`Redis ${description}: the client is closed`, {
        cause: new Error('Connection is closed.'),
      }),
    );
  }
  return new Promise<void>((resolve, reject) => {
    let lastError: unknown;
    const cleanup = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
      client.off('end', onEnd);
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (err: unknown) => {
      lastError = err;
    };
    const onEnd = () => {
      cleanup();
      reject(
        new RedisUnavailableError(`Redis ${description}: the client was closed while waiting`, {
          cause: lastError,
        }),
      );
    };
    const timer = setTimeout(() => {
      cleanup();
      const hint = lastError instanceof Error ? authHint(lastError.message) : undefined;
      const why = lastError instanceof Error ? `: ${lastError.message}${hint ? ` — ${hint}` : ''}` : '';
      reject(
        new RedisUnavailableError(
          `Redis ${description} not ready within ${timeoutMs} ms (status ${client.status})${why}`,
          {
            cause: lastError ?? new Error('Command timed out'),
          },
        ),
      );
    }, timeoutMs);
    client.on('ready', onReady);
    client.on('error', onError);
    client.on('end', onEnd);
    // Errors of this attempt arrive as 'error' events (and reconnection goes on); ignore the promise.
    if (client.status === 'wait') client.connect().catch(() => {});
  });
}

/**
 * Closes a client for good: QUIT (so the server finishes what it has), bounded by `timeoutMs`
 * (default `closeTimeoutMs`), then a hard disconnect, then waits (same bound) for the client
 * to report 'end'. Never throws; safe to call twice. Call it on shutdown
 * (CONVENTIONS: every resource closes itself).
 */
export async function closeRedis(
  client: RedisClient,
  timeoutMs = timeoutsOf(client).closeTimeoutMs,
): Promise<void> {
  if (client.status === 'end') return;
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  // A standalone client that is not ready would reject QUIT at once (no offline queue);
  // Cluster#quit handles every state itself.
  if (isCluster(client) || client.status === 'ready') {
    await bounded(
      client.quit().catch(() => undefined),
      timeoutMs,
    );
  }
  // QUIT changed the status behind TypeScript's narrowing: read it afresh.
  if (statusOf(client) !== 'end') client.disconnect();
  // Between two reconnect attempts ioredis 5 has no socket to close, so disconnect() only
  // cancels the pending attempt and 'end' never comes: nothing is left to wait for.
  if (statusOf(client) !== 'end' && statusOf(client) !== 'reconnecting') await bounded(ended, timeoutMs);
}

function statusOf(client: RedisClient): string {
  return client.status;
}

/** Resolves with `promise` or with undefined after `ms`, clearing its timer either way. */
async function bounded<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
