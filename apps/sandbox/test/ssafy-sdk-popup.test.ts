import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSAFY_EXISTING_MEMBER } from '../src/providers/ssafy/personas.js';
import { startSandbox } from './helpers.js';
import { exchange } from './ssafy-helpers.js';

/**
 * The hosted SDK's popup handshake in a real browser (Debian's Chromium via playwright-core):
 * a platform page on one origin loads the SDK from the sandbox (another origin), verify() opens
 * the sandbox's verification page in a popup, the popup lands on the platform's redirect URI,
 * which loads the same SDK and hands the result back to the opener with postMessage. The page
 * passes an undocumented `state` option: the SDK ignores it (SSAFY Verify 플랫폼 가이드 (Vue/Nuxt),
 * "Vue composable 추가": verify() takes clientId, redirectUri, scopes, waitForCallback) and makes
 * its own, and resolves with exactly the documented fields.
 */
const CHROMIUM = '/usr/bin/chromium';
const CLIENT_ID = 'browser-test-client';
/** What a platform might pass as `state`: the SDK must not use it. */
const KNOWN_STATE = 'known-state-0123456789';
/** The fields the guide documents for verify()'s result. */
const DOCUMENTED_FIELDS = ['code', 'codeVerifier', 'error', 'error_code', 'iss', 'request_id'];

interface VerifyOutcome {
  code?: string | null;
  state?: string;
  iss?: string | null;
  error?: string | null;
  error_code?: string | null;
  request_id?: string | null;
  codeVerifier?: string;
  rejected?: string;
}

let browser: Browser;
let platform: Server;
let platformOrigin: string;
let sandboxUrl = '';

function platformPage(path: string): string {
  const variant = path === '/start-returns-state' ? '?variant=returns-state' : '';
  const sdk = `<script src="${sandboxUrl}/ssafy/sdk/ssafy-verify.js${variant}"></script>`;
  if (path === '/callback')
    return `<!doctype html><html><head><meta charset="utf-8">${sdk}</head><body>callback</body></html>`;
  const redirect = path === '/start-cross-origin' ? `${sandboxUrl}/elsewhere` : `${platformOrigin}/callback`;
  return `<!doctype html><html><head><meta charset="utf-8">${sdk}</head><body>
<button id="go">SSAFY 인증하기</button>
<script>
  window.results = [];
  document.getElementById('go').addEventListener('click', function () {
    window.ssafyVerify
      .verify({
        clientId: ${JSON.stringify(CLIENT_ID)},
        redirectUri: ${JSON.stringify(redirect)},
        scopes: ['ssafy.verify', 'ssafy.affiliation'],
        state: ${JSON.stringify(KNOWN_STATE)},
        waitForCallback: true,
      })
      .then(
        function (r) { window.results.push(r); },
        function (e) { window.results.push({ rejected: e.error_code, message: e.message }); },
      );
  });
</script></body></html>`;
}

beforeAll(async () => {
  platform = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(platformPage(path));
  });
  await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
  platformOrigin = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;
  if (existsSync(CHROMIUM)) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => platform.close(() => resolve()));
});

async function startWithClient() {
  const sandbox = await startSandbox({
    ssafy: {
      clients: [
        { clientId: CLIENT_ID, redirectUris: [`${platformOrigin}/callback`], name: '브라우저 테스트' },
      ],
    },
  });
  sandboxUrl = sandbox.url;
  return sandbox;
}

async function results(page: Page): Promise<VerifyOutcome[]> {
  await page.waitForFunction('window.results.length > 0', undefined, { timeout: 10_000 });
  return (await page.evaluate('window.results')) as VerifyOutcome[];
}

async function openPopup(page: Page, path = '/start'): Promise<Page> {
  await page.goto(`${platformOrigin}${path}`);
  const popupPromise = page.waitForEvent('popup');
  await page.click('#go');
  const popup = await popupPromise;
  await popup.waitForURL(/\/ssafy\/verify\/authorize\?/);
  return popup;
}

describe.skipIf(!existsSync(CHROMIUM))('SSAFY Verify SDK popup handshake in Chromium', () => {
  it('verify() resolves with the code of its own popup; forged messages are ignored; the code exchanges', async () => {
    const { url } = await startWithClient();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const popup = await openPopup(page);
      // The SDK made its own state; the page's `state` option was ignored.
      const sdkState = new URL(popup.url()).searchParams.get('state') ?? '';
      expect(sdkState).toMatch(/^[A-Za-z0-9\-._~]{32}$/);
      expect(sdkState).not.toBe(KNOWN_STATE);
      // Forgeries with the right state: from the opener itself and from a frame of another origin.
      await page.evaluate(
        `window.postMessage({ source: 'ssafy-verify.callback', state: ${JSON.stringify(sdkState)}, code: 'forged-self' }, '*')`,
      );
      await page.evaluate(`new Promise(function (resolve) {
        var frame = document.createElement('iframe');
        frame.srcdoc = ${JSON.stringify(
          `<script>parent.postMessage({ source: 'ssafy-verify.callback', state: ${JSON.stringify(sdkState)}, code: 'forged-frame' }, '*')</script>`,
        )};
        frame.onload = function () { setTimeout(resolve, 200); };
        document.body.appendChild(frame);
      })`);
      // From the popup itself while it is on the issuer's origin: the right window, the wrong origin.
      await popup.evaluate(
        `window.opener.postMessage({ source: 'ssafy-verify.callback', state: ${JSON.stringify(sdkState)}, code: 'forged-origin' }, '*')`,
      );
      await page.waitForTimeout(200);
      expect(await page.evaluate('window.results.length')).toBe(0);

      await popup.check(`input[name="persona"][value="${SSAFY_EXISTING_MEMBER.id}"]`);
      await popup.click('button[value="verify"]');
      const [outcome] = await results(page);
      expect(Object.keys(outcome ?? {}).sort()).toEqual(DOCUMENTED_FIELDS);
      expect(outcome).toMatchObject({
        iss: `${url}/ssafy`,
        error: null,
        error_code: null,
      });
      expect(outcome?.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(outcome?.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
      await expect.poll(() => popup.isClosed(), { timeout: 5000 }).toBe(true);

      const res = await exchange(url, {
        grant_type: 'verification_code',
        code: outcome?.code ?? '',
        code_verifier: outcome?.codeVerifier,
        redirect_uri: `${platformOrigin}/callback`,
        client_id: CLIENT_ID,
      });
      expect(res.status).toBe(200);
      const token = ((await res.json()) as { verification_token: string }).verification_token;
      const { payload } = await jwtVerify(
        token,
        createRemoteJWKSet(new URL(`${url}/ssafy/.well-known/jwks.json`)),
        {
          issuer: `${url}/ssafy`,
          audience: CLIENT_ID,
        },
      );
      expect(payload).toMatchObject({ verified: true, cohort: '13', campus: '서울' });
    } finally {
      await context.close();
    }
  }, 30_000);

  it('the returns-state variant (an SDK that also returns its own state) adds exactly `state`, its own', async () => {
    await startWithClient();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const popup = await openPopup(page, '/start-returns-state');
      const sdkState = new URL(popup.url()).searchParams.get('state');
      await popup.check(`input[name="persona"][value="${SSAFY_EXISTING_MEMBER.id}"]`);
      await popup.click('button[value="verify"]');
      const [outcome] = await results(page);
      expect(Object.keys(outcome ?? {}).sort()).toEqual([...DOCUMENTED_FIELDS, 'state'].sort());
      expect(outcome?.state).toBe(sdkState);
      expect(outcome?.state).not.toBe(KNOWN_STATE);
      expect(outcome?.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      await context.close();
    }
  }, 30_000);

  it('an unknown SDK variant is refused (400), not served as the documented SDK', async () => {
    const { url } = await startWithClient();
    const res = await fetch(`${url}/ssafy/sdk/ssafy-verify.js?variant=nope`);
    expect(res.status).toBe(400);
    const ok = await fetch(`${url}/ssafy/sdk/ssafy-verify.js?variant=returns-state`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('var RETURNS_STATE = true;');
  });

  it('취소 in the popup resolves with error_code VERIFY_CANCELLED and a request_id', async () => {
    await startWithClient();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const popup = await openPopup(page);
      await popup.click('button[value="cancel"]');
      const [outcome] = await results(page);
      expect(Object.keys(outcome ?? {}).sort()).toEqual(DOCUMENTED_FIELDS);
      expect(outcome).toMatchObject({ code: null, error: 'access_denied', error_code: 'VERIFY_CANCELLED' });
      expect(outcome?.request_id).toMatch(/[0-9a-f-]{36}/);
    } finally {
      await context.close();
    }
  }, 30_000);

  it('closing the popup resolves with VERIFY_CANCELLED (popup_closed)', async () => {
    await startWithClient();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const popup = await openPopup(page);
      await popup.close();
      const [outcome] = await results(page);
      expect(outcome).toMatchObject({ code: null, error: 'popup_closed', error_code: 'VERIFY_CANCELLED' });
    } finally {
      await context.close();
    }
  }, 30_000);

  it('a redirectUri on another origin than the page is refused before any popup opens', async () => {
    await startWithClient();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${platformOrigin}/start-cross-origin`);
      let popups = 0;
      page.on('popup', () => {
        popups += 1;
      });
      await page.click('#go');
      const [outcome] = await results(page);
      expect(outcome?.rejected).toBe('VERIFY_POPUP_FAILED');
      expect(popups).toBe(0);
    } finally {
      await context.close();
    }
  }, 30_000);
});
