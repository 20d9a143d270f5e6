import { describe, expect, it } from 'vitest';
import { normalizeMokForm, validateMokForm } from '../src/providers/mobile-ok/rules';
import {
  ARS_NO_ANSWER_CODES,
  fixInPlace,
  genderDigitError,
  isAdultCheck,
  MOK_CODE_TTL_MS,
  parseGenderDigit,
  tileOf,
  usageFor,
  withGenderDigit,
} from '../src/providers/mobile-ok/ui/standard-window';

/** The standard window's rules (apps/verify/src/providers/mobile-ok/ui/standard-window.ts). */
describe('mobile-ok standard window', () => {
  it('주민등록번호 뒷자리 첫 숫자 → userGender, userNation and the century', () => {
    expect(parseGenderDigit('1')).toEqual({ gender: '1', nation: '0', century: 1900 });
    expect(parseGenderDigit('2')).toEqual({ gender: '2', nation: '0', century: 1900 });
    expect(parseGenderDigit('4')).toEqual({ gender: '2', nation: '0', century: 2000 });
    expect(parseGenderDigit('5')).toEqual({ gender: '1', nation: '1', century: 1900 });
    expect(parseGenderDigit('8')).toEqual({ gender: '2', nation: '1', century: 2000 });
    expect(parseGenderDigit('')).toBeNull();
    expect(parseGenderDigit('12')).toBeNull();
    expect(parseGenderDigit('x')).toBeNull();
  });

  it('the digit must fit the birthday beside it', () => {
    expect(genderDigitError('2', '19950722')).toBeUndefined();
    expect(genderDigitError('4', '20100505')).toBeUndefined();
    expect(genderDigitError('4', '19950722')).toMatch(/생년월일과 맞지 않아요/);
    expect(genderDigitError('', '19950722')).toMatch(/입력해 주세요/);
  });

  it('the form sent is what the server has always accepted: gender and nation from the digit', () => {
    const form = withGenderDigit(
      { carrier: 'KT', name: '이서연', phone: '01041000002', birthday: '19950722', usageCode: '01005' },
      '2',
    );
    expect(validateMokForm('sms', form, new Date('2026-12-05T00:00:00Z'))).toEqual({});
    expect(normalizeMokForm('sms', form)).toMatchObject({ gender: '2', nation: '0' });
    expect(normalizeMokForm('sms', withGenderDigit(form, '6'))).toMatchObject({ gender: '2', nation: '1' });
  });

  it('알뜰폰 is one tile; its networks are the guide providerIds', () => {
    expect(tileOf('LGUMVNO')).toBe('MVNO');
    expect(tileOf('KTMVNO')).toBe('MVNO');
    expect(tileOf('LGU')).toBe('LGU');
    expect(tileOf('')).toBe('');
  });

  it('the purpose is the service’s: an adult check only by SMS, a signup as 회원가입', () => {
    expect(usageFor('adult', 'sms')).toBe('01016');
    expect(isAdultCheck(usageFor('adult', 'sms'))).toBe(true);
    expect(usageFor('adult', 'pass')).toBe('01005');
    expect(usageFor('signup', 'pass')).toBe('01001');
    expect(usageFor('verify', 'sms')).toBe('01005');
    expect(isAdultCheck('01005')).toBe(false);
  });

  it('a request the person can fix marks the field, in words without the catalogue’s "(통신사정보)"', () => {
    const carrier = fixInPlace('4010');
    expect(Object.keys(carrier ?? {})).toEqual(['carrier']);
    expect(carrier?.carrier).not.toMatch(/\(|습니다/);
    expect(Object.keys(fixInPlace('6754') ?? {})).toEqual(['carrier']);
    expect(fixInPlace('6754')?.carrier).toContain('알뜰폰');
    const identity = fixInPlace('2910');
    expect(Object.keys(identity ?? {})).toEqual(['name', 'birthday', 'genderDigit', 'phone']);
    expect(fixInPlace('5003')).toEqual({ name: expect.stringContaining('이름') });
    // Not the person's to fix: the transaction's failures stay what they are.
    expect(fixInPlace('4008')).toBeNull();
    expect(fixInPlace(undefined)).toBeNull();
  });

  it('a code lives 3 minutes; no answer is told apart from a cancel', () => {
    expect(MOK_CODE_TTL_MS).toBe(180_000);
    expect(ARS_NO_ANSWER_CODES.has('4612')).toBe(true);
    expect(ARS_NO_ANSWER_CODES.has('4620')).toBe(false);
  });
});
