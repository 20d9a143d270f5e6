/**
 * pnpm remote:status                      each remote's releases, current, pin; what each shell serves
 * pnpm remote:pin <remote> <release>      every shell serves that release (no rebuild, no restart)
 * pnpm remote:rollback <remote>           pin the release before the one served now
 * pnpm remote:unpin <remote>              back to the remote's current release
 *
 * Reads the site's topology (MFV_<APP>_HOST/PORT), REDIS_URL (default: the local site's Redis,
 * redis://127.0.0.1:$MFV_REDIS_PORT or 6380) and MFV_REMOTE_PINS_FILE (default .site/remote-pins.json);
 * the shell's status endpoint with API_INTERNAL_TOKEN[_FILE] (default: the local site's).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeRedis, createRedis, waitForRedis, type RedisClient } from '@mfv/redis';
import { REMOTES, readTopologyEnv, type RemoteName, type TopologyEnv } from '@mfv/topology';
import { parseReleaseIndex, previousRelease, type ReleaseIndex } from './manifest.js';
import { releaseIndexUrl } from './urls.js';
import { PinStore } from './store.js';
import { readReleaseToolsEnv } from './env.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const env = readReleaseToolsEnv();

class UsageError extends Error {}

function isRemote(name: string | undefined): name is RemoteName {
  return (REMOTES as readonly string[]).includes(name ?? '');
}

async function fetchIndex(remote: RemoteName, topology: TopologyEnv): Promise<ReleaseIndex> {
  const url = releaseIndexUrl(remote, topology);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  } catch (error) {
    throw new Error(`${remote} does not answer at ${url} (${(error as Error).message})`);
  }
  if (!res.ok) throw new Error(`${remote}: ${url} answered HTTP ${res.status} (built without releases?)`);
  return parseReleaseIndex(await res.json());
}

function internalToken(): string | undefined {
  if (env.internalToken) return env.internalToken;
  const file = env.internalTokenFile ?? path.join(REPO_ROOT, '.site/secrets/api_internal_token');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

async function shellStatus(topology: TopologyEnv): Promise<unknown> {
  const token = internalToken();
  if (!token) return 'no internal token (API_INTERNAL_TOKEN[_FILE])';
  const url = `http://${topology.hosts.shell}:${topology.ports.shell}/api/internal/remotes`;
  try {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(3000),
    });
    return res.ok ? await res.json() : `HTTP ${res.status}`;
  } catch (error) {
    return `no answer (${(error as Error).message})`;
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, remoteArg, releaseArg] = argv;
  const topology = readTopologyEnv();
  const redisUrl = env.redisUrl ?? `redis://127.0.0.1:${topology.redisPort}`;
  const redis: RedisClient = createRedis(redisUrl, {
    ...env.redisFiles,
    connectionName: 'mfv-remote-cli',
    logger: null,
    lazyConnect: true,
  });
  // Connected before any command (they fail at once otherwise); a Redis that is away leaves the file.
  await waitForRedis(redis, 2000).catch(() => undefined);
  const store = new PinStore({
    redis,
    file: env.pinsFile ?? path.join(REPO_ROOT, '.site/remote-pins.json'),
  });
  try {
    switch (command) {
      case 'status': {
        const { pins, source } = await store.read(REMOTES);
        for (const remote of REMOTES) {
          try {
            const index = await fetchIndex(remote, topology);
            console.log(
              `${remote}: current ${index.current}${pins[remote] ? `, pinned ${pins[remote]}` : ''}`,
            );
            for (const r of index.releases) {
              const marks = [
                r.release === index.current ? 'current' : '',
                pins[remote] === r.release ? 'pinned' : '',
              ]
                .filter(Boolean)
                .join(', ');
              console.log(
                `  ${r.release}  built ${r.builtAt}  react ${r.shared.react?.version ?? '-'}${marks ? `  (${marks})` : ''}`,
              );
            }
          } catch (error) {
            console.log(
              `${remote}: ${(error as Error).message}${pins[remote] ? `; pinned ${pins[remote]}` : ''}`,
            );
          }
        }
        console.log(`pins read from ${source}`);
        console.log(`shell: ${JSON.stringify(await shellStatus(topology), null, 2)}`);
        return;
      }
      case 'pin': {
        if (!isRemote(remoteArg) || !releaseArg) throw new UsageError('usage: remote:pin <remote> <release>');
        const index = await fetchIndex(remoteArg, topology);
        if (!index.releases.some((r) => r.release === releaseArg)) {
          throw new Error(
            `${remoteArg} does not serve release ${releaseArg}; it serves ${index.releases.map((r) => r.release).join(', ')}`,
          );
        }
        const where = await store.set(remoteArg, releaseArg);
        console.log(`${remoteArg} pinned to ${releaseArg} (${where}); shells switch within ~2 s`);
        return;
      }
      case 'rollback': {
        if (!isRemote(remoteArg)) throw new UsageError('usage: remote:rollback <remote>');
        const index = await fetchIndex(remoteArg, topology);
        const { pins } = await store.read([remoteArg]);
        const serving = pins[remoteArg] ?? index.current;
        const previous = previousRelease(index, serving);
        if (!previous) throw new Error(`${remoteArg}: no release before ${serving} is kept`);
        const where = await store.set(remoteArg, previous.release);
        console.log(`${remoteArg} rolled back from ${serving} to ${previous.release} (pinned, ${where})`);
        return;
      }
      case 'unpin': {
        if (!isRemote(remoteArg)) throw new UsageError('usage: remote:unpin <remote>');
        const where = await store.set(remoteArg, null);
        console.log(`${remoteArg} unpinned (${where}): shells serve its current release`);
        return;
      }
      default:
        throw new UsageError(
          'usage: remote:status | remote:pin <remote> <release> | remote:rollback <remote> | remote:unpin <remote>',
        );
    }
  } finally {
    await closeRedis(redis).catch(() => redis.disconnect());
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof UsageError ? 2 : 1);
});
