import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import { MOK_PERSONAS, mokSmsVerification } from './flows.js';
import { launchBrowser, signIn, startTestSite, watchProblems } from './harness.js';
import { horizontalOverflow, seriousViolations } from './ui-audit.js';

/**
 * Verification as a lasting state: after a mobile-ok SMS 본인확인, the member sees it — in 내 정보
 * (/user), in the header's user menu and on /verification — in the first HTML (no flash of
 * "unverified"), at phone size without sideways scrolling. Signed out, nothing is shown.
 */

const PHONE = { viewport: { width: 390, height: 844 }, locale: 'ko-KR' } as const;
const PERSON = MOK_PERSONAS.leeSeoyeon;

let site: Site;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [site, browser] = await Promise.all([startTestSite('verification-status'), launchBrowser()]);
  context = await browser.newContext(PHONE);
  await signIn(site, context, '서연');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.stop();
});

/** "2026.12.03": the date in Korea now. */
const kstToday = () => {
  const kst = new Date(Date.now() + 9 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${kst.getUTCFullYear()}.${pad(kst.getUTCMonth() + 1)}.${pad(kst.getUTCDate())}`;
};

/** The HTML the server sends for `path` with the context's cookies (what shows before any script). */
async function serverHtml(path: string): Promise<string> {
  const res = await context.request.get(`${site.url}${path}`);
  expect(res.status(), path).toBe(200);
  return res.text();
}

async function fitsPhone(page: Page, what: string): Promise<void> {
  expect(await horizontalOverflow(page), `${what}: sideways scrolling at 390 px`).toBe(0);
  expect(await seriousViolations(page), `${what}: serious/critical axe violations`).toEqual({});
}

describe('the verification status after a mobile-ok SMS 본인확인', () => {
  it('before: 내 정보 says not yet; no badge in the menu, no status on /verification', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/user`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('me-verification').textContent()).toContain(
      '아직 본인확인을 하지 않았어요.',
    );
    await page.goto(`${site.url}/verification`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('verify-status').count()).toBe(0);
    expect(await page.getByTestId('user-verified-badge').count()).toBe(0);
    await page.close();
  });

  it('after: 내 정보, the user menu and /verification show "본인확인 완료 · 이*연 · <date>", server-rendered, at 390 px', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    const before = kstToday();
    await mokSmsVerification(page, site.url, PERSON);
    const dates = new Set([before, kstToday()]);
    const isSummary = (text: string | null) =>
      [...dates].some((date) => text === `본인확인 완료 · ${PERSON.masked} · ${date}`);

    // 내 정보 (the user remote's own page).
    await page.goto(`${site.url}/user`, { waitUntil: 'networkidle' });
    const mine = await page.getByTestId('me-verification-summary').textContent();
    expect(isSummary(mine), String(mine)).toBe(true);
    expect(await page.getByTestId('me-verification').textContent()).toContain(
      '휴대폰 본인확인으로 확인했어요.',
    );
    await fitsPhone(page, '/user');

    // The header's user menu (the shell's home): a badge on the button, the status in the menu.
    await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('user-verified-badge').isVisible()).toBe(true);
    await page.locator('[data-slot-component="user/UserMenu"] button.trigger').click();
    const item = page.getByRole('menuitem', { name: /본인확인/ });
    expect(isSummary(await page.getByTestId('user-menu-verification').textContent())).toBe(true);
    expect(await item.getAttribute('href')).toBe('/verification');
    const menu = (await page.getByRole('menu').boundingBox())!;
    expect(menu.x).toBeGreaterThanOrEqual(0);
    expect(menu.x + menu.width).toBeLessThanOrEqual(390);
    await fitsPhone(page, '/ with the user menu open');

    // /verification: the status first, then what is next, and the methods as 다시 인증하기.
    await page.goto(`${site.url}/verification`, { waitUntil: 'networkidle' });
    expect(isSummary(await page.getByTestId('verify-status-summary').textContent())).toBe(true);
    expect(await page.getByTestId('verify-status').textContent()).toContain('다시 인증하지 않아도 돼요');
    expect(await page.getByRole('heading', { name: '다시 인증하기' }).isVisible()).toBe(true);
    await fitsPhone(page, '/verification');

    // In the HTML the servers send: no flash of "unverified" while scripts load. Never the name,
    // the number or the birth date.
    const html = {
      user: await serverHtml('/user'),
      home: await serverHtml('/'),
      verification: await serverHtml('/verification'),
    };
    expect(html.user).toContain(`본인확인 완료 · ${PERSON.masked} · `);
    expect(html.verification).toContain(`본인확인 완료 · ${PERSON.masked} · `);
    expect(html.home).toContain('data-testid="user-verified-badge"');
    expect(html.verification).toContain('data-testid="user-verified-badge"');
    for (const [path, body] of Object.entries(html))
      for (const secret of [PERSON.name, PERSON.phone, PERSON.birthday])
        expect(body, path).not.toContain(secret);

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await page.close();
  });

  it('signed out: nothing about anyone’s verification', async () => {
    const anonymous = await browser.newContext(PHONE);
    const page = await anonymous.newPage();
    await page.goto(`${site.url}/verification`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('verify-status').count()).toBe(0);
    expect(await page.getByTestId('user-verified-badge').count()).toBe(0);
    expect(await page.content()).not.toContain('본인확인 완료');
    await anonymous.close();
  });
});
