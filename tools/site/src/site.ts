import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDevProxy, upstreamsFromTopology } from '@mfv/proxy';
import {
  APPS,
  BACKENDS,
  NEXT_APPS,
  readTopologyEnv,
  type BackendName,
  type NextAppName,
  type TopologyEnv,
} from '@mfv/topology';
import { CONTROL_SOCKET_NAME, startControlServer, type ControlServer } from './control.js';
import { inheritedEnv, type Env } from './env.js';
import { assertPortsFree } from './ports.js';
import { Service, type ServiceOutput } from './process.js';
import { resolveRedis, type LocalRedis } from './redis.js';
import { localSecrets } from './secrets.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type SiteMode = 'start' | 'dev';

export interface SiteOptions {
  mode: SiteMode;
  /** Extra environment for every process (tests set ports, their own Redis, short token lifetimes …). */
  env?: Env;
  output?: (name: string) => ServiceOutput;
  /** Aborting stops whatever has started and rejects (Ctrl-C while apps are still starting). */
  signal?: AbortSignal;
  /** Where local state lives (secrets, the api's database, Redis files); default <repo>/.site. */
  stateDir?: string;
  /** Start from this process's environment (default) or from `env` alone (tests). */
  inheritEnv?: boolean;
  /** Where the runner's own messages go (app restarts through the control socket); default stdout. */
  log?: (line: string) => void;
}

export interface Site {
  readonly topology: TopologyEnv;
  readonly url: string;
  readonly apps: Record<NextAppName, Service>;
  readonly backends: Record<BackendName, Service>;
  readonly redis: LocalRedis;
  /** The environment every process got (URLs of api, sandbox, Redis; secrets as files). */
  readonly env: Env;
  /** The control socket `pnpm site:restart <app>` talks to (<state dir>/control.sock). */
  readonly controlSocket: string;
  stop(): Promise<void>;
}

function nextService(
  app: NextAppName,
  mode: SiteMode,
  topology: TopologyEnv,
  env: Env,
  output: ServiceOutput,
  index: number,
) {
  const cwd = path.join(REPO_ROOT, 'apps', app);
  const port = topology.ports[app];
  const next = path.join(cwd, 'node_modules', '.bin', 'next');
  const args = [mode === 'dev' ? 'dev' : 'start', '-p', String(port), '-H', '127.0.0.1'];
  return new Service(
    {
      name: app,
      command: next,
      args,
      cwd,
      env: {
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

function backendService(
  name: BackendName,
  mode: SiteMode,
  topology: TopologyEnv,
  env: Env,
  output: ServiceOutput,
  index: number,
) {
  const cwd = path.join(REPO_ROOT, 'apps', name);
  const port = topology.backendPorts[name];
  const args = mode === 'dev' ? ['--import', 'tsx', '--watch', 'src/server.ts'] : ['dist/server.js'];
  return new Service(
    {
      name,
      command: process.execPath,
      args,
      cwd,
      env: { ...env, NODE_ENV: mode === 'dev' ? 'development' : 'production' },
      readyUrl: `http://127.0.0.1:${port}${BACKENDS[name].readyPath}`,
      readyTimeoutMs: 60_000,
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
 * Toss login secrets of a local run (the console's decrypt key and AAD, the unlink callback's Basic
 * credentials), generated once next to the others (0600): the sandbox gets them inline (it has no
 * *_FILE variants), the user app as files — the way compose secrets reach it. Never the published
 * sandbox defaults, which the user app refuses in production (and `pnpm start` is production).
 */
function tossLocalSecrets(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ensure = (name: string, create: () => string) => {
    const file = path.join(dir, name);
    if (!existsSync(file)) writeFileSync(file, create(), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return { file, value: readFileSync(file, 'utf8').trim() };
  };
  return {
    decryptKey: ensure('toss_decrypt_key', () => randomBytes(32).toString('base64')),
    aad: ensure('toss_decrypt_aad', () => `mfv-local-${randomBytes(12).toString('hex')}`),
    unlinkBasicAuth: ensure(
      'toss_unlink_basic_auth',
      () => `toss-local:${randomBytes(24).toString('base64url')}`,
    ),
  };
}

/**
 * The KCB client secret of a local run, generated once (0600): the sandbox registers it
 * (SANDBOX_KCB_CLIENT_SECRET, inline — it has no *_FILE variant) and the verify app reads it as a
 * file. Never the published sandbox default, which the verify app refuses in production.
 */
function kcbLocalSecret(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'kcb_client_secret');
  if (!existsSync(file))
    writeFileSync(file, `kcb-local-${randomBytes(24).toString('base64url')}`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { file, value: readFileSync(file, 'utf8').trim() };
}

/**
 * The user app's mTLS client material: the sandbox's dev client certificate, key and CA (made by the
 * sandbox at its first start, which the runner awaits before starting the Next apps). A variable
 * already set (inline or as a file) wins, so real certificates can be tried against Toss.
 */
function mtlsFiles(base: Env, dir: string): Env {
  const files: Env = {};
  for (const [item, file] of [
    ['CERT', 'client.crt'],
    ['KEY', 'client.key'],
    ['CA', 'ca.crt'],
  ] as const) {
    if (base[`MTLS_${item}`] === undefined && base[`MTLS_${item}_FILE`] === undefined) {
      files[`MTLS_${item}_FILE`] = path.join(dir, file);
    }
  }
  return files;
}

/**
 * Starts the whole local site: Redis (REDIS_URL, or one it starts), the api and the sandbox,
 * the remotes, the shell, and the dev proxy in-process. Every process gets one environment: the
 * topology's ports, the URLs of the services, and local secrets (generated once under
 * .site/secrets, passed as files) — so `pnpm start` runs the production builds with a
 * production configuration.
 */
export async function startSite(options: SiteOptions): Promise<Site> {
  const base = options.inheritEnv === false ? { ...options.env } : { ...inheritedEnv(), ...options.env };
  const topology = readTopologyEnv(base);
  const stateDir = options.stateDir ?? path.join(REPO_ROOT, '.site');
  await assertPortsFree([
    { service: 'proxy', port: topology.proxyPort, envVar: 'MFV_PROXY_PORT' },
    ...NEXT_APPS.map((app) => ({
      service: app,
      port: topology.ports[app],
      envVar: `MFV_${app.toUpperCase()}_PORT`,
    })),
    { service: 'api', port: topology.backendPorts.api, envVar: 'MFV_API_PORT' },
    { service: 'sandbox', port: topology.backendPorts.sandbox, envVar: 'MFV_SANDBOX_PORT' },
    { service: 'sandbox (mTLS)', port: topology.sandboxMtlsPort, envVar: 'MFV_SANDBOX_MTLS_PORT' },
  ]);
  const output = options.output ?? (() => ({ kind: 'prefix' as const }));

  const redis = await resolveRedis(base, topology.redisPort, path.join(stateDir, 'redis'), output('redis'));
  const secrets = localSecrets(path.join(stateDir, 'secrets'));
  const publicOrigin = `http://localhost:${topology.proxyPort}`;
  const sandbox = `127.0.0.1:${topology.backendPorts.sandbox}`;
  // mobile-ok: the sandbox writes its dev key file here on first start; the verify remote reads it.
  const mokKeyDir = base.SANDBOX_MOK_KEY_DIR ?? path.join(REPO_ROOT, '.sandbox-dev', 'mok');
  const toss = tossLocalSecrets(path.join(stateDir, 'secrets'));
  const tossMtlsDir = base.SANDBOX_TOSS_MTLS_DIR ?? path.join(REPO_ROOT, '.sandbox-dev', 'toss-mtls');
  const kcbSecret = kcbLocalSecret(path.join(stateDir, 'secrets'));
  // SSAFY Verify: one issuer for the server (exchange, JWKS, `iss`) and the browser (SDK, popup).
  const ssafyIssuer = `http://${sandbox}/ssafy`;
  const env: Env = {
    ...base,
    // Production builds that talk to the sandbox, said explicitly (packages/config/src/providers.ts).
    MFV_PROVIDERS: base.MFV_PROVIDERS ?? 'sandbox',
    REDIS_URL: redis.url,
    // Remote pins (pnpm remote:pin …): Redis, mirrored to this file for when Redis is away.
    MFV_REMOTE_PINS_FILE: base.MFV_REMOTE_PINS_FILE ?? path.join(stateDir, 'remote-pins.json'),
    // api
    API_HOST: '127.0.0.1',
    API_PORT: String(topology.backendPorts.api),
    API_JWT_PRIVATE_KEY_FILE: secrets.jwtPrivateKeyFile,
    API_REFRESH_SEAL_SECRET_FILE: secrets.sealSecretFile,
    API_INTERNAL_TOKEN_FILE: secrets.internalTokenFile,
    IDENTITY_CI_KEY_FILE: secrets.identityCiKeyFile,
    ...(base.DATABASE_URL
      ? {}
      : { API_PGLITE_DATA_DIR: base.API_PGLITE_DATA_DIR ?? path.join(stateDir, 'api-pglite') }),
    // sandbox
    SANDBOX_HOST: '127.0.0.1',
    SANDBOX_PORT: String(topology.backendPorts.sandbox),
    SANDBOX_KAKAO_REDIRECT_URIS: `${publicOrigin}/user/login/kakao/callback`,
    SANDBOX_KCB_RETURN_URLS: `${publicOrigin}/verify/kcb/callback`,
    SANDBOX_KCB_CLIENT_SECRET: kcbSecret.value,
    SANDBOX_SSAFY_ISSUER: ssafyIssuer,
    SANDBOX_SSAFY_REDIRECT_URIS: `${publicOrigin}/verify/ssafy/callback`,
    SANDBOX_TOSS_CALLBACK_URL: `${publicOrigin}/user/login/toss/callback`,
    SANDBOX_TOSS_MTLS_PORT: String(topology.sandboxMtlsPort),
    SANDBOX_TOSS_MTLS_DIR: tossMtlsDir,
    SANDBOX_TOSS_DECRYPT_KEY: toss.decryptKey.value,
    SANDBOX_TOSS_AAD: toss.aad.value,
    SANDBOX_TOSS_UNLINK_CALLBACK_URL: `${publicOrigin}/user/api/toss/unlink`,
    SANDBOX_TOSS_UNLINK_BASIC_AUTH: toss.unlinkBasicAuth.value,
    // Next apps
    AUTH_API_URL: `http://127.0.0.1:${topology.backendPorts.api}`,
    AUTH_PUBLIC_ORIGIN: publicOrigin,
    AUTH_COOKIE_SECRET_FILE: secrets.cookieSecretFile,
    KAKAO_AUTHORIZE_BASE_URL: `http://localhost:${topology.backendPorts.sandbox}/kakao/kauth`,
    KAKAO_TOKEN_BASE_URL: `http://${sandbox}/kakao/kauth`,
    KAKAO_API_BASE_URL: `http://${sandbox}/kakao/kapi`,
    SANDBOX_MOK_KEY_DIR: mokKeyDir,
    MOK_SANDBOX_BASE_URL: `http://${sandbox}/mok`,
    MOK_KEY_FILE: path.join(mokKeyDir, 'mok_keyInfo.dat'),
    // KCB (verify app): the sandbox's ok-name API (server) and KCB page (browser; on 127.0.0.1, another
    // site than localhost, so the way back is a cross-site navigation as with KCB's real host), this
    // run's secret.
    KCB_API_BASE_URL: `http://${sandbox}/kcb/api`,
    KCB_POPUP_URL: `http://${sandbox}/kcb/safe/CommonSvl`,
    KCB_CLIENT_SECRET_FILE: kcbSecret.file,
    KCB_SITE_URL: publicOrigin,
    KCB_RETURN_URL: `${publicOrigin}/verify/kcb/callback`,
    // SSAFY Verify (verify app): the sandbox's issuer; the SDK script is <issuer>/sdk/ssafy-verify.js.
    SSAFY_ISSUER: ssafyIssuer,
    SSAFY_REDIRECT_URI: `${publicOrigin}/verify/ssafy/callback`,
    // Toss login (user app): the sandbox's appLogin page, its mTLS listener, the run's secrets.
    TOSS_APP_LOGIN_URL: `http://localhost:${topology.backendPorts.sandbox}/toss/app-login`,
    TOSS_API_BASE_URL: `https://127.0.0.1:${topology.sandboxMtlsPort}`,
    TOSS_DECRYPT_KEY_FILE: toss.decryptKey.file,
    TOSS_DECRYPT_AAD_FILE: toss.aad.file,
    TOSS_UNLINK_BASIC_AUTH_FILE: toss.unlinkBasicAuth.file,
    ...mtlsFiles(base, tossMtlsDir),
  };

  let index = 0;
  const backends = {} as Record<BackendName, Service>;
  for (const name of Object.keys(BACKENDS) as BackendName[]) {
    backends[name] = backendService(name, options.mode, topology, env, output(name), index++);
  }
  const apps = {} as Record<NextAppName, Service>;
  for (const app of NEXT_APPS)
    apps[app] = nextService(app, options.mode, topology, env, output(app), index++);

  const proxy = createDevProxy({ upstreams: upstreamsFromTopology(topology) });
  const started: Service[] = [];
  let stopped = false;
  let control: ControlServer | undefined;
  const controlSocket = path.join(stateDir, CONTROL_SOCKET_NAME);
  const stop = async () => {
    stopped = true;
    await control?.close();
    proxy.closeAllConnections();
    await Promise.all([new Promise<void>((r) => proxy.close(() => r())), ...started.map((s) => s.stop())]);
    await redis.stop();
  };
  const startAll = async (services: Service[]) => {
    if (stopped) throw new Error('site start aborted');
    await Promise.all(
      services.map(async (service) => {
        started.push(service);
        await service.start();
      }),
    );
  };
  const onAbort = () => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await startAll(Object.values(backends));
    await startAll(NEXT_APPS.filter((app) => app !== 'shell').map((app) => apps[app]));
    await startAll([apps.shell]);
    if (stopped) throw new Error('site start aborted');
    await listen(proxy, topology.proxyPort);
    // `pnpm site:restart <app>` (control.ts): one app restarted, the others untouched.
    mkdirSync(stateDir, { recursive: true });
    control = await startControlServer(
      controlSocket,
      { ...apps, ...backends },
      options.log ?? ((line) => process.stdout.write(`site   │ ${line}\n`)),
    );
  } catch (error) {
    await stop();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return { topology, url: publicOrigin, apps, backends, redis, env, controlSocket, stop };
}
