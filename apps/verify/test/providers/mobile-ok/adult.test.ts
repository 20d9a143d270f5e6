/**
 * The server's adult check (src/providers/mobile-ok/adult.ts): the law of the usageCode asked for
 * (본인확인-API 가이드 §5.1 01016 민법 기준, 01026 청소년보호법 기준) on the Korean calendar date.
 */
import { describe, expect, it } from 'vitest';
import { isAdultByBirthday, passesAdultCheck } from '../../../src/providers/mobile-ok/adult';
import type { VerificationRecord } from '../../../src/core/handoff';

/** 2026-03-10 00:30 in Korea (2026-03-09 15:30 UTC). */
const NOW = new Date('2026-03-09T15:30:00Z');

const record = (fields: { birthday?: string; isAdult?: boolean }): VerificationRecord => ({
  provider: 'mobile-ok',
  serviceType: 'telcoAuth',
  ci: 'C'.repeat(88),
  di: 'D'.repeat(64),
  name: '조은솔',
  phone: '01041000007',
  verifiedAt: NOW.toISOString(),
  ...fields,
});

describe('adult check', () => {
  it('01016 (민법, 만 19세): adult from the 19th birthday, on the date in Korea', () => {
    expect(isAdultByBirthday('20070310', '01016', NOW)).toBe(true);
    expect(isAdultByBirthday('20070311', '01016', NOW)).toBe(false);
    // Still 9 March in UTC, already 10 March in Korea.
    expect(isAdultByBirthday('20070310', '01016', new Date('2026-03-09T14:59:00Z'))).toBe(false);
  });

  it('01026 (청소년 보호법): adult from 1 January of the year of the 19th birthday', () => {
    expect(isAdultByBirthday('20071231', '01026', NOW)).toBe(true);
    expect(isAdultByBirthday('20080101', '01026', NOW)).toBe(false);
  });

  it('isAdult N, a minor birthday, or nothing to tell by: not an adult', () => {
    expect(passesAdultCheck(record({ birthday: '19900315', isAdult: true }), '01016', NOW)).toBe(true);
    expect(passesAdultCheck(record({ birthday: '19900315', isAdult: false }), '01016', NOW)).toBe(false);
    expect(passesAdultCheck(record({ birthday: '20100505', isAdult: true }), '01016', NOW)).toBe(false);
    expect(passesAdultCheck(record({ isAdult: true }), '01026', NOW)).toBe(true);
    expect(passesAdultCheck(record({}), '01026', NOW)).toBe(false);
  });
});
