import { describe, expect, it } from 'vitest';
import {
  MOK_SERVICE_IDS,
  MOK_SERVICES,
  normalizeMokForm,
  usagesFor,
  validateAuthNumber,
  validateMokForm,
  type MokForm,
} from '../../../src/providers/mobile-ok/rules';

const TODAY = new Date('2026-03-02T00:00:00Z');
const GOOD: MokForm = {
  carrier: 'KT',
  name: '이서연',
  phone: '010-4100-0002',
  birthday: '19950722',
  gender: '2',
  nation: '0',
  usageCode: '01005',
};

describe('the mobile-ok form rules (shared by the page and the API)', () => {
  it('a complete form passes for every service', () => {
    for (const service of MOK_SERVICE_IDS) expect(validateMokForm(service, GOOD, TODAY), service).toEqual({});
  });

  it('takes a birth date of today in Korea at any hour (00:30 KST is 15:30 UTC the day before)', () => {
    const halfPastMidnightKst = new Date('2026-03-01T15:30:00Z');
    expect(validateMokForm('sms', { ...GOOD, birthday: '20260302' }, halfPastMidnightKst)).toEqual({});
    expect(validateMokForm('sms', { ...GOOD, birthday: '20260303' }, halfPastMidnightKst)).toHaveProperty(
      'birthday',
    );
  });

  it('each rule refuses with a Korean message naming what to fix', () => {
    const cases: [Partial<MokForm>, keyof MokForm][] = [
      [{ carrier: undefined }, 'carrier'],
      [{ carrier: 'LG' }, 'carrier'],
      [{ name: '' }, 'name'],
      [{ name: ' \t ' }, 'name'],
      [{ name: '홍\u0000길동' }, 'name'],
      [{ name: '가'.repeat(51) }, 'name'],
      [{ phone: '' }, 'phone'],
      [{ phone: '02-1234-5678' }, 'phone'],
      [{ phone: '0101234567890' }, 'phone'],
      [{ phone: '010-1234-567a' }, 'phone'],
      [{ birthday: '' }, 'birthday'],
      [{ birthday: '1995072' }, 'birthday'],
      [{ birthday: '19950230' }, 'birthday'],
      [{ birthday: '18991231' }, 'birthday'],
      [{ birthday: '20260303' }, 'birthday'],
      [{ gender: '' }, 'gender'],
      [{ gender: 'M' }, 'gender'],
      [{ nation: '' }, 'nation'],
      [{ nation: '2' }, 'nation'],
      [{ usageCode: '01006' }, 'usageCode'],
    ];
    for (const [change, field] of cases) {
      const errors = validateMokForm('sms', { ...GOOD, ...change }, TODAY);
      expect(Object.keys(errors), JSON.stringify(change)).toEqual([field]);
      expect(errors[field]).toMatch(/[가-힣]/);
    }
  });

  it('per service: PASS birthday optional, SMS 소유인증 needs neither carrier nor birthday, gender/nation only where sent', () => {
    expect(validateMokForm('pass', { ...GOOD, birthday: '', gender: '', nation: '' }, TODAY)).toEqual({});
    expect(validateMokForm('pass', { ...GOOD, birthday: '123' }, TODAY)).toHaveProperty('birthday');
    expect(validateMokForm('sms-own', { name: '황도하', phone: '01041000010' }, TODAY)).toEqual({});
    expect(validateMokForm('lms', { ...GOOD, birthday: '' }, TODAY)).toHaveProperty('birthday');
    expect(validateMokForm('ars', { ...GOOD, gender: '' }, TODAY)).toHaveProperty('gender');
  });

  it('adult checks (01016, 01026) are offered for SMS only (본인확인-API 가이드 §5.1.1)', () => {
    expect(usagesFor('sms').map((u) => u.code)).toContain('01016');
    for (const service of MOK_SERVICE_IDS.filter((s) => s !== 'sms')) {
      expect(usagesFor(service).some((u) => u.adult)).toBe(false);
      expect(validateMokForm(service, { ...GOOD, usageCode: '01026' }, TODAY)).toHaveProperty('usageCode');
    }
  });

  it('normalises what is sent: digits only, the fields of the service, a default usage code', () => {
    expect(normalizeMokForm('sms', { ...GOOD, name: ' 이서연 ', usageCode: undefined })).toEqual({
      carrier: 'KT',
      name: '이서연',
      phone: '01041000002',
      birthday: '19950722',
      gender: '2',
      nation: '0',
      usageCode: '01005',
    });
    expect(normalizeMokForm('sms-own', GOOD)).toEqual({
      name: '이서연',
      phone: '01041000002',
      usageCode: '01005',
    });
    expect(normalizeMokForm('pass', { ...GOOD, birthday: '' })).toEqual({
      carrier: 'KT',
      name: '이서연',
      phone: '01041000002',
      usageCode: '01005',
    });
  });

  it('the code typed in: six digits (SMS, LMS), 4–10 digits (SMS 소유인증), none (PASS, ARS)', () => {
    expect(validateAuthNumber('sms', '123456')).toBeUndefined();
    expect(validateAuthNumber('lms', ' 123456 ')).toBeUndefined();
    for (const bad of ['', '12345', '1234567', '12345a'])
      expect(validateAuthNumber('sms', bad)).toMatch(/[가-힣]/);
    expect(validateAuthNumber('sms-own', '1234')).toBeUndefined();
    expect(validateAuthNumber('sms-own', '12345678901')).toMatch(/[가-힣]/);
    expect(validateAuthNumber('pass', '')).toBeUndefined();
    expect(validateAuthNumber('ars', '1')).toMatch(/[가-힣]/);
  });

  it('every service names the guide product it runs', () => {
    expect(Object.fromEntries(MOK_SERVICE_IDS.map((id) => [id, MOK_SERVICES[id].serviceType]))).toEqual({
      pass: 'telcoAuth',
      sms: 'telcoAuth',
      lms: 'telcoAuth-LMS',
      ars: 'telcoAuth-ARSAuth',
      'sms-own': 'SMSAuth',
    });
  });
});
