import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import { chooseMokCarrier, fillMokForm as fillForm, MOK_PERSONAS } from './flows.js';
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
const OUTAGE = {
  name: '서지안',
  phone: '01041000014',
  birthday: '19970707',
  carrier: 'LGU',
  genderDigit: '1',
};
/** `jo-eunsol`: SKT, born 2010 — not an adult (isAdult N with 01016). */
const MINOR = {
  name: '조은솔',
  phone: '01041000007',
  birthday: '20100505',
  carrier: 'SKT',
  genderDigit: '4',
  otp: '789012',
};
/** `shin-hayoung`: LG U+, never picks up the ARS call (4612). */
const ARS_NO_ANSWER = { name: '신하영', phone: '01041000006', birthday: '19930303', carrier: 'LGU' };
/** `yoo-taemin`: an LG U+ 알뜰폰 (LGUMVNO) customer, born 1987, male. */
const MVNO = {
  name: '유태민',
  phone: '01041000008',
  birthday: '19870717',
  carrier: 'LGUMVNO',
  genderDigit: '1',
  otp: '890123',
};

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
    await expect
      .poll(() => page.getByRole('heading', { name: '인증번호 입력' }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect
      .poll(() => page.getByTestId('mok-resend').textContent(), { timeout: 15_000 })
      .toContain('남은 횟수 3회');

    // The code's 3:00 runs inside the field (not the transaction's 10:00 outside it).
    const timer = page.getByTestId('mok-code-timer');
    const secondsLeft = async () => {
      const [m, sec] = ((await timer.textContent()) ?? '0:00').split(':').map(Number);
      return (m ?? 0) * 60 + (sec ?? 0);
    };
    expect(await secondsLeft()).toBeGreaterThan(170);
    expect(await secondsLeft()).toBeLessThanOrEqual(180);
    expect(await page.locator('.code-field #mok-authNumber-timer').count()).toBe(1);
    expect(await page.locator('.mok').textContent()).not.toContain('남은 시간');

    // A wrong code: the guide's message at the field with the tries left; nothing "확인하고 있어요" above it.
    await page.getByLabel('인증번호', { exact: true }).fill('000000');
    await page.getByTestId('mok-confirm').click();
    await expect
      .poll(() => page.getByTestId('mok-code-error').textContent(), { timeout: 15_000 })
      .toBe('입력하신 정보가 올바르지 않아요. 인증번호를 확인해주세요. (남은 입력 2회)');
    expect(await page.getByTestId('mok-status').textContent()).toBe('');
    expect(await page.getByTestId('mok-alert').count()).toBe(0);
    expect(await page.getByLabel('인증번호', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    // A re-send counts down and starts the code's 3 minutes again.
    await expect.poll(secondsLeft, { timeout: 10_000 }).toBeLessThan(178);
    const before = await secondsLeft();
    await page.getByTestId('mok-resend').click();
    await expect
      .poll(() => page.getByTestId('mok-resend').textContent(), { timeout: 15_000 })
      .toContain('남은 횟수 2회');
    expect(await secondsLeft()).toBeGreaterThan(before);
    expect(await page.getByTestId('mok-code-error').textContent()).toBe('');

    await page.getByLabel('인증번호', { exact: true }).fill(SMS_USER.otp);
    await page.getByTestId('mok-confirm').click();
    await expect
      .poll(() => page.getByTestId('mok-result-name').textContent(), { timeout: 15_000 })
      .toBe('이*연');
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
      await expect
        .poll(() => page.getByRole('radio', { name: label }).isChecked(), { timeout: 15_000 })
        .toBe(true);
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
    await chooseMokCarrier(page, SMS_USER.carrier);
    await page.getByRole('checkbox', { name: '약관 전체 동의' }).check();
    await page.getByLabel('이름', { exact: true }).fill(SMS_USER.name);
    await page.getByLabel('휴대폰 번호', { exact: true }).fill(SMS_USER.phone);
    await page.getByTestId('mok-submit').click();
    await expect
      .poll(() => page.getByRole('heading', { name: /PASS/ }).isVisible(), { timeout: 15_000 })
      .toBe(true);
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

    // ARS: the number to key in is shown, the call is requested; the person says when they keyed
    // it in (the sandbox's call lasts 3 s) and only then is the outcome asked for.
    await start('ars', /ARS 전화 인증/);
    await fillForm(page, SMS_USER);
    await page.getByTestId('mok-submit').click();
    await expect
      .poll(() => page.locator('.ars-number').textContent(), { timeout: 15_000 })
      .toMatch(/^\d{6}$/);
    const confirms: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/verify/api/mok/confirm')) confirms.push(r.url());
    });
    await page.getByTestId('mok-call').click();
    await page.getByTestId('mok-ars-done').waitFor();
    await page.waitForTimeout(6_000);
    expect(confirms, 'no confirm before the click').toEqual([]);
    await page.getByTestId('mok-ars-done').click();
    await expectResult('이*연');
    expect(confirms.length).toBe(1);

    // SMS 소유인증: the number only — no carrier, no birthday; the result has no name.
    await start('sms-own', /SMS 소유 인증/);
    expect(await page.getByRole('radio', { name: 'KT', exact: true }).count()).toBe(0);
    expect(await page.getByLabel('생년월일', { exact: true }).count()).toBe(0);
    await page.getByRole('checkbox', { name: '약관 전체 동의' }).check();
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

  it('an injected failure (the carrier unreachable, 4008, "잠시후 다시") shows the guide\'s customer message on the form, with what was typed kept to send again', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/mok?service=sms`);
    await fillForm(page, OUTAGE);
    await page.getByTestId('mok-submit').click();
    await expect
      .poll(() => page.getByTestId('mok-alert').textContent(), { timeout: 15_000 })
      .toBe('선택하신 본인확인 서비스와 연결에 실패했어요. 잠시후 다시 시도해 주세요.');
    // A passing failure: no restart screen; the form, with what was typed, to send again.
    expect(await page.getByTestId('mok-failed-message').count()).toBe(0);
    expect(await page.getByLabel('이름', { exact: true }).inputValue()).toBe(OUTAGE.name);
    expect(await page.getByTestId('mok-submit').isEnabled()).toBe(true);
    await page.close();
  });

  it('the standard window: carrier tiles first, [필수] consents with 보기, no 이용 목적 to pick; 인증 요청 waits for every consent', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/mok?service=sms`, { waitUntil: 'networkidle' });
    const order = await page.locator('form legend, form label.field-label').allTextContents();
    expect(order.slice(0, 3)).toEqual(['통신사', '인증 방법', '약관 동의']);
    for (const name of ['SKT', 'KT', 'LG U+', '알뜰폰'])
      expect(await page.getByRole('radio', { name, exact: true }).count(), name).toBe(1);
    // 알뜰폰 asks for its network.
    expect(await page.getByRole('radio', { name: 'LG U+ 알뜰폰' }).count()).toBe(0);
    await page.getByRole('radio', { name: '알뜰폰', exact: true }).check();
    expect(await page.getByRole('radio', { name: 'LG U+ 알뜰폰' }).count()).toBe(1);
    const required = page.locator('.consents li label');
    expect(await required.count()).toBe(4);
    for (const text of await required.allTextContents()) expect(text).toMatch(/^\[필수\] /);
    expect(await page.locator('.consents summary').count()).toBe(4);
    await page.locator('.consents summary').first().click();
    expect(await page.locator('.consents details[open] p').textContent()).toContain('수집');
    expect(await page.getByLabel('이용 목적').count()).toBe(0);

    await fillForm(page, { ...SMS_USER, carrier: 'KT' });
    await page.locator('input[name="agree-carrier"]').uncheck();
    expect(await page.getByRole('checkbox', { name: '약관 전체 동의' }).isChecked()).toBe(false);
    await page.getByTestId('mok-submit').click();
    await expect
      .poll(() => page.locator('#mok-consent-error').textContent(), { timeout: 15_000 })
      .toBe('[필수] 약관에 모두 동의해 주세요.');
    expect(await page.getByRole('heading', { name: '인증번호 입력' }).count()).toBe(0);
    await page.close();
  });

  it('a wrong carrier goes back to the form with the carrier marked (no restart screen, no "(통신사정보)"); 알뜰폰 then works', async () => {
    // Another person than the shared member's: a member of their own.
    const own = await browser.newContext();
    await signIn(site, own, '알뜰폰');
    const page = await own.newPage();
    await page.goto(`${site.url}/verify/mok?service=sms`, { waitUntil: 'networkidle' });
    await fillForm(page, { ...MVNO, carrier: 'LGU' });
    await page.getByTestId('mok-submit').click();
    await expect
      .poll(() => page.getByTestId('mok-carrier-error').textContent(), { timeout: 15_000 })
      .toContain('통신사');
    expect(await page.getByTestId('mok-failed').count()).toBe(0);
    expect(await page.locator('.mok').textContent()).not.toContain('(통신사정보)');
    expect(await page.getByLabel('이름', { exact: true }).inputValue()).toBe(MVNO.name);
    await chooseMokCarrier(page, 'LGUMVNO');
    await page.getByTestId('mok-submit').click();
    await page.getByLabel('인증번호', { exact: true }).fill(MVNO.otp);
    await page.getByTestId('mok-confirm').click();
    await expect
      .poll(() => page.getByTestId('mok-result-name').textContent(), { timeout: 15_000 })
      .toBe('유*민');

    // A wrong name: the name marked, the form kept.
    await page.goto(`${site.url}/verify/mok?service=sms`, { waitUntil: 'networkidle' });
    await fillForm(page, { ...SMS_USER, name: '이서영' });
    await page.getByTestId('mok-submit').click();
    await expect
      .poll(() => page.locator('#mok-name-error').textContent(), { timeout: 15_000 })
      .toContain('통신사에 등록된 정보와 달라요');
    expect(await page.getByLabel('이름', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('mok-failed').count()).toBe(0);
    await own.close();
  });

  it('three wrong codes: a clear "attempts used up" message, not the wrong-code message again', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/mok?service=sms`, { waitUntil: 'networkidle' });
    await fillForm(page, SMS_USER);
    await page.getByTestId('mok-submit').click();
    for (let i = 0; i < 3; i += 1) {
      await page.getByLabel('인증번호', { exact: true }).fill('000000');
      await page.getByTestId('mok-confirm').click();
      if (i < 2)
        await expect
          .poll(() => page.getByTestId('mok-code-error').textContent(), { timeout: 15_000 })
          .toContain(`남은 입력 ${2 - i}회`);
    }
    await expect
      .poll(() => page.getByTestId('mok-failed-message').textContent(), { timeout: 15_000 })
      .toBe('인증번호를 3번 틀려서 더 입력할 수 없어요. 처음부터 다시 시도해 주세요.');
    await page.close();
  });

  it('a minor in an adult check: "성인인증 실패", never a success screen; the person never picks the purpose', async () => {
    const own = await browser.newContext();
    await signIn(site, own, '성인인증');
    const page = await own.newPage();
    await page.goto(`${site.url}/verify/mok?purpose=adult`, { waitUntil: 'networkidle' });
    // Only SMS can check adulthood (usageCode 01016): the only way offered.
    expect(await page.locator('input[name="service"]').count()).toBe(1);
    const sent = page.waitForRequest((r) => r.url().endsWith('/verify/api/mok/request'));
    await fillForm(page, MINOR);
    await page.getByTestId('mok-submit').click();
    expect((await sent).postDataJSON()).toMatchObject({ usageCode: '01016' });
    await page.getByLabel('인증번호', { exact: true }).fill(MINOR.otp);
    await page.getByTestId('mok-confirm').click();
    await expect
      .poll(() => page.getByRole('heading', { name: '성인인증 실패' }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await page.getByTestId('mok-result').count()).toBe(0);
    expect(await page.locator('.mok').textContent()).not.toContain('계속하기');
    await own.close();
  });

  it('ARS not answered: said so, with the call offered again — not "취소됐어요"', async () => {
    const own = await browser.newContext();
    await signIn(site, own, '전화인증');
    const page = await own.newPage();
    await page.goto(`${site.url}/verify/mok?service=ars`, { waitUntil: 'networkidle' });
    await fillForm(page, ARS_NO_ANSWER);
    await page.getByTestId('mok-submit').click();
    await page.getByTestId('mok-call').click();
    await page.getByTestId('mok-ars-done').waitFor();
    await page.waitForTimeout(3_500);
    await page.getByTestId('mok-ars-done').click();
    await expect
      .poll(() => page.getByTestId('mok-alert').textContent(), { timeout: 15_000 })
      .toBe('전화를 받지 않았어요. 휴대폰을 가까이 두고 전화를 다시 요청해 주세요.');
    expect(await page.locator('.mok').textContent()).not.toContain('취소됐어요');
    expect(await page.getByTestId('mok-call').isEnabled()).toBe(true);
    await own.close();
  });

  it('a reload in the middle of the code step resumes it (the code still works)', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/mok?service=sms`, { waitUntil: 'networkidle' });
    await fillForm(page, SMS_USER);
    await page.getByTestId('mok-submit').click();
    await page.getByLabel('인증번호', { exact: true }).waitFor();
    await page.reload({ waitUntil: 'networkidle' });
    await expect
      .poll(() => page.getByRole('heading', { name: '인증번호 입력' }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await page.getByTestId('mok-status').textContent()).toContain('이어서');
    await page.getByLabel('인증번호', { exact: true }).fill(SMS_USER.otp);
    await page.getByTestId('mok-confirm').click();
    await expect
      .poll(() => page.getByTestId('mok-result-name').textContent(), { timeout: 15_000 })
      .toBe('이*연');
    // Done: a reload shows the completed state (the member's status, read on the server) above a
    // fresh form — not the code step again.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByTestId('mok-submit').count()).toBe(1);
    expect(await page.getByTestId('mok-done-summary').textContent()).toMatch(
      /^본인확인 완료 · 이\*연 · \d{4}\.\d{2}\.\d{2}$/,
    );
    await page.close();
  });
});
