/**
 * SSAFY Verify as a full page (phones, in-app browsers) against the real sandbox issuer: our
 * server makes the state and PKCE pair (POST /verify/api/ssafy/start-redirect), the issuer sends
 * the window back to the redirect URI, and the redirect URI's server render
 * (SsafyService.completeRedirect) compares the state and exchanges the code with the kept
 * verifier, under the same transaction rules as verify-token. A popup's callback is left to the
 * SDK.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { SSAFY_EXISTING_MEMBER, type SsafyPersona } from '@mfv/sandbox/ssafy-personas';
import { SSAFY_UI_ERROR_MESSAGES } from '@mfv/verification/ssafy/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerifyError } from '../src/core/errors';
import type { SsafyRedirectStartResponse } from '../src/providers/ssafy/rules';
import type { SsafyRedirectCallback } from '../src/providers/ssafy/service';
import { signedInBrowser, type TestBrowser } from './support/browser';
import {
  SSAFY_REDIRECT_URI,
  startInfra,
  startVerifyServer,
  type Infra,
  type VerifyServer,
} from './support/harness';
import { ssafyDecide } from './support/providers';

/** SSAFY members of their own (one SSAFY account belongs to one member). */
const PERSONAS: SsafyPersona[] = Array.from({ length: 4 }, (_, i) => ({
  ...SSAFY_EXISTING_MEMBER,
  id: `full-page-${i}`,
  name: `전체화면${i}`,
  memberId: `ssafy-m-9700${String(i).padStart(2, '0')}`,
  mattermostId: `fullpage${String(i).padStart(18, '0')}`,
}));

let infra: Infra;
let verify: VerifyServer;

beforeAll(async () => {
  infra = await startInfra({ ssafyPersonas: PERSONAS });
  verify = await startVerifyServer(infra);
});

afterAll(async () => {
  await verify?.close();
  await infra?.stop();
});

const member = async (): Promise<TestBrowser> =>
  (await signedInBrowser(verify.url, infra.api, verify.auth)).browser;

async function startRedirect(browser: TestBrowser): Promise<URL> {
  const answer = await browser.post<SsafyRedirectStartResponse>('/verify/api/ssafy/start-redirect', {});
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(Object.keys(answer.body).sort()).toEqual(['authorizeUrl', 'expiresAt']);
  return new URL(answer.body.authorizeUrl);
}

/** The redirect URI's server render, as Next runs it for this browser (its cookies). */
async function callbackPage(browser: TestBrowser, callback: SsafyRedirectCallback) {
  const req = new IncomingMessage(new Socket());
  req.headers = { cookie: browser.cookieHeader(), host: new URL(verify.url).host };
  req.method = 'GET';
  req.url = '/verify/ssafy/callback';
  const res = new ServerResponse(req);
  return verify.runtime.ssafy.completeRedirect({ req, res, requestId: 'test-request' }, callback);
}

describe('SSAFY as a full page', () => {
  it('start-redirect: the issuer’s authorize URL with our state and an S256 challenge, never the verifier', async () => {
    const browser = await member();
    const url = await startRedirect(browser);
    expect(url.pathname).toBe('/ssafy/verify/authorize');
    expect(url.searchParams.get('redirect_uri')).toBe(SSAFY_REDIRECT_URI);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('scope')).toContain('ssafy.verify');
    expect(url.searchParams.has('code_verifier')).toBe(false);
  });

  it('the callback’s code is exchanged with the kept verifier, once', async () => {
    const browser = await member();
    const callback = await ssafyDecide(await startRedirect(browser), PERSONAS[0]!.id);
    const done = await callbackPage(browser, callback);
    expect(done?.status).toBe(200);
    expect(done?.body).toMatchObject({ ok: true, verified: true, cohort: '13', campus: '서울' });
    // The transaction is spent: the same callback again is no full-page transaction any more.
    expect(await callbackPage(browser, callback)).toBeNull();
  });

  it('a callback with another state is refused, nothing exchanged', async () => {
    const browser = await member();
    const callback = await ssafyDecide(await startRedirect(browser), PERSONAS[1]!.id);
    const error = await callbackPage(browser, { ...callback, state: 'x'.repeat(43) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VerifyError);
    expect((error as VerifyError).code).toBe('SSAFY_STATE_MISMATCH');
    expect((error as VerifyError).message).toBe(SSAFY_UI_ERROR_MESSAGES.VERIFY_RESPONSE_INVALID);
    // The right callback still works: the refused one spent nothing.
    expect((await callbackPage(browser, callback))?.status).toBe(200);
  });

  it('취소 at the issuer: VERIFY_CANCELLED with its Korean message', async () => {
    const browser = await member();
    const callback = await ssafyDecide(await startRedirect(browser), 'cancel');
    const error = await callbackPage(browser, callback).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerifyError);
    expect((error as VerifyError).code).toBe('VERIFY_CANCELLED');
    expect((error as VerifyError).message).toBe(SSAFY_UI_ERROR_MESSAGES.VERIFY_CANCELLED);
  });

  it('a popup transaction (the SDK’s) or none: the callback page leaves the callback to the SDK', async () => {
    const browser = await member();
    expect((await browser.post('/verify/api/ssafy/start', {})).status).toBe(200);
    const state = 'y'.repeat(43);
    expect(
      await callbackPage(browser, {
        code: 'abc',
        state,
        iss: null,
        error: null,
        errorCode: null,
        requestId: null,
      }),
    ).toBeNull();
    // No transaction at all (a popup page opened alone): the same.
    const stranger = await member();
    expect(
      await callbackPage(stranger, {
        code: 'abc',
        state,
        iss: null,
        error: null,
        errorCode: null,
        requestId: null,
      }),
    ).toBeNull();
  });
});
