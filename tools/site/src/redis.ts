import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import { Service, type ServiceOutput } from './process.js';
import { startRedisStandin } from './redis-standin.js';
import type { Env } from './env.js';

/** The Redis the site uses: given (REDIS_URL), started here, or the machine's own. */
export interface LocalRedis {
  url: string;
  source: 'REDIS_URL' | 'started' | 'system' | 'standin';
  /** The redis-server this run started (tests stop and restart it); absent otherwise. */
  service?: Service;
  stop(): Promise<void>;
}

function redisServerBinary(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * REDIS_URL wins. Otherwise a private redis-server on `port` with its files under the site's
 * state folder, else the system Redis on 6379, else — a machine with only Node.js and npm — the
 * in-process stand-in on `port` (redis-standin.ts; nothing kept on disk).
 */
export async function resolveRedis(
  env: Env,
  port: number,
  dir: string,
  output: ServiceOutput,
): Promise<LocalRedis> {
  if (env.REDIS_URL) return { url: env.REDIS_URL, source: 'REDIS_URL', stop: async () => {} };
  const binary = redisServerBinary();
  if (binary) {
    mkdirSync(dir, { recursive: true });
    const service = new Service(
      {
        name: 'redis',
        command: binary,
        // AOF, like production: sessions survive a restart of Redis (and of the site).
        args: [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'yes',
          '--dir',
          dir,
        ],
        cwd: dir,
        env: {},
        readyCheck: () => pings(port),
      },
      output,
      5,
    );
    await service.start();
    return { url: `redis://127.0.0.1:${port}`, source: 'started', service, stop: () => service.stop(5_000) };
  }
  if (await pings(6379)) return { url: 'redis://127.0.0.1:6379', source: 'system', stop: async () => {} };
  const standin = await startRedisStandin(port);
  return { url: standin.url, source: 'standin', stop: () => standin.stop() };
}
