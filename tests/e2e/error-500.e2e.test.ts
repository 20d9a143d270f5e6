import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import { launchBrowser, signIn, startTestSite, timedGet } from './harness.js';
import { auditPage, horizontalOverflow } from './ui-audit.js';

/**
 * Every app's real 500 page in Chromium at 390 px: each app's `/test-fault` fails on the server
 * (MFV_TEST_FAULTS, test environments only: packages/config/src/test-faults.ts), and what the
 * person gets is the site's Korean error page inside the site's frame (the shell's header or the
 * remote's frame, the footer), a way home that works, lang="ko", a real title, no stack or English,
 * no sideways scrolling, no serious or critical axe-core violation. Without the switch the same
 * addresses are plain 404s.
 */
let site: Site;
let browser: Browser;

const PHONE = { viewport: { width: 390, height: 844 }, locale: 'ko-KR' } as const;
const FAULTS = ['/test-fault', '/verify/test-fault', '/user/test-fault', '/notice/test-fault'];
/** What must never reach a person: a stack, Next's English page, the fault's own message. */
const LEAKS = /Internal Server Error|Application error|at \S+ \(|\.tsx?:\d+|MFV_TEST_FAULTS|on purpose/;

beforeAll(async () => {
  [site, browser] = await Promise.all([
    startTestSite('error-500', { MFV_TEST_FAULTS: 'true' }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

async function check(context: BrowserContext, path: string): Promise<void> {
  const page = await context.newPage();
  const res = await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  expect(res?.status(), path).toBe(500);
  expect(await page.locator('h1').textContent(), path).toBe('잠시 문제가 생겼어요');
  expect(await page.locator('body').textContent(), path).toContain('잠시 후 다시 시도해 주세요');
  expect(await page.evaluate(() => document.documentElement.lang), `${path}: lang`).toBe('ko');
  const title = await page.title();
  expect(title, `${path}: title`).toContain('잠시 문제가 생겼어요');
  expect(title, `${path}: title`).toMatch(/MFV/);
  expect(await page.locator('meta[name="description"]').count(), `${path}: description`).toBe(1);
  expect(await page.content(), `${path}: leaks`).not.toMatch(LEAKS);
  // Inside the site: its footer (이용약관, 개인정보처리방침, 고객센터).
  const footer = page.locator('footer');
  expect(await footer.getByRole('link', { name: '개인정보처리방침' }).count(), `${path}: footer`).toBe(1);
  expect(await horizontalOverflow(page), `${path}: sideways scrolling at 390 px`).toBe(0);
  const audit = await auditPage(page);
  expect(audit.serious, `${path}: serious/critical axe violations`).toEqual({});
  // A way home, and it works.
  await page.getByRole('link', { name: '홈으로 가기' }).first().click();
  await page.waitForURL(`${site.url}/`);
  await page.close();
}

describe('500 pages in a browser', () => {
  it('signed out: every app answers its own Korean 500 inside the site, with a way home', async () => {
    const context = await browser.newContext(PHONE);
    for (const path of FAULTS) await check(context, path);
    await context.close();
  });

  it('signed in: the same, and the shell’s 500 keeps the site header without broken slots', async () => {
    const context = await browser.newContext(PHONE);
    await signIn(site, context, '오류화면');
    for (const path of FAULTS) await check(context, path);
    const page = await context.newPage();
    await page.goto(`${site.url}/test-fault`, { waitUntil: 'networkidle' });
    expect(await page.locator('header').getByRole('link', { name: /MFV/ }).count()).toBeGreaterThan(0);
    expect(await page.content()).not.toMatch(/일시 중단|data-slot-fallback/);
    await context.close();
  });
});

describe('the fault page is a test switch only', () => {
  it('without MFV_TEST_FAULTS every /test-fault is a 404', async () => {
    const plain = await startTestSite('error-500-off');
    try {
      for (const path of FAULTS)
        expect((await timedGet(`${plain.url}${path}`, 15_000)).status, path).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
