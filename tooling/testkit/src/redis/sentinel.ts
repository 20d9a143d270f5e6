import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../ports.js';
import { sleep } from '../sleep.js';
import { runCli } from './cli.js';
import { SERVER_START_TIMEOUT_MS, spawnServer, stopAll, type RedisServerProcess } from './process.js';
import { startRedisServer } from './standalone.js';

export const REDIS_SENTINEL_BIN = '/usr/bin/redis-sentinel';

export interface SentinelGroupOptions {
  masterName?: string;
  replicas?: number;
  sentinels?: number;
  quorum?: number;
  /** `sentinel down-after-milliseconds`: how long the master may be silent before it is "down". */
  downAfterMs?: number;
  /** `sentinel failover-timeout`. */
  failoverTimeoutMs?: number;
  /**
   * `requirepass` of the master and replicas (replicas get it as `masterauth`, the Sentinels as
   * `sentinel auth-pass`).
   */
  password?: string;
  /** `requirepass` of the Sentinels themselves (they use it with each other too). */
  sentinelPassword?: string;
}

export interface SentinelGroup {
  masterName: string;
  master: RedisServerProcess;
  replicas: RedisServerProcess[];
  sentinels: RedisServerProcess[];
  /** `redis-sentinel://127.0.0.1:p1,…/<masterName>` */
  url: string;
  /** Asks a Sentinel which port it currently considers the master. */
  currentMasterPort(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/**
 * A master, its replicas and a Sentinel quorum, all on loopback. Defaults: 1 replica,
 * 3 Sentinels, quorum 2, down-after 1000 ms, failover-timeout 3000 ms.
 */
export async function startSentinelGroup(options: SentinelGroupOptions = {}): Promise<SentinelGroup> {
  const masterName = options.masterName ?? 'mymaster';
  const started: RedisServerProcess[] = [];
  try {
    const { password, sentinelPassword } = options;
    const dataAuth = authArgs(password);
    const sentinelAuth = authArgs(sentinelPassword);
    const master = await startRedisServer({ ...(password ? { password } : {}) });
    started.push(master);
    const replicas: RedisServerProcess[] = [];
    for (let i = 0; i < (options.replicas ?? 1); i++) {
      const replica = await startRedisServer({
        ...(password ? { password } : {}),
        args: [
          '--replicaof',
          '127.0.0.1',
          String(master.port),
          ...(password ? ['--masterauth', password] : []),
        ],
      });
      started.push(replica);
      replicas.push(replica);
    }
    await Promise.all(replicas.map((r) => waitForReplicaSync(r.port, dataAuth)));

    const sentinels: RedisServerProcess[] = [];
    for (let i = 0; i < (options.sentinels ?? 3); i++) {
      const port = await freePort();
      const dir = await mkdtemp(join(tmpdir(), 'mfv-sentinel-'));
      // Sentinel rewrites its config file (CONFIG REWRITE), so it must be a file of its own.
      const conf = join(dir, 'sentinel.conf');
      await writeFile(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          'daemonize no',
          `dir ${dir}`,
          `logfile ${join(dir, `redis-${port}.log`)}`,
          `sentinel monitor ${masterName} 127.0.0.1 ${master.port} ${options.quorum ?? 2}`,
          `sentinel down-after-milliseconds ${masterName} ${options.downAfterMs ?? 1_000}`,
          `sentinel failover-timeout ${masterName} ${options.failoverTimeoutMs ?? 3_000}`,
          `sentinel parallel-syncs ${masterName} 1`,
          ...(password ? [`sentinel auth-pass ${masterName} ${password}`] : []),
          ...(sentinelPassword ? [`requirepass ${sentinelPassword}`] : []),
          '',
        ].join('\n'),
      );
      const sentinel = await spawnServer(REDIS_SENTINEL_BIN, port, dir, [conf], true);
      started.push(sentinel);
      sentinels.push(sentinel);
    }
    const group: SentinelGroup = {
      masterName,
      master,
      replicas,
      sentinels,
      url: `redis-sentinel://${sentinels.map((s) => `127.0.0.1:${s.port}`).join(',')}/${masterName}`,
      async currentMasterPort() {
        for (const s of sentinels) {
          if (s.exited) continue;
          try {
            const reply = await runCli([
              ...sentinelAuth,
              '-p',
              String(s.port),
              'SENTINEL',
              'get-master-addr-by-name',
              masterName,
            ]);
            const port = Number(reply.trim().split('\n')[1]);
            if (Number.isInteger(port)) return port;
          } catch {
            // ask the next one
          }
        }
        return undefined;
      },
      async stop() {
        await stopAll(started);
      },
    };
    await waitForSentinelsToSeeReplicas(group, replicas.length, sentinelAuth);
    return group;
  } catch (err) {
    await stopAll(started);
    throw err;
  }
}

/** redis-cli arguments for a password (`--no-auth-warning`: no warning on stderr). */
function authArgs(password: string | undefined): string[] {
  return password ? ['-a', password, '--no-auth-warning'] : [];
}

async function waitForReplicaSync(port: number, auth: string[]): Promise<void> {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const info = await runCli([...auth, '-p', String(port), 'INFO', 'replication']).catch(() => '');
    if (/master_link_status:up/.test(info)) return;
    await sleep(100);
  }
  throw new Error(`replica on port ${port} did not sync with its master`);
}

/**
 * A failover needs every Sentinel to know the replicas (learnt from the master's INFO) and
 * each other (hello messages on the master every 2 s), or the election finds no majority.
 */
async function waitForSentinelsToSeeReplicas(
  group: SentinelGroup,
  replicas: number,
  auth: string[],
): Promise<void> {
  const deadline = Date.now() + 15_000;
  const count = async (port: number, what: 'replicas' | 'sentinels') => {
    const reply = await runCli([...auth, '-p', String(port), 'SENTINEL', what, group.masterName]).catch(
      () => '',
    );
    return (reply.match(/^name$/gm) ?? []).length;
  };
  while (Date.now() < deadline) {
    const known = await Promise.all(
      group.sentinels.map(async (s) => ({
        replicas: await count(s.port, 'replicas'),
        sentinels: await count(s.port, 'sentinels'),
      })),
    );
    if (known.every((k) => k.replicas >= replicas && k.sentinels >= group.sentinels.length - 1)) return;
    await sleep(100);
  }
  throw new Error('Sentinels did not discover the replicas and each other');
}
