import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import {
  eventually,
  installReactCounter,
  launchBrowser,
  reactVersions,
  signIn,
  slotStates,
  startTestSite,
  timedGet,
  watchProblems,
} from './harness.js';

const HOME_SLOTS = ['user/UserMenu', 'notice/NoticeBell', 'notice/NoticeList'];

let site: Site;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [site, browser] = await Promise.all([startTestSite('federation'), launchBrowser()]);
  context = await browser.newContext();
  // Signed in, so the notice slots show the member's notices (and have something to click).
  await signIn(site, context, '연합');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.stop();
});

describe('composition through the proxied site', () => {
  it('server-renders every slot into the HTML before any JS runs', async () => {
    const home = await timedGet(`${site.url}/`);
    expect(home.status).toBe(200);
    expect(slotStates(home.html)).toEqual({
      'user/UserMenu': 'ok',
      'notice/NoticeBell': 'ok',
      'notice/NoticeList': 'ok',
    });
    for (const id of HOME_SLOTS) expect(home.html).toContain(`data-slot-component="${id}"`);
    expect(home.html).toContain('공지사항');
    // Scoped remote styles are in the server HTML, not fetched later.
    expect(home.html).toMatch(/<style id="__jsx-[^"]+">[^<]*li\.unread\.jsx-/);

    const verification = await timedGet(`${site.url}/verification`);
    expect(slotStates(verification.html)['verify/VerifyLauncher']).toBe('ok');
    expect(verification.html).toContain('data-slot-component="verify/VerifyLauncher"');
  });

  it('hydrates every remote component with one React and no console errors', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await installReactCounter(page);
    await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });

    const menu = page.locator('[data-slot-component="user/UserMenu"] button.trigger');
    await menu.click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');

    const badge = page.getByTestId('notice-unread');
    await expect.poll(async () => Number(await badge.textContent())).toBeGreaterThan(1);
    // One header pop-up at a time: opening the bell (another remote) closes the account menu.
    const bell = page.locator('[data-slot-component="notice/NoticeBell"]');
    await bell.locator('button.bell').click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    // 모두 읽음 in the bell: the list (another slot of the same remote) hears about it too.
    await bell.getByRole('button', { name: '모두 읽음' }).click();
    await expect.poll(() => badge.count()).toBe(0);
    await expect
      .poll(() => page.locator('[data-slot-component="notice/NoticeList"] li.unread').count())
      .toBe(0);

    // A notice opens its own page.
    await page.locator('[data-slot-component="notice/NoticeList"] li a').first().click();
    await page.waitForURL(/\/notice\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('article h1').textContent()).not.toBe('');

    await page.goto(`${site.url}/verification`, { waitUntil: 'networkidle' });
    await page.getByRole('radio', { name: /문자\(SMS\) 인증/ }).click();
    await expect.poll(() => page.getByTestId('verify-selected').textContent()).toContain('문자(SMS) 인증');

    expect(await reactVersions(page)).toEqual(['19.2.0']);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
    await page.close();
  });
});

describe('failure isolation', () => {
  it('a stopped remote: the page still answers 200 within 2 s with a styled fallback; the others work', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
    await site.apps.notice.stop();

    // The shell notices within its health-check interval; every answer stays fast.
    const html = await eventually(
      () => timedGet(`${site.url}/`),
      (r) => slotStates(r.html)['notice/NoticeList'] === 'down',
      5000,
    );
    expect(html.status).toBe(200);
    expect(html.ms).toBeLessThan(2000);
    expect(slotStates(html.html)).toEqual({
      'user/UserMenu': 'ok',
      'notice/NoticeBell': 'down',
      'notice/NoticeList': 'down',
    });
    for (let i = 0; i < 5; i++) {
      const again = await timedGet(`${site.url}/`);
      expect(again.status).toBe(200);
      expect(again.ms).toBeLessThan(2000);
    }

    await page.goto(`${site.url}/`, { waitUntil: 'domcontentloaded' });
    const fallback = page.locator('[data-remote-slot="notice/NoticeList"] [data-slot-fallback]');
    await expect.poll(() => fallback.isVisible()).toBe(true);
    expect(await fallback.textContent()).toContain('공지사항을 잠시 불러올 수 없어요');
    expect(await fallback.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('dashed');
    await expect
      .poll(() => page.locator('[data-remote-slot="notice/NoticeBell"] [data-slot-fallback]').isVisible())
      .toBe(true);

    const menu = page.locator('[data-slot-component="user/UserMenu"] button.trigger');
    await menu.click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');

    // The remote comes back: the open page swaps its component in without a reload, and the
    // running shell renders it on the server again without a restart.
    await site.apps.notice.start();
    await expect
      .poll(() => page.locator('[data-slot-component="notice/NoticeList"]').isVisible(), { timeout: 20_000 })
      .toBe(true);
    const bell = page.locator('[data-slot-component="notice/NoticeBell"]');
    await expect.poll(() => bell.getAttribute('data-state'), { timeout: 10_000 }).toBe('ready');
    await bell.locator('button.bell').click();
    await expect.poll(() => bell.locator('button.bell').getAttribute('aria-expanded')).toBe('true');

    const recovered = await eventually(
      () => timedGet(`${site.url}/`),
      (r) => slotStates(r.html)['notice/NoticeList'] === 'ok',
      10_000,
    );
    expect(slotStates(recovered.html)).toEqual({
      'user/UserMenu': 'ok',
      'notice/NoticeBell': 'ok',
      'notice/NoticeList': 'ok',
    });
    await page.close();
  });

  it('a remote that fails only in the browser falls back there and recovers on retry', async () => {
    const page = await context.newPage();
    let block = true;
    // The browser chunks of the user remote: its release's (versioned) and its unversioned ones.
    await page.route(
      (url) => /^\/user\/(_next\/static\/chunks|_mfv\/client)\//.test(url.pathname),
      (route) => (block ? route.abort('connectionrefused') : route.continue()),
    );
    await page.goto(`${site.url}/`, { waitUntil: 'domcontentloaded' });
    const fallback = page.locator('[data-remote-slot="user/UserMenu"] [data-slot-fallback]');
    await expect.poll(() => fallback.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('[data-slot-component="notice/NoticeList"]').isVisible()).toBe(true);

    block = false;
    await fallback.getByRole('button', { name: '다시 시도' }).click();
    const menu = page.locator('[data-slot-component="user/UserMenu"] button.trigger');
    await expect.poll(() => menu.isVisible(), { timeout: 10_000 }).toBe(true);
    await menu.click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
    await page.close();
  });

  it('a remote that hangs (accepts connections, never answers) still costs the page < 2 s', async () => {
    site.apps.verify.pause();
    try {
      // Let the cached health state expire so the shell must find out on this request.
      await new Promise((r) => setTimeout(r, 2100));
      const res = await timedGet(`${site.url}/verification`, 10_000);
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(2000);
      expect(slotStates(res.html)['verify/VerifyLauncher']).toBe('down');
      expect(slotStates(res.html)['user/UserMenu']).toBe('ok');
    } finally {
      site.apps.verify.resume();
    }
    const recovered = await eventually(
      () => timedGet(`${site.url}/verification`),
      (r) => slotStates(r.html)['verify/VerifyLauncher'] === 'ok',
      10_000,
    );
    expect(slotStates(recovered.html)['verify/VerifyLauncher']).toBe('ok');
  });
});
