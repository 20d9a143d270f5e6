import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import { fillMokForm, MOK_PERSONAS } from './flows.js';
import { launchBrowser, signIn, startTestSite } from './harness.js';
import { auditPage, horizontalOverflow, PHONE_WIDTHS, smallTapTargets } from './ui-audit.js';

/**
 * The verify remote's own pages (/verify/…) on a phone, as ui.e2e.test.ts does for the shell, user
 * and notice: no sideways scrolling at 360, 390 and 430 px, no serious or critical axe-core
 * violation, lang="ko", a real title and description, 44 px targets — on every page and on every
 * step of the mobile-ok window; then the remote's Korean 404 inside the site's frame.
 */
let site: Site;
let browser: Browser;

const PHONE = { viewport: { width: 390, height: 844 }, locale: 'ko-KR' } as const;
const PERSON = MOK_PERSONAS.leeSeoyeon;

beforeAll(async () => {
  [site, browser] = await Promise.all([startTestSite('verify-ui'), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

async function phone(signedInAs?: string): Promise<BrowserContext> {
  const context = await browser.newContext(PHONE);
  if (signedInAs) await signIn(site, context, signedInAs);
  return context;
}

/** Every check of the page now shown, at phone size (`what` names it in failures). */
async function checkShown(page: Page, what: string) {
  const overflow: Record<number, number> = {};
  for (const width of PHONE_WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    overflow[width] = await horizontalOverflow(page);
  }
  await page.setViewportSize(PHONE.viewport);
  expect(overflow, `${what}: sideways scrolling`).toEqual({ 360: 0, 390: 0, 430: 0 });
  const audit = await auditPage(page);
  expect(audit.serious, `${what}: serious/critical axe violations`).toEqual({});
  expect(await page.evaluate(() => document.documentElement.lang), `${what}: lang`).toBe('ko');
  const title = await page.title();
  expect(title, `${what}: title`).toMatch(/ \| MFV$/);
  expect(title, `${what}: English`).not.toMatch(/could not be found|Internal Server Error/);
  expect(await page.locator('meta[name="description"]').count(), `${what}: description`).toBe(1);
  expect(await smallTapTargets(page), `${what}: tap targets under 44 px`).toEqual([]);
}

async function checkPage(page: Page, path: string, expectedStatus = 200) {
  const res = await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  expect(res?.status(), path).toBe(expectedStatus);
  await checkShown(page, path);
}

const PAGES = [
  '/verify',
  '/verify/mok?service=sms',
  '/verify/mok?service=pass',
  '/verify/kcb',
  '/verify/kcb/fail?code=KCB_RESULT_INVALID',
  '/verify/kcb/result',
  '/verify/ssafy',
];

describe('/verify pages at phone size', () => {
  it('signed out', async () => {
    const context = await phone();
    const page = await context.newPage();
    for (const path of PAGES) await checkPage(page, path);
    await checkPage(page, '/verify/nope', 404);
    await context.close();
  });

  it('signed in, and every step of the mobile-ok window', async () => {
    const context = await phone('화면점검');
    const page = await context.newPage();
    for (const path of PAGES) await checkPage(page, path);
    await checkPage(page, '/verify/nope', 404);

    await page.goto(`${site.url}/verify/mok?service=sms`, { waitUntil: 'networkidle' });
    await page.getByTestId('mok-submit').click();
    await checkShown(page, 'mok: the form with its errors');
    await fillMokForm(page, PERSON);
    await page.getByTestId('mok-submit').click();
    await page.getByLabel('인증번호', { exact: true }).waitFor();
    await checkShown(page, 'mok: the code');
    await page.getByLabel('인증번호', { exact: true }).fill('000000');
    await page.getByTestId('mok-confirm').click();
    await expect.poll(() => page.getByTestId('mok-code-error').textContent()).toContain('남은 입력');
    await checkShown(page, 'mok: a wrong code, said at the field');
    await page.getByLabel('인증번호', { exact: true }).fill(PERSON.otp);
    await page.getByTestId('mok-confirm').click();
    await page.getByTestId('mok-result-phone').waitFor();
    await checkShown(page, 'mok: the result');
    await context.close();
  });
});

describe('error pages of the verify remote', () => {
  it('404 is Korean, inside the site frame (footer), with a way home', async () => {
    const context = await phone();
    const page = await context.newPage();
    for (const path of ['/verify/nope', '/verify/kcb/nope']) {
      const res = await page.goto(`${site.url}${path}`);
      expect(res?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('페이지를 찾을 수 없어요');
      expect(await page.content()).not.toMatch(/This page could not be found/);
      expect(await page.locator('footer').getByRole('link', { name: '개인정보처리방침' }).count()).toBe(1);
      await page.getByRole('link', { name: '홈으로 가기' }).click();
      await page.waitForURL(`${site.url}/`);
    }
    await context.close();
  });
});
