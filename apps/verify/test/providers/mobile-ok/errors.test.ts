import { AuthUnavailableError, BackendError } from '@mfv/auth';
import { RedisUnavailableError } from '@mfv/redis';
import {
  MokCryptoError,
  MokKeyFileError,
  MokProtocolError,
  MokResultCheckError,
  MokResultError,
  MokTransportError,
} from '@mfv/verification/mobile-ok';
import { describe, expect, it } from 'vitest';
import { fromMokError as toVerifyError, mokCustomerMessage } from '../../../src/providers/mobile-ok/errors';

describe("provider failures in the person's words (본인확인-API 가이드 §8)", () => {
  it('the catalogue message, with the detail code the provider named', () => {
    const pending = new MokResultError({
      step: 'confirm',
      resultCode: '6702',
      resultMsg: 'PASS 인증이 완료되지 않았습니다. 인증 후 다시 시도해 주세요.(6032)',
    });
    expect(mokCustomerMessage(pending)).toBe(
      'PASS 인증이 완료되지 않았어요. 인증 후 다시 시도해 주세요. (6032)',
    );
    const noDetail = new MokResultError({ step: 'confirm', resultCode: '6702' });
    expect(mokCustomerMessage(noDetail)).toBe('PASS 인증이 완료되지 않았어요. 인증 후 다시 시도해 주세요.');
    // The provider's free text is never shown instead of the catalogue's.
    const wrong = new MokResultError({ step: 'confirm', resultCode: '2910', resultMsg: 'something else' });
    expect(mokCustomerMessage(wrong)).toBe('입력하신 정보가 올바르지 않아요. 인증번호를 확인해주세요.');
    const unknown = new MokResultError({ step: 'auth', resultCode: '1234' });
    expect(mokCustomerMessage(unknown)).toBe(
      '원인을 알 수 없는 오류가 발생했어요. 잠시 후 다시 시도해 주세요',
    );
  });

  it('each kind of error maps to its status, code and Retry-After', () => {
    const cases: [unknown, number, string, boolean][] = [
      [new MokResultError({ step: 'auth', resultCode: '2910' }), 422, 'MOK_RESULT', false],
      [new MokResultError({ step: 'auth', resultCode: '4008' }), 503, 'MOK_RESULT', true],
      [new MokTransportError('MOK_TIMEOUT', 't', {}), 503, 'MOK_UNAVAILABLE', true],
      [new MokProtocolError('MOK_UNEXPECTED_STATUS', 's', { status: 502 }), 503, 'MOK_UNAVAILABLE', true],
      [new MokProtocolError('MOK_INVALID_JSON', 'j', {}), 502, 'MOK_BAD_RESPONSE', false],
      [new MokCryptoError('MOK_INTEGRITY_CHECK_FAILED', 'c', {}), 502, 'MOK_RESULT_TAMPERED', false],
      [new MokResultCheckError('MOK_CLIENT_TX_ID_MISMATCH', 'm', {}), 409, 'MOK_RESULT_MISMATCH', false],
      [new MokResultCheckError('MOK_RESULT_EXPIRED', 'e', {}), 409, 'MOK_RESULT_EXPIRED', false],
      [new MokKeyFileError('MOK_KEYFILE_NOT_FOUND', 'k', {}), 503, 'MOK_NOT_CONFIGURED', true],
      [new RedisUnavailableError('r', { cause: new Error('x') }), 503, 'REDIS_UNAVAILABLE', true],
      [new AuthUnavailableError('api'), 503, 'SERVICE_UNAVAILABLE', true],
      [
        new BackendError(409, 'VERIFICATION_ALREADY_REGISTERED', 'x'),
        409,
        'VERIFICATION_ALREADY_REGISTERED',
        false,
      ],
      [new BackendError(418, 'TEAPOT', 'x'), 502, 'BACKEND_ERROR', false],
      [new Error('boom'), 500, 'INTERNAL', false],
    ];
    for (const [error, status, code, retryAfter] of cases) {
      const mapped = toVerifyError(error);
      expect([mapped.status, mapped.code, mapped.retryAfterSeconds !== undefined], String(error)).toEqual([
        status,
        code,
        retryAfter,
      ]);
      expect(mapped.message).toMatch(/[가-힣]/);
      // Never the error's own text (it may name a path, a field, a stack).
      expect(JSON.stringify(mapped.toBody())).not.toMatch(/boom|MOK_TIMEOUT|"k"/);
    }
  });
});
