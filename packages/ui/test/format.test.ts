import { describe, expect, it } from 'vitest';
import { formatKstDate, formatKstDateTime, kstYmd } from '../src/format.js';

describe('Korean dates and times', () => {
  it('shows 00:30 KST as 00:30 on the Korean date (not "24시" of the day before)', () => {
    // 2026-12-04 00:30 KST = 2026-12-03 15:30 UTC: the hour the old formatter broke hydration.
    expect(formatKstDateTime('2026-12-03T15:30:00.000Z')).toBe('2026.12.04 00:30');
    expect(formatKstDate('2026-12-03T15:30:00.000Z')).toBe('2026.12.04');
  });

  it('covers every hour of the day as 00–23 and rolls months and years over in Korea', () => {
    for (let h = 0; h < 24; h++) {
      const utc = Date.UTC(2026, 11, 31, h, 5);
      const kstHour = (h + 9) % 24;
      expect(formatKstDateTime(utc)).toBe(
        `${h + 9 >= 24 ? '2027.01.01' : '2026.12.31'} ${String(kstHour).padStart(2, '0')}:05`,
      );
    }
    expect(formatKstDate('2024-02-28T15:00:00Z')).toBe('2024.02.29');
  });

  it('does not depend on the process time zone', () => {
    const date = new Date('2026-06-30T23:59:00Z');
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Seoul', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(formatKstDateTime(date)).toBe('2026.07.01 08:59');
      }
    } finally {
      process.env.TZ = saved;
    }
  });

  it('gives the Korean date as digits (00:30 KST is already the next day)', () => {
    expect(kstYmd('2026-12-03T15:30:00.000Z')).toBe('20261204');
    expect(kstYmd('2026-12-03T14:59:59.999Z')).toBe('20261203');
  });

  it('gives an empty string for an unreadable date', () => {
    expect(formatKstDateTime('not a date')).toBe('');
    expect(formatKstDate(Number.NaN)).toBe('');
  });
});
