import { describe, expect, it } from 'vitest';
import {
  MOK_LMS_USER,
  MOK_PASS_ADULT,
  MOK_SMS_AUTH_USER,
  MOK_SMS_USER,
} from '../src/providers/mobile-ok/personas.js';
import { authInfo, nextToken, sealForTransaction, startMok } from './mok-helpers.js';

describe('mobile-ok confirm: wrong codes and the retry limit (guide §4 "인증번호 2번 재시도 가능", §8 4301)', () => {
  it('three wrong codes count retryCount 2, 1, 0; then even the right code is 4301', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    let token = tx.token;
    for (const left of [2, 1, 0]) {
      const wrong = await wire.confirm(tx, token, '000000');
      expect(wrong.json).toMatchObject({
        resultCode: '2910',
        resultMsg: '입력하신 정보가 올바르지 않습니다. 인증번호를 확인해주세요.',
        retryCount: left,
      });
      token = nextToken(wrong);
    }
    const dead = await wire.confirm(tx, token, MOK_SMS_USER.otp);
    expect(dead.json).toMatchObject({
      resultCode: '4301',
      resultMsg: '검증요청 제한 횟수를 초과하였습니다. 처음부터 다시 시도해 주세요.',
      retryCount: 0,
    });
    expect(dead.json).not.toHaveProperty('encryptMOKResult');
    // The transaction is over for every step.
    expect((await wire.resend(nextToken(dead))).json.resultCode).toBe('4301');
  });

  it('a wrong code, then the right one within the retries, succeeds', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_LMS_USER, 'LMS'));
    const wrong = await wire.confirm(tx, tx.token, '999999');
    expect(wrong.json.retryCount).toBe(2);
    const right = await wire.confirm(tx, nextToken(wrong), MOK_LMS_USER.otp);
    expect(right.json.resultCode).toBe('2000');
  });

  it('SMSAuth’s wrong code is 4013 (SMS 점유인증) and counts the same way', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_AUTH_USER, 'SMSAuth'));
    const wrong = await wire.confirm(tx, tx.token, '000000');
    expect(wrong.json).toMatchObject({ resultCode: '4013', retryCount: 2 });
  });

  it('malformed codes (5029), a missing MOKVerifyInfo (5024) and unopenable ones (5031, 6028) do not use up retries', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    const short = await wire.confirm(tx, tx.token, '12345');
    expect(short.json.resultCode).toBe('5029');
    expect(short.json).not.toHaveProperty('retryCount');
    const missing = await wire.confirm(tx, nextToken(short));
    expect(missing.json.resultCode).toBe('5024');
    const otherKey = await wire.post('/agent/v1/confirm/request', {
      encryptMOKToken: nextToken(missing),
      encryptMOKVerifyInfo: 'bm90|YmFzZTY0',
    });
    expect(otherKey.json.resultCode).toBe('5031');
    const badHash = await wire.post('/agent/v1/confirm/request', {
      encryptMOKToken: nextToken(otherKey),
      encryptMOKVerifyInfo: sealForTransaction(
        JSON.stringify({ authNumber: MOK_SMS_USER.otp }),
        tx.publicKey,
        {
          hashOf: 'something else',
        },
      ),
    });
    expect(badHash.json.resultCode).toBe('6028');
    const noField = await wire.post('/agent/v1/confirm/request', {
      encryptMOKToken: nextToken(badHash),
      encryptMOKVerifyInfo: sealForTransaction(JSON.stringify({ code: MOK_SMS_USER.otp }), tx.publicKey),
    });
    expect(noField.json.resultCode).toBe('5024');
    const right = await wire.confirm(tx, nextToken(noField), MOK_SMS_USER.otp);
    expect(right.json.resultCode).toBe('2000');
  });

  it('confirm before auth/request is 4018', async () => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    expect((await wire.confirm(tx, tx.token, MOK_SMS_USER.otp)).json.resultCode).toBe('4018');
  });

  it('the code is valid for the 7-minute window after auth/request (4001 after it)', async () => {
    const { wire, clock } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    clock.advance(7 * 60_000 - 1);
    const stillOk = await wire.authenticated(authInfo(MOK_PASS_ADULT, 'SMS'));
    clock.advance(1);
    const late = await wire.confirm(tx, tx.token, MOK_SMS_USER.otp);
    expect(late.json.resultCode).toBe('4001');
    expect(late.json.resultMsg).toBe('인증 진행사항을 확인할 수 없습니다. 처음부터 다시 시도해 주세요.');
    // A transaction started later still has its own window.
    expect((await wire.confirm(stillOk.tx, stillOk.tx.token, MOK_PASS_ADULT.otp)).json.resultCode).toBe(
      '2000',
    );
  });
});

describe('mobile-ok auth/resend and its limit (§8 4302 "재전송 횟수인 3회")', () => {
  it('resendCount goes 3 → 2 → 1 → 0, the fourth re-send is 4302, and the last code still confirms', async () => {
    const { wire } = await startMok();
    const { tx, auth } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    expect(auth.resendCount).toBe(3);
    let token = tx.token;
    for (const left of [2, 1, 0]) {
      const res = await wire.resend(token);
      expect(res.json).toMatchObject({ resultCode: '2000', resendCount: left });
      token = nextToken(res);
    }
    const over = await wire.resend(token);
    expect(over.json).toMatchObject({
      resultCode: '4302',
      resultMsg: '인증요청 제한 횟수를 초과하였습니다. 처음부터 다시 시도해 주세요.',
      resendCount: 0,
    });
    const confirmed = await wire.confirm(tx, nextToken(over), MOK_SMS_USER.otp);
    expect(confirmed.json.resultCode).toBe('2000');
  });

  it('SMSAuth re-sends hand out the otpCode again', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_AUTH_USER, 'SMSAuth'));
    const res = await wire.resend(tx.token);
    expect(res.json).toMatchObject({ resultCode: '2000', resendCount: 2, otpCode: MOK_SMS_AUTH_USER.otp });
  });

  it('a re-send before auth/request, or after the 7-minute window, is 4003', async () => {
    const { wire, clock } = await startMok();
    const fresh = await wire.begin();
    const early = await wire.resend(fresh.token);
    expect(early.json.resultCode).toBe('4003');
    expect(early.json.resultMsg).toMatch(/\(4004\)$/);
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    clock.advance(7 * 60_000);
    const late = await wire.resend(tx.token);
    expect(late.json.resultCode).toBe('4003');
    expect(late.json.resultMsg).toBe(
      '이미 완료 되었거나 허용시간을 초과 한 인증 요청입니다. 확인 후 다시 시도해 주세요. (4003)',
    );
  });
});
