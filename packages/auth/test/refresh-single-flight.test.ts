import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../src/auth.js';
import { sessionKey } from '../src/session-store.js';
import { authProcess, closeRedis, cookieHeader, serve, setCookies, startEnv, type Env } from './harness.js';
import type { RedisClient } from '@mfv/redis';

let env: Env;
const processes: { auth: Auth; redis: RedisClient; server: Awaited<ReturnType<typeof serve>> }[] = [];

beforeAll(async () => {
  env = await startEnv();
  // Two "Next server processes": separate runtimes and Redis connections, shared Redis and api.
  for (let i = 0; i < 2; i++) {
    const { auth, redis } = await authProcess(env.config);
    const server = await serve(
      auth.withAuth((req, res) => res.status(200).json({ at: req.auth.accessToken })),
    );
    processes.push({ auth, redis, server });
  }
});

afterAll(async () => {
  for (const p of processes) {
    await p.server.close();
    await closeRedis(p.redis);
  }
  await env?.close();
});

async function expiredSession() {
  const tokens = await env.api.signUp('폭주');
  await processes[0]!.auth.startSession({ getHeader: () => undefined, setHeader: () => {} } as never, tokens);
  const key = sessionKey(tokens.sessionId);
  const record = JSON.parse((await processes[0]!.redis.get(key))!) as Record<string, unknown>;
  await processes[0]!.redis.set(key, JSON.stringify({ ...record, accessExpiresAt: 0 }), 'KEEPTTL');
  return tokens;
}

describe('refresh once per session across processes', () => {
  it('120 concurrent requests with an expired access token over two processes: one refresh reaches the api, all succeed', async () => {
    const tokens = await expiredSession();
    const before = env.refreshesAtApi();
    const responses = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        fetch(`${processes[i % 2]!.server.url}/`, {
          headers: {
            cookie: cookieHeader({
              mfv_at: tokens.accessToken.slice(0, -4) + 'AAAA',
              mfv_sid: tokens.sessionId,
            }),
          },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(120).fill(200));
    expect(env.refreshesAtApi() - before).toBe(1);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { at: string }[];
    // Every request ran with the one successor, and every response hands it to the browser.
    expect(new Set(bodies.map((b) => b.at)).size).toBe(1);
    expect(new Set(responses.map((r) => setCookies(r).get('mfv_at')?.value)).size).toBe(1);
  });

  it('the api away during a refresh: the lock holder and the waiters answer 503 within the bound, cookies kept', async () => {
    const tokens = await expiredSession();
    // A black hole: accepts connections, never answers (the refresh timeout must fire).
    const hole = http.createServer(() => {});
    await new Promise<void>((r) => hole.listen(0, '127.0.0.1', () => r()));
    const { auth, redis } = await authProcess({
      ...env.config,
      apiUrl: `http://127.0.0.1:${(hole.address() as AddressInfo).port}`,
      refreshTimeoutMs: 500,
      lockTtlMs: 2_000,
    });
    const server = await serve(auth.withAuth((req, res) => res.status(200).json({})));
    try {
      const started = Date.now();
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${server.url}/`, { headers: { cookie: cookieHeader({ mfv_sid: tokens.sessionId }) } }),
        ),
      );
      const elapsed = Date.now() - started;
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(503));
      expect(responses.every((r) => r.headers.get('retry-after') === '3')).toBe(true);
      expect(responses.every((r) => r.headers.getSetCookie().length === 0)).toBe(true);
      expect(elapsed).toBeLessThan(2_500);
      // The session survives: once the api is back, the same session refreshes.
      const res = await fetch(`${processes[0]!.server.url}/`, {
        headers: { cookie: cookieHeader({ mfv_sid: tokens.sessionId }) },
      });
      expect(res.status).toBe(200);
    } finally {
      await server.close();
      await closeRedis(redis);
      hole.closeAllConnections();
      await new Promise<void>((r) => hole.close(() => r()));
    }
  });
});
