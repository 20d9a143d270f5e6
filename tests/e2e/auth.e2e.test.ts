import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createProxyServer } from 'http-proxy-3';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Service, type Site } from '@mfv/site';
import { kakaoLogin } from './flows.js';
import { ARTIFACTS, launchBrowser, startTestSite, watchProblems } from './harness.js';
import { freePort } from '@mfv/testkit/ports';

let site: Site;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  // Short access tokens so "stays signed in across expiry" happens within the test.
  [site, browser] = await Promise.all([
    startTestSite('auth', { API_ACCESS_TOKEN_TTL_SECONDS: '30' }),
    launchBrowser(),
  ]);
  context = await browser.newContext();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.stop();
});

async function cookie(name: string): Promise<string | undefined> {
  return (await context.cookies(site.url)).find((c) => c.name === name)?.value;
}

describe('Kakao login through the proxied site', () => {
  it('a new person signs up with a sandbox persona, sees their name and notices, marks one read, signs out', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    const visited: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && visited.push(frame.url()));

    await page.goto(`${site.url}/`);
    await expect
      .poll(() => page.locator('[data-slot-component="notice/NoticeList"]').getAttribute('data-state'))
      .toBe('signed-out');
    await page.locator('[data-slot-component="user/UserMenu"] a', { hasText: '로그인' }).click();
    await page.waitForURL(/\/user\/login\?returnTo=%2F/);
    await kakaoLogin(page, 'lee-seoyeon');

    // New member: the signup form, prefilled from Kakao.
    await page.waitForURL(`${site.url}/user/signup`);
    await expect.poll(() => page.locator('#nickname').inputValue()).toBe('서연');
    await page.fill('#nickname', '이서연');
    await page.check('input[name="agreeAll"]');
    await page.getByRole('button', { name: '가입하고 시작하기' }).click();

    await page.waitForURL(`${site.url}/`);
    await expect.poll(() => page.getByTestId('user-nickname').textContent()).toBe('이서연');
    const list = page.locator('[data-slot-component="notice/NoticeList"]');
    await expect.poll(() => list.getAttribute('data-state')).toBe('ready');
    const badge = page.getByTestId('notice-unread');
    const unreadBefore = Number(await badge.textContent());
    expect(unreadBefore).toBeGreaterThan(0);
    // A notice opens its own page, which marks it read.
    const marked = page.waitForResponse(
      (r) => /\/notice\/api\/notices\/[^/]+\/read$/.test(r.url()) && r.request().method() === 'POST',
    );
    await list.locator('li.unread a').first().click();
    await page.waitForURL(/\/notice\/[0-9a-f-]{36}$/);
    expect((await marked).status()).toBe(204);
    await page.goto(`${site.url}/`);

    // The read state is the server's: a fresh page shows the same count.
    await page.reload();
    await expect
      .poll(async () => Number(await page.getByTestId('notice-unread').textContent()))
      .toBe(unreadBefore - 1);

    // Cookies: HttpOnly, SameSite=Lax, not Secure on http://localhost; no refresh token in the browser.
    const cookies = await context.cookies(site.url);
    const at = cookies.find((c) => c.name === 'mfv_at');
    expect(at).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    expect(cookies.find((c) => c.name === 'mfv_sid')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.map((c) => c.name).sort()).not.toContain('refresh');

    // No token, code or personal data in any URL the page itself visited (besides Kakao's own code/state).
    for (const url of visited) {
      expect(url).not.toMatch(/accessToken|refreshToken|signupTicket|mfv_at|eyJ/);
    }

    await page.locator('[data-slot-component="user/UserMenu"] button.trigger').click();
    await page.getByRole('menuitem', { name: '로그아웃', exact: true }).click();
    await page.waitForURL(`${site.url}/`);
    await expect
      .poll(() => page.locator('[data-slot-component="user/UserMenu"]').getAttribute('data-signed-in'))
      .toBe('false');
    expect(await cookie('mfv_sid')).toBeUndefined();
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('a member signs in again and goes back to the page they came from; foreign returnTo values go home', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login?returnTo=${encodeURIComponent('/verification')}`);
    await kakaoLogin(page, 'lee-seoyeon');
    await page.waitForURL(`${site.url}/verification`);
    await expect.poll(() => page.getByTestId('user-nickname').textContent()).toBe('이서연');

    for (const hostile of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/%2F%2Fevil.example',
    ]) {
      await context.clearCookies();
      await page.goto(`${site.url}/user/login?returnTo=${encodeURIComponent(hostile)}`);
      await kakaoLogin(page, 'lee-seoyeon');
      await page.waitForURL(`${site.url}/`);
    }
    await page.close();
  });

  it('stays signed in across access-token expiry (the refresh happens on the server)', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    await expect.poll(() => page.getByTestId('user-nickname').textContent()).toBe('이서연');
    const before = await cookie('mfv_at');
    // The token lives 30 s; its cookie's Max-Age drops it from the browser when it expires.
    await page.waitForTimeout(31_000);
    expect(await cookie('mfv_at')).toBeUndefined();
    await page.reload();
    await expect.poll(() => page.getByTestId('user-nickname').textContent()).toBe('이서연');
    const after = await cookie('mfv_at');
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    await expect
      .poll(() => page.locator('[data-slot-component="notice/NoticeList"]').getAttribute('data-state'))
      .toBe('ready');
    await page.close();
  }, 60_000);
});

describe('refresh storm across two Next server processes', () => {
  it('120 concurrent requests of one session whose access token expired: one refresh reaches the api, all succeed', async () => {
    // Count refreshes on the wire: two notice processes talk to the api through this counter.
    let refreshes = 0;
    const apiUrl = site.env.AUTH_API_URL as string;
    const proxy = createProxyServer({ target: apiUrl });
    const counter = http.createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/auth/refresh') refreshes += 1;
      proxy.web(req, res);
    });
    await new Promise<void>((r) => counter.listen(0, '127.0.0.1', () => r()));
    const counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
    const notices: Service[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const port = await freePort();
        const service = new Service(
          {
            name: `notice-${i}`,
            command: path.join(site.apps.notice.spec.cwd, 'node_modules/.bin/next'),
            args: ['start', '-p', String(port), '-H', '127.0.0.1'],
            cwd: site.apps.notice.spec.cwd,
            env: { ...site.apps.notice.spec.env, AUTH_API_URL: counterUrl },
            readyUrl: `http://127.0.0.1:${port}/notice/api/healthz`,
          },
          { kind: 'file', file: path.join(ARTIFACTS, 'auth', `notice-${i}.log`) },
        );
        await service.start();
        notices.push(service);
      }
      const sid = await cookie('mfv_sid');
      expect(sid).toBeDefined();
      // Expire the session's access token everywhere: the browser dropped it, Redis's copy is old.
      const { createRedis, closeRedis, waitForRedis } = await import('@mfv/redis');
      const redis = createRedis(site.redis.url);
      await waitForRedis(redis);
      const { sessionKey } = await import('@mfv/auth');
      const key = sessionKey(sid as string);
      const record = JSON.parse((await redis.get(key))!) as Record<string, unknown>;
      await redis.set(key, JSON.stringify({ ...record, accessExpiresAt: 0 }), 'KEEPTTL');
      await closeRedis(redis);

      const urls = notices.map((s) => s.spec.readyUrl!.replace('/api/healthz', '/api/notices/unread-count'));
      const started = performance.now();
      const responses = await Promise.all(
        Array.from({ length: 120 }, (_, i) => fetch(urls[i % 2]!, { headers: { cookie: `mfv_sid=${sid}` } })),
      );
      const elapsed = performance.now() - started;
      expect(responses.map((r) => r.status)).toEqual(Array(120).fill(200));
      expect(refreshes).toBe(1);
      // Every response hands out the one successor (compare the values: Max-Age may tick by a second).
      const rotated = responses.map(
        (r) =>
          r.headers
            .getSetCookie()
            .find((c) => c.startsWith('mfv_at='))
            ?.split(';')[0],
      );
      expect(rotated.every(Boolean)).toBe(true);
      expect(new Set(rotated).size).toBe(1);
      console.log(
        `storm: 120 requests over 2 processes in ${elapsed.toFixed(0)} ms, ${refreshes} refresh at the api`,
      );
    } finally {
      await Promise.all(notices.map((s) => s.stop()));
      counter.closeAllConnections();
      await new Promise<void>((r) => counter.close(() => r()));
      proxy.close();
    }
  });
});

describe('Redis stopped mid-session', () => {
  it('valid tokens keep working, a needed refresh is 503 with Retry-After and no cookie cleared, and it recovers', async () => {
    const at = await cookie('mfv_at');
    const sid = await cookie('mfv_sid');
    expect(at && sid).toBeTruthy();
    const url = `${site.url}/notice/api/notices/unread-count`;
    const redis = site.redis.service!;
    await redis.stop();
    try {
      const withToken = await fetch(url, { headers: { cookie: `mfv_at=${at}; mfv_sid=${sid}` } });
      expect(withToken.status).toBe(200);
      const started = performance.now();
      const needsRefresh = await fetch(url, { headers: { cookie: `mfv_sid=${sid}` } });
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(needsRefresh.status).toBe(503);
      expect(needsRefresh.headers.get('retry-after')).toBe('3');
      expect(needsRefresh.headers.getSetCookie()).toEqual([]);
      // The home page still renders, and says the session could not be checked instead of "log in".
      const home = await fetch(`${site.url}/`, { headers: { cookie: `mfv_sid=${sid}` } });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('로그인 확인 중');
    } finally {
      await redis.start();
    }
    await expect
      .poll(async () => (await fetch(url, { headers: { cookie: `mfv_sid=${sid}` } })).status, {
        timeout: 15_000,
        interval: 500,
      })
      .toBe(200);
  });
});

describe('CSRF through the proxy', () => {
  it('a state-changing request without a token or from another origin is refused', async () => {
    const at = await cookie('mfv_at');
    const sid = await cookie('mfv_sid');
    const url = `${site.url}/notice/api/notices/00000000-0000-4000-8000-000000000000/read`;
    const noToken = await fetch(url, {
      method: 'POST',
      headers: { cookie: `mfv_at=${at}; mfv_sid=${sid}`, origin: site.url },
    });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { code: string }).code).toBe('CSRF_TOKEN');
    const crossSite = await fetch(url, {
      method: 'POST',
      headers: { cookie: `mfv_at=${at}; mfv_sid=${sid}`, origin: 'https://evil.example' },
    });
    expect(((await crossSite.json()) as { code: string }).code).toBe('CSRF_ORIGIN');
  });
});

describe('pages behind withAuthSSR', () => {
  it('send a signed-out visitor to the login page with a same-origin returnTo, and serve a member', async () => {
    for (const path of ['/notice', '/user']) {
      const anonymous = await fetch(`${site.url}${path}`, { redirect: 'manual' });
      expect(anonymous.status).toBe(307);
      expect(anonymous.headers.get('location')).toBe(`/user/login?returnTo=${encodeURIComponent(path)}`);
    }
    const at = await cookie('mfv_at');
    const sid = await cookie('mfv_sid');
    const member = await fetch(`${site.url}/notice`, { headers: { cookie: `mfv_at=${at}; mfv_sid=${sid}` } });
    expect(member.status).toBe(200);
    expect(await member.text()).toContain('알림');
  });
});
