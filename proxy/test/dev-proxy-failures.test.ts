import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { NEXT_APPS, type NextAppName } from '@mfv/topology';
import { createDevProxy } from '../src/dev-proxy.js';
import type { Upstreams } from '../src/upstreams.js';
import { listen, rawGet } from './helpers.js';
import { freePort } from '@mfv/testkit/ports';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))),
  );
});

async function upstreamsAllAt(port: number): Promise<Upstreams> {
  const upstreams = {} as Upstreams;
  for (const app of NEXT_APPS) upstreams[app as NextAppName] = { host: '127.0.0.1', port };
  return upstreams;
}

describe('dev proxy failure answers', () => {
  it('answers 502 UPSTREAM_UNAVAILABLE at once when the upstream is down, with the request id', async () => {
    const logs: Record<string, unknown>[] = [];
    const proxy = createDevProxy({
      upstreams: await upstreamsAllAt(await freePort()),
      log: (e) => logs.push(e),
    });
    servers.push(proxy);
    const port = await listen(proxy);
    const started = Date.now();
    const res = await rawGet(port, '/verify/api/x', { 'x-request-id': 'req-1' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body)).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'The service is not reachable right now.',
      requestId: 'req-1',
    });
    expect(res.headers['x-request-id']).toBe('req-1');
    expect(logs).toEqual([
      expect.objectContaining({ msg: 'upstream failed', requestId: 'req-1', path: '/verify/api/x' }),
    ]);
  });

  it('answers 504 UPSTREAM_TIMEOUT when the upstream accepts but never answers', async () => {
    const silent = http.createServer(() => {
      /* never answers */
    });
    servers.push(silent);
    const upstreamPort = await listen(silent);
    const proxy = createDevProxy({
      upstreams: await upstreamsAllAt(upstreamPort),
      upstreamTimeoutMs: 300,
      log: () => {},
    });
    servers.push(proxy);
    const port = await listen(proxy);
    const started = Date.now();
    const res = await rawGet(port, '/');
    const elapsed = Date.now() - started;
    expect(res.status).toBe(504);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
  });

  it('answers 400 BAD_PATH for paths that cannot be normalised, without calling any upstream', async () => {
    let called = false;
    const upstream = http.createServer((_req, res) => {
      called = true;
      res.end('x');
    });
    servers.push(upstream);
    const proxy = createDevProxy({ upstreams: await upstreamsAllAt(await listen(upstream)), log: () => {} });
    servers.push(proxy);
    const port = await listen(proxy);
    for (const bad of ['/%zz', '/../x', '/a/%00']) {
      const res = await rawGet(port, bad);
      expect(res.status, bad).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'BAD_PATH' });
    }
    expect(called).toBe(false);
  });
});
