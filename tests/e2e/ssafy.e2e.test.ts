import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '@mfv/site';
import { SSAFY_PERSONAS, ssafySdkReady as sdkReady, ssafyVerifyInPopup as verifyInPopup } from './flows.js';
import { launchBrowser, signIn, startTestSite, watchProblems } from './harness.js';

/**
 * SSAFY Verify in the verify remote, through the proxied site in Chromium: the hosted SDK (served
 * by the sandbox's issuer) opens its popup, the issuer's page sends it to our redirect-URI page,
 * which loads the SDK too and hands the callback to the opener; useSsafyVerify checks it and our
 * server exchanges and validates. The SDK is called as SSAFY Verify 플랫폼 가이드 (Vue/Nuxt)
 * documents it (no state option), and our API gets the guide's body only; an SDK that also
 * returns its own state (the sandbox's returns-state variant) verifies all the same. Failures show the guide's message and request_id only. Every
 * request and navigation of the context (the popup included) is recorded: no person's data in
 * any URL.
 */

/** SSAFY personas (apps/sandbox/src/providers/ssafy/personas.ts). */
const MEMBER = SSAFY_PERSONAS.kimMinjun;
/** The issuer's page puts another issuer in the callback's `iss`. */
const WRONG_CALLBACK_ISSUER = 'cha-eunwoo';
/** The verification_token's signature does not verify against the JWKS. */
const BAD_SIGNATURE = 'yang-sohee';
/** The guide's client-to-backend.json. */
const GUIDE_BODY = ['code', 'codeVerifier', 'iss', 'redirectUri'];

/** The bodies this page sent to verify-token, as parsed JSON. */
function verifyTokenBodies(page: Page): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/verify/api/ssafy/verify-token') && r.method() === 'POST') {
      bodies.push(JSON.parse(r.postData() ?? '{}') as Record<string, unknown>);
    }
  });
  return bodies;
}

let site: Site;
let browser: Browser;
let context: BrowserContext;
const urls: string[] = [];

beforeAll(async () => {
  [site, browser] = await Promise.all([startTestSite('ssafy'), launchBrowser()]);
  context = await browser.newContext();
  await signIn(site, context, 'SSAFY인증');
  context.on('request', (request) => urls.push(request.url()));
  context.on('page', (page) => page.on('framenavigated', (frame) => urls.push(frame.url())));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.stop();
});

describe('SSAFY Verify through the proxied site', () => {
  it('from /verification to "verified" with cohort and campus; no PII in any URL', async () => {
    const page = await context.newPage();
    page.on('framenavigated', (frame) => urls.push(frame.url()));
    const problems = watchProblems(page);
    const bodies = verifyTokenBodies(page);
    await page.goto(`${site.url}/verification`, { waitUntil: 'networkidle' });
    await page.getByRole('radio', { name: /SSAFY 교육생 인증/ }).click();
    await page.getByTestId('verify-go').click();
    await page.waitForURL(`${site.url}/verify/ssafy`);
    await sdkReady(page);

    await verifyInPopup(page, MEMBER.id);
    await expect.poll(() => page.getByTestId('ssafy-verify').getAttribute('data-status')).toBe('verified');
    expect(await page.getByTestId('ssafy-cohort').textContent()).toBe(MEMBER.cohort);
    expect(await page.getByTestId('ssafy-campus').textContent()).toBe(MEMBER.campus);
    // Our API got the guide's body, no state.
    expect(bodies.map((b) => Object.keys(b).sort())).toEqual([GUIDE_BODY]);

    // The callback reached our redirect URI with code, state and iss; the exchange went to our API.
    expect(urls.some((u) => u.startsWith(`${site.url}/verify/ssafy/callback?`))).toBe(true);
    expect(urls.some((u) => u === `${site.url}/verify/api/ssafy/verify-token`)).toBe(true);
    for (const url of urls) {
      for (const secret of [
        MEMBER.name,
        encodeURIComponent(MEMBER.name),
        'verification_token',
        'code_verifier',
      ])
        expect(url, url).not.toContain(secret);
    }
    expect(problems.pageErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await page.close();
  });

  it('an SDK that also returns its own state (sandbox returns-state variant): verified, the state not sent', async () => {
    const page = await context.newPage();
    const bodies = verifyTokenBodies(page);
    const scripts: string[] = [];
    // The page loads the sandbox's variant of the hosted SDK (fetched from the sandbox) instead of
    // the documented one.
    await page.route('**/ssafy/sdk/ssafy-verify.js', async (route) => {
      const response = await route.fetch({ url: `${route.request().url()}?variant=returns-state` });
      const body = await response.text();
      scripts.push(`${response.status()} ${body.includes('var RETURNS_STATE = true;')}`);
      await route.fulfill({ response, body });
    });
    await page.goto(`${site.url}/verify/ssafy`);
    await sdkReady(page);
    expect(scripts).toEqual(['200 true']);
    await verifyInPopup(page, MEMBER.id);
    await expect.poll(() => page.getByTestId('ssafy-verify').getAttribute('data-status')).toBe('verified');
    expect(bodies.map((b) => Object.keys(b).sort())).toEqual([GUIDE_BODY]);
    await page.close();
  });

  it('cancel on the issuer’s page: VERIFY_CANCELLED with the request_id; again: verified', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/ssafy`);
    await sdkReady(page);
    await verifyInPopup(page, 'cancel');
    await expect
      .poll(() => page.getByTestId('ssafy-failed').getAttribute('data-code'))
      .toBe('VERIFY_CANCELLED');
    expect(await page.getByTestId('ssafy-failed').textContent()).toContain(
      'SSAFY 인증이 취소됐어요. 다시 시도해 주세요.',
    );
    expect(await page.getByTestId('ssafy-request-id').textContent()).toMatch(/^[\x21-\x7e]+$/);
    await verifyInPopup(page, MEMBER.id);
    await expect.poll(() => page.getByTestId('ssafy-verify').getAttribute('data-status')).toBe('verified');
    await page.close();
  });

  it('a callback from another issuer is refused in the browser, before any exchange (CALLBACK_ISSUER_MISMATCH)', async () => {
    const page = await context.newPage();
    const exchanges: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/verify/api/ssafy/verify-token')) exchanges.push(r.url());
    });
    await page.goto(`${site.url}/verify/ssafy`);
    await sdkReady(page);
    await verifyInPopup(page, WRONG_CALLBACK_ISSUER);
    await expect
      .poll(() => page.getByTestId('ssafy-failed').getAttribute('data-code'))
      .toBe('CALLBACK_ISSUER_MISMATCH');
    expect(exchanges).toEqual([]);
    await page.close();
  });

  it('a verification_token with a bad signature is refused by our server (VERIFY_RESPONSE_INVALID)', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/verify/ssafy`);
    await sdkReady(page);
    await verifyInPopup(page, BAD_SIGNATURE);
    await expect
      .poll(() => page.getByTestId('ssafy-failed').getAttribute('data-code'))
      .toBe('VERIFY_RESPONSE_INVALID');
    expect(await page.getByTestId('ssafy-failed').textContent()).toContain(
      'SSAFY 인증 결과가 올바르지 않아요. 처음부터 다시 시도해 주세요.',
    );
    await page.close();
  });

  it('the SDK script unreachable: SDK_NOT_READY, no popup', async () => {
    const page = await context.newPage();
    let popups = 0;
    page.on('popup', () => (popups += 1));
    await page.route('**/sdk/ssafy-verify.js', (route) => route.abort());
    await page.goto(`${site.url}/verify/ssafy`);
    await page.getByTestId('ssafy-verify-button').click();
    await expect.poll(() => page.getByTestId('ssafy-failed').getAttribute('data-code')).toBe('SDK_NOT_READY');
    expect(popups).toBe(0);
    await page.close();
  });
});
