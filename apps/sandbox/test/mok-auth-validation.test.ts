import { describe, expect, it } from 'vitest';
import {
  MOK_ARS_OK,
  MOK_CARRIER_MISMATCH,
  MOK_LMS_USER,
  MOK_PASS_ADULT,
  MOK_SMS_AUTH_USER,
  MOK_SMS_USER,
} from '../src/providers/mobile-ok/personas.js';
import { authInfo, nextToken, sealForTransaction, SITE_URL, startMok, type Product } from './mok-helpers.js';

const sms = (extra: Record<string, unknown>) => authInfo(MOK_SMS_USER, 'SMS', extra);
const without = (product: Product, field: string) => {
  const info: Record<string, unknown> = authInfo(MOK_SMS_USER, product);
  delete info[field];
  return info;
};

describe('mobile-ok auth/request: MOKAuthInfo fields (guide §5.1) and their codes (§8)', () => {
  it.each([
    ['serviceType missing', without('SMS', 'serviceType'), '3001'],
    ['serviceType unknown', sms({ serviceType: 'telcoAuth-MMS' }), '5008'],
    ['reqAuthType missing', without('SMS', 'reqAuthType'), '3001'],
    ['reqAuthType not of the product', authInfo(MOK_LMS_USER, 'LMS', { reqAuthType: 'SMS' }), '5007'],
    ['reqAuthType lower case', sms({ reqAuthType: 'sms' }), '5007'],
    ['providerId missing', without('SMS', 'providerId'), '5010'],
    ['providerId unknown', sms({ providerId: 'SKB' }), '5010'],
    ['SMSAuth providerId not "SMS"', authInfo(MOK_SMS_AUTH_USER, 'SMSAuth', { providerId: 'SKT' }), '5010'],
    ['usageCode missing', without('SMS', 'usageCode'), '3001'],
    ['usageCode 01006 (not in the guide)', sms({ usageCode: '01006' }), '3001'],
    ['retTransferType missing', without('SMS', 'retTransferType'), '3001'],
    ['retTransferType other than MOKResult', sms({ retTransferType: 'MOKToken' }), '3001'],
    ['userName missing', without('SMS', 'userName'), '3001'],
    ['userName with a control character', sms({ userName: '이서\u0000연' }), '5003'],
    ['userName of 51 characters', sms({ userName: '가'.repeat(51) }), '5003'],
    ['userPhone missing', without('SMS', 'userPhone'), '3001'],
    ['userPhone with dashes', sms({ userPhone: '010-4100-0002' }), '5012'],
    ['userPhone not a mobile number', sms({ userPhone: '0212345678' }), '5012'],
    ['userBirthday missing (SMS)', without('SMS', 'userBirthday'), '3001'],
    ['userBirthday not a date', sms({ userBirthday: '19950230' }), '5004'],
    ['userBirthday not a date (ARS)', authInfo(MOK_ARS_OK, 'ARS', { userBirthday: '1992-09-09' }), '5018'],
    ['userGender missing', without('SMS', 'userGender'), '3001'],
    ['userGender "M"', sms({ userGender: 'M' }), '5005'],
    ['userNation missing', without('LMS', 'userNation'), '3001'],
    ['userNation "K"', sms({ userNation: 'K' }), '3001'],
    ['userRegistSingleNumber 9', sms({ userRegistSingleNumber: '9' }), '6087'],
    ['userRegistSingleNumber of another century', sms({ userRegistSingleNumber: '4' }), '6087'],
    ['sendMsg over 80 bytes (SMS)', sms({ sendMsg: '인증번호'.repeat(7) }), '6026'],
    ['sendMsg over 2000 bytes (LMS)', authInfo(MOK_LMS_USER, 'LMS', { sendMsg: 'a'.repeat(2001) }), '6026'],
    ['sendMsg with a control character', sms({ sendMsg: '인증\u0007번호' }), '6026'],
    ['replyNumber with letters', sms({ replyNumber: '02-1111-2222' }), '3001'],
    [
      'arsCode missing',
      (() => {
        const i: Record<string, unknown> = authInfo(MOK_ARS_OK, 'ARS');
        delete i.arsCode;
        return i;
      })(),
      '5034',
    ],
    ['extension not an object', sms({ extension: 'text' }), '3001'],
  ])('%s → %s', async (_name, info, code) => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    const res = await wire.auth(tx, info);
    expect(res.json.resultCode).toBe(code);
    // A refused auth/request still hands out the next token, and the transaction stays open.
    const retry = await wire.auth(tx, authInfo(MOK_SMS_USER, 'SMS'), { token: nextToken(res) });
    expect(retry.json.resultCode).toBe('2000');
  });

  it.each([
    ['exactly 80 bytes of SMS text', sms({ sendMsg: `${'인증번호'.repeat(6)}12345678` })],
    ['exactly 2000 bytes of LMS text', authInfo(MOK_LMS_USER, 'LMS', { sendMsg: 'a'.repeat(2000) })],
    ['PASS without a birthday (§5.1.1 lists it without ●)', authInfo(MOK_PASS_ADULT, 'PASS')],
    ['empty strings for fields a product does not use', sms({ arsCode: '', replyNumber: '', extension: '' })],
    ['unknown extra fields', sms({ somethingElse: 'x' })],
    ['SMSAuth with only the fields §5.1.4 lists', authInfo(MOK_SMS_AUTH_USER, 'SMSAuth')],
  ])('accepts %s', async (_name, info) => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    expect((await wire.auth(tx, info)).json.resultCode).toBe('2000');
  });
});

describe('mobile-ok auth/request: the carrier’s 명의인증', () => {
  it.each([
    ['an unknown number', sms({ userPhone: '01099990000' }), '2910'],
    ['another name', sms({ userName: '이서현' }), '2910'],
    ['another birthday', sms({ userBirthday: '19950723' }), '2910'],
    ['another gender', sms({ userGender: '1' }), '2910'],
    ['the right person with another carrier', sms({ providerId: 'SKT' }), '4010'],
    ['the right person as the MVNO group of the carrier', sms({ providerId: 'KTMVNO' }), '4010'],
    [
      'an MVNO subscriber asked as LGU by SMS',
      authInfo(MOK_CARRIER_MISMATCH, 'SMS', { providerId: 'LGU' }),
      '4010',
    ],
    [
      'PASS for another person’s number',
      authInfo(MOK_PASS_ADULT, 'PASS', { userPhone: MOK_SMS_USER.phone }),
      '2910',
    ],
  ])('%s → %s', async (_name, info, code) => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    expect((await wire.auth(tx, info)).json.resultCode).toBe(code);
  });

  it('4010 carries the guide’s message for a wrong carrier', async () => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    const res = await wire.auth(tx, sms({ providerId: 'LGU' }));
    expect(res.json.resultMsg).toBe(
      '인증 요청 정보가 올바르지 않습니다(통신사정보) 확인 후 다시 시도해 주세요.',
    );
  });
});

describe('mobile-ok auth/request: the envelope', () => {
  it('a wrong SHA-256 in the envelope is 6028; a key‖IV that is not 48 bytes or a broken envelope 5031; text that is not JSON 3001', async () => {
    const { wire } = await startMok();
    const tx = await wire.begin();
    const plain = JSON.stringify(sms({}));
    const post = (token: string, encryptMOKAuthInfo: string) =>
      wire.post('/agent/v1/auth/request', { siteUrl: SITE_URL, encryptMOKToken: token, encryptMOKAuthInfo });
    const badHash = await post(tx.token, sealForTransaction(plain, tx.publicKey, { hashOf: `${plain} ` }));
    expect(badHash.json.resultCode).toBe('6028');
    const shortKey = await post(
      nextToken(badHash),
      sealForTransaction(plain, tx.publicKey, { keyIvBytes: 32 }),
    );
    expect(shortKey.json.resultCode).toBe('5031');
    const noSecond = await post(
      nextToken(shortKey),
      sealForTransaction(plain, tx.publicKey).split('|')[0] ?? '',
    );
    expect(noSecond.json.resultCode).toBe('5031');
    const notJson = await post(
      nextToken(noSecond),
      sealForTransaction('serviceType=telcoAuth', tx.publicKey),
    );
    expect(notJson.json.resultCode).toBe('3001');
    const missing = await wire.post('/agent/v1/auth/request', {
      siteUrl: SITE_URL,
      encryptMOKToken: nextToken(notJson),
    });
    expect(missing.json.resultCode).toBe('3001');
  });
});
