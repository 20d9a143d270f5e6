/**
 * Real counterparts for the user remote's Toss tests: the sandbox (its emulated app on HTTP and
 * the partner API on an mTLS listener, certificates made in a temp folder), the api in-process
 * (PGlite), a Redis server, and the app's own configuration built from environment variables —
 * the same path `pnpm start` takes. Nothing is mocked; each test file gets one set.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NextApiRequest, NextApiResponse } from 'next';
import { startTestApi, type TestApi } from '@mfv/testkit-api';
import { authConfigFromEnv, createAuth, SessionStore, type Auth } from '@mfv/auth';
import { loadConfig, userEnvSchema } from '@mfv/config';
import { closeRedis, createRedis, waitForRedis, type RedisClient } from '@mfv/redis';
import { startRedisServer, type RedisServerProcess } from '@mfv/testkit/redis';
import {
  createCa,
  ensureDevCerts,
  issueClientCert,
  loadTossTls,
  startServer,
  type CertPair,
  type DevCertPaths,
  type RunningSandbox,
} from '@mfv/sandbox';
import { tossSettingsFromEnv, type TossSettings } from '../src/server/toss-config';
import { createTossRuntimeLoader, type TossRuntimeLoader } from '../src/server/toss-runtime';
import { completeTossLogin, type TossLoginBody, type TossLoginDeps } from '../src/server/toss-login';

/** The console values of these tests (not the sandbox's published dev ones). */
export const TEST_DECRYPT_KEY = Buffer.alloc(32, 0x5a).toString('base64');
export const TEST_AAD = 'user-app-test-aad';
export const TEST_UNLINK = { user: 'toss-console', password: 'unlink-test-password-0123' };
export const ORIGIN = 'http://localhost:8080';
export const KAKAO_TEST_CLIENT_ID = 'user-test-kakao-client';
export const KAKAO_TEST_REDIRECT_URI = `${ORIGIN}/user/login/kakao/callback`;

export interface Pki {
  dir: string;
  paths: DevCertPaths;
  /** Signed by a CA the sandbox does not trust. */
  foreign: CertPair;
  /** Signed by the dev CA, 10 days left. */
  expiring: CertPair;
}

export async function makePki(): Promise<Pki> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mfv-user-toss-'));
  const { paths } = await ensureDevCerts(dir);
  const otherCa = await createCa(
    { cert: path.join(dir, 'other-ca.crt'), key: path.join(dir, 'other-ca.key') },
    'another CA',
  );
  const foreign = await issueClientCert({
    ca: otherCa,
    out: { cert: path.join(dir, 'foreign.crt'), key: path.join(dir, 'foreign.key') },
    days: 390,
  });
  const expiring = await issueClientCert({
    ca: paths.ca,
    out: { cert: path.join(dir, 'expiring.crt'), key: path.join(dir, 'expiring.key') },
    days: 10,
  });
  return { dir, paths, foreign, expiring };
}

/** The user app's environment for Toss against this sandbox: client cert, key and the dev CA as files. */
export function tossEnv(
  pki: Pki,
  sandbox: RunningSandbox,
  overrides: Record<string, string | undefined> = {},
) {
  return {
    NODE_ENV: 'test',
    AUTH_PUBLIC_ORIGIN: ORIGIN,
    TOSS_API_BASE_URL: sandbox.tossMtlsUrl!,
    TOSS_DECRYPT_KEY: TEST_DECRYPT_KEY,
    TOSS_DECRYPT_AAD: TEST_AAD,
    TOSS_UNLINK_BASIC_AUTH: `${TEST_UNLINK.user}:${TEST_UNLINK.password}`,
    MTLS_CERT_FILE: pki.paths.client.cert,
    MTLS_KEY_FILE: pki.paths.client.key,
    MTLS_CA_FILE: pki.paths.ca.cert,
    // No Docker secrets on the test machine: point the fallback at an empty folder.
    MTLS_SECRETS_DIR: pki.dir,
    ...overrides,
  };
}

export function settingsFrom(env: Record<string, string | undefined>): TossSettings {
  return tossSettingsFromEnv(loadConfig('user', userEnvSchema, env));
}

export interface Captured {
  level: string;
  msg: string;
  [key: string]: unknown;
}

/**
 * Every JSON log line the app writes (logEvent: one JSON object per line on stdout/stderr, `level`
 * a word), for "never logged" checks. The sandbox's and api's own pino lines (numeric levels) are
 * not the app's and are left out of `text()`.
 */
export function captureLogs(): { lines: Captured[]; text(): string; restore(): void } {
  const lines: Captured[] = [];
  const originals = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  const tap =
    (original: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      for (const line of text.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          lines.push(JSON.parse(line) as Captured);
        } catch {
          /* not ours */
        }
      }
      return (original as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
    };
  process.stdout.write = tap(originals.out) as typeof process.stdout.write;
  process.stderr.write = tap(originals.err) as typeof process.stderr.write;
  return {
    lines,
    text: () =>
      lines
        .filter((l) => typeof l.level === 'string')
        .map((l) => JSON.stringify(l))
        .join('\n'),
    restore() {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}

export interface World {
  pki: Pki;
  sandbox: RunningSandbox;
  api: TestApi;
  redisServer: RedisServerProcess;
  redis: RedisClient;
  auth: Auth;
  env: Record<string, string | undefined>;
  deps(overrides?: Record<string, string | undefined>): TossLoginDeps & { runtime: TossRuntimeLoader };
  close(): Promise<void>;
}

/**
 * The environment the user app's route files read in a world (set before their first request: the
 * runtime reads it once): the Toss settings plus the api, the session secret and Redis.
 */
export function routeEnv(world: World, cookieSecret: string): Record<string, string | undefined> {
  return {
    ...world.env,
    AUTH_API_URL: world.api.url,
    AUTH_COOKIE_SECRET: cookieSecret,
    API_INTERNAL_TOKEN: world.api.internalToken,
    REDIS_URL: world.redisServer.url,
  };
}

export async function startWorld(options: { unlinkUrl?: () => string } = {}): Promise<World> {
  // Whatever starts is stopped again if a later step fails (no orphaned Redis or listeners).
  const cleanup: (() => Promise<unknown>)[] = [];
  const undo = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  };
  try {
    const pki = await makePki();
    cleanup.push(() => rm(pki.dir, { recursive: true, force: true }));
    const redisServer = await startRedisServer();
    cleanup.push(() => redisServer.stop());
    const api = await startTestApi();
    cleanup.push(() => api.close());
    const sandbox = await startServer({
      host: '127.0.0.1',
      port: 0,
      kakao: {
        // The platform's Kakao app, granted the 연계정보 (CI) consent item as production's must be
        // for the link offer (docs/providers/kakao.md).
        apps: [
          {
            clientId: KAKAO_TEST_CLIENT_ID,
            redirectUris: [KAKAO_TEST_REDIRECT_URI],
            ciConsentItem: true,
          },
        ],
      },
      toss: {
        decryptKey: Buffer.from(TEST_DECRYPT_KEY, 'base64'),
        aad: TEST_AAD,
        mtls: { port: 0, tls: await loadTossTls(pki.paths) },
        unlink: {
          ...(options.unlinkUrl ? { url: options.unlinkUrl() } : {}),
          basicAuth: TEST_UNLINK,
        },
      },
    });
    cleanup.push(() => sandbox.close());
    const redis = createRedis(redisServer.url, { connectionName: 'user-toss-test' });
    cleanup.push(() => closeRedis(redis));
    await waitForRedis(redis);
    const config = authConfigFromEnv({
      NODE_ENV: 'test',
      AUTH_API_URL: api.url,
      AUTH_PUBLIC_ORIGIN: ORIGIN,
      AUTH_COOKIE_SECRET: 'user-toss-test-cookie-secret-0123456789',
      API_INTERNAL_TOKEN: api.internalToken,
      REDIS_URL: redisServer.url,
    });
    const auth = createAuth({ config, store: new SessionStore(redis) });
    const env = tossEnv(pki, sandbox);
    const loaders: TossRuntimeLoader[] = [];
    cleanup.push(() => Promise.all(loaders.map((l) => l.close())));
    return {
      pki,
      sandbox,
      api,
      redisServer,
      redis,
      auth,
      env,
      deps(overrides = {}) {
        const settings = settingsFrom({ ...env, ...overrides });
        const runtime = createTossRuntimeLoader(() => settings);
        loaders.push(runtime);
        return { auth, settings: () => settings, runtime };
      },
      close: undo,
    };
  } catch (error) {
    await undo();
    throw error;
  }
}

/** A browser's cookie jar, enough for the sealed login cookies and the session cookies. */
export class Jar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }
  take(setCookie: string[] | string | number | undefined): void {
    const list = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [String(setCookie)];
    for (const c of list) {
      const [pair, ...attrs] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = decodeURIComponent(pair!.slice(i + 1).trim());
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The bits of IncomingMessage / ServerResponse the login code touches, over a cookie jar. */
export function exchange(jar: Jar, query: Record<string, unknown> = {}) {
  const headers = new Map<string, string[] | string | number>();
  const req = { headers: { cookie: jar.header() }, query } as unknown as IncomingMessage & {
    query: Record<string, unknown>;
  };
  const res = {
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: string[] | string | number) => {
      headers.set(name.toLowerCase(), value);
      return res;
    },
  } as unknown as ServerResponse;
  return {
    req,
    res,
    commit: () => jar.take(headers.get('set-cookie') as string[] | undefined),
    setCookies: () => (headers.get('set-cookie') as string[] | undefined) ?? [],
  };
}

/**
 * appLogin() in the sandbox's emulated Toss app as a person choosing `persona`: the login sheet's
 * answer, `{authorizationCode, referrer}` (what the bridge script asks the sandbox for).
 */
export async function appLogin(
  sandboxUrl: string,
  persona: string,
): Promise<{ authorizationCode: string; referrer: TossLoginBody['referrer'] }> {
  const res = await fetch(`${sandboxUrl}/toss/bridge/app-login`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ persona }),
  });
  if (res.status !== 200) throw new Error(`bridge/app-login answered ${res.status}`);
  return (await res.json()) as { authorizationCode: string; referrer: TossLoginBody['referrer'] };
}

/** The server half for `persona` in the browser `jar`: appLogin's answer through {@link completeTossLogin}. */
export async function tossLoginAs(
  deps: TossLoginDeps,
  sandboxUrl: string,
  jar: Jar,
  persona: string,
  returnTo?: string,
) {
  const answer = await appLogin(sandboxUrl, persona);
  const ex = exchange(jar);
  const outcome = await completeTossLogin(deps, ex.req, ex.res, {
    ...answer,
    ...(returnTo !== undefined ? { returnTo } : {}),
  });
  ex.commit();
  return { answer, outcome };
}

/**
 * Serves a pages-router API handler over real HTTP: query, status()/json(). Like the route file
 * (`bodyParser: false`), the body is left for the handler to read (readJsonBody).
 */
export async function serveApi(
  handler: (req: NextApiRequest, res: NextApiResponse) => unknown,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request = Object.assign(req, { query: Object.fromEntries(url.searchParams) }) as NextApiRequest;
    const response = res as unknown as NextApiResponse;
    response.status = (code: number) => {
      res.statusCode = code;
      return response;
    };
    response.json = (value: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(value));
    };
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
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

export { chmod };
