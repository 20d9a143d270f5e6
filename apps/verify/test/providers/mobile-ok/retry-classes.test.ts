/**
 * The retry-class table against the §8 catalogue of the mobile-ok 본인확인-API 개발 가이드: every
 * listed code has exactly one row, its quoted words are the catalogue's customer message, and the
 * class agrees with those words (the rules written at the top of ./retry-classes.ts).
 */
import { describe, expect, it } from 'vitest';
import { MOK_RESULT_CODE_TABLE, MOK_SUCCESS_CODE } from '@mfv/verification/mobile-ok/codes';
import { MOK_RETRY_TABLE, mokRetryRow } from '../../../src/providers/mobile-ok/retry-classes';

const key = (row: { code: string; step?: string }) => (row.step ? `${row.code}/${row.step}` : row.code);

describe('MOK_RETRY_TABLE', () => {
  it('one row per §8 row (2910 twice, by step), the words verbatim', () => {
    const catalogue = MOK_RESULT_CODE_TABLE.filter((e) => e.code !== MOK_SUCCESS_CODE);
    expect(MOK_RETRY_TABLE.map(key).sort()).toEqual(catalogue.map(key).sort());
    for (const entry of catalogue) {
      const row = MOK_RETRY_TABLE.find((r) => key(r) === key(entry));
      expect(row?.words, entry.code).toBe(entry.customerMessage);
    }
  });

  it('the class agrees with the words', () => {
    for (const row of MOK_RETRY_TABLE) {
      const w = row.words;
      const where = `${key(row)}: ${w}`;
      if (row.class === 'restart') expect(/처음부터|허용시간을 초과|검증실패/.test(w), where).toBe(true);
      if (row.class === 'final')
        expect(
          /관리자에게 문의|이미 처리 완료|이미 진행하셨습니다|확인 후 다시|재발송을 제공/.test(w),
          where,
        ).toBe(true);
      if (row.class === 'retry-same-step') expect(/인증번호|잠시\s?후/.test(w), where).toBe(true);
      if (row.class === 'wait') expect(/인증 후 다시|진행 중|찾을 수 없습니다/.test(w), where).toBe(true);
      // "처음부터" is never a class that keeps the transaction, except the guide's own "not yet"
      // with "반복적으로 … 처음부터" (4501) and §6's re-call (arsRecall).
      if (/처음부터/.test(w) && row.code !== '4501') expect(row.class, where).not.toBe('retry-same-step');
    }
  });

  it('the codes the findings name', () => {
    const cls = (code: string, step: 'auth' | 'resend' | 'call' | 'confirm', msg?: string) =>
      mokRetryRow(code, step, msg).class;
    expect(cls('2910', 'confirm')).toBe('retry-same-step');
    expect(cls('2910', 'auth')).toBe('fix-input-and-resend');
    for (const code of ['4013', '5011', '4602', '5029'])
      expect(cls(code, 'confirm'), code).toBe('retry-same-step');
    expect(cls('4302', 'resend')).toBe('restart');
    expect(cls('6702', 'confirm')).toBe('wait');
    expect(cls('6703', 'confirm', 'PASS 인증이 완료되지 않았습니다.(6202)')).toBe('wait');
    expect(cls('6703', 'confirm', 'PASS 인증이 완료되지 않았습니다.(6207)')).toBe('wait');
    expect(cls('6703', 'confirm', 'PASS 인증이 완료되지 않았습니다.(6212)')).toBe('restart');
    for (const code of ['4612', '4641', '4642'])
      expect(mokRetryRow(code, 'confirm').arsRecall, code).toBe(true);
    for (const code of ['4620', '4624', '4604', '4613'])
      expect(mokRetryRow(code, 'confirm').arsRecall).toBeUndefined();
    expect(cls('1234', 'confirm')).toBe('restart');
  });
});
