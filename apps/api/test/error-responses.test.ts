import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import type { Db } from '../src/db/index.js';
import { createLogger } from '../src/logger.js';
import { bearer, describeEachDriver, signUp, TEST_INTERNAL_TOKEN } from './support/harness.js';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

/** The suite's database, except that queries (not pings) can be made to fail. */
function breakable(db: Db) {
  const state = { broken: false, pingBroken: false };
  const fail = () => Promise.reject(new Error('connection terminated unexpectedly (db password=hunter2)'));
  const wrapped: Db = {
    ...db,
    driver: db.driver,
    query: (sql, params) => (state.broken ? fail() : db.query(sql, params)),
    exec: (sql) => db.exec(sql),
    transaction: (fn) => (state.broken ? fail() : db.transaction(fn)),
    ping: () => (state.pingBroken ? fail() : db.ping()),
    close: async () => undefined,
  };
  return { db: wrapped, state };
}

describeEachDriver('error responses', (ctx) => {
  it('an unexpected error is a generic 500 {code: INTERNAL}: no stack or detail in the body, the cause in the log', async () => {
    const { logger, lines } = memoryLogger();
    const app = await ctx.makeApp({ logger });
    app.get('/boom', async () => {
      throw new Error('secret detail: table users is on fire');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    expect(res.body).not.toContain('fire');
    expect(res.body).not.toContain('at ');
    const logged = lines.find((l) => l.msg === 'unhandled error');
    expect(logged?.level).toBe(50);
    expect(JSON.stringify(logged)).toContain('secret detail: table users is on fire');
    expect(JSON.stringify(logged)).toContain('"stack"');
  });

  it('a database failure inside a route is the same generic 500', async () => {
    const { db, state } = breakable(ctx.db);
    const app = await ctx.makeApp({ db });
    const s = await signUp(app);
    state.broken = true;
    for (const [method, url, payload] of [
      ['GET', '/users/me', undefined],
      ['POST', '/auth/refresh', { refreshToken: s.refreshToken }],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: bearer(s.accessToken),
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ code: 'INTERNAL', message: 'Internal error' });
      expect(res.body).not.toContain('hunter2');
    }
  });

  it('a response that does not match its declared schema is a 500, not a leak', async () => {
    const app = await ctx.makeApp();
    const { z } = await import('zod');
    app.get('/leaky', { schema: { response: { 200: z.object({ ok: z.boolean() }) } } }, async () => ({
      ok: 'not a boolean' as unknown as boolean,
    }));
    const res = await app.inject({ method: 'GET', url: '/leaky' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: 'Internal error' });
  });

  it('validation failures are 400 {code, message, issues} naming every failed field', async () => {
    const app = await ctx.makeApp();
    const res = await app.inject({
      method: 'POST',
      url: '/users',
      headers: { 'x-internal-token': TEST_INTERNAL_TOKEN },
      payload: { nickname: '', consents: 'all' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toEqual(expect.stringMatching(/^body\.\w+: .+/));
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(
      ['body.consents', 'body.nickname', 'body.signupTicket'].sort(),
    );
  });

  it('malformed JSON, a wrong media type, an oversized body, an unknown route: 4xx with a code', async () => {
    const app = await ctx.makeApp();
    const badJson = await app.inject({
      method: 'POST',
      url: '/auth/refresh',
      headers: { 'content-type': 'application/json' },
      payload: '{"refreshToken":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toEqual({ code: 'BAD_REQUEST', message: expect.any(String) });

    const text = await app.inject({
      method: 'POST',
      url: '/auth/refresh',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const huge = await app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: 'x'.repeat(32 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('PAYLOAD_TOO_LARGE');

    const missing = await app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ code: 'NOT_FOUND', message: 'no route for GET /nope' });
  });

  it('/healthz is live without the database; /readyz reports whether the database answers', async () => {
    const { db, state } = breakable(ctx.db);
    const app = await ctx.makeApp({ db });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ok' });
    state.pingBroken = true;
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ code: 'DB_UNAVAILABLE', message: 'database unavailable' });
  });

  it('every response carries a request id (echoing the caller’s x-request-id)', async () => {
    const app = await ctx.makeApp();
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'req-123' } });
    expect(res.headers['x-request-id']).toBe('req-123');
    const generated = await app.inject({ method: 'GET', url: '/healthz' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

it('the logger redacts credentials and token values', () => {
  const { logger, lines } = memoryLogger();
  logger.info(
    {
      req: {
        headers: {
          authorization: 'Bearer secret-at',
          cookie: 'sid=secret-cookie',
          'x-internal-token': 'secret-it',
        },
      },
      res: { headers: { 'set-cookie': 'Auth=secret-set-cookie' } },
      body: { refreshToken: 'secret-rt', signupTicket: 'secret-ticket', accessToken: 'secret-at2' },
      refreshToken: 'secret-rt2',
    },
    'request',
  );
  const out = JSON.stringify(lines);
  for (const secret of [
    'secret-at',
    'secret-cookie',
    'secret-it',
    'secret-set-cookie',
    'secret-rt',
    'secret-ticket',
  ]) {
    expect(out).not.toContain(secret);
  }
  expect(out).toContain('[redacted]');
  expect(lines[0]).toMatchObject({ service: 'api', msg: 'request', time: expect.stringMatching(/Z$/) });
});
