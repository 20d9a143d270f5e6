import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BackendError, BackendUnavailableError, callApi } from '../src/backend.js';
import { testConfig } from './harness.js';

let seen: http.IncomingHttpHeaders[] = [];
let reply: (res: http.ServerResponse) => void = (res) => res.end('{}');
const server = http.createServer((req, res) => {
  seen.push(req.headers);
  reply(res);
});
let config: ReturnType<typeof testConfig>;

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  config = testConfig(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'redis://127.0.0.1:1', {
    backendTimeoutMs: 300,
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('calls to the api', () => {
  it('carry the bearer token and the request id, never cookies', async () => {
    seen = [];
    reply = (res) => res.end(JSON.stringify({ ok: true }));
    await callApi(config, '/x', { accessToken: 'at-1', requestId: 'req-9' });
    expect(seen[0]).toMatchObject({ authorization: 'Bearer at-1', 'x-request-id': 'req-9' });
    expect(seen[0]!.cookie).toBeUndefined();
  });

  it('4xx passes the api code on; 5xx, timeouts and contract breaks are unavailability', async () => {
    reply = (res) => {
      res.statusCode = 404;
      res.end(JSON.stringify({ code: 'NOTICE_NOT_FOUND', message: 'no such notice' }));
    };
    await expect(callApi(config, '/x')).rejects.toEqual(
      new BackendError(404, 'NOTICE_NOT_FOUND', 'no such notice'),
    );
    reply = (res) => {
      res.statusCode = 500;
      res.end('boom');
    };
    await expect(callApi(config, '/x')).rejects.toBeInstanceOf(BackendUnavailableError);
    reply = () => {};
    const started = Date.now();
    await expect(callApi(config, '/x')).rejects.toBeInstanceOf(BackendUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_500);
    reply = (res) => res.end(JSON.stringify({ count: 'many' }));
    await expect(callApi(config, '/x', { schema: z.object({ count: z.number() }) })).rejects.toBeInstanceOf(
      BackendUnavailableError,
    );
  });

  it('reuses one keep-alive connection for calls in sequence; an oversized answer is unavailability', async () => {
    const sockets = new Set<unknown>();
    reply = (res) => {
      sockets.add(res.socket);
      res.end(JSON.stringify({ ok: true }));
    };
    for (let i = 0; i < 5; i++) await callApi(config, '/x', { body: { i } });
    expect(sockets.size).toBe(1);
    reply = (res) => res.end(JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }));
    await expect(callApi(config, '/x')).rejects.toBeInstanceOf(BackendUnavailableError);
  });
});
