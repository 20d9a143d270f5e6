import { meResponseSchema } from '@mfv/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../src/auth.js';
import { sessionKey } from '../src/session-store.js';
import { csrfToken } from '../src/csrf.js';
import { AUTH_RETRY_AFTER_SECONDS } from '../src/errors.js';
import {
  authProcess,
  closeRedis,
  cookieHeader,
  ORIGIN,
  serve,
  setCookies,
  startEnv,
  type Env,
} from './harness.js';
import type { RedisClient } from '@mfv/redis';

let env: Env;
let auth: Auth;
let redis: RedisClient;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  env = await startEnv();
  ({ auth, redis } = await authProcess(env.config));
  server = await serve(
    auth.withAuth(async (req, res) => {
      const me = await req.auth.api('/users/me', { schema: meResponseSchema });
      res
        .status(200)
        .json({ sub: req.auth.sub, sid: req.auth.sid, nickname: me.nickname, method: req.method });
    }),
  );
});

afterAll(async () => {
  await server?.close();
  await closeRedis(redis);
  await env?.close();
});

/** Signs up through the real api and stores the session the way the login route does. */
async function login(nickname = '민준') {
  const tokens = await env.api.signUp(nickname);
  const cookies: string[] = [];
  await auth.startSession(
    { getHeader: () => undefined, setHeader: (_: string, v: string[]) => cookies.push(...v) } as never,
    tokens,
  );
  return { tokens, at: tokens.accessToken, sid: tokens.sessionId };
}

/** Time passes: the access token Redis holds for the session has expired (as the cookie has). */
async function expireStoredAccessToken(sid: string) {
  const key = sessionKey(sid);
  const record = JSON.parse((await redis.get(key))!) as Record<string, unknown>;
  await redis.set(key, JSON.stringify({ ...record, accessExpiresAt: 0 }), 'KEEPTTL');
}

const get = (cookies: Record<string, string | undefined>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/`, { headers: { cookie: cookieHeader(cookies), ...headers } });

describe('withAuth', () => {
  it('a valid access token passes without touching Redis, and the handler calls the api with Bearer', async () => {
    const { at, tokens } = await login('서연');
    const res = await get({ mfv_at: at });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      sub: tokens.user.id,
      sid: tokens.sessionId,
      nickname: '서연',
      method: 'GET',
    });
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('no cookies → 401 AUTH_REQUIRED with a code and a message', async () => {
    const res = await get({});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'AUTH_REQUIRED', message: expect.stringContaining('로그인') });
  });

  it('a missing (expired and dropped) access token with a session refreshes, runs the handler and rotates the cookie', async () => {
    const { sid, tokens } = await login();
    await expireStoredAccessToken(sid);
    const before = env.refreshesAtApi();
    const res = await get({ mfv_sid: sid });
    expect(res.status).toBe(200);
    expect(env.refreshesAtApi() - before).toBe(1);
    const cookies = setCookies(res);
    const at = cookies.get('mfv_at');
    expect(at?.value).toMatch(/^ey/);
    expect(at?.value).not.toBe(tokens.accessToken);
    expect(at?.attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']));
    expect(at?.attributes.find((a) => a.startsWith('Max-Age='))).toMatch(/^Max-Age=(899|900)$/);
    expect(at?.attributes).not.toContain('Secure');
    expect(cookies.get('mfv_sid')?.value).toBe(sid);

    // The new access token works on its own, with no further refresh.
    const again = await get({ mfv_at: at!.value, mfv_sid: sid });
    expect(again.status).toBe(200);
    expect(env.refreshesAtApi() - before).toBe(1);
  });

  it('an invalid access token with a session is treated like an expired one (refresh by the session)', async () => {
    const { sid } = await login();
    await expireStoredAccessToken(sid);
    const res = await get({ mfv_at: 'not-a-jwt', mfv_sid: sid });
    expect(res.status).toBe(200);
    expect(setCookies(res).get('mfv_at')?.value).toMatch(/^ey/);
  });

  it('an access token of another session than the session cookie is not used', async () => {
    const a = await login();
    const b = await login();
    const res = await get({ mfv_at: a.at, mfv_sid: b.sid });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { sid: string }).sid).toBe(b.sid);
  });

  it('a session Redis no longer knows → 401 SESSION_EXPIRED and both cookies cleared', async () => {
    const res = await get({ mfv_sid: 'unknown-session' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('SESSION_EXPIRED');
    const cookies = setCookies(res);
    expect(cookies.get('mfv_at')?.attributes).toContain('Max-Age=0');
    expect(cookies.get('mfv_sid')?.attributes).toContain('Max-Age=0');
  });

  it('a reused refresh token: the api revokes the family, the session ends, cookies are cleared', async () => {
    const { sid, tokens } = await login();
    await expireStoredAccessToken(sid);
    const first = await get({ mfv_sid: sid });
    expect(first.status).toBe(200);
    // Someone replays the spent refresh token after the grace window would matter: put it back.
    const record = JSON.parse((await redis.get(sessionKey(sid)))!) as Record<string, unknown>;
    await redis.set(
      sessionKey(sid),
      JSON.stringify({
        ...record,
        refreshToken: tokens.refreshToken,
        accessToken: 'stale',
        accessExpiresAt: 0,
        generation: 99,
      }),
    );
    // Within the api's grace window a retry of the immediate predecessor returns the same
    // successor, so rotate once more to make the original token two generations old.
    const spent = await fetch(`${env.api.url}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: record.refreshToken }),
    });
    expect(spent.status).toBe(200);
    const res = await get({ mfv_sid: sid });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('SESSION_EXPIRED');
    expect(setCookies(res).get('mfv_sid')?.attributes).toContain('Max-Age=0');
    expect(await redis.get(sessionKey(sid))).toBeNull();
    // The whole family is gone at the api too: the newest token of the family is refused.
    const newest = (await spent.json()) as { refreshToken: string };
    const revoked = await fetch(`${env.api.url}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: newest.refreshToken }),
    });
    expect(revoked.status).toBe(401);
  });
});

describe('CSRF on state-changing requests', () => {
  const post = (cookies: Record<string, string | undefined>, headers: Record<string, string>) =>
    fetch(`${server.url}/`, { method: 'POST', headers: { cookie: cookieHeader(cookies), ...headers } });

  it('needs a same-origin Origin (or Sec-Fetch-Site: same-origin) and a token bound to the session', async () => {
    const { at, sid } = await login();
    const token = csrfToken(env.config, sid);
    const ok = await post(
      { mfv_at: at, mfv_sid: sid, mfv_csrf: token },
      { origin: ORIGIN, 'x-csrf-token': token },
    );
    expect(ok.status).toBe(200);
    const fetchMetadata = await post(
      { mfv_at: at, mfv_sid: sid, mfv_csrf: token },
      { 'sec-fetch-site': 'same-origin', 'x-csrf-token': token },
    );
    expect(fetchMetadata.status).toBe(200);

    const cases: [string, Record<string, string | undefined>, Record<string, string>, string][] = [
      [
        'no Origin, no fetch metadata',
        { mfv_at: at, mfv_sid: sid, mfv_csrf: token },
        { 'x-csrf-token': token },
        'CSRF_ORIGIN',
      ],
      [
        'cross-site Origin',
        { mfv_at: at, mfv_sid: sid, mfv_csrf: token },
        { origin: 'https://evil.example', 'x-csrf-token': token },
        'CSRF_ORIGIN',
      ],
      [
        'cross-site fetch metadata',
        { mfv_at: at, mfv_sid: sid, mfv_csrf: token },
        { 'sec-fetch-site': 'cross-site', 'x-csrf-token': token },
        'CSRF_ORIGIN',
      ],
      ['no token', { mfv_at: at, mfv_sid: sid, mfv_csrf: token }, { origin: ORIGIN }, 'CSRF_TOKEN'],
      [
        'header without cookie',
        { mfv_at: at, mfv_sid: sid },
        { origin: ORIGIN, 'x-csrf-token': token },
        'CSRF_TOKEN',
      ],
      [
        'header differs from cookie',
        { mfv_at: at, mfv_sid: sid, mfv_csrf: token },
        { origin: ORIGIN, 'x-csrf-token': csrfToken(env.config, sid) },
        'CSRF_TOKEN',
      ],
      [
        'token of another session',
        { mfv_at: at, mfv_sid: sid, mfv_csrf: csrfToken(env.config, 'other') },
        { origin: ORIGIN, 'x-csrf-token': csrfToken(env.config, 'other') },
        'CSRF_TOKEN',
      ],
      [
        'forged token',
        { mfv_at: at, mfv_sid: sid, mfv_csrf: 'abc.def' },
        { origin: ORIGIN, 'x-csrf-token': 'abc.def' },
        'CSRF_TOKEN',
      ],
    ];
    for (const [name, cookies, headers, code] of cases) {
      const res = await post(cookies, headers);
      expect({ name, status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({
        name,
        status: 403,
        code,
      });
    }
  });
});

describe('Redis unavailable', () => {
  it('valid tokens keep working, a needed refresh answers 503 + Retry-After without clearing cookies, and it recovers', async () => {
    const { at } = await login();
    const other = await login();
    await expireStoredAccessToken(other.sid);
    await env.redisServer.stop();
    try {
      const withToken = await get({ mfv_at: at });
      expect(withToken.status).toBe(200);

      const started = Date.now();
      const needsRefresh = await get({ mfv_sid: other.sid });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(needsRefresh.status).toBe(503);
      expect(needsRefresh.headers.get('retry-after')).toBe(String(AUTH_RETRY_AFTER_SECONDS));
      expect(((await needsRefresh.json()) as { code: string }).code).toBe('AUTH_UNAVAILABLE');
      expect(needsRefresh.headers.getSetCookie()).toEqual([]);
    } finally {
      // Same port: the client reconnects by itself.
      env.redisServer = await (
        await import('@mfv/testkit/redis')
      ).startRedisServer({ port: env.redisServer.port });
    }
    // Redis restarted empty (no persistence in tests): re-store the session as a durable Redis
    // would have kept it, once the client has reconnected by itself.
    await expect
      .poll(
        () =>
          auth.startSession({ getHeader: () => undefined, setHeader: () => {} } as never, other.tokens).then(
            () => 'stored',
            () => 'not yet',
          ),
        { timeout: 10_000, interval: 200 },
      )
      .toBe('stored');
    await expireStoredAccessToken(other.sid);
    await expect
      .poll(async () => (await get({ mfv_sid: other.sid })).status, { timeout: 10_000, interval: 250 })
      .toBe(200);
  });
});
