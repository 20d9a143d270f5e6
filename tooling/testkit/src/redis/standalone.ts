/**
 * Real `redis-server`s for tests and for the HA drill, from Debian's binaries, on free loopback
 * ports, each in its own temp dir, with persistence off.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../ports.js';
import { spawnServer, type RedisServerProcess } from './process.js';

export const REDIS_SERVER_BIN = '/usr/bin/redis-server';

/** The arguments every server gets: loopback, foreground, its own dir and log, no persistence. */
export function baseArgs(port: number, dir: string): string[] {
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
