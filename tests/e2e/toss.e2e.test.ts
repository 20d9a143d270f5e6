import { chmod, copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Service, type Site } from '@mfv/site';
import { emulateTossApp, kakaoLogin, signUpFromHome, tossLogin, TOSS_PERSONAS } from './flows.js';
import { ARTIFACTS, launchBrowser, startTestSite, watchProblems } from './harness.js';
import { horizontalOverflow, smallTapTargets } from './ui-audit.js';
import { freePort } from '@mfv/testkit/ports';

/**
 * Toss login as an apps-in-toss mini-app, through the proxied site at phone width (390 px): the
 * login page inside the (emulated) Toss app's WebView calls the SDK's appLogin(), posts the code to
 * POST /user/api/login/toss, whose server calls the sandbox's partner API with the dev client
 * certificate (generated for this run) — then signup, cancel, failures, the page outside the Toss
 * app, and the unlink callback.
 */
let site: Site;
let browser: Browser;
let context: BrowserContext;
/** The bodies the page posted to POST /user/api/login/toss. */
const posted: Record<string, unknown>[] = [];

beforeAll(async () => {
  [site, browser] = await Promise.all([
    startTestSite('toss', {
      // A fresh dev CA, server and client certificate for this run, made by the sandbox at its start.
      SANDBOX_TOSS_MTLS_DIR: path.join(ARTIFACTS, 'toss', 'toss-mtls'),
      // Short access tokens: "the session is gone" after an unlink shows within the test.
      API_ACCESS_TOKEN_TTL_SECONDS: '30',
    }),
    launchBrowser(),
  ]);
  context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  context.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/user/api/login/toss')) {
      posted.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
    }
  });
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.stop();
});

const sandboxUrl = () => `http://127.0.0.1:${site.topology.backendPorts.sandbox}`;

async function cookie(name: string): Promise<string | undefined> {
  return (await context.cookies(site.url)).find((c) => c.name === name)?.value;
}

describe('Toss login through the proxied site (mTLS to the sandbox’s partner API)', () => {
  it('the user app’s health shows the client certificate’s expiry', async () => {
    const res = await fetch(`${site.url}/user/api/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { mtls?: { notAfter: string; daysLeft: number } };
    expect(body.mtls?.daysLeft).toBeGreaterThanOrEqual(388); // a 390-day certificate made just now
    expect(Date.parse(body.mtls!.notAfter)).toBeGreaterThan(Date.now());
  });

  it('the built user app started with a key file of mode 0644: its Toss client is refused, naming the file; health 503', async () => {
    const loose = path.join(ARTIFACTS, 'toss', 'loose-client.key');
    await copyFile(site.env.MTLS_KEY_FILE as string, loose);
    await chmod(loose, 0o644);
    const port = await freePort();
    const log = path.join(ARTIFACTS, 'toss', 'user-loose-key.log');
    const user = new Service(
      {
        name: 'user-loose-key',
        command: path.join(site.apps.user.spec.cwd, 'node_modules/.bin/next'),
        args: ['start', '-p', String(port), '-H', '127.0.0.1'],
        cwd: site.apps.user.spec.cwd,
        env: { ...site.apps.user.spec.env, MTLS_KEY_FILE: loose },
      },
      { kind: 'file', file: log },
    );
    await user.start();
    try {
      await expect
        .poll(
          async () => {
            const res = await fetch(`http://127.0.0.1:${port}/user/api/healthz`).catch(() => undefined);
            return res ? { status: res.status, body: await res.json() } : undefined;
          },
          { timeout: 30_000, interval: 500 },
        )
        .toMatchObject({
          status: 503,
          body: { status: 'error', mtls: { error: 'MTLS_KEY_FILE_PERMISSIONS' } },
        });
      // The log says why, naming the file (and never the key).
      const text = await readFile(log, 'utf8');
      expect(text).toMatch(/toss login unavailable: mTLS client cannot be built/);
      expect(text).toContain(loose);
      expect(text).not.toContain((await readFile(loose, 'utf8')).split('\n')[1]!);
    } finally {
      await user.stop();
    }
  });

  it('a new person signs up with a sandbox Toss persona and sees their nickname in the header', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    const visited: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && visited.push(frame.url()));

    await page.goto(`${site.url}/`);
    await page.locator('[data-slot-component="user/UserMenu"] a', { hasText: '로그인' }).click();
    await page.waitForURL(/\/user\/login\?returnTo=%2F/);
    await tossLogin(page, 'lee-seoyeon', sandboxUrl());

    // Not a member yet: the signup form, the nickname suggested from the (decrypted) name.
    await page.waitForURL(`${site.url}/user/signup`);
    await expect.poll(() => page.locator('#nickname').inputValue()).toBe('이서연');
    await page.fill('#nickname', '토스서연');
    await page.check('input[name="agreeAll"]');
    await page.getByRole('button', { name: '가입하고 시작하기' }).click();

    await page.waitForURL(`${site.url}/`);
    await expect.poll(() => page.getByTestId('user-nickname').textContent()).toBe('토스서연');
    expect(await cookie('mfv_sid')).toBeDefined();

    // appLogin's answer went in a POST body, with the page's returnTo; no page URL carried the code,
    // a token or a ticket.
    const body = posted.at(-1)!;
    expect(body).toEqual({ authorizationCode: expect.any(String), referrer: 'sandbox', returnTo: '/' });
    for (const url of visited) {
      expect(url).not.toMatch(/accessToken|refreshToken|signupTicket|userKey|authorizationCode|eyJ/);
      expect(url).not.toContain(body.authorizationCode as string);
    }
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('a returning member signs in straight away and goes back to the page they came from', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login?returnTo=${encodeURIComponent('/verification')}`);
    await tossLogin(page, 'lee-seoyeon', sandboxUrl());
    await page.waitForURL(`${site.url}/verification`);
    await expect.poll(() => page.getByTestId('user-nickname').textContent()).toBe('토스서연');
    await page.close();
  });

  it('the person closes the login sheet: quietly back to the buttons, same page, returnTo kept', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    const problems = watchProblems(page);
    const login = `${site.url}/user/login?returnTo=${encodeURIComponent('/verification')}`;
    await page.goto(login);
    await emulateTossApp(page, sandboxUrl(), { outcome: 'cancel' });
    const before = posted.length;
    await page.getByTestId('login-toss').click();
    await expect.poll(() => page.getByTestId('login-toss').isEnabled()).toBe(true);
    await expect.poll(() => page.getByTestId('login-toss').textContent()).toBe('토스로 로그인');
    expect(page.url()).toBe(login);
    expect(await page.getByTestId('toss-login-error').count()).toBe(0);
    expect(await page.getByTestId('toss-outside').count()).toBe(0);
    expect(posted.length).toBe(before); // nothing was sent to the server
    // And the next try works, still going back to the page the person came from.
    await tossLogin(page, 'lee-seoyeon', sandboxUrl());
    await page.waitForURL(`${site.url}/verification`);
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('appLogin fails inside the app: a clear message on the login page, Kakao still offered', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login`);
    await emulateTossApp(page, sandboxUrl(), { outcome: 'error' });
    await page.getByTestId('login-toss').click();
    await expect
      .poll(() => page.getByTestId('toss-login-error').textContent())
      .toContain('토스 로그인을 마치지 못했어요');
    await expect.poll(() => page.getByTestId('login-toss').isEnabled()).toBe(true);
    expect(await page.getByTestId('login-kakao').isVisible()).toBe(true);
    expect(await cookie('mfv_sid')).toBeUndefined();
    await page.close();
  });

  it('a replayed authorizationCode is refused with the invalid_grant message; nobody signed in', async () => {
    const used = posted.at(-1)!;
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login`);
    // The page's own client, with a valid CSRF token of this browser, but a code already exchanged.
    const answer = await page.evaluate(async (body) => {
      const csrf = (await (await fetch('/user/api/auth/csrf')).json()) as { token: string };
      const res = await fetch('/user/api/login/toss', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.token },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { code: string; message: string } };
    }, used);
    expect(answer).toEqual({
      status: 400,
      body: {
        code: 'invalid_grant',
        message: '로그인 정보가 만료되었거나 이미 사용되었어요. 토스 로그인을 다시 진행해 주세요.',
      },
    });
    expect(await cookie('mfv_sid')).toBeUndefined();
    await page.close();
  });

  it('personal fields with a broken GCM tag: a clear error on the login page, nobody signed in', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login`);
    await tossLogin(page, 'min-harin', sandboxUrl());
    await expect
      .poll(() => page.getByTestId('toss-login-error').textContent())
      .toContain('토스에서 받은 정보를 확인하지 못해');
    expect(new URL(page.url()).pathname).toBe('/user/login');
    expect(await cookie('mfv_sid')).toBeUndefined();
    expect(await cookie('mfv_signup')).toBeUndefined();
    await page.close();
  });

  it('outside the Toss app: the button explains "토스 앱에서 열어 주세요" and Kakao is offered (390 px)', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    const problems = watchProblems(page);
    const login = `${site.url}/user/login?returnTo=${encodeURIComponent('/verification')}`;
    await page.goto(login);
    const before = posted.length;
    await page.getByTestId('login-toss').click();
    const outside = page.getByTestId('toss-outside');
    await expect.poll(() => outside.isVisible()).toBe(true);
    expect(await outside.textContent()).toContain('토스 앱에서 열어 주세요');
    expect(await page.getByTestId('login-toss').getAttribute('aria-expanded')).toBe('true');
    // Not a dead redirect: the same page, nothing sent, and the Kakao button right there.
    expect(page.url()).toBe(login);
    expect(posted.length).toBe(before);
    expect(await page.getByTestId('login-kakao').isVisible()).toBe(true);
    // No mini-app link is configured for this run (TOSS_MINIAPP_URL unset): no link is made up.
    expect(await page.getByTestId('toss-open-app').count()).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await smallTapTargets(page)).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('one person: 쩐티란 joined with Toss; her Kakao login (it shares her CI) goes to the link page, which proves the account with Toss (390 px)', async () => {
    await context.clearCookies();
    const joining = await context.newPage();
    await signUpFromHome(
      joining,
      site.url,
      (p) => tossLogin(p, TOSS_PERSONAS.tranThiLan.id, sandboxUrl()),
      TOSS_PERSONAS.tranThiLan.prefill,
      '토스란',
    );
    await joining.close();

    // In an ordinary browser she logs in with Kakao.
    await context.clearCookies();
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${site.url}/user/login?returnTo=${encodeURIComponent('/verification')}`);
    await kakaoLogin(page, TOSS_PERSONAS.tranThiLan.id);
    await page.waitForURL(`${site.url}/user/link`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      '이미 가입한 계정이 있어요',
    );
    expect(await page.getByTestId('link-kakao').count()).toBe(0);
    expect(await cookie('mfv_sid')).toBeUndefined();
    // Outside the Toss app the button explains where it works; nothing is sent.
    const before = posted.length;
    await page.getByTestId('link-toss').click();
    await expect.poll(() => page.getByTestId('toss-outside').isVisible()).toBe(true);
    expect(await page.getByTestId('toss-outside').textContent()).toContain('토스 앱에서 열어 주세요');
    expect(posted.length).toBe(before);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await smallTapTargets(page)).toEqual([]);

    // Opened in the Toss app: the Toss sign-in proves the account and links the Kakao login.
    await emulateTossApp(page, sandboxUrl(), { persona: TOSS_PERSONAS.tranThiLan.id });
    await page.getByTestId('link-toss').click();
    await page.waitForURL(`${site.url}/verification`);
    await expect.poll(() => page.getByTestId('user-nickname').textContent()).toBe('토스란');
    expect(posted.at(-1)).toMatchObject({ link: true, returnTo: '/verification' });
    expect(await cookie('mfv_signup')).toBeUndefined();
    expect(problems.pageErrors).toEqual([]);
    await page.close();

    // From now on Kakao signs her in to the same account.
    await context.clearCookies();
    const again = await context.newPage();
    await again.goto(`${site.url}/user/login`);
    await kakaoLogin(again, TOSS_PERSONAS.tranThiLan.id);
    await again.waitForURL(`${site.url}/`);
    await expect.poll(() => again.getByTestId('user-nickname').textContent()).toBe('토스란');
    await again.close();
  });

  it('Toss calls the unlink callback: the api ends the session at once, and the browser is signed out', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login`);
    await tossLogin(page, 'lee-seoyeon', sandboxUrl());
    await page.waitForURL(`${site.url}/`);
    await expect.poll(() => page.getByTestId('user-nickname').textContent()).toBe('토스서연');
    expect((await page.request.get(`${site.url}/user/api/me`)).status()).toBe(200);

    // The sandbox plays Toss: it calls the site's /user/api/toss/unlink (through the proxy) with
    // the console's Basic credentials.
    const unlink = await fetch(`${sandboxUrl()}/toss/admin/unlink`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userKey: 410000002, referrer: 'UNLINK' }),
    });
    expect(await unlink.json()).toMatchObject({ delivered: true, status: 200 });

    // Anything that asks the api is refused at once (the session's family is revoked) …
    expect((await page.request.get(`${site.url}/user/api/me`)).status()).toBe(401);
    // … and once the short access token runs out nothing can renew it: the header says 로그인.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('[data-slot-component="user/UserMenu"]').getAttribute('data-signed-in');
        },
        { timeout: 45_000, interval: 2_000 },
      )
      .toBe('false');
    expect(await cookie('mfv_sid')).toBeUndefined();
    await page.close();
  }, 90_000);
});
