import { MOK_OTHER_CODES_ROW, MOK_RESULT_CODE_TABLE } from '@mfv/verification/mobile-ok/codes';
import { describe, expect, it } from 'vitest';
import { inSiteWords, MOK_SERVICE_TROUBLE_MESSAGE } from '../../../src/providers/mobile-ok/customer-words';
import { customerMessage } from '../../../src/providers/mobile-ok/errors';

/**
 * Every customer message of the guide's §8 catalogue, as a person reads it on the site: the site's
 * one tone (~요), no words only the site's operators can act on.
 */
describe('mobile-ok customer messages in the site’s words', () => {
  it.each(
    [
      ...MOK_RESULT_CODE_TABLE,
      { code: MOK_OTHER_CODES_ROW.label, customerMessage: MOK_OTHER_CODES_ROW.customerMessage },
    ]
      .filter((row) => row.code !== '2000')
      .map((row) => [row.code, row.customerMessage]),
  )('%s: %s', (_code, guide) => {
    const shown = inSiteWords(guide.replace(/\s*\(상세코드\)$/, ''));
    expect(shown).not.toMatch(/니다/);
    expect(shown).toMatch(/요/);
    expect(shown).not.toMatch(/관리자|return_url|CODE|Site|복호화|암호화|상세코드/);
  });

  it('keeps what the person typed, ends the guide’s run-on sentence, keeps the detail code', () => {
    expect(inSiteWords('인증 요청 정보가 올바르지 않습니다(이름) 확인 후 다시 시도해 주세요.')).toBe(
      '인증 요청 정보가 올바르지 않아요 (이름). 확인 후 다시 시도해 주세요.',
    );
    expect(inSiteWords('인증 요청 정보가 올바르지 않습니다(검증실패) 확인 후 다시 시도해 주세요.')).toBe(
      '인증 요청 정보가 올바르지 않아요. 확인 후 다시 시도해 주세요.',
    );
    expect(inSiteWords('PASS 인증이 완료되지 않았습니다. 인증 후 다시 시도해 주세요.(6032)')).toBe(
      'PASS 인증이 완료되지 않았어요. 인증 후 다시 시도해 주세요. (6032)',
    );
    expect(inSiteWords('LGU+ 알뜰폰 가입자입니다. 통신사를 알뜰폰으로 선택하여 다시 시도해 주세요.')).toBe(
      'LGU+ 알뜰폰 가입자예요. 통신사를 알뜰폰으로 선택하여 다시 시도해 주세요.',
    );
    expect(inSiteWords('이미 진행중인 인증 요청입니다. 처음부터 다시 시도해 주세요.')).toBe(
      '이미 진행중인 인증 요청이에요. 처음부터 다시 시도해 주세요.',
    );
  });

  it('a message for the site’s operators becomes the site’s own sentence', () => {
    expect(customerMessage('8002')).toBe(MOK_SERVICE_TROUBLE_MESSAGE);
    expect(customerMessage('5034')).toBe(MOK_SERVICE_TROUBLE_MESSAGE);
  });
});
