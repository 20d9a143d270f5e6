import { spawn, type ChildProcess } from 'node:child_process';
import { watchForOrphaning } from './orphan.js';
import { PortBusyError } from './ports.js';
import { REPO_ROOT, startSite, type SiteMode } from './site.js';

/**
 *   site start [--no-build]   build (turbo, cached) and run every app with `next start` behind the proxy
 *   site dev                  run every app with `next dev` (HMR) behind the proxy
 */
const mode = (process.argv[2] ?? 'start') as SiteMode;
const skipBuild = process.argv.includes('--no-build');
if (mode !== 'start' && mode !== 'dev') {
  process.stderr.write('usage: site start | site dev\n');
  process.exit(2);
}

let building: ChildProcess | null = null;

function build(): Promise<void> {
  process.stdout.write('Building (turbo, cached) …\n');
  return new Promise((resolve, reject) => {
    building = spawn('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      detached: true,
    });
    building.on('error', reject);
    building.on('exit', (code) => {
      building = null;
      if (code === 0) resolve();
      else reject(new Error('Build failed; see the output above.'));
    });
  });
}

async function main() {
  let site: Awaited<ReturnType<typeof startSite>> | null = null;
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

  if (mode === 'start' && !skipBuild) await build();
  if (stopping) return;
  starting = true;
  try {
    site = await startSite({ mode, signal: abort.signal });
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
    await site.stop();
    process.exit(0);
  }
  const redisNote =
    site.redis.source === 'started'
      ? `${site.redis.url} (started for this run)`
      : `${site.redis.url} (${site.redis.source})`;
  process.stdout.write(
    [
      '',
      `  ➜  The site is up: ${site.url}`,
      `     sign in with a sandbox persona at ${site.url}/user/login`,
      `     api ${site.env.AUTH_API_URL} · sandbox http://localhost:${site.topology.backendPorts.sandbox} · Redis ${redisNote}`,
      '     (Ctrl-C stops everything)',
      '',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`\n✗ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
