import { describe, expect, it } from 'vitest';
import { MOK_CARRIER_MISMATCH, MOK_PASS_ADULT, MOK_PASS_NEVER } from '../src/providers/mobile-ok/personas.js';
import { authInfo, mokOptions, nextToken, openResult, SITE_URL, startMok, testKeys } from './mok-helpers.js';
import { MOK_PERSONAS } from '../src/providers/mobile-ok/personas.js';

describe('mobile-ok PASS (telcoAuth, reqAuthType PASS)', () => {
  it('token/get → auth/request → confirm polls "not yet" (6702) until the person approves after ~2 s', async () => {
    const { wire, clock } = await startMok();
    const { tx, auth } = await wire.authenticated(authInfo(MOK_PASS_ADULT, 'PASS'));
    // PASS sends no code: no resendCount, otpCode or arsOtpNumber.
    expect(Object.keys(auth).sort()).toEqual(['encryptMOKToken', 'resultCode', 'resultMsg']);
    expect(auth.resultMsg).toBe('성공');

    clock.advance(1000);
    const pending = await wire.confirm(tx, tx.token);
    expect(pending.status).toBe(200);
    expect(pending.json.resultCode).toBe('6702');
    expect(pending.json.resultMsg).toBe('PASS 인증이 완료되지 않았습니다. 인증 후 다시 시도해 주세요.(6032)');
    expect(pending.json).not.toHaveProperty('encryptMOKResult');

    clock.advance(1000);
    const done = await wire.confirm(tx, nextToken(pending));
    expect(done.json.resultCode).toBe('2000');
    const opened = openResult(String(done.json.encryptMOKResult), testKeys().clientPrivateKey);
    expect(opened.hashMatches).toBe(true);
    expect(opened.keyIvBytes).toBe(48);
    const result = opened.json;
    expect(result).toMatchObject({
      siteId: 'SANDBOX01',
      clientTxId: tx.clientTxId,
      serviceType: 'telcoAuth',
      providerId: 'SKT',
      userName: '김민준',
      userPhone: '01041000001',
      userBirthday: '19900315',
      userGender: '1',
      userNation: '0',
      reqAuthType: 'PASS',
      issuer: 'MobileOK Sandbox',
      // 2026-03-02T09:00:02Z is 18:00:02 in Korea.
      issueDate: '2026-03-02 18:00:02.000',
      reqdate: '260302180000',
      reqDate: '260302180000',
    });
    expect(result.txId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.ci).toMatch(/^SANDBOX\+FAKE\+CI\+[A-Za-z0-9+/]{72}$/);
    expect(result.di).toMatch(/^SANDBOX\+FAKE\+DI\+[A-Za-z0-9+/]{48}$/);
    // isAdult only for the adult-check usage codes.
    expect(result).not.toHaveProperty('isAdult');
    expect(result).not.toHaveProperty('extension');
  });

  it('the same person gets the same CI and DI in every transaction', async () => {
    const { wire, clock } = await startMok();
    const results = [];
    for (let i = 0; i < 2; i += 1) {
      const { tx } = await wire.authenticated(authInfo(MOK_PASS_ADULT, 'PASS'));
      clock.advance(2000);
      const done = await wire.confirm(tx, tx.token);
      results.push(openResult(String(done.json.encryptMOKResult), testKeys().clientPrivateKey).json);
    }
    expect(results[0]?.ci).toBe(results[1]?.ci);
    expect(results[0]?.di).toBe(results[1]?.di);
    expect(results[0]?.txId).not.toBe(results[1]?.txId);
  });

  it('a person who never approves: 6702 while the 7-minute window lasts, 6706 after it, 5033 after 10 minutes', async () => {
    const { wire, clock } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_PASS_NEVER, 'PASS'));
    let token = tx.token;
    for (const wait of [2_000, 60_000, 5 * 60_000]) {
      clock.advance(wait);
      const res = await wire.confirm(tx, token);
      expect(res.json.resultCode).toBe('6702');
      // LG U+ answers with the 간편본인확인 detail code.
      expect(res.json.resultMsg).toContain('(6061)');
      token = nextToken(res);
    }
    clock.advance(2 * 60_000 - 2_000); // 8 minutes after auth/request: past the 7-minute window
    const timedOut = await wire.confirm(tx, token);
    expect(timedOut.json.resultCode).toBe('6706');
    expect(timedOut.json.resultMsg).toBe('유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.(6203)');
    clock.advance(3 * 60_000); // 11 minutes after token/get
    const expired = await wire.confirm(tx, nextToken(timedOut));
    expect(expired.json).toEqual({
      resultCode: '5033',
      resultMsg: '유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.',
    });
  });

  it('every "not yet" counts (§8 4301 "검증요청 제한 횟수인 3회"): the fourth confirm is 4301, and so is every one after', async () => {
    const { wire, clock } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_PASS_NEVER, 'PASS'));
    let token = tx.token;
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      const res = await wire.confirm(tx, token);
      expect(res.json.resultCode).toBe('6702');
      token = nextToken(res);
    }
    const over = await wire.confirm(tx, token);
    expect(over.json).toMatchObject({ resultCode: '4301', retryCount: 0 });
    expect((await wire.confirm(tx, nextToken(over))).json.resultCode).toBe('4301');
  });

  it('a persona with early 6703: before approval confirm answers 6703 with detail 6202, then the result', async () => {
    const early = {
      ...MOK_PASS_ADULT,
      id: 'pass-early-6703',
      phone: '01049990001',
      pass: { kind: 'approves', afterMs: 3_000, early: '6703' },
    } as const;
    const { wire, clock } = await startMok({ mobileOk: mokOptions({ personas: [...MOK_PERSONAS, early] }) });
    const { tx } = await wire.authenticated(authInfo(early, 'PASS'));
    clock.advance(1_000);
    const notYet = await wire.confirm(tx, tx.token);
    expect(notYet.json.resultCode).toBe('6703');
    expect(notYet.json.resultMsg).toBe('PASS 인증이 완료되지 않았습니다. 인증 후 다시 시도해 주세요.(6202)');
    clock.advance(2_500);
    const done = await wire.confirm(tx, nextToken(notYet));
    expect(done.json.resultCode).toBe('2000');
  });

  it('PASS cannot re-send (4015) and confirm takes no code for it (5011)', async () => {
    const { wire, clock } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_PASS_ADULT, 'PASS'));
    const resend = await wire.resend(tx.token);
    expect(resend.json.resultCode).toBe('4015');
    clock.advance(2000);
    const withCode = await wire.confirm(tx, nextToken(resend), '123456');
    expect(withCode.json.resultCode).toBe('5011');
    // An empty authNumber is what the guide says to send when there is no code.
    const empty = await wire.confirm(tx, nextToken(withCode), '');
    expect(empty.json.resultCode).toBe('2000');
  });

  it('an LG U+ MVNO subscriber asked as LGU with PASS gets 6754; as LGUMVNO it works', async () => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    const wrong = await wire.auth(tx, authInfo(MOK_CARRIER_MISMATCH, 'PASS', { providerId: 'LGU' }));
    expect(wrong.json.resultCode).toBe('6754');
    expect(wrong.json.resultMsg).toBe(
      'LGU+ 알뜰폰 가입자입니다. 통신사를 알뜰폰으로 선택하여 다시 시도해 주세요.',
    );
    // The failed auth/request leaves the transaction open: corrected data with the new token works.
    const right = await wire.auth(tx, authInfo(MOK_CARRIER_MISMATCH, 'PASS'), { token: nextToken(wrong) });
    expect(right.json.resultCode).toBe('2000');
  });

  it('the v2 token request (JSON clientInfo at /agent/v2/token/get) leads to the same flow', async () => {
    const { wire, clock } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_PASS_ADULT, 'PASS'), { version: 'v2' });
    clock.advance(2000);
    const done = await wire.confirm(tx, tx.token);
    expect(done.json.resultCode).toBe('2000');
    expect(openResult(String(done.json.encryptMOKResult), testKeys().clientPrivateKey).json.clientTxId).toBe(
      tx.clientTxId,
    );
  });

  it('answers JSON with the guide’s charset and HTTP 200 for failures too', async () => {
    const { wire } = await startMok();
    const res = await wire.tokenGet({ siteUrl: `x.${SITE_URL}` });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json;charset=UTF-8');
    expect(res.json.resultCode).toBe('8006');
  });
});
