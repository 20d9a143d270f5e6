import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import { MOK_PERSONAS, mokSmsVerification } from './flows.js';
import { launchBrowser, signIn, startTestSite, watchProblems } from './harness.js';
import { horizontalOverflow, seriousViolations, smallTapTargets } from './ui-audit.js';

/**
 * The /verification launcher and the status around it, live and aware of the browser:
 * - a verification finished in one tab shows at once in the other open pages — the header's user
 *   menu, 내 정보 and /verification — with no reload and no navigation (`@mfv/ui/live-verification`);
 * - inside KakaoTalk's or Naver's in-app browser the launcher says to open the site in the phone's
 *   own browser and offers the way there, as the verify pages do (apps/verify/src/core/environment.ts).
 */
let site: Site;
let browser: Browser;

const PHONE = { viewport: { width: 390, height: 844 }, locale: 'ko-KR' } as const;
const PERSON = MOK_PERSONAS.leeSeoyeon;

beforeAll(async () => {
  [site, browser] = await Promise.all([startTestSite('verification-live'), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

/** Opens `path` and marks the document: the mark survives only if the page is never reloaded. */
async function openMarked(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
  return page;
}

async function stayed(page: Page, path: string): Promise<void> {
  expect(new URL(page.url()).pathname).toBe(path);
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
}

describe('the status after verifying, without a reload', () => {
  it('the user menu, 내 정보 and /verification in other tabs change as soon as the verification ends', async () => {
    const context = await browser.newContext(PHONE);
    await signIn(site, context, '실시간');
    const home = await openMarked(context, '/');
    const mine = await openMarked(context, '/user');
    const launcher = await openMarked(context, '/verification');
    const problems = [home, mine, launcher].map(watchProblems);
    expect(await home.getByTestId('user-verified-badge').count()).toBe(0);
    expect(await mine.getByTestId('me-verification').textContent()).toContain(
      '아직 본인확인을 하지 않았어요.',
    );
    expect(await launcher.getByTestId('verify-status').count()).toBe(0);

    const flow = await context.newPage();
    await mokSmsVerification(flow, site.url, PERSON);
    const masked = PERSON.masked.replace('*', '\\*');
    const summary = new RegExp(`^본인확인 완료 · ${masked} · \\d{4}\\.\\d{2}\\.\\d{2}$`);

    // The header of the home tab: the badge, and the status in the menu.
    await expect.poll(() => home.getByTestId('user-verified-badge').count()).toBe(1);
    await home.locator('[data-slot-component="user/UserMenu"] button.trigger').click();
    expect(await home.getByTestId('user-menu-verification').textContent()).toMatch(summary);
    await stayed(home, '/');

    // 내 정보 and /verification.
    await expect.poll(async () => (await mine.getByTestId('me-verification-summary').count()) > 0).toBe(true);
    expect(await mine.getByTestId('me-verification-summary').textContent()).toMatch(summary);
    await stayed(mine, '/user');
    await expect.poll(() => launcher.getByTestId('verify-status').count()).toBe(1);
    expect(await launcher.getByTestId('verify-status-summary').textContent()).toMatch(summary);
    expect(await launcher.getByRole('heading', { name: '다시 인증하기' }).isVisible()).toBe(true);
    await stayed(launcher, '/verification');
    expect(await horizontalOverflow(launcher)).toBe(0);
    expect(await seriousViolations(launcher)).toEqual({});

    for (const seen of problems) {
      expect(seen.pageErrors).toEqual([]);
      expect(seen.consoleErrors).toEqual([]);
    }
    await context.close();
  });

  it('the status route: masked fields only, never cached; signed out, not verified', async () => {
    const anonymous = await browser.newContext(PHONE);
    const res = await anonymous.request.get(`${site.url}/verify/api/verification/status`);
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toContain('no-store');
    expect(await res.json()).toEqual({ verified: false });
    const post = await anonymous.request.post(`${site.url}/verify/api/verification/status`);
    expect(post.status()).toBe(405);
    expect(await post.json()).toMatchObject({
      code: 'METHOD_NOT_ALLOWED',
      message: expect.stringMatching(/요\.$/),
    });
    await anonymous.close();
  });
});

const KAKAOTALK_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 KAKAOTALK 10.8.5';
const NAVER_ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 14; SM-S918N Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.122 Mobile Safari/537.36 NAVER(inapp; search; 2000; 12.6.2)';

describe('the launcher inside an app’s in-app browser (390 px)', () => {
  it('KakaoTalk: "기본 브라우저에서 열어 주세요" with KakaoTalk’s own way out, above the methods', async () => {
    const context = await browser.newContext({ ...PHONE, userAgent: KAKAOTALK_UA });
    await signIn(site, context, '카톡런처');
    const page = await context.newPage();
    await page.goto(`${site.url}/verification`, { waitUntil: 'networkidle' });
    const notice = page.getByTestId('in-app-notice');
    expect(await notice.getAttribute('data-app')).toBe('kakaotalk');
    expect(await notice.textContent()).toContain('기본 브라우저에서 열어 주세요');
    expect(await page.getByTestId('open-system-browser').getAttribute('href')).toBe(
      `kakaotalk://web/openExternal?url=${encodeURIComponent(`${site.url}/verification`)}`,
    );
    const noticeBox = (await notice.boundingBox())!;
    const methods = (await page.getByRole('radiogroup', { name: '본인확인 방법' }).boundingBox())!;
    expect(noticeBox.y).toBeLessThan(methods.y);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual({});
    expect(await smallTapTargets(page)).toEqual([]);
    await context.close();
  });

  it('Naver on Android: an intent that opens the page in the default browser', async () => {
    const context = await browser.newContext({ ...PHONE, userAgent: NAVER_ANDROID_UA });
    const page = await context.newPage();
    await page.goto(`${site.url}/verification`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('in-app-notice').getAttribute('data-app')).toBe('naver');
    const host = new URL(site.url).host;
    expect(await page.getByTestId('open-system-browser').getAttribute('href')).toBe(
      `intent://${host}/verification#Intent;scheme=http;action=android.intent.action.VIEW;end`,
    );
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual({});
    await context.close();
  });

  it('an ordinary phone browser: no notice', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${site.url}/verification`, { waitUntil: 'networkidle' });
    await page.getByRole('radio', { name: /문자\(SMS\) 인증/ }).click();
    expect(await page.getByTestId('in-app-notice').count()).toBe(0);
    await context.close();
  });
});
