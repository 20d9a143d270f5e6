import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTROL_SOCKET_NAME, requestRestart } from './control.js';
import { watchForOrphaning } from './orphan.js';
import { PortBusyError } from './ports.js';

/**
 *   site start [--no-build]   build (turbo, cached) and run every app with `next start` behind the proxy
 *   site dev                  run every app with `next dev` (HMR) behind the proxy
 *   site restart <app> [--socket <path>]
 *                             restart one app of the running site (control.ts); the socket defaults
 *                             to the one `site start` opens, .site/control.sock
 *
 * This module must not import anything that only exists after a build (`@mfv/proxy` and
 * `@mfv/topology` resolve to their dist/): on a fresh clone the build below produces them, and
 * only then is the site module loaded. tools/site/test/cli-fresh-clone.test.ts keeps it that way.
 */
type SiteMode = 'start' | 'dev';
const command = process.argv[2] ?? 'start';
const mode = command as SiteMode;
const skipBuild = process.argv.includes('--no-build');
const USAGE = 'usage: site start [--no-build] | site dev | site restart <app>\n';
if (command !== 'start' && command !== 'dev' && command !== 'restart') {
  process.stderr.write(USAGE);
  process.exit(2);
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `site restart <app>`: ask the running runner, print the outcome, exit 0 only when it restarted. */
async function restart(args: string[]): Promise<never> {
  const socketAt = args.indexOf('--socket');
  const socketPath = socketAt >= 0 ? args[socketAt + 1] : path.join(REPO_ROOT, '.site', CONTROL_SOCKET_NAME);
  const app = args.find((a, i) => !a.startsWith('--') && (socketAt < 0 || i !== socketAt + 1));
  if (!app || !socketPath) {
    process.stderr.write(`${USAGE}   e.g. pnpm site:restart notice\n`);
    process.exit(2);
  }
  process.stdout.write(`Restarting ${app} …\n`);
  const result = await requestRestart(socketPath, app);
  if (!result.ok) {
    process.stderr.write(`✗ ${result.message}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `✓ ${app} restarted in ${result.restartMs} ms (pid ${result.pid}); the others kept running\n`,
  );
  process.exit(0);
}
let building: ChildProcess | null = null;

/** `turbo run build` (cached); in dev mode only the packages the apps import (not the apps). */
function build(filter: string[] = []): Promise<void> {
  process.stdout.write('Building (turbo, cached) …\n');
  return new Promise((resolve, reject) => {
    building = spawn('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...filter], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      detached: true,
    });
    building.on('error', reject);
    building.on('exit', (code) => {
      building = null;
      if (code === 0) resolve();
      else reject(new Error('The build failed (see the output above); fix it and run the command again.'));
    });
  });
}

async function main() {
  let site: { stop(): Promise<void> } | null = null;
  let stopping = false;
  let starting = false;
  const abort = new AbortController();
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${reason}: stopping every app …\n`);
    if (building?.pid) {
      try {
        process.kill(-building.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    // While apps are starting, aborting stops the ones already up; the startup path exits.
    if (starting) {
      abort.abort();
      return;
    }
    (site ? site.stop() : Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
  watchForOrphaning(() => shutdown('parent process exited'));

  if (!skipBuild) {
    // `next dev` compiles the apps itself, but the workspace packages they and the site runner
    // import are consumed from dist/.
    await build(mode === 'dev' ? ['--filter=./packages/*', '--filter=./proxy'] : []);
  }
  if (stopping) return;
  // Only now that dist/ exists: the site runner imports the proxy and the topology.
  const { startSite } = await import('./site.js');
  starting = true;
  let started: Awaited<ReturnType<typeof startSite>>;
  try {
    started = await startSite({ mode, signal: abort.signal });
    site = started;
  } catch (error) {
    if (stopping) process.exit(0);
    if (error instanceof PortBusyError) {
      process.stderr.write(`\n✗ ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  } finally {
    starting = false;
  }
  if (stopping) {
    await started.stop();
    process.exit(0);
  }
  const redisNote = {
    started: `${started.redis.url} (started for this run)`,
    standin: `${started.redis.url} (no Redis on this machine: an in-memory stand-in; sessions end with the site — install redis-server to keep them)`,
    system: `${started.redis.url} (this machine's)`,
    REDIS_URL: `${started.redis.url} (REDIS_URL)`,
  }[started.redis.source];
  process.stdout.write(
    [
      '',
      `  ➜  The site is up: ${started.url}`,
      `     sign in with a sandbox persona at ${started.url}/user/login`,
      `     api ${started.env.AUTH_API_URL} · sandbox http://localhost:${started.topology.backendPorts.sandbox} · Redis ${redisNote}`,
      '     (Ctrl-C stops everything)',
      '',
      '',
    ].join('\n'),
  );
}

(command === 'restart' ? restart(process.argv.slice(3)) : main()).catch((error: unknown) => {
  process.stderr.write(`\n✗ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
