import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authProcess, closeRedis, cookieHeader, serve, startEnv, type Env } from './harness.js';

/** A stand-in for Sentry's ingest endpoint: records the envelopes the SDK posts. */
const envelopes: string[] = [];
const ingest = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    envelopes.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
    res.end('{}');
  });
});
let env: Env;

beforeAll(async () => {
  await new Promise<void>((r) => ingest.listen(0, '127.0.0.1', () => r()));
  Sentry.init({
    dsn: `http://public@127.0.0.1:${(ingest.address() as AddressInfo).port}/1`,
    sendDefaultPii: false,
    tracesSampleRate: 0,
  });
  env = await startEnv();
});

afterAll(async () => {
  await Sentry.close(2000);
  ingest.closeAllConnections();
  await new Promise<void>((r) => ingest.close(() => r()));
  await env?.close();
});

describe('unexpected errors', () => {
  it('answer a generic 500 and reach Sentry tagged with the request id, without cookies or tokens', async () => {
    const { auth, redis } = await authProcess(env.config);
    const session = await env.api.signUp('센트리');
    const server = await serve(
      auth.withAuth(() => {
        throw new TypeError('handler bug');
      }),
    );
    try {
      const res = await fetch(`${server.url}/`, {
        headers: { cookie: cookieHeader({ mfv_at: session.accessToken }), 'x-request-id': 'req-sentry-1' },
      });
      expect(res.status).toBe(500);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toEqual({ code: 'INTERNAL', message: expect.any(String), requestId: 'req-sentry-1' });
      expect(JSON.stringify(body)).not.toContain('handler bug');
      await Sentry.flush(2000);
      const event = envelopes.find((e) => e.includes('handler bug'));
      expect(event).toBeDefined();
      expect(event).toContain('"request_id":"req-sentry-1"');
      expect(event).not.toContain(session.accessToken);
      expect(event).not.toMatch(/"cookies?":/);
      expect(event).not.toContain(session.sessionId);
    } finally {
      await server.close();
      await closeRedis(redis);
    }
  });
});
