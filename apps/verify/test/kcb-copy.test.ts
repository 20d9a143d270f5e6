import { describe, expect, it } from 'vitest';
import { KCB_MESSAGES, kcbFailureMessage } from '../src/providers/kcb/errors';

/** What a person reads when KCB fails: the site's one tone (~요), no developer words. */
describe('KCB failure messages', () => {
  it.each(Object.entries(KCB_MESSAGES))(
    '%s is in the ~요 tone, without developer words',
    (_code, message) => {
      expect(message).toMatch(/[가-힣]/);
      expect(message).not.toMatch(/니다[.!]?(\s|$)/);
      expect(message).not.toMatch(/복호화|request_id|ok-name|rsp_cd/i);
    },
  );

  it('the fail page looks the message up by code, never from the URL', () => {
    expect(kcbFailureMessage('KCB_RESULT_ERROR').message).toBe(KCB_MESSAGES.KCB_RESULT_ERROR);
    expect(kcbFailureMessage('<b>ok</b>').code).toBe('INTERNAL');
  });
});
