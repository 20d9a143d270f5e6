import { describe, expect, it } from 'vitest';
import {
  MOK_FOREIGNER,
  MOK_LMS_USER,
  MOK_MINOR,
  MOK_PASS_ADULT,
  MOK_SMS_AUTH_USER,
  MOK_SMS_USER,
} from '../src/providers/mobile-ok/personas.js';
import { isAdultUnder } from '../src/providers/mobile-ok/result.js';
import { authInfo, openResult, startMok, testKeys, type MokWire } from './mok-helpers.js';

async function confirmWith(wire: MokWire, info: Record<string, unknown>, code: string) {
  const { tx, auth } = await wire.authenticated(info);
  const res = await wire.confirm(tx, tx.token, code);
  expect(res.json.resultCode).toBe('2000');
  return {
    tx,
    auth,
    result: openResult(String(res.json.encryptMOKResult), testKeys().clientPrivateKey).json,
  };
}

describe('mobile-ok codes sent by text message', () => {
  it('SMS (telcoAuth): auth/request offers 3 re-sends; the persona’s code confirms; the result identifies the person', async () => {
    const { wire } = await startMok();
    const { tx, auth, result } = await confirmWith(wire, authInfo(MOK_SMS_USER, 'SMS'), MOK_SMS_USER.otp);
    expect(auth.resendCount).toBe(3);
    expect(auth).not.toHaveProperty('otpCode');
    expect(result).toMatchObject({
      clientTxId: tx.clientTxId,
      serviceType: 'telcoAuth',
      providerId: 'KT',
      userName: '이서연',
      userBirthday: '19950722',
      userGender: '2',
      userNation: '0',
      reqAuthType: 'SMS',
    });
  });

  it('LMS (telcoAuth-LMS) with a long message', async () => {
    const { wire } = await startMok();
    const sendMsg = `본인확인 인증번호[000000]를 입력해주세요. ${'안내 '.repeat(200)}`;
    const { result } = await confirmWith(wire, authInfo(MOK_LMS_USER, 'LMS', { sendMsg }), MOK_LMS_USER.otp);
    expect(result).toMatchObject({ serviceType: 'telcoAuth-LMS', providerId: 'KTMVNO', userName: '문세아' });
  });

  it('SMSAuth (소유인증): otpCode is handed to the site; the result proves the number only', async () => {
    const { wire } = await startMok();
    const { auth, result } = await confirmWith(
      wire,
      authInfo(MOK_SMS_AUTH_USER, 'SMSAuth'),
      MOK_SMS_AUTH_USER.otp,
    );
    expect(auth.otpCode).toBe(MOK_SMS_AUTH_USER.otp);
    expect(auth.resendCount).toBe(3);
    expect(result).toMatchObject({ serviceType: 'SMSAuth', providerId: 'SMS', userPhone: '01041000010' });
    for (const field of ['ci', 'di', 'userName', 'userBirthday', 'userGender', 'userNation']) {
      expect(result).not.toHaveProperty(field);
    }
  });

  it('SMSAuth does not check the name (ownership only) but needs a number someone owns (4012)', async () => {
    const { wire } = await startMok();
    const { result } = await confirmWith(
      wire,
      authInfo(MOK_SMS_AUTH_USER, 'SMSAuth', { userName: '아무개' }),
      MOK_SMS_AUTH_USER.otp,
    );
    expect(result.userPhone).toBe(MOK_SMS_AUTH_USER.phone);
    const tx = await wire.begin();
    const nobody = await wire.auth(tx, authInfo(MOK_SMS_AUTH_USER, 'SMSAuth', { userPhone: '01099998888' }));
    expect(nobody.json.resultCode).toBe('4012');
  });

  it('a foreigner: userNation "1" and an English name; asking as a Korean national fails 명의인증 (2910)', async () => {
    const { wire } = await startMok();
    const { result } = await confirmWith(wire, authInfo(MOK_FOREIGNER, 'SMS'), MOK_FOREIGNER.otp);
    expect(result).toMatchObject({ userName: 'SMITH JOHN', userNation: '1' });
    const tx = await wire.begin();
    const asKorean = await wire.auth(tx, authInfo(MOK_FOREIGNER, 'SMS', { userNation: '0' }));
    expect(asKorean.json.resultCode).toBe('2910');
    expect(asKorean.json.resultMsg).toBe('입력하신 정보가 올바르지 않습니다. 확인 후 다시 시도해주세요');
  });

  it('userRegistSingleNumber stands in for gender and nation (5 = foreign man born in the 1900s)', async () => {
    const { wire } = await startMok();
    const info = authInfo(MOK_FOREIGNER, 'SMS', {
      userGender: '',
      userNation: '',
      userRegistSingleNumber: '5',
    });
    const { result } = await confirmWith(wire, info, MOK_FOREIGNER.otp);
    expect(result.userNation).toBe('1');
    const tx = await wire.begin();
    const korean = await wire.auth(tx, { ...info, userRegistSingleNumber: '1' });
    expect(korean.json.resultCode).toBe('2910');
  });
});

describe('mobile-ok adult checks (usageCode 01016 / 01026, telcoAuth SMS)', () => {
  it('an adult gets isAdult "Y", a minor "N", under both laws', async () => {
    const { wire } = await startMok();
    for (const usageCode of ['01016', '01026']) {
      const adult = await confirmWith(
        wire,
        authInfo(MOK_PASS_ADULT, 'SMS', { usageCode }),
        MOK_PASS_ADULT.otp,
      );
      expect(adult.result.isAdult).toBe('Y');
      const minor = await confirmWith(wire, authInfo(MOK_MINOR, 'SMS', { usageCode }), MOK_MINOR.otp);
      expect(minor.result.isAdult).toBe('N');
      expect(minor.result.userBirthday).toBe('20100505');
    }
  });

  it('the adult-check codes are refused outside telcoAuth SMS (3001)', async () => {
    const { wire } = await startMok();
    for (const info of [
      authInfo(MOK_PASS_ADULT, 'PASS', { usageCode: '01016' }),
      authInfo(MOK_LMS_USER, 'LMS', { usageCode: '01026' }),
    ]) {
      const tx = await wire.begin();
      expect((await wire.auth(tx, info)).json.resultCode).toBe('3001');
    }
  });

  it('civil law counts completed years; the youth protection law counts the calendar year (KST)', () => {
    const at = Date.parse('2026-03-02T09:00:00Z');
    // Turns 19 in June 2026: not yet an adult under the civil law, already one under the youth law.
    expect(isAdultUnder('01016', '20070601', at)).toBe(false);
    expect(isAdultUnder('01026', '20070601', at)).toBe(true);
    // Turned 19 today (in Korea it is already 2 March when UTC says 1 March 15:00+).
    expect(isAdultUnder('01016', '20070302', Date.parse('2026-03-01T15:00:00Z'))).toBe(true);
    expect(isAdultUnder('01016', '20070302', Date.parse('2026-03-01T14:59:59Z'))).toBe(false);
    // Born in 2008: 18 in 2026 under both.
    expect(isAdultUnder('01016', '20080101', at)).toBe(false);
    expect(isAdultUnder('01026', '20080101', at)).toBe(false);
  });
});
