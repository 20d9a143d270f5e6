import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MOK_PASS_ADULT, MOK_SMS_USER } from '../src/providers/mobile-ok/personas.js';
import {
  authInfo,
  encryptForServer,
  kstStamp,
  newClientTxId,
  nextToken,
  OTHER_SITE_URL,
  openResult,
  sealForTransaction,
  SERVICE_ID,
  SITE_URL,
  startMok,
  testKeys,
} from './mok-helpers.js';

describe('mobile-ok token/get (guide §4)', () => {
  it('v1 and v2 both issue a token and a per-transaction RSA publicKey (base64 SPKI)', async () => {
    const { wire } = await startMok();
    const keys = new Set<string>();
    for (const version of ['v1', 'v2'] as const) {
      const res = await wire.tokenGet({ version });
      expect(res.json.resultCode).toBe('2000');
      expect(Object.keys(res.json).sort()).toEqual([
        'encryptMOKToken',
        'publicKey',
        'resultCode',
        'resultMsg',
      ]);
      const der = Buffer.from(String(res.json.publicKey), 'base64');
      // SEQUENCE { SEQUENCE { rsaEncryption … } … }: the OID 1.2.840.113549.1.1.1 appears in an SPKI.
      expect(der.includes(Buffer.from('2a864886f70d010101', 'hex'))).toBe(true);
      keys.add(String(res.json.publicKey));
    }
    expect(keys.size).toBe(2);
  });

  it.each([
    ['another serviceId', { serviceId: 'someone-else' }, '5023'],
    ['an unregistered siteUrl', { siteUrl: 'evil.example' }, '8006'],
    ['a clientTxId under 20 characters', { clientTxId: 'MFV123' }, '5014'],
    ['a clientTxId with a "|" inside', { clientInfo: `MFV${'a'.repeat(20)}|x|20260302180000` }, '4101'],
    ['a clientTxId of 50 characters', { clientTxId: `MFV${'a'.repeat(47)}` }, '5014'],
    [
      'v2 JSON sent to the v1 path',
      { clientInfo: '{"version":"V2","clientTxId":"x","requestTime":"y"}' },
      '4101',
    ],
    [
      'v1 text sent to the v2 path',
      { version: 'v2' as const, clientInfo: `MFV${'a'.repeat(20)}|20260302180000` },
      '4101',
    ],
    [
      'a v2 body with another version',
      {
        version: 'v2' as const,
        clientInfo: '{"version":"V1","clientTxId":"MFVaaaaaaaaaaaaaaaaaaaa","requestTime":"20260302180000"}',
      },
      '4101',
    ],
    ['a request time that is not a date', { clientInfo: `MFV${'a'.repeat(20)}|20261302180000` }, '4101'],
  ])('refuses %s (%s)', async (_name, options, code) => {
    const { wire } = await startMok();
    expect((await wire.tokenGet(options)).json.resultCode).toBe(code);
  });

  it('the request time must be fresh: at most 5 minutes old and 1 minute ahead (4101)', async () => {
    const { wire, clock } = await startMok();
    const now = clock();
    expect((await wire.tokenGet({ requestTime: now - 5 * 60_000 })).json.resultCode).toBe('2000');
    expect((await wire.tokenGet({ requestTime: now - 5 * 60_000 - 1000 })).json.resultCode).toBe('4101');
    expect((await wire.tokenGet({ requestTime: now + 60_000 })).json.resultCode).toBe('2000');
    expect((await wire.tokenGet({ requestTime: now + 61_000 })).json.resultCode).toBe('4101');
  });

  it('encryptReqClientInfo sealed with another key is 8101; missing fields are 4101', async () => {
    const { wire } = await startMok();
    const otherKey = testKeys().clientPublicKey;
    const sealed = encryptForServer(`${newClientTxId()}|${kstStamp(wire.clock())}`, otherKey);
    const res = await wire.post('/agent/v1/token/get', {
      serviceId: SERVICE_ID,
      siteUrl: SITE_URL,
      encryptReqClientInfo: sealed,
    });
    expect(res.json).toEqual({
      resultCode: '8101',
      resultMsg: '인증 요청 정보가 올바르지 않습니다(요청정보 복호화) 관리자에게 문의해 주세요.',
    });
    const missing = await wire.post('/agent/v1/token/get', { serviceId: SERVICE_ID, siteUrl: SITE_URL });
    expect(missing.json.resultCode).toBe('4101');
    const notJson = await wire.post('/agent/v1/token/get', '[1,2]');
    expect(notJson.json.resultCode).toBe('4101');
  });

  it('a clientTxId can be used once (4007)', async () => {
    const { wire } = await startMok();
    const clientTxId = newClientTxId();
    expect((await wire.tokenGet({ clientTxId })).json.resultCode).toBe('2000');
    const again = await wire.tokenGet({ clientTxId, version: 'v2' });
    expect(again.json.resultCode).toBe('4007');
    expect(again.json).not.toHaveProperty('encryptMOKToken');
  });
});

describe('mobile-ok encryptMOKToken: one valid token at a time, 10 minutes in all', () => {
  it('every answer carries a new token and the previous one stops working (5015)', async () => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    const auth = await wire.auth(tx, authInfo(MOK_SMS_USER, 'SMS'));
    const t1 = nextToken(auth);
    expect(t1).not.toBe(tx.token);
    const stale = await wire.resend(tx.token);
    expect(stale.json).toEqual({
      resultCode: '5015',
      resultMsg: '인증 요청 정보가 올바르지 않습니다(요청 거래ID) 관리자에게 문의해 주세요.',
    });
    // A stale token changes nothing: t1 still works, and its answer's token replaces it.
    const resend = await wire.resend(t1);
    expect(resend.json.resultCode).toBe('2000');
    const t2 = nextToken(resend);
    expect((await wire.confirm(tx, t1, MOK_SMS_USER.otp)).json.resultCode).toBe('5015');
    // Failures rotate too.
    const wrong = await wire.confirm(tx, t2, '000000');
    expect((await wire.confirm(tx, t2, MOK_SMS_USER.otp)).json.resultCode).toBe('5015');
    expect((await wire.confirm(tx, nextToken(wrong), MOK_SMS_USER.otp)).json.resultCode).toBe('2000');
  });

  it('a value that is not a token of this sandbox is 5015; no token at all is 3001', async () => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    const flipped = Buffer.from(tx.token, 'base64');
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    expect((await wire.resend(flipped.toString('base64'))).json.resultCode).toBe('5015');
    expect((await wire.resend('not a token')).json.resultCode).toBe('5015');
    expect((await wire.post('/agent/v1/auth/resend', {})).json.resultCode).toBe('3001');
    // A token of another sandbox process (another sealing key) does not open here.
    const other = await startMok();
    const foreign = await other.wire.begin();
    expect(
      (await wire.auth(tx, authInfo(MOK_SMS_USER, 'SMS'), { token: foreign.token })).json.resultCode,
    ).toBe('5015');
  });

  it('10 minutes after token/get every step answers 5033, even after the state was swept', async () => {
    const { wire, clock, sandbox } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    clock.advance(10 * 60_000 - 1);
    const beforeExpiry = await wire.confirm(tx, tx.token, '000000');
    expect(beforeExpiry.json.resultCode).toBe('4001'); // the 7-minute window is already over
    clock.advance(1);
    const token = nextToken(beforeExpiry);
    for (const res of [
      await wire.confirm(tx, token, MOK_SMS_USER.otp),
      await wire.resend(token),
      await wire.call(token),
      await wire.auth(tx, authInfo(MOK_SMS_USER, 'SMS'), { token }),
    ]) {
      expect(res.json).toEqual({
        resultCode: '5033',
        resultMsg: '유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.',
      });
    }
    const mok = sandbox.app.sandbox.mobileOk;
    expect(mok?.state.transactions.size).toBe(1);
    expect(sandbox.app.sandbox.sweep()).toBeGreaterThanOrEqual(1);
    expect(mok?.state.transactions.size).toBe(0);
    expect((await wire.confirm(tx, token, MOK_SMS_USER.otp)).json.resultCode).toBe('5033');
  });

  it('after the result: confirm again is 4150, any other step 4000', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    const done = await wire.confirm(tx, tx.token, MOK_SMS_USER.otp);
    expect(done.json.resultCode).toBe('2000');
    // The replayed confirm (same token) and one with the token the result came with.
    const replay = await wire.confirm(tx, tx.token, MOK_SMS_USER.otp);
    expect(replay.json.resultCode).toBe('4150');
    expect(replay.json.resultMsg).toBe('이미 처리 완료된 인증 요청입니다.');
    const after = await wire.confirm(tx, nextToken(done), MOK_SMS_USER.otp);
    expect(after.json.resultCode).toBe('4150');
    const resend = await wire.resend(nextToken(after));
    expect(resend.json.resultCode).toBe('4000');
  });
});

describe('mobile-ok auth/request belongs to its transaction', () => {
  it('one auth/request per transaction (4007)', async () => {
    const { wire } = await startMok();
    const { tx } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    const again = await wire.auth(tx, authInfo(MOK_SMS_USER, 'SMS'));
    expect(again.json.resultCode).toBe('4007');
  });

  it('siteUrl: unregistered 8006, another registered site than token/get’s 5101, missing 3001', async () => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    const info = authInfo(MOK_SMS_USER, 'SMS');
    const unregistered = await wire.auth(tx, info, { siteUrl: 'evil.example' });
    expect(unregistered.json.resultCode).toBe('8006');
    const changed = await wire.auth(tx, info, { siteUrl: OTHER_SITE_URL, token: nextToken(unregistered) });
    expect(changed.json.resultCode).toBe('5101');
    const missing = await wire.auth(tx, info, { siteUrl: '', token: nextToken(changed) });
    expect(missing.json.resultCode).toBe('3001');
    expect((await wire.auth(tx, info, { token: nextToken(missing) })).json.resultCode).toBe('2000');
  });

  it('a result for another transaction’s clientTxId cannot be obtained', async () => {
    const { wire, clock } = await startMok();
    const a = await wire.begin();
    const b = await wire.begin();
    // B's MOKAuthInfo sealed to A's transaction key does not open in B (5031).
    const crossed = await wire.post('/agent/v1/auth/request', {
      siteUrl: SITE_URL,
      encryptMOKToken: b.token,
      encryptMOKAuthInfo: sealForTransaction(JSON.stringify(authInfo(MOK_SMS_USER, 'SMS')), a.publicKey),
    });
    expect(crossed.json.resultCode).toBe('5031');
    const aAuth = await wire.auth(a, authInfo(MOK_PASS_ADULT, 'PASS'));
    const bAuth = await wire.auth({ ...b, token: nextToken(crossed) }, authInfo(MOK_SMS_USER, 'SMS'));
    clock.advance(2000);
    // Each token yields its own transaction's result only.
    const bDone = await wire.confirm(b, nextToken(bAuth), MOK_SMS_USER.otp);
    const aDone = await wire.confirm(a, nextToken(aAuth));
    const open = (res: { json: Record<string, unknown> }) =>
      openResult(String(res.json.encryptMOKResult), testKeys().clientPrivateKey).json;
    expect(open(aDone)).toMatchObject({ clientTxId: a.clientTxId, userName: MOK_PASS_ADULT.name });
    expect(open(bDone)).toMatchObject({ clientTxId: b.clientTxId, userName: MOK_SMS_USER.name });
    // A's token only ever reaches A's (finished) transaction, and B's gives nothing more either.
    expect((await wire.confirm(b, nextToken(aAuth), MOK_SMS_USER.otp)).json.resultCode).toBe('4150');
    expect((await wire.confirm(b, nextToken(bDone), MOK_SMS_USER.otp)).json.resultCode).toBe('4150');
  });
});

describe('mobile-ok logs', () => {
  it('never contain a token, a code, a key, the result or the person’s data', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const { wire } = await startMok({ logger: { level: 'trace', stream } });
    const { tx, auth } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    const done = await wire.confirm(tx, tx.token, MOK_SMS_USER.otp);
    expect(done.json.resultCode).toBe('2000');
    const log = lines.join('');
    expect(log).toContain('mobile-ok: result sent');
    for (const secret of [
      tx.token,
      String(auth.encryptMOKToken),
      tx.publicKey,
      String(done.json.encryptMOKResult),
      MOK_SMS_USER.otp,
      MOK_SMS_USER.phone,
      MOK_SMS_USER.name,
      MOK_SMS_USER.birthday,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
