import { type Cluster, type Redis } from 'ioredis';
import { isCluster, redisClientInfo, waitForRedis, type RedisClient } from './client.js';
import { REDIS_DEFAULTS } from './defaults.js';

export interface RedisHealth {
  /** PING answered within the bound (every master, for a cluster) and the node has the expected role. */
  ok: boolean;
  /** Time the probe took, success or not. */
  latencyMs: number;
  mode: 'standalone' | 'sentinel' | 'cluster';
  /** Role of the node the client is connected to (standalone and Sentinel; from ROLE). */
  role?: 'master' | 'replica';
  /** Cluster: number of master nodes that answered PING. */
  mastersOk?: number;
  /** Cluster: number of master nodes the client knows. */
  masters?: number;
  /** Why `ok` is false; never contains credentials. */
  error?: string;
}

/**
 * A readiness probe for /readyz: PING (and ROLE) bounded by `timeoutMs` (default
 * `healthTimeoutMs`). Never throws and never waits longer than the bound; a lazy client that
 * has not connected yet is started and given the same bound.
 */
export async function redisHealth(
  client: RedisClient,
  options: { timeoutMs?: number } = {},
): Promise<RedisHealth> {
  const info = redisClientInfo(client);
  const timeoutMs = options.timeoutMs ?? info?.timeouts.healthTimeoutMs ?? REDIS_DEFAULTS.healthTimeoutMs;
  const mode = info?.target.mode ?? (isCluster(client) ? 'cluster' : 'standalone');
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const probe = async (): Promise<Omit<RedisHealth, 'latencyMs'>> => {
      if (client.status === 'wait') await waitForRedis(client, timeoutMs);
      if (isCluster(client)) return await clusterHealth(client, mode);
      const [pong, role] = await Promise.all([client.ping(), readRole(client)]);
      if (pong !== 'PONG') return { ok: false, mode, role, error: 'unexpected PING reply' };
      const wanted = info?.target.mode === 'sentinel' ? info.target.role : undefined;
      if (wanted === 'master' && role === 'replica') {
        // Writes would fail with READONLY: report it rather than claim readiness.
        return { ok: false, mode, role, error: 'connected to a replica, expected the master' };
      }
      return role === undefined ? { ok: true, mode } : { ok: true, mode, role };
    };
    const result = await Promise.race([probe(), deadline]);
    return { ...result, latencyMs: elapsed() };
  } catch (err) {
    return { ok: false, mode, latencyMs: elapsed(), error: messageOf(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Redis Cluster has 16384 hash slots (cluster spec, "Key distribution model"). */
const CLUSTER_SLOTS = 16_384;

/**
 * Every master that owns slots in the client's slot map must answer PING. A master whose
 * connection is gone counts as down even though ioredis dropped it from its pool: its slots
 * are unserved until a replica takes over.
 */
async function clusterHealth(
  client: Cluster,
  mode: RedisHealth['mode'],
): Promise<Omit<RedisHealth, 'latencyMs'>> {
  const owners = new Set<string>();
  let uncovered = 0;
  for (let slot = 0; slot < CLUSTER_SLOTS; slot++) {
    const owner = client.slots[slot]?.[0];
    if (owner === undefined) uncovered++;
    else owners.add(owner);
  }
  const connected = new Map(client.nodes('master').map((n) => [`${n.options.host}:${n.options.port}`, n]));
  const results = await Promise.allSettled(
    [...owners].map((key) => {
      const node = connected.get(key);
      return node ? node.ping() : Promise.reject(new Error(`no connection to master ${key}`));
    }),
  );
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  const summary = { mode, masters: owners.size, mastersOk: owners.size - failed.length };
  const problems: string[] = [];
  if (owners.size === 0) problems.push('no slot map yet');
  if (uncovered > 0 && owners.size > 0) problems.push(`${uncovered} slots have no master`);
  if (failed.length > 0) {
    problems.push(
      `${failed.length} of ${owners.size} masters did not answer PING: ${messageOf(failed[0]!.reason)}`,
    );
  }
  return problems.length === 0
    ? { ok: true, ...summary }
    : { ok: false, ...summary, error: problems.join('; ') };
}

async function readRole(client: Redis): Promise<'master' | 'replica' | undefined> {
  // ROLE (Redis ≥ 2.8.12): first element is "master", "slave" or "sentinel".
  // A user whose ACL forbids ROLE still gets a health answer from PING; the role stays unknown.
  let reply: unknown;
  try {
    reply = await client.call('ROLE');
  } catch (err) {
    if (err instanceof Error && err.name === 'ReplyError') return undefined;
    throw err;
  }
  const kind = Array.isArray(reply) ? reply[0] : undefined;
  if (kind === 'master') return 'master';
  if (kind === 'slave' || kind === 'replica') return 'replica';
  return undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
