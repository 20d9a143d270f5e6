import { chmod, copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Service, type Site } from '@mfv/site';
import { tossLogin } from './flows.js';
import { ARTIFACTS, launchBrowser, startTestSite, watchProblems } from './harness.js';
import { freePort } from '@mfv/testkit/ports';

/**
 * Toss login over mTLS through the proxied site: the user remote's start route, the sandbox's
 * appLogin page, the server-rendered callback that calls the sandbox's partner API with the dev
 * client certificate (generated for this run), signup, and the unlink callback.
 */
let site: Site;
let browser: Browser;
let context: BrowserContext;
/** The callback URLs the browser requested (authorizationCode, referrer, state). */
const callbacks: URL[] = [];

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
  context = await browser.newContext();
  context.on('request', (request) => {
    if (request.url().includes('/user/login/toss/callback')) callbacks.push(new URL(request.url()));
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
    await tossLogin(page, 'lee-seoyeon');

    // Not a member yet: the signup form, the nickname suggested from the (decrypted) name.
    await page.waitForURL(`${site.url}/user/signup`);
    await expect.poll(() => page.locator('#nickname').inputValue()).toBe('이서연');
    await page.fill('#nickname', '토스서연');
    await page.check('input[name="agreeAll"]');
    await page.getByRole('button', { name: '가입하고 시작하기' }).click();

    await page.waitForURL(`${site.url}/`);
    await expect.poll(() => page.getByTestId('user-nickname').textContent()).toBe('토스서연');
    expect(await cookie('mfv_sid')).toBeDefined();
    expect(await cookie('mfv_toss_login')).toBeUndefined(); // the state cookie was single use

    // The callback URL carried the code and state only; no page URL carried a token or a ticket.
    expect(callbacks.at(-1)?.searchParams.get('referrer')).toBe('sandbox');
    for (const url of visited) expect(url).not.toMatch(/accessToken|refreshToken|signupTicket|userKey|eyJ/);
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('a returning member signs in straight away and goes back to the page they came from', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login?returnTo=${encodeURIComponent('/verification')}`);
    await tossLogin(page, 'lee-seoyeon');
    await page.waitForURL(`${site.url}/verification`);
    await expect.poll(() => page.getByTestId('user-nickname').textContent()).toBe('토스서연');
    await page.close();
  });

  it('a reused authorizationCode gets the invalid_grant message on the callback page', async () => {
    const used = callbacks.at(-1)!;
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login`);
    await page.getByTestId('login-toss').click();
    await page.waitForURL(/\/toss\/app-login\?state=/);
    // A new login in this browser (a fresh state), but the code that was already exchanged.
    const state = new URL(page.url()).searchParams.get('state')!;
    const replay = new URL(`${site.url}/user/login/toss/callback`);
    replay.searchParams.set('authorizationCode', used.searchParams.get('authorizationCode')!);
    replay.searchParams.set('referrer', 'sandbox');
    replay.searchParams.set('state', state);
    const response = await page.goto(replay.toString());
    expect(response?.status()).toBe(400);
    await expect
      .poll(() => page.getByTestId('toss-login-error').getAttribute('data-code'))
      .toBe('invalid_grant');
    expect(await page.getByTestId('toss-login-error').textContent()).toContain(
      '로그인 정보가 만료되었거나 이미 사용되었어요. 토스 로그인을 다시 진행해 주세요.',
    );
    expect(await cookie('mfv_sid')).toBeUndefined();
    await page.close();
  });

  it('personal fields with a broken GCM tag: a clear error, nobody signed in', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login`);
    await tossLogin(page, 'min-harin');
    await page.waitForURL(/\/user\/login\/toss\/callback/);
    await expect
      .poll(() => page.getByTestId('toss-login-error').getAttribute('data-code'))
      .toBe('TOSS_DECRYPT_FAILED');
    expect(await page.getByTestId('toss-login-error').textContent()).toContain(
      '토스에서 받은 정보를 확인하지 못해',
    );
    expect(await cookie('mfv_sid')).toBeUndefined();
    expect(await cookie('mfv_signup')).toBeUndefined();
    await page.close();
  });

  it('Toss calls the unlink callback: the api ends the session at once, and the browser is signed out', async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login`);
    await tossLogin(page, 'lee-seoyeon');
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
