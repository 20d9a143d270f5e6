/**
 * POST /user/api/login/toss — the route file itself behind Next's API resolver, over real HTTP, with
 * the environment `pnpm start` reads: the sandbox (emulated Toss app + partner API over mTLS), the
 * api (PGlite), a redis-server. Bad input, CSRF, a replayed code and the per-IP rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, serve, type Served } from './support/serve';
import { appLogin, ORIGIN, startWorld, type World, routeEnv } from './toss-kit';

const LIMIT = 8;
const KOREAN_SENTENCE = /[가-힣].*요\.$/;

let world: World;
let served: Served;
const saved = { ...process.env };
let nextIp = 1;
/** A fresh client address per test: each gets its own rate-limit bucket. */
const freshIp = () => `198.51.100.${nextIp++}`;

beforeAll(async () => {
  world = await startWorld();
  // Before the route's first request: the runtime reads the environment once.
  Object.assign(process.env, routeEnv(world, 'user-toss-route-cookie-secret-0123456789'), {
    USER_LIMIT_LOGIN_IP: `${LIMIT}/60`,
  });
  served = await serve(
    apiRoutes({
      '/user/api/login/toss': (await import('../src/pages/api/login/toss')).default,
      '/user/api/auth/csrf': (await import('../src/pages/api/auth/csrf')).default,
    }),
  );
}, 90_000);

afterAll(async () => {
  await served?.close();
  await world?.close();
  process.env = saved;
});

/** A browser: its cookies, its address, and the CSRF token the page fetched. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly ip = freshIp()) {}
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const value = pair!.slice(at + 1);
      if (value === '' || /Max-Age=0/i.test(line)) this.cookies.delete(pair!.slice(0, at));
      else this.cookies.set(pair!.slice(0, at), value);
    }
  }
  async csrf(): Promise<string> {
    const res = await fetch(`${served.base}/user/api/auth/csrf`, {
      headers: { cookie: this.header(), 'x-forwarded-for': this.ip },
    });
    this.take(res);
    return ((await res.json()) as { token: string }).token;
  }
  async post(
    body: unknown,
    options: { token?: string; origin?: string | null; contentType?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown>; res: Response }> {
    const headers: Record<string, string> = {
      cookie: this.header(),
      'x-forwarded-for': this.ip,
      'content-type': options.contentType ?? 'application/json',
      accept: 'application/json',
    };
    if (options.origin !== null) headers.origin = options.origin ?? ORIGIN;
    if (options.token !== undefined) headers['x-csrf-token'] = options.token;
    const res = await fetch(`${served.base}/user/api/login/toss`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    this.take(res);
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, res };
  }
}

describe('POST /user/api/login/toss', () => {
  it('appLogin’s answer with a valid CSRF token: signed up or in, and told where to go (same-origin only)', async () => {
    const browser = new Browser();
    const token = await browser.csrf();
    const answer = await appLogin(world.sandbox.url, 'lee-seoyeon');
    const first = await browser.post({ ...answer, returnTo: '/notices' }, { token });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ redirectTo: '/user/signup' });
    expect(first.res.headers.get('cache-control')).toBe('no-store');
    expect(browser.cookies.has('mfv_signup')).toBe(true);
    // Nothing of the code comes back.
    expect(JSON.stringify(first.body)).not.toContain(answer.authorizationCode);

    // A foreign returnTo is never echoed.
    const other = new Browser();
    const answer2 = await appLogin(world.sandbox.url, 'lee-seoyeon');
    const second = await other.post(
      { ...answer2, returnTo: 'https://evil.example/' },
      { token: await other.csrf() },
    );
    expect(second.body).toEqual({ redirectTo: '/user/signup' });
  });

  it('refuses without CSRF (no token, a foreign Origin, another browser’s token) — and the code stays unspent', async () => {
    const browser = new Browser();
    const token = await browser.csrf();
    const answer = await appLogin(world.sandbox.url, 'kim-minjun');

    const noToken = await browser.post(answer);
    expect(noToken.status).toBe(403);
    expect(noToken.body.code).toBe('CSRF_TOKEN');
    expect(noToken.body.message).toMatch(KOREAN_SENTENCE);

    const foreign = await browser.post(answer, { token, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('CSRF_ORIGIN');

    const noOrigin = await browser.post(answer, { token, origin: null });
    expect(noOrigin.status).toBe(403);

    const stranger = new Browser();
    await stranger.csrf();
    const crossed = await stranger.post(answer, { token });
    expect(crossed.status).toBe(403);
    expect(crossed.body.code).toBe('CSRF_TOKEN');

    // None of those reached Toss: the same code still works with the right token.
    const ok = await browser.post(answer, { token });
    expect(ok.status).toBe(200);
  });

  it.each([
    ['no body', undefined],
    ['not an object', '"x"'],
    ['no code', { referrer: 'sandbox' }],
    ['an empty code', { authorizationCode: '', referrer: 'sandbox' }],
    ['a code with spaces', { authorizationCode: 'a b', referrer: 'sandbox' }],
    ['a code too long', { authorizationCode: 'a'.repeat(1025), referrer: 'sandbox' }],
    ['an unknown referrer', { authorizationCode: 'abc', referrer: 'EVIL' }],
    ['a number for the code', { authorizationCode: 42, referrer: 'DEFAULT' }],
    ['an unknown field', { authorizationCode: 'abc', referrer: 'DEFAULT', userKey: '1' }],
    ['a returnTo that is not a string', { authorizationCode: 'abc', referrer: 'DEFAULT', returnTo: 5 }],
  ])('400 {code, message} in Korean for %s', async (_name, body) => {
    const browser = new Browser();
    const token = await browser.csrf();
    const answer = await browser.post(body === undefined ? '' : body, { token });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_TOSS_LOGIN');
    expect(answer.body.message).toMatch(KOREAN_SENTENCE);
  });

  it('415 for a body that is not JSON; 405 for another method', async () => {
    const browser = new Browser();
    const token = await browser.csrf();
    const form = await browser.post('authorizationCode=x&referrer=DEFAULT', {
      token,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(form.body.message).toMatch(/[가-힣]/);
    const get = await fetch(`${served.base}/user/api/login/toss`, {
      headers: { 'x-forwarded-for': freshIp() },
    });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('a replayed authorizationCode → 400 invalid_grant in Korean; no session', async () => {
    const browser = new Browser();
    const token = await browser.csrf();
    const answer = await appLogin(world.sandbox.url, 'tran-thi-lan');
    expect((await browser.post(answer, { token })).status).toBe(200);

    const replayer = new Browser();
    const replay = await replayer.post(answer, { token: await replayer.csrf() });
    expect(replay.status).toBe(400);
    expect(replay.body).toEqual({
      code: 'invalid_grant',
      message: '로그인 정보가 만료되었거나 이미 사용되었어요. 토스 로그인을 다시 진행해 주세요.',
    });
    expect(replayer.cookies.has('mfv_sid')).toBe(false);
    expect(replayer.cookies.has('mfv_signup')).toBe(false);
  });

  it(`rate-limited per client IP: ${LIMIT} attempts, then 429 + Retry-After (bad attempts count too)`, async () => {
    const browser = new Browser();
    const token = await browser.csrf();
    for (let i = 0; i < LIMIT; i++) {
      expect(
        (await browser.post({ authorizationCode: `guess-${i}`, referrer: 'EVIL' }, { token })).status,
      ).toBe(400);
    }
    const refused = await browser.post(await appLogin(world.sandbox.url, 'kim-minjun'), { token });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(refused.body.message).toMatch(KOREAN_SENTENCE);
    const retryAfter = Number(refused.res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another address is not affected.
    const neighbour = new Browser();
    const fine = await neighbour.post(await appLogin(world.sandbox.url, 'kim-minjun'), {
      token: await neighbour.csrf(),
    });
    expect(fine.status).toBe(200);
  });
});
