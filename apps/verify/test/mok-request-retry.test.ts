/**
 * auth/request refused with the guide's "잠시 후 다시" (본인확인-API 가이드 §8 4008 "…연결에
 * 실패했습니다. 잠시후 다시", 4012 "인증요청 메시지 전송에 실패하였습니다. 잠시 후 다시", 6752 "PUSH
 * 발송에 실패하였습니다. 잠시 후 다시"): a passing failure. The transaction is kept and the person
 * sends the same form again on it (docs/providers/mobile-ok.md, "Failures"), within the three
 * requests of §5.2 resendCount. The real sandbox over HTTP: its persona faults answer the first
 * request only (`faultTimes: 1`), as a passing failure does, or every request (the carrier outage).
 */
import { MOK_CARRIER_OUTAGE, MOK_PASS_ADULT, MOK_SMS_USER } from '@mfv/sandbox/mok-personas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInBrowser } from './support/browser';
import { confirmUntilDone, formForService } from './support/flows';
import { customerMessage } from '../src/providers/mobile-ok/errors';
import { startInfra, startVerifyServer, twin, type Infra, type VerifyServer } from './support/harness';

/** What the person reads for a code: the guide's §8 customer message in the site's words. */
const message = customerMessage;

const SMS_NOT_SENT_ONCE = twin(MOK_SMS_USER, 'auth-4012-once', {
  faults: { auth: 'code:4012' },
  faultTimes: 1,
});
const PUSH_FAILED_ONCE = twin(MOK_PASS_ADULT, 'auth-6752-once', {
  faults: { auth: 'code:6752' },
  faultTimes: 1,
});
const OUTAGE = twin(MOK_CARRIER_OUTAGE, 'auth-4008-always');

let infra: Infra;
let verify: VerifyServer;

beforeAll(async () => {
  infra = await startInfra({ personas: [SMS_NOT_SENT_ONCE, PUSH_FAILED_ONCE, OUTAGE] });
  verify = await startVerifyServer(infra);
});

afterAll(async () => {
  await verify?.close();
  await infra?.stop();
});

const member = async () => (await signedInBrowser(verify.url, infra.api, verify.auth)).browser;

describe('auth/request "잠시 후 다시": the transaction is kept and the same form is sent again', () => {
  it('4012 (the SMS was not sent): kept; the same form again on the same transaction sends the code, which verifies', async () => {
    const browser = await member();
    expect((await browser.post('/verify/api/mok/start', { service: 'sms' })).status).toBe(200);
    const form = formForService('sms', SMS_NOT_SENT_ONCE);
    const first = await browser.post('/verify/api/mok/request', form);
    expect(first.status).toBe(422);
    expect(first.body).toEqual({
      code: 'MOK_RESULT',
      message: message('4012'),
      resultCode: '4012',
      restart: false,
      retryClass: 'retry-same-step',
      requestsRemaining: 2,
    });
    // No new start: the same transaction (its cookie) takes the request again.
    const again = await browser.post('/verify/api/mok/request', form);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ next: 'otp' });
    const confirmed = await browser.post('/verify/api/mok/confirm', { authNumber: SMS_NOT_SENT_ONCE.otp });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'verified', ticket: expect.any(String) });
  });

  it('6752 (the PASS push was not sent): kept; the request again sends the push, and the approval verifies', async () => {
    const browser = await member();
    expect((await browser.post('/verify/api/mok/start', { service: 'pass' })).status).toBe(200);
    const form = formForService('pass', PUSH_FAILED_ONCE);
    const first = await browser.post('/verify/api/mok/request', form);
    expect(first.status).toBe(422);
    expect(first.body).toMatchObject({
      code: 'MOK_RESULT',
      message: message('6752'),
      resultCode: '6752',
      restart: false,
      retryClass: 'retry-same-step',
      requestsRemaining: 2,
    });
    const again = await browser.post('/verify/api/mok/request', form);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toEqual({ next: 'pass' });
    const confirmed = await confirmUntilDone(browser);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  });

  it('4008 that does not pass: kept twice (503 + Retry-After, 2 then 1 left), the third request ends the transaction', async () => {
    const browser = await member();
    expect((await browser.post('/verify/api/mok/start', { service: 'sms' })).status).toBe(200);
    const form = formForService('sms', OUTAGE);
    for (const left of [2, 1]) {
      const res = await browser.post('/verify/api/mok/request', form);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.body).toEqual({
        code: 'MOK_RESULT',
        message: message('4008'),
        resultCode: '4008',
        restart: false,
        retryClass: 'retry-same-step',
        requestsRemaining: left,
      });
    }
    const last = await browser.post('/verify/api/mok/request', form);
    expect(last.status).toBe(503);
    expect(last.body).toMatchObject({ resultCode: '4008', restart: true, retryClass: 'restart' });
    expect((await browser.post('/verify/api/mok/request', form)).status).toBe(410);
  });
});
