import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ApiApp } from '../src/app.js';
import { migrate, openPglite, type Db } from '../src/db/index.js';
import { ApiError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import { initSentry, scrubApiEvent, type ErrorReporter } from '../src/sentry.js';
import { generateSigningKeyPem, loadKeySet } from '../src/tokens/keys.js';
import { DEFAULT_SETTINGS, TEST_INTERNAL_TOKEN, TEST_SEAL_SECRET, testCiKeys } from './support/harness.js';

/**
 * Sentry in the api, end to end without the internet: a local HTTP server plays Sentry's
 * ingest (the DSN points at it), a route fails unexpectedly, and the envelope that arrives is
 * read — request id attached, nothing secret in it.
 */
describe('unexpected errors reach Sentry with the request id, scrubbed', () => {
  const envelopes: string[] = [];
  const ingest = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      envelopes.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const logLines: Record<string, unknown>[] = [];
  let app: ApiApp;
  let db: Db;
  let reporter: ErrorReporter | undefined;

  beforeAll(async () => {
    await new Promise<void>((r) => ingest.listen(0, '127.0.0.1', () => r()));
    const port = (ingest.address() as AddressInfo).port;
    reporter = initSentry({
      SENTRY_DSN: `http://publickey@127.0.0.1:${port}/42`,
      SENTRY_ENVIRONMENT: 'test',
      SENTRY_RELEASE: 'mfv-api@test',
    });
    db = await openPglite();
    await migrate(db);
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    app = await buildApp({
      db,
      keys: await loadKeySet({ pem: generateSigningKeyPem(), source: 'test' }),
      sealSecret: TEST_SEAL_SECRET,
      internalToken: TEST_INTERNAL_TOKEN,
      ciKeys: testCiKeys,
      settings: DEFAULT_SETTINGS,
      logger: createLogger('info', sink),
      onUnexpectedError: (error, req) => reporter!.capture(error, req),
    });
    app.post('/test/boom', async () => {
      throw new Error('database exploded');
    });
    app.get('/test/outage', async () => {
      throw new ApiError('DB_UNAVAILABLE', 'database unavailable');
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await reporter?.close(1_000);
    ingest.close();
  });

  it('is off without a DSN', () => {
    expect(initSentry({ SENTRY_ENVIRONMENT: 'production' })).toBeUndefined();
  });

  it('sends the error tagged with the x-request-id, never the token, body or query', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/test/boom?code=oauth-code-secret',
      headers: {
        'x-request-id': 'req-sentry-1',
        authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.secret-token',
        'x-internal-token': TEST_INTERNAL_TOKEN,
        cookie: 'mfv_sid=session-secret',
      },
      payload: { refreshToken: 'refresh-secret' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    await reporter!.close(2_000);

    const sent = envelopes.join('\n');
    expect(sent).toContain('database exploded');
    expect(sent).toContain('"request_id":"req-sentry-1"');
    expect(sent).toContain('"environment":"test"');
    expect(sent).toContain('"/test/boom"');
    for (const secret of [
      'secret-token',
      TEST_INTERNAL_TOKEN,
      'session-secret',
      'refresh-secret',
      'oauth-code',
    ]) {
      expect(sent).not.toContain(secret);
    }
    // The same id is in the api's JSON log line for the failure.
    expect(logLines).toContainEqual(
      expect.objectContaining({ requestId: 'req-sentry-1', msg: 'unhandled error', level: 50 }),
    );
  });

  it('an expected outage (503) is logged but not reported', async () => {
    await reporter!.close(2_000);
    const before = envelopes.length;
    const res = await app.inject({ method: 'GET', url: '/test/outage' });
    expect(res.statusCode).toBe(503);
    await reporter!.close(2_000);
    expect(envelopes.length).toBe(before);
    expect(logLines).toContainEqual(expect.objectContaining({ msg: 'database unavailable', level: 50 }));
  });

  it('scrubs request data Sentry integrations would attach', () => {
    const event = scrubApiEvent({
      request: {
        url: 'http://api:4000/auth/refresh?x=1',
        cookies: { mfv_sid: 's' },
        data: '{"refreshToken":"r"}',
        query_string: 'x=1',
        headers: { authorization: 'Bearer t', 'x-internal-token': 'i', 'x-request-id': 'abc' },
      },
      breadcrumbs: [{ data: { url: 'http://sandbox/kakao?code=c' } }],
    });
    expect(event).toEqual({
      request: { url: 'http://api:4000/auth/refresh', headers: { 'x-request-id': 'abc' } },
      breadcrumbs: [{ data: { url: 'http://sandbox/kakao' } }],
    });
  });

  it('replaces a malformed x-request-id instead of logging it', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\n{}' },
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
