import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { authConfigFromEnv, createAuth, SessionStore, sessionKey } from '@mfv/auth';
import { closeRedis, createRedis, waitForRedis, type RedisClient } from '@mfv/redis';
import { localSecrets, REPO_ROOT, Service } from '@mfv/site';
import { APPS, NEXT_APPS, type NextAppName } from '@mfv/topology';
import { freePort } from '@mfv/testkit/ports';
import { consentsFor } from '@mfv/api-contract';

/**
 * Real servers for the platform checks: the api and the Next apps as production runs them
 * (`node dist/server.js`, `next start`, or a standalone `server.js`), each in its own process
 * group on a free port, with production settings and secrets as files.
 */

export type Env = Record<string, string | undefined>;

export interface Stack {
  /** Where logs, secrets and state of this run live. */
  dir: string;
  /** Environment every process gets (secrets as files, production mode, URLs). */
  env: Env;
  /** A file per process under `dir`. */
  log(name: string): string;
}

/** Secrets (generated, mode 0600) and the shared production environment of one run. */
export function prepareStack(dir: string, env: Env = {}): Stack {
  mkdirSync(dir, { recursive: true });
  const secrets = localSecrets(path.join(dir, 'secrets'));
  return {
    dir,
    log: (name) => path.join(dir, `${name}.log`),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      API_JWT_PRIVATE_KEY_FILE: secrets.jwtPrivateKeyFile,
      API_REFRESH_SEAL_SECRET_FILE: secrets.sealSecretFile,
      API_INTERNAL_TOKEN_FILE: secrets.internalTokenFile,
      IDENTITY_CI_KEY_FILE: secrets.identityCiKeyFile,
      AUTH_COOKIE_SECRET_FILE: secrets.cookieSecretFile,
      // No real identity provider here: said explicitly, or the production builds' live guard
      // refuses the sandbox defaults (packages/config/src/live-providers.ts) — the user app's
      // health check reads its provider settings.
      MFV_PROVIDERS: 'sandbox',
      // The Toss login (user app) needs the sandbox's mTLS material; nothing here uses it.
      TOSS_LOGIN_ENABLED: 'false',
      ...env,
    },
  };
}

export interface RunningServer {
  service: Service;
  url: string;
  port: number;
}

/** The api from `dir` (apps/api, or a `pnpm deploy` output): `node dist/server.js`, in-memory PGlite. */
export async function startApi(
  stack: Stack,
  options: { dir?: string; env?: Env; name?: string } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const name = options.name ?? 'api';
  const service = new Service(
    {
      name,
      command: process.execPath,
      args: ['dist/server.js'],
      cwd: options.dir ?? path.join(REPO_ROOT, 'apps/api'),
      env: { ...stack.env, API_HOST: '127.0.0.1', API_PORT: String(port), ...options.env },
      readyUrl: `http://127.0.0.1:${port}/readyz`,
      readyTimeoutMs: 60_000,
    },
    { kind: 'file', file: stack.log(name) },
  );
  await service.start();
  return { service, port, url: `http://127.0.0.1:${port}` };
}

/**
 * A Next app: `next start` from its built `.next` (mode `start`), or a standalone `server.js`
 * from `dir` (mode `standalone`, the image's layout `<dir>/apps/<app>/server.js`).
 */
export async function startNextApp(
  stack: Stack,
  app: NextAppName,
  options: { mode?: 'start' | 'standalone'; dir?: string; port?: number; env?: Env; name?: string } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const name = options.name ?? app;
  const mode = options.mode ?? 'start';
  const cwd =
    mode === 'start' ? path.join(REPO_ROOT, 'apps', app) : path.join(options.dir ?? REPO_ROOT, 'apps', app);
  const base = `http://127.0.0.1:${port}${APPS[app].basePath}`;
  const service = new Service(
    {
      name,
      ...(mode === 'start'
        ? {
            command: path.join(cwd, 'node_modules/.bin/next'),
            args: ['start', '-p', String(port), '-H', '127.0.0.1'],
          }
        : { command: process.execPath, args: ['server.js'] }),
      cwd,
      env: {
        ...stack.env,
        [`MFV_${app.toUpperCase()}_PORT`]: String(port),
        ...(mode === 'standalone' ? { PORT: String(port), HOSTNAME: '127.0.0.1' } : {}),
        ...options.env,
      },
      readyUrl: `${base}/api/healthz`,
      readyTimeoutMs: 60_000,
    },
    { kind: 'file', file: stack.log(name) },
  );
  await service.start();
  return { service, port, url: base };
}

/** MFV_<APP>_PORT/HOST for every Next app: the given ports, the others on ports nobody serves. */
export async function topologyEnv(ports: Partial<Record<NextAppName, number>>): Promise<Env> {
  const env: Env = {};
  for (const app of NEXT_APPS) {
    env[`MFV_${app.toUpperCase()}_HOST`] = '127.0.0.1';
    env[`MFV_${app.toUpperCase()}_PORT`] = String(ports[app] ?? (await freePort()));
  }
  return env;
}

let kakaoIds = 8_000_000_000 + Math.floor(Math.random() * 1_000_000);

export interface TestSession {
  sid: string;
  accessToken: string;
  userId: string;
}

/**
 * Signed-in sessions without a browser: members made through the api's own login and signup
 * endpoints, each session stored in Redis by @mfv/auth's startSession (the code the login
 * routes run), exactly as a login would leave it.
 */
export async function createSessions(
  stack: Stack,
  apiUrl: string,
  redisUrl: string,
  count: number,
): Promise<TestSession[]> {
  const internal = readFileSync(stack.env.API_INTERNAL_TOKEN_FILE!, 'utf8').trim();
  const post = async (route: string, body: unknown) => {
    const res = await fetch(`${apiUrl}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${internal}` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const redis = createRedis(redisUrl, { logger: null });
  await waitForRedis(redis);
  try {
    const auth = createAuth({
      config: authConfigFromEnv({ ...stack.env, REDIS_URL: redisUrl, AUTH_API_URL: apiUrl }),
      store: new SessionStore(redis),
    });
    const sessions: TestSession[] = [];
    for (let i = 0; i < count; i++) {
      const login = await post('/auth/login/kakao', { kakaoId: String(kakaoIds++) });
      const tokens = await post('/users', {
        signupTicket: login.signupTicket,
        nickname: `세션${i}`,
        consents: consentsFor(),
      });
      const headers: string[] = [];
      await auth.startSession(
        {
          getHeader: () => headers,
          setHeader: (_: string, v: string[]) => headers.splice(0, headers.length, ...v),
        } as never,
        tokens as never,
      );
      sessions.push({
        sid: tokens.sessionId as string,
        accessToken: tokens.accessToken as string,
        userId: (tokens.user as { id: string }).id,
      });
    }
    return sessions;
  } finally {
    await closeRedis(redis);
  }
}

/**
 * Makes the session's stored access token count as expired, so the next request that brings
 * only the session cookie must refresh (what a browser does once its access-token cookie lapsed).
 */
export async function expireStoredAccessToken(redis: RedisClient, sid: string): Promise<boolean> {
  const key = sessionKey(sid);
  const raw = await redis.get(key);
  if (!raw) return false;
  const record = JSON.parse(raw) as Record<string, unknown>;
  await redis.set(key, JSON.stringify({ ...record, accessExpiresAt: 0 }), 'KEEPTTL');
  return true;
}
