import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServerProcess } from '@mfv/testkit/redis';
import { READINESS_DEADLINE_MS, readinessHandler, type ReadinessReport } from '../src/health.js';

/** A stand-in for the api and the remotes: answers per path as `routes` says (or never). */
function fakeServer(routes: Record<string, number | 'hang'>) {
  const server = http.createServer((req, res) => {
    const route = routes[(req.url ?? '').split('?')[0]!];
    if (route === 'hang') return; // never answers
    res.statusCode = route ?? 404;
    res.end(req.method === 'HEAD' ? undefined : '{}');
  });
  return server;
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

const DETAILS_TOKEN = 'readiness-test-service-token-0123456789abcdef';

async function probe(
  handler: ReturnType<typeof readinessHandler>,
  headers: Record<string, string> = { 'x-internal-token': DETAILS_TOKEN },
) {
  const server = http.createServer((req, res) => void handler(req, res));
  const port = await listen(server);
  try {
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers });
    return {
      status: res.status,
      ms: performance.now() - started,
      retryAfter: res.headers.get('retry-after'),
      cache: res.headers.get('cache-control'),
      body: (await res.json()) as ReadinessReport,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

describe('readiness of a Next app (/<basePath>/api/readyz)', () => {
  let redis: RedisServerProcess;
  const api = { '/readyz': 200 as number | 'hang' };
  const apiServer = fakeServer(api);
  const remote: Record<string, number | 'hang'> = {
    '/verify/api/healthz': 200,
    '/verify/_next/static/ssr/remoteEntry.js': 200,
  };
  const remoteServer = fakeServer(remote);
  const saved = { ...process.env };
  const logged: Record<string, unknown>[] = [];
  const write = process.stderr.write.bind(process.stderr);

  beforeAll(async () => {
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = String(chunk);
      if (text.startsWith('{"time"')) logged.push(JSON.parse(text) as Record<string, unknown>);
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    redis = await startRedisServer();
    const remotePort = await listen(remoteServer);
    process.env.REDIS_URL = redis.url;
    process.env.API_INTERNAL_TOKEN = DETAILS_TOKEN;
    process.env.AUTH_API_URL = `http://127.0.0.1:${await listen(apiServer)}`;
    // verify answers on the fake; user and notice point at a port nobody listens on.
    process.env.MFV_VERIFY_HOST = '127.0.0.1';
    process.env.MFV_VERIFY_PORT = String(remotePort);
    process.env.MFV_USER_PORT = '1';
    process.env.MFV_NOTICE_PORT = '2';
  });
  afterAll(async () => {
    process.stderr.write = write;
    process.env = saved;
    await redis?.stop();
    apiServer.closeAllConnections();
    remoteServer.closeAllConnections();
    apiServer.close();
    remoteServer.close();
  });

  it('is ready when Redis answers PING as a master and the api is ready', async () => {
    const res = await probe(readinessHandler('notice'));
    expect(res.status).toBe(200);
    expect(res.cache).toBe('no-store');
    expect(res.body).toMatchObject({
      status: 'ok',
      app: 'notice',
      checks: { redis: { ok: true, mode: 'standalone', role: 'master' }, api: { ok: true } },
    });
  });

  it('F11: anonymous callers get the status only, from one run per window; a wrong token is anonymous', async () => {
    let runs = 0;
    const handler = readinessHandler('notice', () => [
      {
        name: 'counted',
        kind: 'required',
        async run() {
          runs += 1;
          return { ok: true, latencyMs: 1, role: 'master' };
        },
      },
    ]);
    const anonymous = await probe(handler, {});
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ status: 'ok' });
    const wrong = await probe(handler, { 'x-internal-token': 'guess' });
    expect(wrong.body).toEqual({ status: 'ok' });
    expect(runs).toBe(1);
    const detailed = await probe(handler);
    expect(detailed.body).toMatchObject({ status: 'ok', checks: { counted: { ok: true, role: 'master' } } });
    expect(runs).toBe(2);
  });

  it('is unavailable (503, Retry-After) while the api is not ready, and says so', async () => {
    api['/readyz'] = 503;
    try {
      const res = await probe(readinessHandler('user'));
      expect(res.status).toBe(503);
      expect(res.retryAfter).toBe('2');
      expect(res.body.checks.api).toMatchObject({ ok: false });
      // Why goes to the log, not to whoever asked (the endpoint is public behind the proxy).
      expect(JSON.stringify(res.body)).not.toContain('HTTP 503');
      expect(logged.at(-1)).toMatchObject({
        level: 'warn',
        msg: 'not ready',
        app: 'user',
        checks: { api: { ok: false, error: 'HTTP 503' } },
      });
      expect(res.body.checks.redis?.ok).toBe(true);
    } finally {
      api['/readyz'] = 200;
    }
  });

  it('answers within its deadline when a dependency hangs', async () => {
    api['/readyz'] = 'hang';
    try {
      const res = await probe(readinessHandler('verify'));
      expect(res.status).toBe(503);
      expect(res.ms).toBeLessThan(READINESS_DEADLINE_MS + 500);
    } finally {
      api['/readyz'] = 200;
    }
  });

  it('the shell reports each remote; one down degrades it without taking it out of rotation', async () => {
    const res = await probe(readinessHandler('shell'));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.checks.remotes).toMatchObject({
      ok: false,
      verify: { ok: true },
      user: { ok: false },
      notice: { ok: false },
    });
    expect(logged.at(-1)?.checks).toMatchObject({ remotes: { error: 'down: user, notice' } });
    remote['/verify/_next/static/ssr/remoteEntry.js'] = 404;
    const missingEntry = await probe(readinessHandler('shell'));
    expect(missingEntry.body.checks.remotes).toMatchObject({ verify: { ok: false } });
    expect(logged.at(-1)?.checks).toMatchObject({
      remotes: { verify: { ok: false, error: 'ssr entry: HTTP 404' } },
    });
  });

  it('is unavailable while Redis is down, within the deadline, and ready again when it is back', async () => {
    const port = redis.port;
    await redis.stop();
    const down = await probe(readinessHandler('notice'));
    expect(down.status).toBe(503);
    expect(down.body.checks.redis?.ok).toBe(false);
    expect(down.ms).toBeLessThan(READINESS_DEADLINE_MS + 500);
    redis = await startRedisServer({ port });
    await expect
      .poll(async () => (await probe(readinessHandler('notice'))).status, { timeout: 10_000, interval: 250 })
      .toBe(200);
  });
});
