import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyspace, type Keyspace } from '../keyspace.js';

/**
 * Real Redis servers for tests and for the HA drill, started from Debian's binaries as the
 * current user on free loopback ports, each in its own temp dir, with persistence off.
 * Every process is stopped by PID: by `stop()`, and as a last resort when the test process
 * exits (so a crashed test run leaves nothing behind).
 */

export const REDIS_SERVER_BIN = '/usr/bin/redis-server';
export const REDIS_SENTINEL_BIN = '/usr/bin/redis-sentinel';
export const REDIS_CLI_BIN = '/usr/bin/redis-cli';

/** How long a server may take to answer PING after spawn. */
export const SERVER_START_TIMEOUT_MS = 5_000;
/** How long `stop()` waits after SIGTERM before SIGKILL. */
export const SERVER_STOP_TIMEOUT_MS = 3_000;
/** Redis Cluster's bus listens on the data port + 10000 (cluster spec, "Cluster bus"). */
export const CLUSTER_BUS_PORT_OFFSET = 10_000;

export interface RedisServerProcess {
  readonly port: number;
  readonly pid: number;
  /** Temp dir holding config and log. */
  readonly dir: string;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** SIGTERM, then SIGKILL after SERVER_STOP_TIMEOUT_MS; removes the temp dir. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL at once (a crash, as the failover drill needs); keeps the temp dir until stop(). */
  kill(): Promise<void>;
  readonly exited: boolean;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });
}

/** A TCP port nobody listens on right now (the kernel's choice for `listen(0)`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (port + 10000) is free too. */
export async function freeClusterPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = await freePort();
    if (port + CLUSTER_BUS_PORT_OFFSET <= 65_535 && (await portIsFree(port + CLUSTER_BUS_PORT_OFFSET)))
      return port;
  }
  throw new Error('no free port pair for a cluster node');
}

/** Sends one inline command over a fresh socket and returns the first reply line. */
export function rawCommand(port: number, command: string, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no reply from 127.0.0.1:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\r\n');
      if (end !== -1) {
        clearTimeout(timer);
        socket.destroy();
        resolve(buffer.slice(0, end));
      }
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

async function waitForPing(port: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis process on port ${port} exited during start-up; see ${logFile}`);
    }
    try {
      // -NOAUTH: a server with requirepass is up too.
      if (/^(\+PONG|-NOAUTH)/.test(await rawCommand(port, 'PING', 500))) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`redis process on port ${port} did not answer PING; see ${logFile}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

async function spawnServer(
  binary: string,
  port: number,
  dir: string,
  args: string[],
  ownsDir: boolean,
): Promise<RedisServerProcess> {
  installExitHook();
  const logFile = join(dir, `redis-${port}.log`);
  const child = spawn(binary, args, { cwd: dir, stdio: 'ignore' });
  if (child.pid === undefined) {
    await new Promise((resolve) => child.once('error', resolve));
    throw new Error(
      `could not start ${binary} (Debian: apt-get install redis-server redis-sentinel redis-tools)`,
    );
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
  const pid = child.pid;

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(child, SERVER_STOP_TIMEOUT_MS);
    }
  };
  let stopped = false;
  const server: RedisServerProcess = {
    port,
    pid,
    dir,
    url: `redis://127.0.0.1:${port}`,
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    kill,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!server.exited) {
        process.kill(pid, 'SIGTERM');
        if (!(await waitForExit(child, SERVER_STOP_TIMEOUT_MS))) await kill();
      }
      if (ownsDir) await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitForPing(port, child, logFile);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

function baseArgs(port: number, dir: string): string[] {
  return [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--daemonize',
    'no',
    '--dir',
    dir,
    '--logfile',
    join(dir, `redis-${port}.log`),
    '--save',
    '',
    '--appendonly',
    'no',
    // Redis 7 syncs replicas diskless and by default waits 5 s for more replicas first.
    '--repl-diskless-sync-delay',
    '0',
  ];
}

export interface StartRedisServerOptions {
  /** Default: a free port. Pass an old server's port to "restart" it. */
  port?: number;
  /** `requirepass`, to exercise credentials. */
  password?: string;
  /** Extra `--name value` arguments. */
  args?: string[];
  binary?: string;
}

/** One `redis-server` on 127.0.0.1 (standalone, or a replica with `args: ['--replicaof', …]`). */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServerProcess> {
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'mfv-redis-'));
  const args = [
    ...baseArgs(port, dir),
    ...(options.password ? ['--requirepass', options.password] : []),
    ...(options.args ?? []),
  ];
  return spawnServer(options.binary ?? REDIS_SERVER_BIN, port, dir, args, true);
}

export interface TlsRedisServerProcess extends RedisServerProcess {
  /** Port of the TLS listener (the plain `port` stays open for set-up and checks). */
  readonly tlsPort: number;
  /** PEM of the throw-away CA that signed the server certificate (SAN IP:127.0.0.1). */
  readonly ca: string;
  /** `rediss://127.0.0.1:<tlsPort>` */
  readonly tlsUrl: string;
}

export const OPENSSL_BIN = '/usr/bin/openssl';

/**
 * A `redis-server` with a TLS listener, its certificate signed by a CA made for this server
 * alone (openssl, P-256, valid one day). Clients are not asked for certificates.
 */
export async function startTlsRedisServer(
  options: { password?: string } = {},
): Promise<TlsRedisServerProcess> {
  const port = await freePort();
  const tlsPort = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'mfv-redis-tls-'));
  try {
    const file = (name: string) => join(dir, name);
    const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    await run(OPENSSL_BIN, [
      'req',
      '-x509',
      ...key,
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.crt'),
      '-days',
      '1',
      '-subj',
      '/CN=mfv-test-ca',
    ]);
    await run(OPENSSL_BIN, [
      'req',
      ...key,
      '-keyout',
      file('server.key'),
      '-out',
      file('server.csr'),
      '-subj',
      '/CN=127.0.0.1',
    ]);
    await writeFile(file('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    await run(OPENSSL_BIN, [
      'x509',
      '-req',
      '-in',
      file('server.csr'),
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file('server.crt'),
      '-days',
      '1',
      '-extfile',
      file('san.ext'),
    ]);
    const args = [
      ...baseArgs(port, dir),
      '--tls-port',
      String(tlsPort),
      '--tls-cert-file',
      file('server.crt'),
      '--tls-key-file',
      file('server.key'),
      '--tls-ca-cert-file',
      file('ca.crt'),
      '--tls-auth-clients',
      'no',
      ...(options.password ? ['--requirepass', options.password] : []),
    ];
    const server = await spawnServer(REDIS_SERVER_BIN, port, dir, args, true);
    const ca = await readFile(file('ca.crt'), 'utf8');
    return Object.assign(server, { tlsPort, ca, tlsUrl: `rediss://127.0.0.1:${tlsPort}` });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

function run(binary: string, args: string[], timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${binary} ${args[0]} failed: ${stderr || err.message}`));
      else resolve();
    });
  });
}

export interface SentinelGroupOptions {
  masterName?: string;
  replicas?: number;
  sentinels?: number;
  quorum?: number;
  /** `sentinel down-after-milliseconds`: how long the master may be silent before it is "down". */
  downAfterMs?: number;
  /** `sentinel failover-timeout`. */
  failoverTimeoutMs?: number;
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
    const master = await startRedisServer();
    started.push(master);
    const replicas: RedisServerProcess[] = [];
    for (let i = 0; i < (options.replicas ?? 1); i++) {
      const replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(master.port)] });
      started.push(replica);
      replicas.push(replica);
    }
    await Promise.all(replicas.map((r) => waitForReplicaSync(r.port)));

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
    await waitForSentinelsToSeeReplicas(group, replicas.length);
    return group;
  } catch (err) {
    await stopAll(started);
    throw err;
  }
}

async function waitForReplicaSync(port: number): Promise<void> {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const info = await runCli(['-p', String(port), 'INFO', 'replication']).catch(() => '');
    if (/master_link_status:up/.test(info)) return;
    await sleep(100);
  }
  throw new Error(`replica on port ${port} did not sync with its master`);
}

/**
 * A failover needs every Sentinel to know the replicas (learnt from the master's INFO) and
 * each other (hello messages on the master every 2 s), or the election finds no majority.
 */
async function waitForSentinelsToSeeReplicas(group: SentinelGroup, replicas: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  const count = async (port: number, what: 'replicas' | 'sentinels') => {
    const reply = await runCli(['-p', String(port), 'SENTINEL', what, group.masterName]).catch(() => '');
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

async function stopAll(servers: RedisServerProcess[]): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
}

/** Runs redis-cli with a deadline; rejects on a non-zero exit. */
export function runCli(args: string[], timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(REDIS_CLI_BIN, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`redis-cli ${args.slice(0, 3).join(' ')} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

/** A keyspace no other run shares: `<name>:<uuid>`. Delete its keys when done; never FLUSHALL. */
export function uniqueKeyspace(name = 'test'): Keyspace {
  return keyspace(`${name}:${randomUUID()}`);
}
