import { describe, expect, it } from 'vitest';
import {
  generateMokClientTxId,
  isValidMokClientTxId,
  assertValidMokClientTxId,
} from '../src/mobile-ok/client-tx-id.js';
import { MokValidationError } from '../src/mobile-ok/errors.js';
import {
  decodeRegistSingleNumber,
  mokAuthInfoPayload,
  validateMokAuthInfo,
  validateMokVerifyInfo,
} from '../src/mobile-ok/validation.js';

const person = { userName: '홍길동', userPhone: '01012345678' };
const identity = { ...person, userBirthday: '20000101', userGender: '1', userNation: '0' };

/** One valid MOKAuthInfo per product, shaped like the guide's §5.1 JSON examples. */
const VALID = {
  pass: { serviceType: 'telcoAuth', providerId: 'SKT', reqAuthType: 'PASS', usageCode: '01001', ...person },
  sms: {
    serviceType: 'telcoAuth',
    providerId: 'SKT',
    reqAuthType: 'SMS',
    usageCode: '01001',
    ...identity,
    sendMsg: '본인확인 인증번호[000000]를 화면에 입력해주세요.',
    replyNumber: '0211112222',
  },
  adult: { serviceType: 'telcoAuth', providerId: 'KT', reqAuthType: 'SMS', usageCode: '01016', ...identity },
  lms: {
    serviceType: 'telcoAuth-LMS',
    providerId: 'LGU',
    reqAuthType: 'LMS',
    usageCode: '01001',
    ...identity,
    userBirthday: '20001010',
    sendMsg: '본인확인 인증번호[000000]를 화면에 입력해주세요.',
    replyNumber: '0211112222',
  },
  ars: {
    serviceType: 'telcoAuth-ARSAuth',
    providerId: 'KT',
    reqAuthType: 'ARS',
    usageCode: '01001',
    arsCode: 'ARS-MOK-XXXX',
    ...identity,
    replyNumber: '0211112222',
    extension: { arsRequestMsg: '{"companyName":"이용기관명"}' },
  },
  smsAuth: { serviceType: 'SMSAuth', providerId: 'SMS', reqAuthType: 'SMS', usageCode: '01005', ...person },
} as const;

/** Expects a MokValidationError with an issue at `path`. */
function rejects(input: unknown, path: string): MokValidationError {
  try {
    validateMokAuthInfo(input);
  } catch (error) {
    expect(error).toBeInstanceOf(MokValidationError);
    const e = error as MokValidationError;
    expect(e.code).toBe('MOK_INVALID_AUTH_INFO');
    expect(e.issues.map((i) => i.path)).toContain(path);
    return e;
  }
  throw new Error(`expected a validation error at ${path}`);
}

describe('validateMokAuthInfo: accepts every product of the guide', () => {
  for (const [name, input] of Object.entries(VALID)) {
    it(name, () => {
      expect(() => validateMokAuthInfo(input)).not.toThrow();
    });
  }
  it('every provider for telco products', () => {
    for (const providerId of ['SKT', 'KT', 'LGU', 'SKTMVNO', 'KTMVNO', 'LGUMVNO']) {
      expect(validateMokAuthInfo({ ...VALID.sms, providerId }).providerId).toBe(providerId);
    }
  });
  it('every usage code, and the adult codes with telcoAuth SMS', () => {
    for (const usageCode of ['01001', '01002', '01003', '01004', '01005', '01007', '01999']) {
      for (const input of [VALID.pass, VALID.sms, VALID.lms, VALID.ars, VALID.smsAuth]) {
        expect(validateMokAuthInfo({ ...input, usageCode }).usageCode).toBe(usageCode);
      }
    }
    expect(validateMokAuthInfo({ ...VALID.sms, usageCode: '01026' }).usageCode).toBe('01026');
  });
  it('10-digit numbers, PASS with a birthday, and an 80-byte SMS', () => {
    expect(validateMokAuthInfo({ ...VALID.sms, userPhone: '0111234567' }).userPhone).toBe('0111234567');
    expect(validateMokAuthInfo({ ...VALID.sms, userPhone: '0101234567' }).userPhone).toBe('0101234567');
    expect(validateMokAuthInfo({ ...VALID.pass, userBirthday: '19991231' })).toMatchObject({
      userBirthday: '19991231',
    });
    expect(() => validateMokAuthInfo({ ...VALID.sms, sendMsg: 'a'.repeat(80) })).not.toThrow();
    expect(() => validateMokAuthInfo({ ...VALID.lms, sendMsg: '가'.repeat(666) })).not.toThrow(); // 1998 bytes
  });
});

describe('validateMokAuthInfo: each rule has a negative case', () => {
  it('input must be an object', () => {
    rejects(null, '');
    rejects('telcoAuth', '');
  });
  it('serviceType must be a product of the guide', () => {
    rejects({ ...VALID.pass, serviceType: 'telcoAuth-XYZ' }, 'serviceType');
    rejects({ ...VALID.pass, serviceType: undefined }, 'serviceType');
  });
  it('reqAuthType must belong to the serviceType', () => {
    rejects({ ...VALID.pass, reqAuthType: 'LMS' }, 'reqAuthType');
    rejects({ ...VALID.lms, reqAuthType: 'SMS' }, 'reqAuthType');
    rejects({ ...VALID.ars, reqAuthType: 'SMS' }, 'reqAuthType');
    rejects({ ...VALID.smsAuth, reqAuthType: 'PASS' }, 'reqAuthType');
  });
  it('providerId: a carrier for telco products, "SMS" for SMSAuth', () => {
    rejects({ ...VALID.sms, providerId: 'SK' }, 'providerId');
    rejects({ ...VALID.pass, providerId: 'SMS' }, 'providerId');
    rejects({ ...VALID.smsAuth, providerId: 'SKT' }, 'providerId');
  });
  it('usageCode: 01006 is not in the guide; adult codes only for telcoAuth SMS', () => {
    rejects({ ...VALID.sms, usageCode: '01006' }, 'usageCode');
    rejects({ ...VALID.sms, usageCode: '1001' }, 'usageCode');
    for (const input of [VALID.pass, VALID.lms, VALID.ars, VALID.smsAuth]) {
      rejects({ ...input, usageCode: '01016' }, 'usageCode');
      rejects({ ...input, usageCode: '01026' }, 'usageCode');
    }
  });
  it('userName: present, not blank, no control characters, bounded', () => {
    rejects({ ...VALID.sms, userName: undefined }, 'userName');
    rejects({ ...VALID.sms, userName: '   ' }, 'userName');
    rejects({ ...VALID.sms, userName: '홍길\n동' }, 'userName');
    rejects({ ...VALID.sms, userName: '가'.repeat(51) }, 'userName');
  });
  it('userPhone: 10–11 digits starting 010/011/016–019', () => {
    for (const userPhone of [
      '010123456',
      '010123456789',
      '02123456789',
      '010-1234-5678',
      '01512345678',
      '+821012345678',
      1012345678,
    ]) {
      rejects({ ...VALID.sms, userPhone }, 'userPhone');
    }
  });
  it('userBirthday: 8 digits and a real date, required for SMS/LMS/ARS', () => {
    for (const userBirthday of [
      '2000011',
      '2000-01-01',
      '20000230',
      '20001301',
      '20000100',
      '18991231',
      20000101,
    ]) {
      rejects({ ...VALID.sms, userBirthday }, 'userBirthday');
    }
    rejects({ ...VALID.pass, userBirthday: '20000230' }, 'userBirthday');
    rejects({ ...VALID.sms, userBirthday: undefined }, 'userBirthday');
    rejects({ ...VALID.lms, userBirthday: undefined }, 'userBirthday');
    rejects({ ...VALID.ars, userBirthday: undefined }, 'userBirthday');
    expect(() => validateMokAuthInfo({ ...VALID.sms, userBirthday: '20000229' })).not.toThrow();
    rejects({ ...VALID.sms, userBirthday: '19000229' }, 'userBirthday'); // 1900 was not a leap year
  });
  it('userGender 1/2 and userNation 0/1, required without userRegistSingleNumber', () => {
    rejects({ ...VALID.sms, userGender: '3' }, 'userGender');
    rejects({ ...VALID.sms, userGender: 'M' }, 'userGender');
    rejects({ ...VALID.sms, userNation: '2' }, 'userNation');
    rejects({ ...VALID.sms, userGender: undefined }, 'userGender');
    rejects({ ...VALID.sms, userNation: undefined }, 'userNation');
    rejects({ ...VALID.lms, userGender: undefined }, 'userGender');
    rejects({ ...VALID.ars, userNation: undefined }, 'userNation');
  });
  it('sendMsg: at most 80 bytes for SMS, 2000 for LMS, counted in UTF-8', () => {
    rejects({ ...VALID.sms, sendMsg: 'a'.repeat(81) }, 'sendMsg');
    // 27 Hangul syllables are 54 bytes in EUC-KR but 81 in UTF-8: refused.
    rejects({ ...VALID.sms, sendMsg: '가'.repeat(27) }, 'sendMsg');
    expect(() => validateMokAuthInfo({ ...VALID.sms, sendMsg: '가'.repeat(26) })).not.toThrow();
    rejects({ ...VALID.smsAuth, sendMsg: 'a'.repeat(81) }, 'sendMsg');
    rejects({ ...VALID.lms, sendMsg: 'a'.repeat(2001) }, 'sendMsg');
    rejects({ ...VALID.lms, sendMsg: '가'.repeat(667) }, 'sendMsg'); // 2001 bytes
    rejects({ ...VALID.sms, sendMsg: '' }, 'sendMsg');
    rejects({ ...VALID.sms, sendMsg: 'tab\there' }, 'sendMsg');
  });
  it('fields the guide does not list for a product are refused', () => {
    rejects({ ...VALID.pass, sendMsg: 'hi' }, '');
    rejects({ ...VALID.pass, userGender: '1' }, '');
    rejects({ ...VALID.ars, sendMsg: 'hi' }, '');
    rejects({ ...VALID.sms, arsCode: 'ARS-1' }, '');
    rejects({ ...VALID.smsAuth, userBirthday: '20000101' }, '');
    rejects({ ...VALID.lms, userRegistSingleNumber: '1' }, '');
    rejects({ ...VALID.sms, retTransferType: 'MOKToken' }, '');
  });
  it('replyNumber: digits only', () => {
    rejects({ ...VALID.sms, replyNumber: '02-1111-2222' }, 'replyNumber');
    rejects({ ...VALID.sms, replyNumber: '1234567' }, 'replyNumber');
  });
  it('ARS: arsCode required and well-formed; extension holds only arsRequestMsg', () => {
    rejects({ ...VALID.ars, arsCode: undefined }, 'arsCode');
    rejects({ ...VALID.ars, arsCode: '' }, 'arsCode');
    rejects({ ...VALID.ars, arsCode: 'ARS CODE' }, 'arsCode');
    rejects({ ...VALID.ars, extension: { other: 'x' } }, 'extension');
    rejects({ ...VALID.ars, extension: { arsRequestMsg: '' } }, 'extension.arsRequestMsg');
    rejects({ ...VALID.ars, extension: { arsRequestMsg: { companyName: 'x' } } }, 'extension.arsRequestMsg');
  });
  it('extension of the other products is an object of strings', () => {
    rejects({ ...VALID.sms, extension: 'x' }, 'extension');
    rejects({ ...VALID.sms, extension: { a: 1 } }, 'extension.a');
  });
  it('errors name fields, never the values', () => {
    const e = rejects({ ...VALID.sms, userPhone: '0291234567', userName: '' }, 'userPhone');
    expect(e.message).not.toContain('0291234567');
    expect(JSON.stringify(e.cause)).not.toContain('0291234567');
  });
});

describe('userRegistSingleNumber (guide §5.1.1: userGender and userNation are then ignored)', () => {
  it('decodes gender, nation and century', () => {
    expect(decodeRegistSingleNumber('1')).toEqual({ gender: '1', nation: '0', century: 1900 });
    expect(decodeRegistSingleNumber('4')).toEqual({ gender: '2', nation: '0', century: 2000 });
    expect(decodeRegistSingleNumber('5')).toEqual({ gender: '1', nation: '1', century: 1900 });
    expect(decodeRegistSingleNumber('8')).toEqual({ gender: '2', nation: '1', century: 2000 });
    expect(() => decodeRegistSingleNumber('9')).toThrow(RangeError);
  });
  it('overrides userGender and userNation with what the digit says', () => {
    const info = validateMokAuthInfo({
      ...VALID.sms,
      userRegistSingleNumber: '8',
      userGender: '1',
      userNation: '0',
    });
    expect(info).toMatchObject({ userRegistSingleNumber: '8', userGender: '2', userNation: '1' });
  });
  it('makes userGender and userNation optional', () => {
    const { userGender: _g, userNation: _n, ...rest } = VALID.sms;
    const info = validateMokAuthInfo({ ...rest, userBirthday: '19800101', userRegistSingleNumber: '2' });
    expect(info).toMatchObject({ userGender: '2', userNation: '0' });
    const payload = mokAuthInfoPayload(info);
    expect(payload).toMatchObject({ userRegistSingleNumber: '2', userGender: '2', userNation: '0' });
  });
  it('must be one digit 1–8', () => {
    for (const userRegistSingleNumber of ['0', '9', '12', 'a', '']) {
      rejects({ ...VALID.sms, userRegistSingleNumber }, 'userRegistSingleNumber');
    }
  });
  it('must agree with the century of the birthday', () => {
    rejects(
      { ...VALID.sms, userBirthday: '20000101', userRegistSingleNumber: '1' },
      'userRegistSingleNumber',
    );
    rejects(
      { ...VALID.sms, userBirthday: '19991231', userRegistSingleNumber: '7' },
      'userRegistSingleNumber',
    );
  });
});

describe('mokAuthInfoPayload', () => {
  it('orders fields as the guide does and adds retTransferType MOKResult', () => {
    const payload = mokAuthInfoPayload(validateMokAuthInfo(VALID.sms));
    expect(Object.keys(payload)).toEqual([
      'serviceType',
      'providerId',
      'reqAuthType',
      'usageCode',
      'userName',
      'userPhone',
      'userBirthday',
      'userGender',
      'userNation',
      'sendMsg',
      'replyNumber',
      'retTransferType',
    ]);
    expect(payload.retTransferType).toBe('MOKResult');
  });
  it('ARS carries arsCode and the extension', () => {
    const payload = mokAuthInfoPayload(validateMokAuthInfo(VALID.ars));
    expect(payload).toMatchObject({
      arsCode: 'ARS-MOK-XXXX',
      extension: { arsRequestMsg: '{"companyName":"이용기관명"}' },
    });
  });
  it('PASS and SMSAuth carry no birthday, gender or nation', () => {
    for (const input of [VALID.pass, VALID.smsAuth]) {
      const payload = mokAuthInfoPayload(validateMokAuthInfo(input));
      expect(payload).not.toHaveProperty('userBirthday');
      expect(payload).not.toHaveProperty('userGender');
      expect(payload).not.toHaveProperty('userNation');
    }
  });
});

describe('validateMokVerifyInfo (guide §7 MOKVerifyInfo)', () => {
  it('SMS and LMS need the 6-digit code', () => {
    expect(
      validateMokVerifyInfo({ serviceType: 'telcoAuth', reqAuthType: 'SMS', authNumber: '123456' }),
    ).toEqual({
      authNumber: '123456',
    });
    expect(
      validateMokVerifyInfo({ serviceType: 'telcoAuth-LMS', reqAuthType: 'LMS', authNumber: '000001' }),
    ).toEqual({
      authNumber: '000001',
    });
    for (const authNumber of [undefined, '', '12345', '1234567', '12345a']) {
      expect(() =>
        validateMokVerifyInfo({ serviceType: 'telcoAuth', reqAuthType: 'SMS', authNumber }),
      ).toThrow(expect.objectContaining({ code: 'MOK_INVALID_VERIFY_INFO' }));
    }
  });
  it('SMSAuth needs a numeric code', () => {
    expect(validateMokVerifyInfo({ serviceType: 'SMSAuth', reqAuthType: 'SMS', authNumber: '4821' })).toEqual(
      {
        authNumber: '4821',
      },
    );
    expect(() =>
      validateMokVerifyInfo({ serviceType: 'SMSAuth', reqAuthType: 'SMS', authNumber: 'abcd' }),
    ).toThrow(MokValidationError);
  });
  it('PASS and ARS send no MOKVerifyInfo, and refuse a code', () => {
    expect(validateMokVerifyInfo({ serviceType: 'telcoAuth', reqAuthType: 'PASS' })).toBeUndefined();
    expect(
      validateMokVerifyInfo({ serviceType: 'telcoAuth-ARSAuth', reqAuthType: 'ARS', authNumber: '' }),
    ).toBeUndefined();
    expect(() =>
      validateMokVerifyInfo({ serviceType: 'telcoAuth', reqAuthType: 'PASS', authNumber: '123456' }),
    ).toThrow(MokValidationError);
  });
  it('unknown products are refused', () => {
    expect(() =>
      validateMokVerifyInfo({ serviceType: 'telcoAuth', reqAuthType: 'LMS', authNumber: '123456' }),
    ).toThrow(MokValidationError);
  });
});

describe('clientTxId', () => {
  it('is the prefix plus 32 random hex characters, 20–40 in all', () => {
    const id = generateMokClientTxId('MOK');
    expect(id).toMatch(/^MOK[0-9a-f]{32}$/);
    expect(isValidMokClientTxId(id)).toBe(true);
    expect(generateMokClientTxId('TESTCOKR')).toHaveLength(40);
    expect(generateMokClientTxId('A')).toHaveLength(33);
    expect(generateMokClientTxId('MOK')).not.toBe(id);
  });
  it('refuses a prefix that is empty, too long or not alphanumeric', () => {
    for (const prefix of ['', 'TESTCOKR1', 'MO-K', '한글']) {
      expect(() => generateMokClientTxId(prefix)).toThrow(
        expect.objectContaining({ code: 'MOK_INVALID_CLIENT_TX_ID' }),
      );
    }
  });
  it('validates 20–40 letters or digits', () => {
    expect(isValidMokClientTxId('DS20220629133555456594')).toBe(true);
    expect(isValidMokClientTxId('a'.repeat(19))).toBe(false);
    expect(isValidMokClientTxId('a'.repeat(41))).toBe(false);
    expect(isValidMokClientTxId('MOK|20221212010101abcde')).toBe(false);
    expect(() => assertValidMokClientTxId('short')).toThrow(MokValidationError);
  });
});
