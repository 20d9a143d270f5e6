/**
 * The error catalogue against the guide's §8 table. The table text is a verbatim excerpt of the
 * mobile-ok 본인확인-API guide (section "8. 본인확인-API 오류코드" to the end), kept in test/fixtures so
 * the test needs nothing outside the repository.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  MOK_RESULT_CODE_COUNT,
  MOK_RESULT_CODE_ROW_COUNT,
  MOK_RESULT_CODE_TABLE,
  MOK_RESULT_CODES,
  MOK_OTHER_CODES_ROW,
  isKnownMokResultCode,
  lookupMokResultCode,
} from '../src/mobile-ok/codes.js';
import { MokResultError } from '../src/mobile-ok/errors.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/mok-guide-section8.txt', import.meta.url));

interface GuideRow {
  code: string;
  description: string;
  customerMessage: string;
  frequent: boolean;
}

/**
 * The table is pipe-separated with four columns (code | 설명 | 고객 메시지 | 운영시 주요 에러코드),
 * but a row may wrap over two or three lines. Joining the lines and cutting at every pipe gives
 * the cells back in order.
 */
function parseSection8(text: string): GuideRow[] {
  const lines = text
    .split('\n')
    .filter((line) => !line.startsWith('8. ') && !line.startsWith('에러코드 |') && !line.startsWith('---|'));
  const cells = lines
    .join(' ')
    .split('|')
    .map((cell) => cell.trim());
  const rows: GuideRow[] = [];
  for (let i = 0; i + 3 < cells.length; i += 4) {
    const [code, description, customerMessage, flag] = cells.slice(i, i + 4) as [
      string,
      string,
      string,
      string,
    ];
    rows.push({ code, description, customerMessage, frequent: flag === '●' });
  }
  // Whatever is left after the last full row must be empty.
  expect(cells.slice(rows.length * 4).every((cell) => cell === '')).toBe(true);
  return rows;
}

const fixtureText = readFileSync(FIXTURE, 'utf8');
const allRows = parseSection8(fixtureText);
/** Rows with a four-digit code; the table closes with one "기타코드" (other codes) row. */
const guideRows = allRows.filter((row) => row.code !== '기타코드');
const otherRow = allRows.find((row) => row.code === '기타코드');

describe('mobile-ok result-code catalogue (guide §8)', () => {
  it('the fixture is section 8 of the guide', () => {
    expect(fixtureText.startsWith('8. 본인확인-API 오류코드\n')).toBe(true);
    expect(allRows).toHaveLength(150);
    expect(allRows.at(-1)?.code).toBe('기타코드');
    expect(guideRows.every((row) => /^\d{4}$/.test(row.code))).toBe(true);
    expect(guideRows.every((row) => row.customerMessage.length > 0 && row.description.length > 0)).toBe(true);
  });

  it('has the expected number of rows and codes', () => {
    expect(guideRows).toHaveLength(149);
    expect(new Set(guideRows.map((r) => r.code)).size).toBe(148);
    expect(MOK_RESULT_CODE_TABLE).toHaveLength(149);
    expect(MOK_RESULT_CODES).toHaveLength(148);
    expect(MOK_RESULT_CODE_ROW_COUNT).toBe(149);
    expect(MOK_RESULT_CODE_COUNT).toBe(148);
  });

  it('lists exactly the codes of the guide', () => {
    expect(new Set(MOK_RESULT_CODES)).toEqual(new Set(guideRows.map((r) => r.code)));
  });

  it('matches every row: description, customer message and the ● mark, in order', () => {
    expect(
      MOK_RESULT_CODE_TABLE.map(({ code, description, customerMessage, frequent }) => ({
        code,
        description,
        customerMessage,
        frequent,
      })),
    ).toEqual(guideRows);
  });

  it('tells the two 2910 rows apart by step', () => {
    expect(lookupMokResultCode('2910', 'auth').description).toBe('휴대폰 통신사 가입자 명의인증 실패');
    expect(lookupMokResultCode('2910', 'confirm').customerMessage).toBe(
      '입력하신 정보가 올바르지 않습니다. 인증번호를 확인해주세요.',
    );
    expect(lookupMokResultCode('2910').step).toBe('auth');
  });

  it('gives customer messages verbatim', () => {
    expect(lookupMokResultCode('5033').customerMessage).toBe(
      '유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.',
    );
    expect(lookupMokResultCode('4699').customerMessage).toBe(
      'ARS서비스에 오류가 발생하였습니니다(ARS사업자오류) 관리자에게 문의 해 주세요.',
    );
    expect(lookupMokResultCode('6751').frequent).toBe(true);
    expect(lookupMokResultCode('6751').known).toBe(true);
    expect(lookupMokResultCode('4005').frequent).toBe(false);
  });

  it('maps unknown codes to the guide\'s "기타코드" row', () => {
    expect(otherRow).toBeDefined();
    expect(MOK_OTHER_CODES_ROW.description).toBe(otherRow?.description);
    expect(MOK_OTHER_CODES_ROW.customerMessage).toBe(otherRow?.customerMessage);
    const entry = lookupMokResultCode('1234');
    expect(entry.known).toBe(false);
    expect(entry.code).toBe('1234');
    expect(entry.description).toBe(otherRow?.description);
    expect(entry.customerMessage).toBe(otherRow?.customerMessage);
    expect(isKnownMokResultCode('1234')).toBe(false);
    // Detail codes named inside descriptions are not result codes of their own.
    expect(isKnownMokResultCode('4002')).toBe(false);
    expect(isKnownMokResultCode('4003')).toBe(true);
  });

  it('MokResultError carries the entry, the step and the customer message', () => {
    const error = new MokResultError({
      step: 'confirm',
      resultCode: '2910',
      retryCount: 1,
      encryptMOKToken: 't',
    });
    expect(error.entry.step).toBe('confirm');
    expect(error.customerMessage).toBe('입력하신 정보가 올바르지 않습니다. 인증번호를 확인해주세요.');
    expect(error.cause).toMatchObject({ provider: 'mobile-ok', step: 'confirm', resultCode: '2910' });
    expect(error.code).toBe('MOK_RESULT_CODE');
  });
});
