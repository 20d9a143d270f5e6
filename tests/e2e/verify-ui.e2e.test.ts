import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import {
  confirmOnKcb,
  fillMokForm,
  KCB_PERSONAS,
  MOK_PERSONAS,
  SSAFY_PERSONAS,
  ssafySdkReady,
  ssafyVerifyFullPage,
  ssafyVerifyInPopup,
} from './flows.js';
import { launchBrowser, signIn, startTestSite } from './harness.js';
import { expectPhoneReady, PHONE_VIEWPORT } from './ui-audit.js';

/**
 * The verify remote's own pages (/verify/…) on a phone, as ui.e2e.test.ts does for the shell, user
 * and notice: no sideways scrolling at 360, 390 and 430 px, no serious or critical axe-core
 * violation, lang="ko", a real title and description, 44 px targets — on every page and on every
 * step of the mobile-ok window; then the remote's Korean 404 inside the site's frame.
 */
let site: Site;
let browser: Browser;

const PHONE = { viewport: PHONE_VIEWPORT, locale: 'ko-KR' } as const;
const PERSON = MOK_PERSONAS.leeSeoyeon;
/** Every /verify page has a title of its own, with the site's name after it. */
const TITLE = / \| MFV$/;

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

async function checkPage(page: Page, path: string, expectedStatus = 200) {
  const res = await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  expect(res?.status(), path).toBe(expectedStatus);
  await expectPhoneReady(page, path, TITLE);
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
    // The consent boxes stay boxes (the form's text-input rule once stretched them to the card's width).
    for (const box of await page.locator('.consents input[type="checkbox"]').all())
      expect((await box.boundingBox())!.width).toBeLessThanOrEqual(24);
    await page.getByTestId('mok-submit').click();
    await expectPhoneReady(page, 'mok: the form with its errors', TITLE);
    await fillMokForm(page, PERSON);
    await page.getByTestId('mok-submit').click();
    await page.getByLabel('인증번호', { exact: true }).waitFor();
    await expectPhoneReady(page, 'mok: the code', TITLE);
    await page.getByLabel('인증번호', { exact: true }).fill('000000');
    await page.getByTestId('mok-confirm').click();
    await expect.poll(() => page.getByTestId('mok-code-error').textContent()).toContain('남은 입력');
    await expectPhoneReady(page, 'mok: a wrong code, said at the field', TITLE);
    await page.getByLabel('인증번호', { exact: true }).fill(PERSON.otp);
    await page.getByTestId('mok-confirm').click();
    await page.getByTestId('mok-result-phone').waitFor();
    await expectPhoneReady(page, 'mok: the result', TITLE);
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByTestId('mok-done').waitFor();
    await expectPhoneReady(
      page,
      'mok: reloaded after the result (the completed state above the form)',
      TITLE,
    );
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

describe('results survive a reload (from the server, nothing in the URL)', () => {
  it('KCB: reloading the result page shows the completed state, not "결과를 찾을 수 없습니다"', async () => {
    const context = await phone('KCB새로고침');
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/kcb`, { waitUntil: 'networkidle' });
    await page.getByTestId('kcb-start').click();
    await confirmOnKcb(page, KCB_PERSONAS.kimMinjun.id);
    await page.waitForURL(`${site.url}/verify/kcb/result`);
    await expect.poll(() => page.getByTestId('kcb-result-name').textContent()).toBe('김*준');
    await page.reload({ waitUntil: 'networkidle' });
    expect(page.url()).toBe(`${site.url}/verify/kcb/result`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('본인확인 완료');
    expect(await page.getByTestId('kcb-result-name').textContent()).toBe('김*준');
    expect(await page.getByTestId('kcb-status-summary').textContent()).toMatch(
      /^본인확인 완료 · 김\*준 · \d{4}\.\d{2}\.\d{2}$/,
    );
    expect(await page.getByTestId('kcb-result-error').count()).toBe(0);
    await expectPhoneReady(page, 'KCB result after a reload', TITLE);
    // Signed out, the same address shows nothing of anyone.
    const anonymous = await phone();
    const other = await anonymous.newPage();
    await other.goto(`${site.url}/verify/kcb/result`);
    expect(await other.getByTestId('kcb-result-error').count()).toBe(1);
    await Promise.all([context.close(), anonymous.close()]);
  });

  it('SSAFY on a phone: the issuer’s page in this window (no popup), back to a result that survives a reload', async () => {
    const context = await phone('SSAFY새로고침');
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/ssafy`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('ssafy-done').count()).toBe(0);
    let popups = 0;
    page.on('popup', () => (popups += 1));
    await ssafyVerifyFullPage(page, site.url, SSAFY_PERSONAS.kimMinjun.id);
    expect(popups).toBe(0);
    expect(page.url()).toBe(`${site.url}/verify/ssafy`);
    expect(await page.getByTestId('ssafy-done-summary').textContent()).toMatch(
      /^SSAFY 인증 완료 · \d{4}\.\d{2}\.\d{2}$/,
    );
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('ssafy-done-summary').textContent()).toMatch(
      /^SSAFY 인증 완료 · \d{4}\.\d{2}\.\d{2}$/,
    );
    await expectPhoneReady(page, 'SSAFY after a reload', TITLE);
    await context.close();
  });
});

const KAKAOTALK_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 KAKAOTALK 10.8.5';
const IPAD_DESKTOP_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe('where the verification window opens', () => {
  it('KakaoTalk in-app browser: an offer to open the page in the phone’s browser; KCB in this window', async () => {
    const context = await browser.newContext({ ...PHONE, userAgent: KAKAOTALK_UA });
    await signIn(site, context, '카톡브라우저');
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/kcb`, { waitUntil: 'networkidle' });
    const open = page.getByTestId('open-system-browser');
    expect(await open.getAttribute('href')).toBe(
      `kakaotalk://web/openExternal?url=${encodeURIComponent(`${site.url}/verify/kcb`)}`,
    );
    await expectPhoneReady(page, 'KCB in KakaoTalk', TITLE);
    let popups = 0;
    page.on('popup', () => (popups += 1));
    await page.getByTestId('kcb-start').click();
    await page.waitForURL(/\/kcb\/safe\/CommonSvl/);
    expect(popups).toBe(0);
    await page.goto(`${site.url}/verify/ssafy`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('in-app-notice').getAttribute('data-app')).toBe('kakaotalk');
    // SSAFY too runs in this window, and comes back with the result (another SSAFY member than
    // the other tests': one SSAFY account belongs to one member).
    await ssafyVerifyFullPage(page, site.url, 'choi-yujin');
    expect(popups).toBe(0);
    expect(await page.getByTestId('ssafy-done').count()).toBe(1);
    await context.close();
  });

  it('an iPad asking for the desktop site (wide, iOS): KCB in this window, not a popup', async () => {
    const context = await browser.newContext({
      viewport: { width: 1180, height: 820 },
      userAgent: IPAD_DESKTOP_UA,
    });
    await signIn(site, context, '아이패드');
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/kcb`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('in-app-notice').count()).toBe(0);
    let popups = 0;
    page.on('popup', () => (popups += 1));
    await page.getByTestId('kcb-start').click();
    await page.waitForURL(/\/kcb\/safe\/CommonSvl/);
    expect(popups).toBe(0);
    await context.close();
  });

  it('SSAFY: the popup opens inside the tap (a blocker that refuses popups after a network round trip, as iOS Safari, lets it through)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // iOS Safari's rule: window.open only in the same task as the tap.
    await context.addInitScript(() => {
      let allowed = false;
      window.addEventListener(
        'click',
        () => {
          allowed = true;
          setTimeout(() => (allowed = false), 0);
        },
        true,
      );
      const open = window.open.bind(window);
      window.open = (...args: Parameters<typeof window.open>) => (allowed ? open(...args) : null);
    });
    await signIn(site, context, '팝업규칙');
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/ssafy`, { waitUntil: 'networkidle' });
    await ssafySdkReady(page);
    await ssafyVerifyInPopup(page, 'lee-seoyeon'); // another SSAFY member than the reload test's
    await expect.poll(() => page.getByTestId('ssafy-verify').getAttribute('data-status')).toBe('verified');
    await context.close();
  });
});
