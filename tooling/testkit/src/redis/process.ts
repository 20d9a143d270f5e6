/**
 * Process control for Redis servers started by tests: spawn as the current user, wait for PING,
 * stop by PID (SIGTERM, then SIGKILL), and as a last resort kill every one still running when the
 * test process exits (so a crashed test run leaves nothing behind).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sleep } from '../sleep.js';
import { rawCommand } from './resp.js';

/** How long a server may take to answer PING after spawn. */
export const SERVER_START_TIMEOUT_MS = 5_000;
/** How long `stop()` waits after SIGTERM before SIGKILL. */
export const SERVER_STOP_TIMEOUT_MS = 3_000;

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

/** Spawns `binary args` in `dir` and resolves once it answers PING on `port`. */
export async function spawnServer(
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

export async function stopAll(servers: RedisServerProcess[]): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
}
