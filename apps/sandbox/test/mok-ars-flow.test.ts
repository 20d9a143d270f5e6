import { describe, expect, it } from 'vitest';
import {
  MOK_ARS_HANG_UP,
  MOK_ARS_NO_ANSWER,
  MOK_ARS_OK,
  MOK_SMS_USER,
} from '../src/providers/mobile-ok/personas.js';
import { authInfo, nextToken, openResult, startMok, testKeys } from './mok-helpers.js';

/** §6: the emulated call takes 3 s before its outcome is known. */
const CALL_MS = 3_000;

describe('mobile-ok ARS (telcoAuth-ARSAuth): auth/request → auth/call → confirm', () => {
  it('the person answers and keys in the number: the result comes after the call', async () => {
    const { wire, clock } = await startMok();
    const extension = { arsRequestMsg: '{"companyName":"MFV"}' };
    const { tx, auth } = await wire.authenticated(authInfo(MOK_ARS_OK, 'ARS', { extension }));
    expect(auth.arsOtpNumber).toBe(MOK_ARS_OK.otp);
    expect(auth).not.toHaveProperty('resendCount');

    const early = await wire.confirm(tx, tx.token);
    expect(early.json.resultCode).toBe('4500'); // no call yet
    const call = await wire.call(nextToken(early));
    expect(call.json).toMatchObject({ resultCode: '2000', resultMsg: '성공' });
    expect(Object.keys(call.json).sort()).toEqual(['encryptMOKToken', 'resultCode', 'resultMsg']);

    clock.advance(CALL_MS - 1);
    const during = await wire.confirm(tx, nextToken(call));
    expect(during.json.resultCode).toBe('4500'); // call still going
    clock.advance(1);
    const done = await wire.confirm(tx, nextToken(during));
    expect(done.json.resultCode).toBe('2000');
    const result = openResult(String(done.json.encryptMOKResult), testKeys().clientPrivateKey).json;
    expect(result).toMatchObject({
      clientTxId: tx.clientTxId,
      // mobile-ok 본인확인-API 개발 가이드 §7 "ARS 결과 복호화 예시": "serviceType" : "telcoAuth".
      serviceType: 'telcoAuth',
      providerId: 'SKT',
      userName: '권나라',
      reqAuthType: 'ARS',
      // §7 ARS example: the request's arsRequestMsg comes back as arsResultMsg.
      extension: { arsResultMsg: '{"companyName":"MFV"}' },
    });
  });

  it('a second call while the first is ringing is 4501; after a completed call 4502', async () => {
    const { wire, clock } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_ARS_OK, 'ARS'));
    const first = await wire.call(tx.token);
    const ringing = await wire.call(nextToken(first));
    expect(ringing.json.resultCode).toBe('4501');
    clock.advance(CALL_MS);
    const again = await wire.call(nextToken(ringing));
    expect(again.json.resultCode).toBe('4502');
    expect(again.json.resultMsg).toBe('ARS 인증을 이미 진행하셨습니다.');
  });

  it('the person hangs up (4620) and the transaction cannot continue', async () => {
    const { wire, clock } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_ARS_HANG_UP, 'ARS'));
    const call = await wire.call(tx.token);
    clock.advance(CALL_MS);
    const hungUp = await wire.confirm(tx, nextToken(call));
    expect(hungUp.json.resultCode).toBe('4620');
    expect(hungUp.json.resultMsg).toBe('인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요.');
    // §6: "사용자가 전화를 수신하고 종료하게되면 … 재시도 안됨".
    const callAgain = await wire.call(nextToken(hungUp));
    expect(callAgain.json.resultCode).toBe('4502');
    const confirmAgain = await wire.confirm(tx, nextToken(callAgain));
    expect(confirmAgain.json.resultCode).toBe('4620');
  });

  it('the person does not pick up (4612); a new call may be requested', async () => {
    const { wire, clock } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_ARS_NO_ANSWER, 'ARS'));
    const call = await wire.call(tx.token);
    clock.advance(CALL_MS);
    const noAnswer = await wire.confirm(tx, nextToken(call));
    expect(noAnswer.json.resultCode).toBe('4612');
    const retry = await wire.call(nextToken(noAnswer));
    expect(retry.json.resultCode).toBe('2000');
    clock.advance(CALL_MS);
    expect((await wire.confirm(tx, nextToken(retry))).json.resultCode).toBe('4612');
  });

  it('auth/call belongs to ARS transactions after auth/request only (5019); ARS takes no code at confirm (5011)', async () => {
    const { wire, clock } = await startMok();
    const fresh = await wire.begin();
    expect((await wire.call(fresh.token)).json.resultCode).toBe('5019');
    const { tx: sms } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    expect((await wire.call(sms.token)).json.resultCode).toBe('5019');
    const { tx } = await wire.authenticated(authInfo(MOK_ARS_OK, 'ARS'));
    const call = await wire.call(tx.token);
    clock.advance(CALL_MS);
    const withCode = await wire.confirm(tx, nextToken(call), MOK_ARS_OK.otp);
    expect(withCode.json.resultCode).toBe('5011');
  });

  it('ARS cannot re-send (4015); a call after the 7-minute window is 4001', async () => {
    const { wire, clock } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_ARS_OK, 'ARS'));
    const resend = await wire.resend(tx.token);
    expect(resend.json.resultCode).toBe('4015');
    clock.advance(7 * 60_000);
    expect((await wire.call(nextToken(resend))).json.resultCode).toBe('4001');
  });

  it('an arsCode the site was not assigned is 5034', async () => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    const res = await wire.auth(tx, authInfo(MOK_ARS_OK, 'ARS', { arsCode: 'ARS-OTHER-9999' }));
    expect(res.json.resultCode).toBe('5034');
  });
});
