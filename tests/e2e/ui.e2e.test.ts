import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentItem } from '@mfv/api-contract';
import { REVOCATION_POLL_MS } from '@mfv/auth';
import type { Site } from '@mfv/site';
import { KAKAO_PERSONAS, kakaoLogin } from './flows.js';
import { launchBrowser, signIn, startTestSite } from './harness.js';
import { expectPhoneReady, horizontalOverflow, PHONE_VIEWPORT } from './ui-audit.js';

/**
 * What a Korean member sees on a phone (390 × 844), page by page: no sideways scrolling at 360,
 * 390 and 430 px, no serious or critical axe-core violation, a Korean title and description,
 * fingers-sized targets; then the header pop-ups, the error pages, notices, a cancelled login and
 * "모든 기기에서 로그아웃" across two browsers.
 */
let site: Site;
let browser: Browser;

const PHONE = { viewport: PHONE_VIEWPORT, locale: 'ko-KR', hasTouch: false } as const;
const SEED_NOTICE = '6f1c2a10-0000-4000-8000-000000000004';

beforeAll(async () => {
  [site, browser] = await Promise.all([startTestSite('ui'), launchBrowser()]);
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

/** Every check one page must pass at phone size (ui-audit.ts). */
async function checkPage(page: Page, path: string, expectedStatus = 200) {
  const res = await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  expect(res?.status(), path).toBe(expectedStatus);
  // The verify remote's slot is another team's (audited with its own pages).
  await expectPhoneReady(page, path);
}

const SIGNED_OUT = [
  '/',
  '/verification',
  '/terms',
  '/privacy',
  '/support',
  '/user/login',
  '/user/consents/marketing',
];
const SIGNED_IN = ['/', '/verification', '/terms', '/user', '/notice', `/notice/${SEED_NOTICE}`];
const NOT_FOUND = ['/nope', '/user/nope', '/notice/nope', '/notice/00000000-0000-4000-8000-000000000000'];

describe('every page at phone size', () => {
  it('signed out', async () => {
    const context = await phone();
    const page = await context.newPage();
    for (const path of SIGNED_OUT) await checkPage(page, path);
    for (const path of NOT_FOUND.slice(0, 3)) await checkPage(page, path, 404);
    await context.close();
  });

  it('signed in', async () => {
    const context = await phone('김하늘');
    const page = await context.newPage();
    for (const path of SIGNED_IN) await checkPage(page, path);
    for (const path of NOT_FOUND) await checkPage(page, path, 404);
    await context.close();
  });

  it('the signup form: each consent on its own ([필수]/[선택], 보기, 만 14세 이상); submit only when every [필수] is checked', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login?returnTo=%2Fuser`);
    await kakaoLogin(page, KAKAO_PERSONAS.kimMinjun.id);
    await page.waitForURL(`${site.url}/user/signup`);
    await checkPage(page, '/user/signup');
    const submit = page.getByRole('button', { name: '가입하고 시작하기' });
    await expect.poll(() => page.locator('#nickname').inputValue()).toBe(KAKAO_PERSONAS.kimMinjun.prefill);
    const label = (name: string) => page.locator(`label:has(input[name="${name}"])`);
    for (const name of ['terms', 'privacy', 'age14'])
      expect(await label(name).textContent()).toContain('[필수]');
    expect(await label('age14').textContent()).toContain('만 14세 이상');
    expect(await label('marketing').textContent()).toContain('[선택] 마케팅 정보 수신');
    expect(await page.getByRole('link', { name: /^보기/ }).count()).toBe(4);

    // 보기 opens the document in a new window.
    const [terms] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: '보기 (이용약관, 새 창)' }).click(),
    ]);
    await terms.waitForLoadState();
    expect(new URL(terms.url()).pathname).toBe('/terms');
    expect(await terms.locator('h1').textContent()).toBe('이용약관');
    // The page's 시행일 is the version the form sends.
    expect(await terms.getByText(/^시행일:/).textContent()).toBe(
      `시행일: ${consentItem('terms').version.replaceAll('-', '.')}`,
    );
    await terms.close();
    const [marketing] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: '보기 (마케팅 정보 수신, 새 창)' }).click(),
    ]);
    await marketing.waitForLoadState();
    expect(await marketing.locator('h1').textContent()).toBe('마케팅 정보 수신 동의');
    await checkPage(marketing, '/user/consents/marketing');
    await marketing.close();

    // 전체 동의 checks every item, the optional one too; the optional one alone does not block.
    await page.check('input[name="agreeAll"]');
    for (const name of ['terms', 'privacy', 'age14', 'marketing'])
      expect(await page.locator(`input[name="${name}"]`).isChecked()).toBe(true);
    await page.uncheck('input[name="marketing"]');
    expect(await page.locator('input[name="agreeAll"]').isChecked()).toBe(false);
    await page.uncheck('input[name="age14"]');
    expect(await submit.isDisabled()).toBe(true);
    await page.check('input[name="age14"]');
    expect(await submit.isDisabled()).toBe(false);
    await submit.click();
    await page.waitForURL(`${site.url}/user`);

    // 내 정보: the optional item as given at signup (not given), then given and withdrawn again.
    const state = page.getByTestId('me-consent-marketing-state');
    expect(await state.textContent()).toBe('동의하지 않았어요.');
    await checkPage(page, '/user');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Seoul' })
      .format(new Date())
      .replaceAll('-', '.');
    await page.getByRole('button', { name: '동의하기', exact: true }).click();
    await expect.poll(() => state.textContent()).toBe(`${today}에 동의했어요.`);
    expect(await page.getByRole('status').filter({ hasText: '마케팅 정보 수신에 동의했어요.' }).count()).toBe(
      1,
    );
    await page.reload({ waitUntil: 'networkidle' });
    expect(await state.textContent()).toBe(`${today}에 동의했어요.`);
    await page.getByRole('button', { name: '동의 철회하기' }).click();
    await expect.poll(() => state.textContent()).toBe(`${today}에 동의를 철회했어요.`);
    await context.close();
  });
});

describe('error pages', () => {
  it('404s are Korean, inside the site, with a way home; the shell header shows no broken slots', async () => {
    const context = await phone();
    const page = await context.newPage();
    for (const path of NOT_FOUND.slice(0, 3)) {
      const res = await page.goto(`${site.url}${path}`);
      expect(res?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('페이지를 찾을 수 없어요');
      expect(await page.content()).not.toMatch(/This page could not be found|일시 중단|data-slot-fallback/);
      expect(await page.locator('footer').getByRole('link', { name: '개인정보처리방침' }).count()).toBe(1);
      await page.getByRole('link', { name: '홈으로 가기' }).click();
      await page.waitForURL(`${site.url}/`);
    }
    await context.close();
  });
});

describe('header pop-ups at phone size', () => {
  it('on screen, one at a time, closed by Escape and by a tap outside; the menu moves with the arrow keys', async () => {
    const context = await phone('박지우');
    const page = await context.newPage();
    await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
    const bell = page.locator('[data-slot-component="notice/NoticeBell"] button.bell');
    const trigger = page.locator('[data-slot-component="user/UserMenu"] button.trigger');
    const panel = page.getByTestId('notice-panel');
    const menu = page.getByRole('menu');

    await bell.click();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await horizontalOverflow(page)).toBe(0);
    // The panel's items start at its left edge (the header's own link styles stay in the header).
    const title = (await panel.locator('a.item .title').first().boundingBox())!;
    expect(title.x - box.x).toBeLessThan(48);

    // Opening the menu closes the panel.
    await trigger.click();
    await expect.poll(() => panel.count()).toBe(0);
    expect(await menu.isVisible()).toBe(true);
    const menuBox = (await menu.boundingBox())!;
    expect(menuBox.x).toBeGreaterThanOrEqual(0);
    expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(390);
    const firstItem = await menu
      .getByRole('menuitem')
      .first()
      .evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return range.getBoundingClientRect().x;
      });
    expect(firstItem - menuBox.x).toBeLessThan(40);

    // A tap outside closes it.
    // (the page's left margin: nothing there to activate)
    await page.mouse.click(4, 400);
    await expect.poll(() => menu.count()).toBe(0);

    // Keyboard: ↓ opens on the first item, ↓/↑/End move, Escape closes and returns to the button.
    await trigger.focus();
    await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    await expect.poll(focused).toBe('내 정보');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('알림');
    await page.keyboard.press('End');
    expect(await focused()).toBe('모든 기기에서 로그아웃');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('내 정보');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('모든 기기에서 로그아웃');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('trigger'))).toBe(true);

    // Escape closes the bell panel too.
    await bell.click();
    await expect.poll(() => panel.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);

    // The focus ring: at least 2 px, contrast ≥ 3:1 with white (blue-700).
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { width: parseFloat(s.outlineWidth), style: s.outlineStyle, color: s.outlineColor };
    });
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.style).not.toBe('none');
    expect(ring.color).toBe('rgb(29, 78, 216)');
    await context.close();
  });
});

describe('notices', () => {
  it('the bell count and the notices are in the server-rendered HTML; a notice opens; 모두 읽음', async () => {
    const context = await phone('최유나');
    const html = await (await context.request.get(`${site.url}/`)).text();
    expect(html).toMatch(/data-testid="notice-unread"[^>]*>4</);
    expect(html).toContain('data-slot-component="notice/NoticeList" data-state="ready"');
    expect(html).not.toContain('불러오는 중');

    const page = await context.newPage();
    // A tap before the bell has hydrated does nothing; on a loaded CI machine the test tapped
    // first and waited for a panel that never opened. Tap once the page's scripts have settled.
    await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
    await page.locator('[data-slot-component="notice/NoticeBell"] button.bell').click();
    const first = page.getByTestId('notice-panel').locator('a.item').first();
    await expect.poll(() => first.locator('[data-unread="true"]').count()).toBe(1);
    const marked = page.waitForResponse((r) => r.url().endsWith(`/notice/api/notices/${SEED_NOTICE}/read`));
    await first.click();
    await page.waitForURL(new RegExp(`/notice/${SEED_NOTICE}$`));
    expect((await marked).status()).toBe(204);
    expect(await page.locator('article h1').textContent()).toBe('토스로 로그인할 수 있어요');
    expect(await page.locator('article .body').textContent()).toContain('토스 앱으로도 로그인');

    await page.goto(`${site.url}/notice`);
    await expect.poll(() => page.locator('li.unread').count()).toBe(3);
    await page.getByRole('button', { name: '모두 읽음' }).click();
    await expect.poll(() => page.locator('li.unread').count()).toBe(0);
    const after = await (await context.request.get(`${site.url}/`)).text();
    expect(after).not.toContain('data-testid="notice-unread"');
    await context.close();
  });
});

describe('login', () => {
  it('cancelling at Kakao returns quietly to the login page, keeping returnTo', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${site.url}/user/login?returnTo=%2Fverification`);
    await page.getByTestId('login-kakao').click();
    await page.waitForURL(/\/kakao\/kauth\/oauth\/authorize/);
    await page.getByRole('button', { name: '취소' }).click();
    await page.waitForURL(`${site.url}/user/login?returnTo=%2Fverification`);
    // No error card (Next's route announcer is the page's only live region).
    expect(await page.locator('p[role="alert"]:not(#__next-route-announcer__)').count()).toBe(0);
    expect(await page.getByTestId('login-kakao').getAttribute('href')).toContain('returnTo=%2Fverification');
    await context.close();
  });

  it('모든 기기에서 로그아웃 signs the other browser out within the revocation poll bound, for good', async () => {
    const persona = KAKAO_PERSONAS.leeSeoyeon;
    const [a, b] = [await phone(), await phone()];
    const [pa, pb] = [await a.newPage(), await b.newPage()];
    // The same member in two browsers: signs up in A, signs in again in B.
    await pa.goto(`${site.url}/user/login?returnTo=%2F`);
    await kakaoLogin(pa, persona.id);
    await pa.waitForURL(`${site.url}/user/signup`);
    await pa.check('input[name="agreeAll"]');
    await pa.getByRole('button', { name: '가입하고 시작하기' }).click();
    await pa.waitForURL(`${site.url}/`);
    await pb.goto(`${site.url}/user/login?returnTo=%2F`);
    await kakaoLogin(pb, persona.id);
    await pb.waitForURL(`${site.url}/`);
    expect(await pb.getByTestId('user-nickname').textContent()).toBe(persona.prefill);

    await pa.locator('[data-slot-component="user/UserMenu"] button.trigger').click();
    const done = pa.waitForResponse((r) => r.url().endsWith('/user/api/logout-all'));
    await pa.getByRole('menuitem', { name: '모든 기기에서 로그아웃' }).click();
    expect((await done).status()).toBeLessThan(300);
    await pa.waitForURL(`${site.url}/`);

    // Every Next process learns of the revocation from its background poll of the api: within one
    // poll interval plus its round trip (packages/auth/src/revocations.ts). B reloads until it is
    // signed out; that must happen within the bound, and it stays signed out (no refresh revives it).
    const revokedAt = Date.now();
    const signedIn = async () => {
      await pb.goto(`${site.url}/`);
      return pb.locator('[data-slot-component="user/UserMenu"]').getAttribute('data-signed-in');
    };
    let loads = 1;
    while ((await signedIn()) === 'true' && Date.now() - revokedAt < 5_000) loads += 1;
    const elapsed = Date.now() - revokedAt;
    console.log(`logout-all: the other browser signed out after ${elapsed} ms, on load ${loads}`);
    expect(await signedIn()).toBe('false');
    expect(elapsed).toBeLessThan(REVOCATION_POLL_MS + 1_000);
    expect((await b.cookies(site.url)).map((c) => c.name)).not.toContain('mfv_sid');
    expect(await pb.getByTestId('notice-unread').count()).toBe(0);
    await pb.goto(`${site.url}/notice`);
    expect(new URL(pb.url()).pathname).toBe('/user/login');
    await Promise.all([a.close(), b.close()]);
  });
});
