import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import { fillMokForm as fillForm, MOK_PERSONAS } from './flows.js';
import { launchBrowser, signIn, startTestSite, watchProblems } from './harness.js';

/**
 * mobile-ok in the verify remote, through the proxied site in Chromium: from the shell's
 * /verification page to the masked result, as a person does it with the sandbox's personas
 * (docs/providers/mobile-ok.md, sandbox personas). Every navigation and request is recorded: no
 * URL may carry the person's data.
 */

/** `lee-seoyeon`: KT, SMS code 234567. */
const SMS_USER = MOK_PERSONAS.leeSeoyeon;
/** `seo-jian`: auth/request answers code 4008 (the carrier cannot be reached). */
const OUTAGE = { name: '서지안', phone: '01041000014', birthday: '19970707', carrier: 'LGU' };

const PII = [
  SMS_USER.name,
  encodeURIComponent(SMS_USER.name),
  SMS_USER.phone,
  '010-4100-0002',
  SMS_USER.birthday,
  SMS_USER.otp,
  'SANDBOX+FAKE',
  encodeURIComponent('SANDBOX+FAKE'),
];

let site: Site;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [site, browser] = await Promise.all([startTestSite('mok'), launchBrowser()]);
  context = await browser.newContext();
  await signIn(site, context, '본인확인');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.stop();
});

/** Every URL the page navigated to or requested. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => urls.push(frame.url()));
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

describe('mobile-ok 본인확인 through the proxied site', () => {
  it('from /verification to the masked result: inline validation, a wrong code, a re-send; no PII in any URL', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    const urls = recordUrls(page);

    await page.goto(`${site.url}/verification`, { waitUntil: 'networkidle' });
    await page.getByRole('radio', { name: /문자\(SMS\) 인증/ }).click();
    await page.getByTestId('verify-go').click();
    await page.waitForURL(`${site.url}/verify/mok?service=sms`);
    await expect.poll(() => page.getByRole('radio', { name: /문자\(SMS\) 인증/ }).isChecked()).toBe(true);

    // Inline validation: a bad number is named on leaving the field, and the request is not sent.
    await page.getByLabel('휴대폰 번호', { exact: true }).fill('0212');
    await page.getByLabel('이름', { exact: true }).focus();
    await expect.poll(() => page.locator('#mok-phone-error').textContent()).toContain('휴대폰 번호');
    expect(await page.getByLabel('휴대폰 번호', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await fillForm(page, SMS_USER);
    await expect.poll(() => page.locator('#mok-phone-error').textContent()).toBe('');
    await page.getByTestId('mok-submit').click();
    await expect.poll(() => page.getByRole('heading', { name: '인증번호 입력' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('mok-resend').textContent()).toContain('남은 횟수 3회');

    // A wrong code: the guide's message and the retries left.
    await page.getByLabel('인증번호', { exact: true }).fill('000000');
    await page.getByTestId('mok-confirm').click();
    await expect
      .poll(() => page.getByTestId('mok-alert').textContent())
      .toBe('입력하신 정보가 올바르지 않습니다. 인증번호를 확인해주세요.');
    await expect.poll(() => page.getByTestId('mok-retries').textContent()).toBe('남은 재시도 2회');

    // A re-send counts down.
    await page.getByTestId('mok-resend').click();
    await expect.poll(() => page.getByTestId('mok-resend').textContent()).toContain('남은 횟수 2회');

    await page.getByLabel('인증번호', { exact: true }).fill(SMS_USER.otp);
    await page.getByTestId('mok-confirm').click();
    await expect.poll(() => page.getByTestId('mok-result-name').textContent()).toBe('이*연');
    expect(await page.getByTestId('mok-result-phone').textContent()).toBe('010-****-0002');
    expect(await page.getByRole('heading', { name: '본인확인 완료' }).isVisible()).toBe(true);
    const result = (await page.getByTestId('mok-result').textContent()) ?? '';
    for (const secret of [SMS_USER.name, SMS_USER.phone, SMS_USER.birthday])
      expect(result).not.toContain(secret);

    expect(urls.length).toBeGreaterThan(5);
    expect(urls.some((u) => u.includes('/verify/api/mok/confirm'))).toBe(true);
    for (const url of urls) for (const secret of PII) expect(url, url).not.toContain(secret);

    // The one wrong code is the only non-2xx answer (Chromium logs it to the console too).
    expect(problems.pageErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([`422 ${site.url}/verify/api/mok/confirm`]);
    expect(problems.consoleErrors.filter((m) => !m.includes('status of 422'))).toEqual([]);
    await page.close();
  });

  it('PASS, LMS, ARS and SMS 소유인증 each reach the masked result with the same person; no PII in any URL', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    const urls = recordUrls(page);
    const start = async (service: string, label: RegExp) => {
      await page.goto(`${site.url}/verify/mok?service=${service}`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.getByRole('radio', { name: label }).isChecked()).toBe(true);
    };
    const expectResult = async (name: string | null) => {
      await expect
        .poll(() => page.getByTestId('mok-result-phone').textContent(), { timeout: 15_000 })
        .toBe('010-****-0002');
      if (name) expect(await page.getByTestId('mok-result-name').textContent()).toBe(name);
      else expect(await page.getByTestId('mok-result-name').count()).toBe(0);
    };

    // PASS: no code; the person approves in the app (the persona after ~2 s), then says so on the
    // page — one confirm request per click, as the guide's samples do.
    await start('pass', /PASS 앱 인증/);
    await page.getByLabel('통신사', { exact: true }).selectOption(SMS_USER.carrier);
    await page.getByLabel('이름', { exact: true }).fill(SMS_USER.name);
    await page.getByLabel('휴대폰 번호', { exact: true }).fill(SMS_USER.phone);
    await page.getByTestId('mok-submit').click();
    await expect.poll(() => page.getByRole('heading', { name: /PASS/ }).isVisible()).toBe(true);
    await page.waitForTimeout(2_500);
    await page.getByTestId('mok-pass-done').click();
    await expectResult('이*연');

    // LMS: the same steps as SMS, a long message instead.
    await start('lms', /장문 문자\(LMS\) 인증/);
    await fillForm(page, SMS_USER);
    await page.getByTestId('mok-submit').click();
    await page.getByLabel('인증번호', { exact: true }).fill(SMS_USER.otp);
    await page.getByTestId('mok-confirm').click();
    await expectResult('이*연');

    // ARS: the number to key in is shown, the call is requested, the page waits for its outcome.
    await start('ars', /ARS 전화 인증/);
    await fillForm(page, SMS_USER);
    await page.getByTestId('mok-submit').click();
    await expect.poll(() => page.locator('.ars-number').textContent()).toMatch(/^\d{6}$/);
    await page.getByTestId('mok-call').click();
    await expectResult('이*연');

    // SMS 소유인증: the number only — no carrier, no birthday; the result has no name.
    await start('sms-own', /SMS 소유 인증/);
    expect(await page.getByLabel('통신사', { exact: true }).count()).toBe(0);
    expect(await page.getByLabel('생년월일', { exact: true }).count()).toBe(0);
    await page.getByLabel('이름', { exact: true }).fill(SMS_USER.name);
    await page.getByLabel('휴대폰 번호', { exact: true }).fill(SMS_USER.phone);
    await page.getByTestId('mok-submit').click();
    await page.getByLabel('인증번호', { exact: true }).fill(SMS_USER.otp);
    await page.getByTestId('mok-confirm').click();
    await expectResult(null);

    for (const url of urls) for (const secret of PII) expect(url, url).not.toContain(secret);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    // Polling PASS and ARS answers "not yet" as a 2xx, never an error status.
    expect(problems.failedRequests).toEqual([]);
    await page.close();
  });

  it("an injected failure (the carrier unreachable, 4008) shows the guide's customer message and a way to start again", async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/mok?service=sms`);
    await fillForm(page, OUTAGE);
    await page.getByRole('radio', { name: '남자' }).check();
    await page.getByTestId('mok-submit').click();
    await expect
      .poll(() => page.getByTestId('mok-failed-message').textContent())
      .toBe('선택하신 본인확인 서비스와 연결에 실패했습니다. 잠시후 다시 시도해 주세요.');
    await page.getByTestId('mok-restart').click();
    // Back to the form, with what was typed still there.
    await expect.poll(() => page.getByLabel('이름', { exact: true }).inputValue()).toBe(OUTAGE.name);
    await page.close();
  });
});
