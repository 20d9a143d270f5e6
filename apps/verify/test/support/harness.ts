/**
 * The verify remote's API in-process, against real things: a redis-server of its own
 * (@mfv/testkit/redis), the real api with PGlite (@mfv/testkit-api), and the real sandbox over
 * HTTP (@mfv/sandbox, with a clock the test can move). The routes are the same definitions
 * `pages/api` binds, run through Next's own API resolver (body parsing, `res.json`, cookies).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApi, TEST_API_INTERNAL_TOKEN, type TestApi } from '@mfv/testkit-api';
import { authConfigFromEnv, createAuth, SessionStore, type Auth } from '@mfv/auth';
import { closeRedis, createRedis, waitForRedis, type Keyspace, type RedisClient } from '@mfv/redis';
import { uniqueKeyspace } from '@mfv/redis/testing';
import { startRedisServer, type RedisServerProcess } from '@mfv/testkit/redis';
import { startServer, type RunningSandbox } from '@mfv/sandbox';
import { KCB_PERSONAS, type KcbPersona } from '@mfv/sandbox/kcb-personas';
import { MOK_PERSONAS, type MokPersona } from '@mfv/sandbox/mok-personas';
import { SSAFY_PERSONAS, type SsafyPersona } from '@mfv/sandbox/ssafy-personas';
import { apiResolver } from 'next/dist/server/api-utils/node/api-resolver.js';
import type { NextApiHandler } from 'next';
import type { KcbClientOptions } from '@mfv/verification/kcb';
import type { SsafyClientOptions } from '@mfv/verification/ssafy';
import type { MokSettings } from '../../src/core/env';
import { lazyKcbAccess } from '../../src/providers/kcb/service';
import { RateLimits, type LimitTable } from '../../src/core/limits';
import { lazyMokClient } from '../../src/providers/mobile-ok/client';
import { bindRoute } from '../../src/core/http';
import { bindKcbCallback } from '../../src/providers/kcb/routes';
import { API_ROUTES, type RouteName } from '../../src/routes';
import { lazySsafyAccess } from '../../src/providers/ssafy/service';
import { createVerifyRuntime, type VerifyRuntime } from '../../src/runtime';
import { TransactionStore, type TransactionStoreOptions } from '../../src/core/transactions';

export const PUBLIC_ORIGIN = 'http://localhost:8080';
export const SITE_URL = 'www.mfv.test';
export const ARS_CODE = 'ARS-TEST-0001';
export const KEY_PASSWORD = 'verify-test-key-password';
/**
 * Bounded provider calls: a hanging sandbox must give its customer message quickly. 2 s above the
 * slow persona (MOK_SLOW, 2 s) so it still succeeds on a loaded CI machine (it once timed out at
 * token/get with 2.5 s while every package ran its tests at once).
 */
export const MOK_TIMEOUT_MS = 4_000;
/** KCB and SSAFY calls: below the sandbox's 2 s "slow" personas, so they time out. */
export const PROVIDER_TIMEOUT_MS = 1_500;
export const KCB_MEMBER_CODE = 'SBXVERIFY001';
export const KCB_CLIENT_ID = 'verify-test-kcb';
export const KCB_CLIENT_SECRET = 'verify-test-kcb-secret';
/** The registered return URL (the rewrite serves it with /verify/api/kcb/callback). */
export const KCB_RETURN_URL = `${PUBLIC_ORIGIN}/verify/kcb/callback`;
export const SSAFY_CLIENT_ID = 'verify-test-ssafy';
export const SSAFY_REDIRECT_URI = `${PUBLIC_ORIGIN}/verify/ssafy/callback`;

/** A clock the sandbox reads (ms); tests move it to expire provider tokens. */
export interface MovableClock {
  (): number;
  advance(ms: number): void;
  offset: number;
}

export function movableClock(): MovableClock {
  const clock = (() => Date.now() + clock.offset) as MovableClock;
  clock.offset = 0;
  clock.advance = (ms: number) => {
    clock.offset += ms;
  };
  return clock;
}

export interface Infra {
  redis: RedisServerProcess;
  api: TestApi;
  sandbox: RunningSandbox;
  sandboxClock: MovableClock;
  keyFile: string;
  stop(): Promise<void>;
}

let twinPhones = 0;

/**
 * Another person just like `base` (same behaviour, OTP and faults) with their own id, phone,
 * CI and DI: the sandbox's DI is per persona, and one person can belong to one account only.
 */
export function twin(base: MokPersona, tag: string, overrides: Partial<MokPersona> = {}): MokPersona {
  twinPhones += 1;
  return {
    ...base,
    id: `${base.id}-${tag}`,
    phone: `0104200${String(twinPhones).padStart(4, '0')}`,
    ...overrides,
  };
}

let kcbTwins = 0;

/** A KCB person just like `base` with their own id (so CI and DI) and phone. */
export function kcbTwin(base: KcbPersona, tag: string): KcbPersona {
  kcbTwins += 1;
  return { ...base, id: `${base.id}-${tag}`, phone: `0104300${String(kcbTwins).padStart(4, '0')}` };
}

/** Redis, the api and the sandbox (mobile-ok with generated dev keys, KCB, SSAFY), on free ports. */
export async function startInfra(
  options: {
    personas?: readonly MokPersona[];
    kcbPersonas?: readonly KcbPersona[];
    ssafyPersonas?: readonly SsafyPersona[];
  } = {},
): Promise<Infra> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mfv-verify-test-'));
  const sandboxClock = movableClock();
  const [redis, api, sandbox] = await Promise.all([
    startRedisServer(),
    startTestApi(),
    startServer({
      host: '127.0.0.1',
      port: 0,
      clock: sandboxClock,
      kakao: { apps: [{ clientId: 'unused', redirectUris: ['http://127.0.0.1/unused'] }] },
      kcb: {
        clients: [
          {
            clientId: KCB_CLIENT_ID,
            clientSecret: KCB_CLIENT_SECRET,
            memberCode: KCB_MEMBER_CODE,
            returnUrls: [KCB_RETURN_URL],
          },
        ],
        personas: [...KCB_PERSONAS, ...(options.kcbPersonas ?? [])],
      },
      // The issuer is the origin each request arrives at + /ssafy: the sandbox's own URL.
      ssafy: {
        clients: [{ clientId: SSAFY_CLIENT_ID, redirectUris: [SSAFY_REDIRECT_URI] }],
        personas: [...SSAFY_PERSONAS, ...(options.ssafyPersonas ?? [])],
      },
      mobileOk: {
        serviceId: 'verify-test-service',
        siteUrls: [SITE_URL],
        arsCodes: [ARS_CODE],
        keys: { dir: path.join(dir, 'mok'), password: KEY_PASSWORD },
        personas: [...MOK_PERSONAS, ...(options.personas ?? [])],
      },
    }),
  ]);
  const keyFile = sandbox.app.sandbox.mobileOk?.keys?.keyFile;
  if (keyFile === undefined) throw new Error('the sandbox generated no key file');
  return {
    redis,
    api,
    sandbox,
    sandboxClock,
    keyFile: String(keyFile),
    async stop() {
      await Promise.allSettled([sandbox.close(), api.close(), redis.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function mokSettingsFor(infra: Infra, overrides: Partial<MokSettings> = {}): MokSettings {
  return {
    environment: 'sandbox',
    sandboxBaseUrl: `${infra.sandbox.url}/mok`,
    keyFile: infra.keyFile,
    keyPassword: KEY_PASSWORD,
    siteUrl: SITE_URL,
    arsCode: ARS_CODE,
    clientTxPrefix: 'MFVT',
    tokenRequestVersion: 'v1',
    connectTimeoutMs: 1_000,
    timeoutMs: MOK_TIMEOUT_MS,
    confirmMaxAttempts: 3,
    ...overrides,
  };
}

export function kcbOptionsFor(
  infra: Infra,
  overrides: Partial<KcbClientOptions> = {},
): KcbClientOptions & { returnUrl: string } {
  return {
    apiBaseUrl: `${infra.sandbox.url}/kcb/api`,
    popupUrl: `${infra.sandbox.url}/kcb/safe/CommonSvl`,
    memberCode: KCB_MEMBER_CODE,
    clientId: KCB_CLIENT_ID,
    clientSecret: KCB_CLIENT_SECRET,
    siteName: 'MFV 테스트',
    siteUrl: PUBLIC_ORIGIN,
    connectTimeoutMs: 1_000,
    timeoutMs: PROVIDER_TIMEOUT_MS,
    returnUrl: KCB_RETURN_URL,
    ...overrides,
  };
}

export function ssafyOptionsFor(
  infra: Infra,
  overrides: Partial<SsafyClientOptions> = {},
): SsafyClientOptions {
  return {
    issuer: `${infra.sandbox.url}/ssafy`,
    clientId: SSAFY_CLIENT_ID,
    redirectUri: SSAFY_REDIRECT_URI,
    scopes: ['ssafy.affiliation'],
    connectTimeoutMs: 1_000,
    timeoutMs: PROVIDER_TIMEOUT_MS,
    ...overrides,
  };
}

export interface VerifyServer {
  url: string;
  auth: Auth;
  runtime: VerifyRuntime;
  redisClient: RedisClient;
  transactions: TransactionStore;
  /** The transaction store's keyspace (see `transactionKeys`). */
  keys: Keyspace;
  close(): Promise<void>;
}

const ROUTES: Record<string, RouteName> = {
  '/verify/api/mok/start': 'mokStart',
  '/verify/api/mok/request': 'mokRequest',
  '/verify/api/mok/resend': 'mokResend',
  '/verify/api/mok/call': 'mokCall',
  '/verify/api/mok/confirm': 'mokConfirm',
  '/verify/api/verification/result': 'verificationResult',
  '/verify/api/kcb/start': 'kcbStart',
  '/verify/api/ssafy/start': 'ssafyStart',
  '/verify/api/ssafy/start-redirect': 'ssafyStartRedirect',
  '/verify/api/ssafy/verify-token': 'ssafyVerifyToken',
};

const API_CONTEXT = { previewModeId: '', previewModeEncryptionKey: '', previewModeSigningKey: '' };

/**
 * The verify API on a free port: the route definitions of src/routes.ts bound to a
 * runtime over `infra`, plus GET /verify/api/auth/csrf.
 */
export async function startVerifyServer(
  infra: Infra,
  options: {
    store?: TransactionStoreOptions;
    mok?: Partial<MokSettings>;
    kcb?: Partial<KcbClientOptions>;
    ssafy?: Partial<SsafyClientOptions>;
    now?: () => Date;
    redisUrl?: string;
    /** Rate limits (off unless given); servers given the same `prefix` share counters. */
    limits?: { table: LimitTable; prefix: string };
  } = {},
): Promise<VerifyServer> {
  const redisUrl = options.redisUrl ?? infra.redis.url;
  const config = authConfigFromEnv({
    NODE_ENV: 'test',
    AUTH_API_URL: infra.api.url,
    AUTH_PUBLIC_ORIGIN: PUBLIC_ORIGIN,
    API_INTERNAL_TOKEN: TEST_API_INTERNAL_TOKEN,
    REDIS_URL: redisUrl,
  });
  const redisClient = createRedis(redisUrl, { logger: null });
  await waitForRedis(redisClient).catch(() => undefined);
  const auth = createAuth({ config, store: new SessionStore(redisClient) });
  const keys = uniqueKeyspace('verify-test');
  const transactions = new TransactionStore(redisClient, config.cookie, { keys, ...options.store });
  const settings = mokSettingsFor(infra, options.mok);
  const runtime = createVerifyRuntime({
    auth,
    transactions,
    mok: lazyMokClient(async () => settings),
    kcb: lazyKcbAccess(async () => kcbOptionsFor(infra, options.kcb)),
    ssafy: lazySsafyAccess(async () => ssafyOptionsFor(infra, options.ssafy)),
    ...(options.now ? { now: options.now } : {}),
    ...(options.limits
      ? { limits: new RateLimits(redisClient, options.limits.table, options.limits.prefix) }
      : {}),
  });
  const handlers = new Map<string, NextApiHandler>();
  for (const [pathname, name] of Object.entries(ROUTES))
    handlers.set(
      pathname,
      bindRoute(API_ROUTES[name], () => runtime),
    );
  handlers.set('/verify/api/auth/csrf', (req, res) => auth.csrfHandler(req, res));
  // KCB's return URL and the route it is rewritten to (next.config.mjs).
  const kcbCallback = bindKcbCallback(() => runtime);
  handlers.set('/verify/api/kcb/callback', kcbCallback);
  handlers.set('/verify/kcb/callback', kcbCallback);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://verify.test');
    const handler = handlers.get(url.pathname);
    void apiResolver(
      req,
      res,
      Object.fromEntries(url.searchParams),
      // As every route file exports it: Next's body parser off, bodies read by readJsonBody (docs/security.md F7).
      { default: handler, config: { api: { bodyParser: false } } },
      API_CONTEXT as never,
      false,
      false,
      url.pathname,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    auth,
    runtime,
    redisClient,
    transactions,
    keys,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeRedis(redisClient);
    },
  };
}

/** An http URL where nothing listens (a port just freed): a provider that is down. */
export async function freePortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
