/**
 * Every mobile-ok service end to end through the verify API: the real sandbox over HTTP (its
 * crypto, tokens and personas), a real Redis, the real api. The browser sees masked fields and a
 * one-time ticket; nothing of the person is in any response or URL.
 */
import {
  MOK_ARS_OK,
  MOK_FOREIGNER,
  MOK_LMS_USER,
  MOK_MINOR,
  MOK_PASS_ADULT,
  MOK_SMS_AUTH_USER,
  MOK_SMS_USER,
  type MokPersona,
} from '@mfv/sandbox/mok-personas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOK_ADULT_FAILED_MESSAGE, type MokServiceId } from '../src/providers/mobile-ok/rules';
import { signedInBrowser, signingUpBrowser, TestBrowser } from './support/browser';
import { confirmUntilDone, piiOf, startAndRequest } from './support/flows';
import { startInfra, startVerifyServer, twin, type Infra, type VerifyServer } from './support/harness';

// One person belongs to one account: tests that need a fresh person use a twin.
const ADULT = twin(MOK_PASS_ADULT, 'adult');
const MINOR = twin(MOK_MINOR, 'minor');
const MINOR_CIVIL = twin(MOK_MINOR, 'minor-civil');
const SIGNING_UP = twin(MOK_MINOR, 'signup');
const REGISTERED = twin(MOK_LMS_USER, 'registered');

let infra: Infra;
let verify: VerifyServer;

beforeAll(async () => {
  infra = await startInfra({ personas: [ADULT, MINOR, MINOR_CIVIL, SIGNING_UP, REGISTERED] });
  verify = await startVerifyServer(infra);
});

afterAll(async () => {
  await verify?.close();
  await infra?.stop();
});

function expectNoPii(persona: MokPersona, ...texts: unknown[]) {
  for (const text of texts) {
    const serialised = typeof text === 'string' ? text : JSON.stringify(text);
    for (const secret of piiOf(persona)) expect(serialised).not.toContain(secret);
  }
}

async function verifyAs(
  browser: TestBrowser,
  service: MokServiceId,
  persona: MokPersona,
  usageCode?: string,
): Promise<{ ticket: string; answers: unknown[] }> {
  const requested = await startAndRequest(browser, service, persona, usageCode ? { usageCode } : {});
  const answers: unknown[] = [requested.body];
  let confirmed;
  if (service === 'pass') {
    expect(requested.body).toEqual({ next: 'pass' });
    confirmed = await confirmUntilDone(browser);
  } else if (service === 'ars') {
    expect(requested.body).toEqual({ next: 'ars', arsOtpNumber: persona.otp });
    const call = await browser.post('/verify/api/mok/call');
    expect(call.status).toBe(200);
    expect(call.body).toEqual({ status: 'calling' });
    answers.push(call.body);
    confirmed = await confirmUntilDone(browser);
  } else {
    expect(requested.body).toEqual({ next: 'otp', resendRemaining: 3 });
    confirmed = await browser.post('/verify/api/mok/confirm', { authNumber: persona.otp });
  }
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  expect(confirmed.body).toEqual({
    status: 'verified',
    ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  });
  answers.push(confirmed.body);
  return { ticket: (confirmed.body as { ticket: string }).ticket, answers };
}

describe('each mobile-ok service, end to end against the sandbox', () => {
  const cases: [MokServiceId, MokPersona, Record<string, unknown>][] = [
    ['sms', MOK_SMS_USER, { maskedName: '이*연', maskedPhone: '010-****-0002', serviceType: 'telcoAuth' }],
    [
      'lms',
      MOK_LMS_USER,
      { maskedName: '문*아', maskedPhone: '010-****-0009', serviceType: 'telcoAuth-LMS' },
    ],
    ['pass', MOK_PASS_ADULT, { maskedName: '김*준', maskedPhone: '010-****-0001', serviceType: 'telcoAuth' }],
    [
      'ars',
      MOK_ARS_OK,
      { maskedName: '권*라', maskedPhone: '010-****-0004', serviceType: 'telcoAuth-ARSAuth' },
    ],
    [
      'sms',
      MOK_FOREIGNER,
      { maskedName: 'S********N', maskedPhone: '010-****-0011', serviceType: 'telcoAuth' },
    ],
  ];

  for (const [service, persona, expected] of cases) {
    it(`${service} (${persona.id}): verified, stored for the member, masked result once`, async () => {
      const { browser } = await signedInBrowser(verify.url, infra.api, verify.auth);
      const { ticket, answers } = await verifyAs(browser, service, persona);
      // The transaction is over: its cookie is cleared.
      expect([...browser.cookies.keys()]).not.toContain('mfv_vtx');

      const result = await browser.post('/verify/api/verification/result', { ticket });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({
        provider: 'mobile-ok',
        identity: true,
        verifiedAt: expect.any(String),
        attachedTo: 'member',
        ...expected,
      });
      expect(Date.now() - Date.parse((result.body as { verifiedAt: string }).verifiedAt)).toBeLessThan(
        60_000,
      );
      expectNoPii(persona, ...answers, result.body);
      for (const url of browser.urls) expectNoPii(persona, url);

      const again = await browser.post('/verify/api/verification/result', { ticket });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: 'RESULT_USED',
        message: '본인확인 결과는 한 번만 확인할 수 있어요.',
      });
    });
  }

  it('SMS 소유인증: proves the number only — no name, no CI/DI; the otpCode never reaches the browser', async () => {
    const { browser } = await signedInBrowser(verify.url, infra.api, verify.auth);
    const { ticket, answers } = await verifyAs(browser, 'sms-own', MOK_SMS_AUTH_USER);
    expect(JSON.stringify(answers)).not.toContain(MOK_SMS_AUTH_USER.otp);
    const result = await browser.post('/verify/api/verification/result', { ticket });
    expect(result.body).toEqual({
      provider: 'mobile-ok',
      serviceType: 'SMSAuth',
      maskedPhone: '010-****-0010',
      identity: false,
      verifiedAt: expect.any(String),
      attachedTo: 'member',
    });
  });

  it('adult checks: an adult (01016) is verified with isAdult true', async () => {
    const { browser } = await signedInBrowser(verify.url, infra.api, verify.auth);
    const { ticket } = await verifyAs(browser, 'sms', ADULT, '01016');
    const result = await browser.post('/verify/api/verification/result', { ticket });
    expect(result.body).toMatchObject({ isAdult: true, identity: true });
  });

  it('adult checks decided by the server: a minor (01016, 01026) is 성인인증 실패, the result spent and stored for nobody', async () => {
    for (const [persona, usageCode] of [
      [MINOR, '01026'],
      [MINOR_CIVIL, '01016'],
    ] as const) {
      const { browser } = await signedInBrowser(verify.url, infra.api, verify.auth);
      await startAndRequest(browser, 'sms', persona, { usageCode });
      const confirmed = await browser.post('/verify/api/mok/confirm', { authNumber: persona.otp });
      expect(confirmed.status).toBe(403);
      expect(confirmed.body).toEqual({
        code: 'MOK_NOT_ADULT',
        message: MOK_ADULT_FAILED_MESSAGE,
        restart: true,
        retryClass: 'final',
      });
      expectNoPii(persona, confirmed.body);
      // Single use: the transaction is over, nothing to confirm again.
      expect((await browser.post('/verify/api/mok/confirm', { authNumber: persona.otp })).status).toBe(410);
      // Stored for nobody: the same person's plain 본인확인 (01005) verifies for another member.
      const other = await signedInBrowser(verify.url, infra.api, verify.auth);
      const { ticket } = await verifyAs(other.browser, 'sms', persona);
      const result = await other.browser.post('/verify/api/verification/result', { ticket });
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ identity: true, attachedTo: 'member' });
    }
  });

  it('a signed-out person signing up: the result attaches to the pending signup ticket', async () => {
    const { browser } = await signingUpBrowser(verify.url, infra.api, verify.auth);
    const { ticket } = await verifyAs(browser, 'sms', SIGNING_UP);
    const result = await browser.post('/verify/api/verification/result', { ticket });
    expect(result.body).toMatchObject({ attachedTo: 'signup', maskedName: '조*솔' });
  });

  it('a person (DI) already registered to another account: a clear "already registered" outcome', async () => {
    const first = await signedInBrowser(verify.url, infra.api, verify.auth);
    await verifyAs(first.browser, 'lms', REGISTERED);
    const second = await signedInBrowser(verify.url, infra.api, verify.auth);
    await startAndRequest(second.browser, 'lms', REGISTERED);
    const confirmed = await second.browser.post('/verify/api/mok/confirm', { authNumber: REGISTERED.otp });
    expect(confirmed.status).toBe(409);
    expect(confirmed.body).toEqual({
      code: 'VERIFICATION_ALREADY_REGISTERED',
      message: '이미 다른 계정으로 가입된 명의예요. 기존 계정으로 로그인해 주세요.',
    });
    // Someone signing up as the same person is told the same.
    const signup = await signingUpBrowser(verify.url, infra.api, verify.auth);
    await startAndRequest(signup.browser, 'lms', REGISTERED);
    const again = await signup.browser.post('/verify/api/mok/confirm', { authNumber: REGISTERED.otp });
    expect(again.status).toBe(409);
    expect((again.body as { code: string }).code).toBe('VERIFICATION_ALREADY_REGISTERED');
  });

  it('nobody to attach a result to (signed out, no signup): refused at start, before anything is sent', async () => {
    const browser = new TestBrowser(verify.url);
    const start = await browser.post('/verify/api/mok/start', { service: 'sms' });
    expect(start.status).toBe(401);
    expect(start.body).toEqual({
      code: 'VERIFICATION_LOGIN_REQUIRED',
      message: expect.stringContaining('로그인'),
    });
    expect([...browser.cookies.keys()]).not.toContain('mfv_vtx');
  });
});
