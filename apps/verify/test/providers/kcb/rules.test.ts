import { describe, expect, it } from 'vitest';
import { KCB_MESSAGE_SOURCE, kcbNextUrl } from '../../../src/providers/kcb/rules';

describe('the KCB popup’s message to its opener', () => {
  it('a ticket leads to the result page, a code to the fail page', () => {
    expect(kcbNextUrl({ source: KCB_MESSAGE_SOURCE, ticket: 'A'.repeat(43) })).toBe(
      `/verify/kcb/result?ticket=${'A'.repeat(43)}`,
    );
    expect(kcbNextUrl({ source: KCB_MESSAGE_SOURCE, code: 'KCB_RESULT_ERROR' })).toBe(
      '/verify/kcb/fail?code=KCB_RESULT_ERROR',
    );
  });

  it.each([
    ['another source', { source: 'someone-else', ticket: 'A'.repeat(43) }],
    ['no source', { ticket: 'A'.repeat(43) }],
    ['a ticket with a path in it', { source: KCB_MESSAGE_SOURCE, ticket: `${'A'.repeat(20)}/../../user` }],
    ['a ticket with a query in it', { source: KCB_MESSAGE_SOURCE, ticket: `${'A'.repeat(20)}&next=x` }],
    ['a too short ticket', { source: KCB_MESSAGE_SOURCE, ticket: 'abc' }],
    ['a code that is text', { source: KCB_MESSAGE_SOURCE, code: '<b>본인확인</b>' }],
    ['neither', { source: KCB_MESSAGE_SOURCE }],
    ['a string', 'mfv-kcb-result'],
    ['null', null],
  ])('ignores %s', (_, data) => {
    expect(kcbNextUrl(data)).toBeNull();
  });
});
