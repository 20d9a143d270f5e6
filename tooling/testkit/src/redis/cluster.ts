import { freePort, portIsFree } from '../ports.js';
import { sleep } from '../sleep.js';
import { runCli } from './cli.js';
import { stopAll, type RedisServerProcess } from './process.js';
import { startRedisServer } from './standalone.js';

/** Redis Cluster's bus listens on the data port + 10000 (cluster spec, "Cluster bus"). */
export const CLUSTER_BUS_PORT_OFFSET = 10_000;

/** A free port whose cluster bus port (port + 10000) is free too. */
export async function freeClusterPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = await freePort();
    if (port + CLUSTER_BUS_PORT_OFFSET <= 65_535 && (await portIsFree(port + CLUSTER_BUS_PORT_OFFSET)))
      return port;
  }
  throw new Error('no free port pair for a cluster node');
}

export interface ClusterGroup {
  nodes: RedisServerProcess[];
  /** `redis-cluster://127.0.0.1:p1,…` */
  url: string;
  stop(): Promise<void>;
}

/** A Redis Cluster of `masters` (default 3) masters and no replicas, slots spread by redis-cli. */
export async function startCluster(options: { masters?: number } = {}): Promise<ClusterGroup> {
  const count = options.masters ?? 3;
  const nodes: RedisServerProcess[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const port = await freeClusterPort();
      nodes.push(
        await startRedisServer({
          port,
          args: [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--cluster-node-timeout',
            '2000',
          ],
        }),
      );
    }
    await runCli(
      [
        '--cluster',
        'create',
        ...nodes.map((n) => `127.0.0.1:${n.port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      20_000,
    );
    const deadline = Date.now() + 15_000;
    for (;;) {
      const states = await Promise.all(
        nodes.map((n) => runCli(['-p', String(n.port), 'CLUSTER', 'INFO']).catch(() => '')),
      );
      if (
        states.every(
          (s) => /cluster_state:ok/.test(s) && new RegExp(`cluster_known_nodes:${count}\\b`).test(s),
        )
      )
        break;
      if (Date.now() > deadline) throw new Error('cluster did not reach cluster_state:ok');
      await sleep(100);
    }
    return {
      nodes,
      url: `redis-cluster://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`,
      stop: () => stopAll(nodes),
    };
  } catch (err) {
    await stopAll(nodes);
    throw err;
  }
}
