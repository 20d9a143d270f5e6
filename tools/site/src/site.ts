import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDevProxy, upstreamsFromTopology } from '@mfv/proxy';
import { APPS, NEXT_APPS, readTopologyEnv, type NextAppName, type TopologyEnv } from '@mfv/topology';
import { inheritedEnv } from './env.js';
import { assertPortsFree } from './ports.js';
import { Service, type ServiceOutput } from './process.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type SiteMode = 'start' | 'dev';

export interface SiteOptions {
  mode: SiteMode;
  /** Extra environment for every app (tests point apps at their own Redis, ports …). */
  env?: NodeJS.ProcessEnv;
  output?: (name: string) => ServiceOutput;
  /** Aborting stops whatever has started and rejects (Ctrl-C while apps are still starting). */
  signal?: AbortSignal;
}

export interface Site {
  readonly topology: TopologyEnv;
  readonly url: string;
  readonly apps: Record<NextAppName, Service>;
  stop(): Promise<void>;
}

function appService(
  app: NextAppName,
  mode: SiteMode,
  topology: TopologyEnv,
  env: NodeJS.ProcessEnv,
  output: ServiceOutput,
  index: number,
) {
  const cwd = path.join(REPO_ROOT, 'apps', app);
  const port = topology.ports[app];
  const next = path.join(cwd, 'node_modules', '.bin', 'next');
  const args =
    mode === 'dev'
      ? ['dev', '-p', String(port), '-H', '127.0.0.1']
      : ['start', '-p', String(port), '-H', '127.0.0.1'];
  return new Service(
    {
      name: app,
      command: next,
      args,
      cwd,
      env: {
        ...inheritedEnv(),
        ...env,
        NEXT_TELEMETRY_DISABLED: '1',
        ...(mode === 'dev'
          ? { NEXT_PRIVATE_LOCAL_WEBPACK: 'true', NODE_ENV: 'development' }
          : { NODE_ENV: 'production' }),
      },
      readyUrl: `http://127.0.0.1:${port}${APPS[app].basePath}/api/healthz`,
      // `next dev` compiles on first request, which can take a while on two cores.
      readyTimeoutMs: mode === 'dev' ? 180_000 : 60_000,
    },
    output,
    index,
  );
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Starts every Next app (built output with `next start`, or `next dev`) and the dev proxy
 * in-process. Remotes start first so the shell finds them on its first render.
 */
export async function startSite(options: SiteOptions): Promise<Site> {
  const env = { ...inheritedEnv(), ...options.env };
  const topology = readTopologyEnv(env);
  await assertPortsFree([
    { service: 'proxy', port: topology.proxyPort, envVar: 'MFV_PROXY_PORT' },
    ...NEXT_APPS.map((app) => ({
      service: app,
      port: topology.ports[app],
      envVar: `MFV_${app.toUpperCase()}_PORT`,
    })),
  ]);
  const output = options.output ?? (() => ({ kind: 'prefix' as const }));
  const apps = {} as Record<NextAppName, Service>;
  NEXT_APPS.forEach((app, i) => {
    apps[app] = appService(app, options.mode, topology, options.env ?? {}, output(app), i);
  });
  const proxy = createDevProxy({ upstreams: upstreamsFromTopology(topology) });
  const started: Service[] = [];
  let stopped = false;
  const stop = async () => {
    stopped = true;
    proxy.closeAllConnections();
    await Promise.all([new Promise<void>((r) => proxy.close(() => r())), ...started.map((s) => s.stop())]);
  };
  const onAbort = () => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const remotes = NEXT_APPS.filter((app) => app !== 'shell');
    await Promise.all(
      remotes.map(async (app) => {
        started.push(apps[app]);
        await apps[app].start();
      }),
    );
    if (stopped) throw new Error('site start aborted');
    started.push(apps.shell);
    await apps.shell.start();
    if (stopped) throw new Error('site start aborted');
    await listen(proxy, topology.proxyPort);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return { topology, url: `http://localhost:${topology.proxyPort}`, apps, stop };
}
