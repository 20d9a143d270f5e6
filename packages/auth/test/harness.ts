import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextApiRequest, NextApiResponse } from 'next';
import { startTestApi, type TestApi } from '@mfv/testkit-api';
import { createRedis, closeRedis, waitForRedis, type RedisClient } from '@mfv/redis';
import { startRedisServer, type RedisServerProcess } from '@mfv/testkit/redis';
import { createAuth, type Auth } from '../src/auth.js';
import { cookiePolicyFor } from '../src/cookies.js';
import { deriveCookieKeys } from '../src/crypto.js';
import type { AuthConfig } from '../src/env.js';
import { SessionStore } from '../src/session-store.js';

export const ORIGIN = 'http://localhost:8080';

export function testConfig(
  apiUrl: string,
  redisUrl: string,
  overrides: Partial<AuthConfig> = {},
): AuthConfig {
  return {
    apiUrl,
    publicOrigin: ORIGIN,
    mode: 'local',
    issuer: 'urn:mfv:api',
    audience: 'urn:mfv:web',
    cookie: cookiePolicyFor(ORIGIN),
    keys: deriveCookieKeys('test-cookie-secret-0123456789abcdef0123'),
    internalToken: 'test-api-internal-token-0123456789abcdef',
    redisUrl,
    refreshTimeoutMs: 2_000,
    lockTtlMs: 5_000,
    backendTimeoutMs: 2_000,
    loginPath: '/user/login',
    ...overrides,
  };
}

/** A runtime like one Next server process: its own Redis connection, the shared Redis and api. */
export async function authProcess(
  config: AuthConfig,
  onApiRefresh?: () => void,
): Promise<{ auth: Auth; redis: RedisClient }> {
  const redis = createRedis(config.redisUrl, { connectionName: 'auth-test' });
  await waitForRedis(redis).catch(() => undefined);
  const auth = createAuth({
    config,
    store: new SessionStore(redis),
    ...(onApiRefresh ? { onApiRefresh } : {}),
  });
  return { auth, redis };
}

/** Serves pages-router API handlers over real HTTP, with the bits of NextApiResponse they use. */
export async function serve(
  handler: (req: NextApiRequest, res: NextApiResponse) => unknown,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const response = res as unknown as NextApiResponse;
    response.status = (code: number) => {
      res.statusCode = code;
      return response;
    };
    response.json = (body: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    Promise.resolve(handler(req as NextApiRequest, response)).catch((error: unknown) => {
      res.statusCode = 599;
      res.end(String(error));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

export interface Env {
  api: TestApi;
  redisServer: RedisServerProcess;
  config: AuthConfig;
  refreshesAtApi: () => number;
  close(): Promise<void>;
}

export async function startEnv(
  options: {
    accessTokenTtlSeconds?: number;
    refreshGraceSeconds?: number;
    overrides?: Partial<AuthConfig>;
  } = {},
): Promise<Env> {
  let refreshes = 0;
  const api = await startTestApi({
    ...(options.accessTokenTtlSeconds ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds } : {}),
    ...(options.refreshGraceSeconds !== undefined
      ? { refreshGraceSeconds: options.refreshGraceSeconds }
      : {}),
    onRequest: (method, path) => {
      if (method === 'POST' && path === '/auth/refresh') refreshes += 1;
    },
  });
  const redisServer = await startRedisServer();
  return {
    api,
    redisServer,
    config: testConfig(api.url, redisServer.url, options.overrides),
    refreshesAtApi: () => refreshes,
    async close() {
      await api.close();
      await redisServer.stop();
    },
  };
}

export { closeRedis };

/** Cookies a response set, by name, with their attributes. */
export function setCookies(res: Response): Map<string, { value: string; attributes: string[] }> {
  const out = new Map<string, { value: string; attributes: string[] }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const index = pair!.indexOf('=');
    out.set(pair!.slice(0, index), { value: decodeURIComponent(pair!.slice(index + 1)), attributes });
  }
  return out;
}

export function cookieHeader(cookies: Record<string, string | undefined>): string {
  return Object.entries(cookies)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('; ');
}

/** A response for calls that set cookies nobody reads (startSession, endSession outside a route). */
export const noResponse = () =>
  ({ getHeader: () => undefined, setHeader: () => undefined }) as never as ServerResponse;

/**
 * Two server processes of one site (separate Redis connections, verified caches and revocation
 * lists, local mode, no refresh grace), the second serving a page's view of the viewer (getViewer,
 * what withAuthSSR and the verify remote use) and an API route behind withAuth — for tests where
 * something done in process one must be seen by process two.
 */
export interface TwoProcesses {
  env: Env;
  one: { auth: Auth; redis: RedisClient };
  two: { auth: Auth; redis: RedisClient };
  /** Process two's getViewer status for a browser with these cookies. */
  viewerStatus(cookies: Record<string, string>): Promise<string>;
  /** Process two's withAuth answer (HTTP status) for a browser with these cookies. */
  apiStatus(cookies: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

export async function startTwoProcesses(): Promise<TwoProcesses> {
  const env = await startEnv({ refreshGraceSeconds: 0 });
  const [one, two] = await Promise.all([authProcess(env.config), authProcess(env.config)]);
  const pages = await serve(async (req, res) => res.status(200).json(await two.auth.getViewer(req, res)));
  const api = await serve(two.auth.withAuth((req, res) => res.status(200).json({ sid: req.auth.sid })));
  const get = (url: string, cookies: Record<string, string>) =>
    fetch(url, { headers: { cookie: cookieHeader(cookies) } });
  return {
    env,
    one,
    two,
    viewerStatus: async (cookies) =>
      ((await (await get(pages.url, cookies)).json()) as { status: string }).status,
    apiStatus: async (cookies) => (await get(api.url, cookies)).status,
    async close() {
      await Promise.all([pages.close(), api.close()]);
      await Promise.all([closeRedis(one.redis), closeRedis(two.redis)]);
      await env.close().catch(() => undefined);
    },
  };
}
