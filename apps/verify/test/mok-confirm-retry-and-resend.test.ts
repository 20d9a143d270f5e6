/**
 * The counters and the waiting steps of the guide, through the verify API: wrong codes until the
 * retries run out (retryCount), the re-send limit (resendCount), PASS approval that never comes,
 * the ARS call (not picked up, hung up), carrier and identity mismatches — each with the
 * catalogue's customer message and whether the person can go on or must start again.
 */
import {
  MOK_ARS_HANG_UP,
  MOK_ARS_NO_ANSWER,
  MOK_ARS_OK,
  MOK_CARRIER_MISMATCH,
  MOK_PASS_ADULT,
  MOK_PASS_NEVER,
  MOK_SMS_AUTH_USER,
  MOK_SMS_USER,
} from '@mfv/sandbox/mok-personas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInBrowser } from './support/browser';
import { formForService, startAndRequest } from './support/flows';
import { customerMessage } from '../src/providers/mobile-ok/errors';
import { startInfra, startVerifyServer, twin, type Infra, type VerifyServer } from './support/harness';

/** What the person reads for a code: the guide's §8 customer message in the site's words. */
const message = customerMessage;

const WRONG_THRICE = twin(MOK_SMS_USER, 'wrong-thrice');
const WRONG_ONCE = twin(MOK_SMS_USER, 'wrong-once');
const RESENDER = twin(MOK_SMS_USER, 'resender');
const OWNERSHIP = twin(MOK_SMS_AUTH_USER, 'ownership');
const FORMAT = twin(MOK_SMS_USER, 'format');
const NEVER = twin(MOK_PASS_NEVER, 'never');
const ARS = twin(MOK_ARS_OK, 'ars');
const HANGS_UP = twin(MOK_ARS_HANG_UP, 'hangs-up');
const NO_ANSWER = twin(MOK_ARS_NO_ANSWER, 'no-answer');
const MVNO = twin(MOK_CARRIER_MISMATCH, 'mvno');
const ADULT = twin(MOK_PASS_ADULT, 'identity');
const NOT_ARS = twin(MOK_SMS_USER, 'not-ars');
const PASS_6202 = twin(MOK_PASS_ADULT, 'pass-6202', {
  pass: { kind: 'approves', afterMs: 3_000, early: '6703' },
});
const ARS_RESULT = twin(MOK_ARS_OK, 'ars-result');
/** confirm/request answers 5011 ("(인증번호) 확인 후 다시") without a retryCount. */
const NO_RETRY_COUNT = twin(MOK_SMS_USER, 'no-retry-count', { faults: { confirm: 'code:5011' } });
/** auth/resend answers mobile-ok's 4302 ("처음부터 다시"). */
const RESEND_4302 = twin(MOK_SMS_USER, 'resend-4302', { faults: { resend: 'code:4302' } });

let infra: Infra;
let verify: VerifyServer;

beforeAll(async () => {
  infra = await startInfra({
    personas: [
      WRONG_THRICE,
      WRONG_ONCE,
      RESENDER,
      OWNERSHIP,
      FORMAT,
      NEVER,
      ARS,
      HANGS_UP,
      NO_ANSWER,
      MVNO,
      ADULT,
      NOT_ARS,
      PASS_6202,
      ARS_RESULT,
      NO_RETRY_COUNT,
      RESEND_4302,
    ],
  });
  verify = await startVerifyServer(infra);
});

afterAll(async () => {
  await verify?.close();
  await infra?.stop();
});

const member = async () => (await signedInBrowser(verify.url, infra.api, verify.auth)).browser;

describe('wrong codes and retries (guide §7 retryCount, §8 2910/4013/4301)', () => {
  it('three wrong codes: 2 and 1 retries left, then the transaction is over; the right code no longer helps', async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms', WRONG_THRICE);
    const wrong = message('2910', 'confirm');
    expect(wrong).toBe('입력하신 정보가 올바르지 않아요. 인증번호를 확인해주세요.');
    for (const left of [2, 1]) {
      const res = await browser.post('/verify/api/mok/confirm', { authNumber: '000000' });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        code: 'MOK_RESULT',
        message: wrong,
        resultCode: '2910',
        restart: false,
        retryClass: 'retry-same-step',
        retryRemaining: left,
      });
    }
    const last = await browser.post('/verify/api/mok/confirm', { authNumber: '000000' });
    expect(last.status).toBe(422);
    expect(last.body).toEqual({
      code: 'MOK_RESULT',
      message: wrong,
      resultCode: '2910',
      restart: true,
      retryClass: 'restart',
      retryRemaining: 0,
    });
    const late = await browser.post('/verify/api/mok/confirm', { authNumber: WRONG_THRICE.otp });
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ code: 'MOK_TX_NOT_FOUND', restart: true });
  });

  it('one wrong code, then the right one: verified', async () => {
    const browser = await member();
    await startAndRequest(browser, 'lms', WRONG_ONCE);
    expect((await browser.post('/verify/api/mok/confirm', { authNumber: '111111' })).body).toMatchObject({
      retryRemaining: 2,
    });
    const ok = await browser.post('/verify/api/mok/confirm', { authNumber: WRONG_ONCE.otp });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'verified' });
  });

  it('SMS 소유인증: a wrong code is 4013 with its own message', async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms-own', OWNERSHIP);
    const res = await browser.post('/verify/api/mok/confirm', { authNumber: '0000' });
    expect(res.body).toEqual({
      code: 'MOK_RESULT',
      message: message('4013'),
      resultCode: '4013',
      restart: false,
      retryClass: 'retry-same-step',
      retryRemaining: 2,
    });
  });

  it('a code of the wrong shape is refused before anything is sent: no retry is spent', async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms', FORMAT);
    for (const authNumber of ['12345', '1234567', 'abcdef', '', ' ']) {
      const res = await browser.post('/verify/api/mok/confirm', { authNumber });
      expect(res.status, authNumber).toBe(400);
      expect(res.body).toMatchObject({
        code: 'INVALID_INPUT',
        fields: { authNumber: expect.stringMatching(/인증번호|6자리/) },
      });
    }
    const res = await browser.post('/verify/api/mok/confirm', { authNumber: '999999' });
    expect(res.body).toMatchObject({ resultCode: '2910', retryRemaining: 2 });
  });
});

describe("retry classes (./retry-classes.ts, the guide's §8 words)", () => {
  it('5011 "(인증번호) 확인 후 다시" without retryCount: the person retries; what §8 4301\'s 3 requests leave is counted', async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms', NO_RETRY_COUNT);
    for (const left of [2, 1]) {
      const res = await browser.post('/verify/api/mok/confirm', { authNumber: NO_RETRY_COUNT.otp });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        code: 'MOK_RESULT',
        message: message('5011'),
        resultCode: '5011',
        restart: false,
        retryClass: 'retry-same-step',
        retryRemaining: left,
      });
    }
    const last = await browser.post('/verify/api/mok/confirm', { authNumber: NO_RETRY_COUNT.otp });
    expect(last.body).toMatchObject({ resultCode: '5011', restart: true, retryRemaining: 0 });
  });

  it('4302 from mobile-ok ("처음부터 다시 시도해 주세요") ends the transaction', async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms', RESEND_4302);
    const res = await browser.post('/verify/api/mok/resend');
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      code: 'MOK_RESULT',
      message: message('4302'),
      resultCode: '4302',
      restart: true,
      retryClass: 'restart',
    });
    expect((await browser.post('/verify/api/mok/confirm', { authNumber: RESEND_4302.otp })).status).toBe(410);
  });
});

describe('re-sends (guide §5.2 resendCount, §8 4302)', () => {
  it('three re-sends count down 2, 1, 0; a fourth is not sent (mobile-ok would end it with 4302) and the code still works', async () => {
    const browser = await member();
    const requested = await startAndRequest(browser, 'sms', RESENDER);
    expect(requested.body).toMatchObject({ resendRemaining: 3 });
    for (const left of [2, 1, 0]) {
      const res = await browser.post('/verify/api/mok/resend');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ resendRemaining: left });
    }
    const refused = await browser.post('/verify/api/mok/resend');
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      code: 'MOK_RESEND_LIMIT',
      message: '인증번호를 더 보낼 수 없어요. 이미 받은 인증번호를 입력해 주세요.',
      restart: false,
      retryClass: 'retry-same-step',
      resendRemaining: 0,
    });
    const ok = await browser.post('/verify/api/mok/confirm', { authNumber: RESENDER.otp });
    expect(ok.status).toBe(200);
  });

  it('PASS and ARS have nothing to re-send; resend before the request is out of order', async () => {
    const browser = await member();
    const start = await browser.post('/verify/api/mok/start', { service: 'sms' });
    expect(start.status).toBe(200);
    const early = await browser.post('/verify/api/mok/resend');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'MOK_STEP_INVALID' });
    await startAndRequest(browser, 'pass', NEVER);
    const pass = await browser.post('/verify/api/mok/resend');
    expect(pass.status).toBe(409);
    expect(pass.body).toMatchObject({ code: 'MOK_STEP_INVALID' });
  });
});

describe('PASS (guide §8 6702 / 6703 / 6706, 4301)', () => {
  it('not approved: pending with the catalogue message and detail code, within the confirm budget; then a clear end', async () => {
    const browser = await member();
    await startAndRequest(browser, 'pass', NEVER);
    for (const attemptsLeft of [2, 1]) {
      const res = await browser.post('/verify/api/mok/confirm');
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        status: 'pending',
        message: 'PASS 인증이 완료되지 않았어요. 인증 후 다시 시도해 주세요. (6061)',
        attemptsLeft,
      });
    }
    // The third "not yet" spends the budget (§8 4301 "검증요청 제한 횟수인 3회"): ended here, in
    // Korean, rather than by mobile-ok's 4301 on a fourth request.
    const spent = await browser.post('/verify/api/mok/confirm');
    expect(spent.status).toBe(422);
    expect(spent.body).toEqual({
      code: 'MOK_CONFIRM_LIMIT',
      message:
        '인증 완료를 확인하지 못했어요. 확인할 수 있는 횟수를 모두 썼어요. 처음부터 다시 시도해 주세요.',
      resultCode: '6702',
      restart: true,
      retryClass: 'restart',
    });
    expect((await browser.post('/verify/api/mok/confirm')).status).toBe(410);
  });

  it('6703 with detail 6202 (결과 확인 요청 before 처리 완료) is "not yet": the transaction is kept and the approval then verifies', async () => {
    const browser = await member();
    await startAndRequest(browser, 'pass', PASS_6202);
    const early = await browser.post('/verify/api/mok/confirm');
    expect(early.status).toBe(202);
    expect(early.body).toEqual({
      status: 'pending',
      message: 'PASS 인증이 완료되지 않았어요. 인증 후 다시 시도해 주세요. (6202)',
      attemptsLeft: 2,
    });
    infra.sandboxClock.advance(3_500);
    try {
      const ok = await browser.post('/verify/api/mok/confirm');
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'verified' });
    } finally {
      infra.sandboxClock.advance(-3_500);
    }
  });

  it('7 minutes without approval: 6706, the transaction is over', async () => {
    const browser = await member();
    await startAndRequest(browser, 'pass', NEVER);
    infra.sandboxClock.advance(7 * 60_000);
    try {
      const res = await browser.post('/verify/api/mok/confirm');
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        code: 'MOK_RESULT',
        message: '유효시간이 만료됐어요. 처음부터 다시 시도해 주세요. (6203)',
        resultCode: '6706',
        restart: true,
        retryClass: 'restart',
      });
    } finally {
      infra.sandboxClock.advance(-7 * 60_000);
    }
  });

  it('a code sent with PASS is refused (PASS has none)', async () => {
    const browser = await member();
    await startAndRequest(browser, 'pass', NEVER);
    const res = await browser.post('/verify/api/mok/confirm', { authNumber: '123456' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT', fields: { authNumber: expect.any(String) } });
  });
});

describe('ARS (guide §6)', () => {
  it('confirm before the call is out of order; a second call while ringing is 4501 and the call goes on', async () => {
    const browser = await member();
    const requested = await startAndRequest(browser, 'ars', ARS);
    expect(requested.body).toEqual({ next: 'ars', arsOtpNumber: ARS.otp });
    const early = await browser.post('/verify/api/mok/confirm');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'MOK_STEP_INVALID' });
    expect((await browser.post('/verify/api/mok/call')).status).toBe(200);
    const ringing = await browser.post('/verify/api/mok/call');
    expect(ringing.status).toBe(422);
    expect(ringing.body).toMatchObject({ resultCode: '4501', restart: false, message: message('4501') });
    const pending = await browser.post('/verify/api/mok/confirm');
    expect(pending.status).toBe(202);
    expect(pending.body).toEqual({ status: 'pending', message: message('4500'), attemptsLeft: 2 });
  });

  it('hung up (4620): the transaction is over', async () => {
    const browser = await member();
    await startAndRequest(browser, 'ars', HANGS_UP);
    await browser.post('/verify/api/mok/call');
    infra.sandboxClock.advance(3_500);
    try {
      const res = await browser.post('/verify/api/mok/confirm');
      expect(res.body).toEqual({
        code: 'MOK_RESULT',
        message: message('4620'),
        resultCode: '4620',
        restart: true,
        retryClass: 'restart',
      });
      expect((await browser.post('/verify/api/mok/call')).status).toBe(410);
    } finally {
      infra.sandboxClock.advance(-3_500);
    }
  });

  it('not picked up (4612): the person may ask for one more call (§6); not picked up again, it is over', async () => {
    const browser = await member();
    await startAndRequest(browser, 'ars', NO_ANSWER);
    await browser.post('/verify/api/mok/call');
    let moved = 0;
    const move = (ms: number) => {
      infra.sandboxClock.advance(ms);
      moved += ms;
    };
    move(3_500);
    try {
      const res = await browser.post('/verify/api/mok/confirm');
      expect(res.body).toEqual({
        code: 'MOK_RESULT',
        message: message('4612'),
        resultCode: '4612',
        restart: false,
        retryClass: 'retry-same-step',
        canCall: true,
      });
      const again = await browser.post('/verify/api/mok/call');
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ status: 'calling' });
      move(3_500);
      const second = await browser.post('/verify/api/mok/confirm');
      expect(second.body).toEqual({
        code: 'MOK_RESULT',
        message: message('4612'),
        resultCode: '4612',
        restart: true,
        retryClass: 'restart',
      });
    } finally {
      infra.sandboxClock.advance(-moved);
    }
  });

  it("the result of an ARS transaction in the guide's §7 form (serviceType telcoAuth) is accepted", async () => {
    const browser = await member();
    await startAndRequest(browser, 'ars', ARS_RESULT);
    expect((await browser.post('/verify/api/mok/call')).status).toBe(200);
    infra.sandboxClock.advance(3_500);
    try {
      const ok = await browser.post('/verify/api/mok/confirm');
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'verified' });
    } finally {
      infra.sandboxClock.advance(-3_500);
    }
  });

  it('call is for ARS only', async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms', NOT_ARS);
    const res = await browser.post('/verify/api/mok/call');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'MOK_STEP_INVALID' });
  });
});

describe('who the person is (명의인증 at auth/request): "확인 후 다시" keeps the transaction for a corrected form', () => {
  it('an LG U+ MVNO customer choosing LG U+ with PASS: 6754 tells them to pick 알뜰폰; another carrier: 4010 — then the corrected carrier verifies', async () => {
    const pass = await member();
    await pass.post('/verify/api/mok/start', { service: 'pass' });
    const res = await pass.post('/verify/api/mok/request', formForService('pass', MVNO, { carrier: 'LGU' }));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      code: 'MOK_RESULT',
      message: message('6754'),
      resultCode: '6754',
      restart: false,
      retryClass: 'fix-input-and-resend',
      requestsRemaining: 2,
    });

    const sms = await member();
    await sms.post('/verify/api/mok/start', { service: 'sms' });
    const other = await sms.post('/verify/api/mok/request', formForService('sms', MVNO, { carrier: 'KT' }));
    expect(other.body).toMatchObject({
      resultCode: '4010',
      message: message('4010'),
      restart: false,
      retryClass: 'fix-input-and-resend',
      requestsRemaining: 2,
    });
    // Nothing was sent to the person: there is no code to confirm yet.
    expect((await sms.post('/verify/api/mok/confirm', { authNumber: MVNO.otp })).status).toBe(409);
    // The person corrects the carrier and sends the form again on the same transaction.
    const fixed = await sms.post('/verify/api/mok/request', formForService('sms', MVNO));
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    const ok = await sms.post('/verify/api/mok/confirm', { authNumber: MVNO.otp });
    expect(ok.body).toMatchObject({ status: 'verified' });
  });

  it('a birthday the carrier does not have: 2910 with the request-step message; corrected, it goes on', async () => {
    const browser = await member();
    await browser.post('/verify/api/mok/start', { service: 'sms' });
    const res = await browser.post(
      '/verify/api/mok/request',
      formForService('sms', ADULT, { birthday: '19900316' }),
    );
    expect(res.body).toEqual({
      code: 'MOK_RESULT',
      message: message('2910', 'auth'),
      resultCode: '2910',
      restart: false,
      retryClass: 'fix-input-and-resend',
      requestsRemaining: 2,
    });
    expect(message('2910', 'auth')).toBe('입력하신 정보가 올바르지 않아요. 확인 후 다시 시도해주세요');
    const fixed = await browser.post('/verify/api/mok/request', formForService('sms', ADULT));
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect((await browser.post('/verify/api/mok/confirm', { authNumber: ADULT.otp })).body).toMatchObject({
      status: 'verified',
    });
  });

  it('three refused forms: 2 and 1 corrections left, then the transaction is over', async () => {
    const browser = await member();
    await browser.post('/verify/api/mok/start', { service: 'sms' });
    const wrong = () =>
      browser.post('/verify/api/mok/request', formForService('sms', ADULT, { birthday: '19900316' }));
    expect((await wrong()).body).toMatchObject({ restart: false, requestsRemaining: 2 });
    expect((await wrong()).body).toMatchObject({ restart: false, requestsRemaining: 1 });
    const last = await wrong();
    expect(last.body).toMatchObject({
      resultCode: '2910',
      restart: true,
      retryClass: 'fix-input-and-resend',
    });
    expect((await browser.post('/verify/api/mok/request', formForService('sms', ADULT))).status).toBe(410);
  });
});
