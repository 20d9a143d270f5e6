import { describe, expect, it } from 'vitest';
import { KCB_FAIL_PATHS, KCB_SUCCESS_PATHS } from '../../../src/providers/kcb/rules';
import { VerifyError } from '../../../src/core/errors';
import { KCB_MESSAGES, kcbFailureMessage } from '../../../src/providers/kcb/errors';
import { allowedReturnPath } from '../../../src/providers/kcb/service';

const ORIGIN = 'https://www.mfv.test';

describe('the KCB return pages (no open redirect)', () => {
  it('accepts the allowlisted paths, as paths or as absolute URLs of this origin', () => {
    for (const path of KCB_SUCCESS_PATHS) {
      expect(allowedReturnPath(path, KCB_SUCCESS_PATHS, '/verify/kcb/result', ORIGIN)).toBe(path);
      expect(allowedReturnPath(`${ORIGIN}${path}`, KCB_SUCCESS_PATHS, '/verify/kcb/result', ORIGIN)).toBe(
        path,
      );
    }
    expect(allowedReturnPath(undefined, KCB_FAIL_PATHS, '/verify/kcb/fail', ORIGIN)).toBe('/verify/kcb/fail');
  });

  it.each([
    'http://www.mfv.test/verify/kcb/result',
    'https://www.mfv.test.evil.example/verify/kcb/result',
    '//evil.example/verify/kcb/result',
    '/\\evil.example/verify/kcb/result',
    '\\\\evil.example/verify/kcb/result',
    '/verify/kcb/result/../../user',
    '/verify/kcb/%2e%2e/result',
    '/verify/kcb/result?x=1',
    '/verify/kcb/result#x',
    'javascript:alert(1)',
    'data:text/html,x',
    '',
    '/verify/kcb/fail',
  ])('refuses %j as a success page', (value) => {
    const attempt = () => allowedReturnPath(value, KCB_SUCCESS_PATHS, '/verify/kcb/result', ORIGIN);
    expect(attempt).toThrow(VerifyError);
    try {
      attempt();
    } catch (error) {
      expect((error as VerifyError).status).toBe(400);
      expect((error as VerifyError).code).toBe('KCB_RETURN_URL_NOT_ALLOWED');
    }
  });
});

describe('the fail page’s message', () => {
  it('comes from the code, never from the URL’s text', () => {
    expect(kcbFailureMessage('KCB_TIMEOUT')).toEqual({
      code: 'KCB_TIMEOUT',
      message: KCB_MESSAGES.KCB_TIMEOUT,
    });
    expect(kcbFailureMessage('VERIFICATION_ALREADY_REGISTERED').message).toContain('이미 다른 계정');
    for (const code of ['__proto__', 'constructor', 'toString', '악성 문구', undefined, ['KCB_TIMEOUT']]) {
      expect(kcbFailureMessage(code)).toEqual({
        code: 'INTERNAL',
        message: '요청을 처리하지 못했어요. 잠시 후 다시 시도해 주세요.',
      });
    }
  });

  it('every KCB code has a Korean message', () => {
    for (const message of Object.values(KCB_MESSAGES)) expect(message).toMatch(/[가-힣]/);
  });
});
