import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { FAULT_HEADER, parseFault } from '../src/faults.js';
import {
  MOK_CARRIER_OUTAGE,
  MOK_CONFIRM_HANG,
  MOK_CONFIRM_MALFORMED,
  MOK_PASS_ADULT,
  MOK_SLOW,
  MOK_SMS_USER,
  MOK_TAMPERED_RESULT,
  type MokPersona,
} from '../src/providers/mobile-ok/personas.js';
import { EXISTING_MEMBER } from '../src/personas.js';
import { TEST_APPS, loginAs, userMe } from './helpers.js';
import { authInfo, mokOptions, nextToken, openResult, startMok, testKeys } from './mok-helpers.js';

const fault = (spec: string) => ({ [FAULT_HEADER]: spec });

describe('fault grammar: code:<code> and tamper', () => {
  it('parses both, alone or after a delay, and refuses them together', () => {
    expect(parseFault('code:4008', 1000)).toEqual({ delayMs: 0, action: { kind: 'code', code: '4008' } });
    expect(parseFault('delay:10,tamper', 1000)).toEqual({ delayMs: 10, action: { kind: 'tamper' } });
    expect(() => parseFault('code:4008,tamper', 1000)).toThrow('only one of');
    expect(() => parseFault('code:', 1000)).toThrow('expected delay');
    expect(() => parseFault('code:a b', 1000)).toThrow('expected delay');
  });
});

describe('mobile-ok faults by request header', () => {
  it('code:<4 digits> answers that code with the guide’s message for the step, and spends nothing', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    const injected = await wire.confirm(tx, tx.token, MOK_SMS_USER.otp, fault('code:2910'));
    expect(injected.status).toBe(200);
    // 2910 has two rows in §8; confirm's is the wrong-code one.
    expect(injected.json).toEqual({
      resultCode: '2910',
      resultMsg: '입력하신 정보가 올바르지 않습니다. 인증번호를 확인해주세요.',
    });
    const tokenFault = await wire.tokenGet({ headers: fault('code:9999') });
    expect(tokenFault.json).toEqual({
      resultCode: '9999',
      resultMsg: '원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요',
    });
    // A code the guide does not list gets the "기타코드" text.
    const other = await wire.resend(tx.token, fault('code:1234'));
    expect(other.json.resultMsg).toBe('원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요');
    // The header fault ran before the handler: the token is still the current one.
    expect((await wire.confirm(tx, tx.token, MOK_SMS_USER.otp)).json.resultCode).toBe('2000');
  });

  it('code: with something other than 4 digits is refused with 400 in mobile-ok’s shape', async () => {
    const { wire } = await startMok();
    const res = await wire.tokenGet({ headers: fault('code:KOE320') });
    expect(res.status).toBe(400);
    expect(res.json.resultCode).toBe('9998');
    expect(res.json.resultMsg).toContain('code:KOE320');
  });

  it('tamper on confirm: the result decrypts but its hash is wrong, and the transaction is spent', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    const res = await wire.confirm(tx, tx.token, MOK_SMS_USER.otp, fault('tamper'));
    expect(res.json.resultCode).toBe('2000');
    const opened = openResult(String(res.json.encryptMOKResult), testKeys().clientPrivateKey);
    expect(opened.hashMatches).toBe(false);
    expect(opened.json.clientTxId).toBe(tx.clientTxId);
    expect((await wire.confirm(tx, nextToken(res), MOK_SMS_USER.otp)).json.resultCode).toBe('4150');
  });

  it('tamper is refused (400) on steps without a sealed result', async () => {
    const { wire } = await startMok();
    const res = await wire.tokenGet({ headers: fault('tamper') });
    expect(res.status).toBe(400);
    expect(res.json.resultMsg).toContain('tamper');
  });

  it('malformed answers 200 JSON that does not parse; status:<code> answers that status with 9999', async () => {
    const { sandbox } = await startMok();
    const malformed = await fetch(`${sandbox.url}/mok/agent/v1/token/get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...fault('malformed') },
      body: '{}',
    });
    expect(malformed.status).toBe(200);
    expect(malformed.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const text = await malformed.text();
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    const down = await fetch(`${sandbox.url}/mok/agent/v1/token/get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...fault('status:503') },
      body: '{}',
    });
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ resultCode: '9999', resultMsg: 'sandbox fault: HTTP 503' });
  });

  it('delay waits, then answers normally', async () => {
    const { wire } = await startMok();
    const started = performance.now();
    const res = await wire.tokenGet({ headers: fault('delay:300') });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.json.resultCode).toBe('2000');
  });

  it('hang never answers and is bounded by the ceiling', async () => {
    const { sandbox } = await startMok({ faultMaxMs: 300 });
    const started = performance.now();
    await expect(
      fetch(`${sandbox.url}/mok/agent/v1/token/get`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...fault('hang') },
        body: '{}',
      }),
    ).rejects.toThrow();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(5000);
  });

  it('Kakao routes refuse code: and tamper (400): they have neither', async () => {
    const { sandbox } = await startMok();
    const token = await loginAs(sandbox.url, EXISTING_MEMBER.id);
    for (const spec of ['code:4008', 'tamper']) {
      const res = await userMe(sandbox.url, String(token.access_token), { headers: fault(spec) });
      expect(res.status).toBe(400);
    }
  });
});

describe('mobile-ok faults by persona', () => {
  it('a tampered result (nam-gyuri): the hash check fails', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_TAMPERED_RESULT, 'SMS'));
    const res = await wire.confirm(tx, tx.token, MOK_TAMPERED_RESULT.otp);
    expect(openResult(String(res.json.encryptMOKResult), testKeys().clientPrivateKey).hashMatches).toBe(
      false,
    );
  });

  it('a slow person (go-eun): auth/request answers 2 s late', async () => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    const started = performance.now();
    const res = await wire.auth(tx, authInfo(MOK_SLOW, 'SMS'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(1990);
    expect(res.json.resultCode).toBe('2000');
  });

  it('a carrier outage (seo-jian): auth/request is 4008 every time, and the token is not spent', async () => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    for (let i = 0; i < 2; i += 1) {
      const res = await wire.auth(tx, authInfo(MOK_CARRIER_OUTAGE, 'SMS'));
      expect(res.json).toEqual({
        resultCode: '4008',
        resultMsg: '선택하신 본인확인 서비스와 연결에 실패했습니다. 잠시후 다시 시도해 주세요.',
      });
    }
  });

  it('faultTimes: 1 — a passing failure: the first auth/request is 4012, the next on a fresh token goes through', async () => {
    const once: MokPersona = {
      ...MOK_SMS_USER,
      id: 'sms-4012-once',
      phone: '01099990002',
      faults: { auth: 'code:4012' },
      faultTimes: 1,
    };
    const { wire } = await startMok({ mobileOk: mokOptions({ personas: [once] }) });
    const first = await wire.auth(await wire.begin(), authInfo(once, 'SMS'));
    expect(first.json).toEqual({
      resultCode: '4012',
      resultMsg: '인증요청 메시지 전송에 실패하였습니다. 잠시 후 다시 시도해 주세요.',
    });
    const second = await wire.auth(await wire.begin(), authInfo(once, 'SMS'));
    expect(second.json.resultCode).toBe('2000');
  });

  it('confirm hangs (ha-yul) or answers malformed JSON (cha-minseo)', async () => {
    const { wire } = await startMok({ faultMaxMs: 300 });
    const hang = await wire.authenticated(authInfo(MOK_CONFIRM_HANG, 'SMS'));
    await expect(wire.confirm(hang.tx, hang.tx.token, MOK_CONFIRM_HANG.otp)).rejects.toThrow();
    const broken = await wire.authenticated(authInfo(MOK_CONFIRM_MALFORMED, 'SMS'));
    await expect(wire.confirm(broken.tx, broken.tx.token, MOK_CONFIRM_MALFORMED.otp)).rejects.toThrow(
      SyntaxError,
    );
  });

  it('a header fault wins over the persona’s', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_TAMPERED_RESULT, 'SMS'));
    const res = await wire.confirm(tx, tx.token, MOK_TAMPERED_RESULT.otp, fault('delay:1'));
    expect(openResult(String(res.json.encryptMOKResult), testKeys().clientPrivateKey).hashMatches).toBe(true);
  });

  it('the app refuses to start with a persona fault that cannot apply', () => {
    const base: MokPersona = { ...MOK_PASS_ADULT, id: 'x', phone: '01099990001' };
    const build = (faults: MokPersona['faults']) => () =>
      buildApp({ kakao: TEST_APPS, mobileOk: mokOptions({ personas: [{ ...base, faults }] }) });
    expect(build({ confirm: 'tamper' })).not.toThrow();
    expect(build({ auth: 'explode' })).toThrow(/persona x: faults\.auth/);
    expect(build({ auth: 'tamper' })).toThrow(/tamper only applies to confirm/);
    expect(build({ confirm: 'code:KOE320' })).toThrow(/not a mobile-ok result code/);
    expect(() =>
      buildApp({ kakao: TEST_APPS, mobileOk: mokOptions({ personas: [{ ...base, faultTimes: 0 }] }) }),
    ).toThrow(/persona x: faultTimes must be a positive integer/);
    expect(() =>
      buildApp({ kakao: TEST_APPS, mobileOk: mokOptions({ personas: [base, { ...base, id: 'y' }] }) }),
    ).toThrow(/phone 01099990001 is already someone else's/);
  });
});
