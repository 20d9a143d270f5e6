import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import { confirmOnKcb } from './flows.js';
import { launchBrowser, signIn, startTestSite, watchProblems } from './harness.js';

/**
 * KCB 휴대폰 본인확인 in the verify remote, through the proxied site in Chromium, with the
 * sandbox's KCB page (docs/providers/kcb.md, sandbox personas): the popup variant (postMessage back
 * to the opener), the full-page variant, a blocked popup falling back to the full page, and an
 * injected fault. KCB's page is on 127.0.0.1, another site than the proxied localhost, so its way
 * back to our callback is a cross-site top-level navigation, as from KCB's real host: the
 * transaction cookie is SameSite=Lax. Every request and navigation of the context (popups
 * included) is recorded: no URL may carry the person's data — only KCB's svc_tkn and our
 * one-time ticket.
 */

interface Person {
  id: string;
  name: string;
  masked: string;
  phone: string;
  birthdate: string;
}
/** KCB personas (apps/sandbox/src/providers/kcb/personas.ts). */
const KIM: Person = {
  id: 'kim-minjun',
  name: '김민준',
  masked: '김*준',
  phone: '01041000001',
  birthdate: '19900315',
};
const LEE: Person = {
  id: 'lee-seoyeon',
  name: '이서연',
  masked: '이*연',
  phone: '01041000002',
  birthdate: '19950722',
};
const NAMGUNG: Person = {
  id: 'namgung-syap',
  name: '남궁샾',
  masked: '남*샾',
  phone: '01041000101',
  birthdate: '19870412',
};
/** Its popup-result fields are encrypted under another key: the result does not decrypt. */
const WRONG_KEY = 'ahn-jaemin';

const piiOf = (p: Person) => [
  p.name,
  encodeURIComponent(p.name),
  p.phone,
  `${p.phone.slice(0, 3)}-${p.phone.slice(3, 7)}-${p.phone.slice(7)}`,
  p.birthdate,
  'SANDBOX+FAKE',
  encodeURIComponent('SANDBOX+FAKE'),
];

let site: Site;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [site, browser] = await Promise.all([startTestSite('kcb'), launchBrowser()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await site?.stop();
});

/** A new signed-in member (one person may verify one account) whose every URL is recorded. */
async function memberContext(nickname: string, init?: () => void) {
  const context = await browser.newContext();
  contexts.push(context);
  if (init) await context.addInitScript(init);
  await signIn(site, context, nickname);
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  context.on('page', (page) => page.on('framenavigated', (frame) => urls.push(frame.url())));
  const page = await context.newPage();
  page.on('framenavigated', (frame) => urls.push(frame.url()));
  return { context, page, urls };
}

async function expectMaskedResult(page: Page, person: Person) {
  await page.waitForURL(`${site.url}/verify/kcb/result`);
  await expect.poll(() => page.getByTestId('kcb-result-name').textContent()).toBe(person.masked);
  expect(await page.getByTestId('kcb-result-phone').textContent()).toBe(`010-****-${person.phone.slice(-4)}`);
  const shown = (await page.getByTestId('kcb-result').textContent()) ?? '';
  for (const secret of [person.name, person.phone, person.birthdate]) expect(shown).not.toContain(secret);
}

function expectNoPii(urls: string[], person: Person) {
  expect(urls.length).toBeGreaterThan(5);
  for (const url of urls) for (const secret of piiOf(person)) expect(url, url).not.toContain(secret);
}

describe('KCB 휴대폰 본인확인 through the proxied site', () => {
  it('popup: from /verification to the masked result, the ticket redeemed once; no PII in any URL', async () => {
    const { page, urls } = await memberContext('KCB팝업');
    const problems = watchProblems(page);
    await page.goto(`${site.url}/verification`, { waitUntil: 'networkidle' });
    await page.getByRole('radio', { name: /KCB 휴대폰 본인확인/ }).click();
    await page.getByTestId('verify-go').click();
    await page.waitForURL(`${site.url}/verify/kcb`);

    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('kcb-start').click()]);
    const closed = popup.waitForEvent('close');
    await confirmOnKcb(popup, KIM.id);
    // The popup hands the ticket to this page and closes; this page shows the result.
    await closed;
    await expectMaskedResult(page, KIM);

    // KCB came back to the callback with svc_tkn in the query (the seed), and we went on with a ticket.
    expect(urls.some((u) => /\/verify\/kcb\/callback\?svc_tkn=/.test(u))).toBe(true);
    const ticketUrl = urls.find((u) => u.includes('/verify/kcb/result?ticket='));
    expect(ticketUrl).toBeDefined();
    expectNoPii(urls, KIM);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);

    // The ticket is spent: opening the same link again shows why, not the result.
    await page.goto(ticketUrl!);
    await expect
      .poll(() => page.getByTestId('kcb-result-error').textContent())
      .toBe('본인확인 결과는 한 번만 확인할 수 있어요.');
  });

  it('full page: KCB’s page in this window, back to the masked result', async () => {
    const { page, urls } = await memberContext('KCB전체');
    await page.goto(`${site.url}/verify/kcb`);
    await page.getByTestId('kcb-start-redirect').click();
    await confirmOnKcb(page, LEE.id);
    await expectMaskedResult(page, LEE);
    expectNoPii(urls, LEE);
  });

  it('a blocked popup falls back to the full page', async () => {
    const { page, urls } = await memberContext('KCB차단', () => {
      window.open = () => null;
    });
    await page.goto(`${site.url}/verify/kcb`);
    await page.getByTestId('kcb-start').click();
    await confirmOnKcb(page, NAMGUNG.id);
    // 샾 exists only in CP949's extension: decrypted as CP949, masked, shown.
    await expectMaskedResult(page, NAMGUNG);
    expectNoPii(urls, NAMGUNG);
  });

  it('an injected fault (a result that does not decrypt) shows its Korean message; cancel in the popup too', async () => {
    const { page } = await memberContext('KCB오류');
    await page.goto(`${site.url}/verify/kcb`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('kcb-start').click()]);
    await confirmOnKcb(popup, WRONG_KEY);
    await page.waitForURL(`${site.url}/verify/kcb/fail?code=KCB_DECRYPT_FAILED`);
    await expect
      .poll(() => page.getByTestId('kcb-fail-message').textContent())
      .toBe('본인확인 결과를 읽지 못했어요. 처음부터 다시 시도해 주세요.');

    await page.getByTestId('kcb-restart').click();
    await page.waitForURL(`${site.url}/verify/kcb`);
    const [again] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('kcb-start').click()]);
    await again.waitForURL(/\/kcb\/safe\/CommonSvl/);
    await again.getByRole('button', { name: '취소' }).click();
    await page.waitForURL(`${site.url}/verify/kcb/fail?code=KCB_RESULT_ERROR`);
    expect(await page.getByTestId('kcb-fail-message').textContent()).toBe(
      'KCB 본인확인이 완료되지 않았어요. 인증 창에서 취소했거나 처리 중 문제가 있었어요. 처음부터 다시 시도해 주세요.',
    );
  });
});
