/**
 * The Toss processors on recorded answers (test/fixtures/toss-responses.json) and the mapping of
 * login-me into the platform identity.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  lookupTossErrorCode,
  processGenerateTokenResponse,
  processLoginMeResponse,
  processRefreshTokenResponse,
  toTossIdentity,
  TOSS_CLIENT_ERROR_MESSAGES,
  TossApiError,
  TossCryptoError,
  TossProtocolError,
  type TossLoginMe,
} from '../src/toss/index.js';
import { TOSS_AAD, TOSS_KEY, tossEncrypt, withCiphertexts } from './toss-helpers.js';

const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/toss-responses.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, unknown>>;
const decryption = { key: TOSS_KEY, aad: TOSS_AAD };

function recorded(group: string, name: string, status = 200): Response {
  const body = fixtures[group]?.[name];
  if (body === undefined) throw new Error(`no fixture ${group}.${name}`);
  return new Response(JSON.stringify(withCiphertexts(body)), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

async function protocol(promise: Promise<unknown>, code: string, field?: string): Promise<void> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(TossProtocolError);
  expect((error as TossProtocolError).code).toBe(code);
  if (field !== undefined) expect((error as TossProtocolError).cause.fields).toContain(field);
}

describe('generate-token / refresh-token', () => {
  it('returns the tokens; expiresIn as documented (string) or number', async () => {
    expect(await processGenerateTokenResponse(recorded('token', 'success'))).toEqual({
      accessToken: 'toss-at-1',
      refreshToken: 'toss-rt-1',
      expiresIn: 3599,
      scope: 'user_name user_ci',
    });
    expect((await processGenerateTokenResponse(recorded('token', 'successNumericExpiry'))).expiresIn).toBe(
      3599,
    );
  });

  it.each(['invalidGrantOAuth', 'invalidGrantEnvelope'])(
    '%s → TossApiError invalid_grant with the Korean message',
    async (name) => {
      const error = await failure(processGenerateTokenResponse(recorded('token', name, 400)));
      expect(error).toBeInstanceOf(TossApiError);
      const e = error as TossApiError;
      expect(e.isInvalidGrant).toBe(true);
      expect(e.userMessage).toBe(
        '로그인 정보가 만료되었거나 이미 사용되었어요. 토스 로그인을 다시 진행해 주세요.',
      );
      expect(e.status).toBe(400);
    },
  );

  it('FAIL with INVALID_PARAMETER, and a bare non-SUCCESS resultType', async () => {
    const a = (await failure(
      processGenerateTokenResponse(recorded('token', 'invalidParameter', 400)),
    )) as TossApiError;
    expect(a.errorCode).toBe('INVALID_PARAMETER');
    expect(a.reason).toBe('요청에 실패했습니다.');
    expect(a.isInvalidGrant).toBe(false);
    expect(a.entry.known).toBe(true);
    const b = (await failure(
      processGenerateTokenResponse(recorded('token', 'internalError')),
    )) as TossApiError;
    expect(b.errorCode).toBe('INTERNAL_ERROR');
  });

  it('missing and wrong-typed fields', async () => {
    await protocol(
      processGenerateTokenResponse(recorded('token', 'missingAccessToken')),
      'TOSS_INVALID_RESPONSE',
      'success.accessToken',
    );
    await protocol(
      processGenerateTokenResponse(recorded('token', 'accessTokenNotString')),
      'TOSS_INVALID_RESPONSE',
      'success.accessToken',
    );
    await protocol(
      processGenerateTokenResponse(recorded('token', 'badExpiry')),
      'TOSS_INVALID_RESPONSE',
      'success.expiresIn',
    );
    await protocol(
      processGenerateTokenResponse(recorded('token', 'missingSuccess')),
      'TOSS_INVALID_RESPONSE',
      'success',
    );
    await protocol(
      processGenerateTokenResponse(recorded('token', 'missingResultType')),
      'TOSS_INVALID_RESPONSE',
      'resultType',
    );
  });

  it('non-JSON, 5xx and 401 without an envelope', async () => {
    await protocol(processGenerateTokenResponse(new Response('<html>')), 'TOSS_INVALID_JSON');
    await protocol(processGenerateTokenResponse(new Response('', { status: 502 })), 'TOSS_UNEXPECTED_STATUS');
    await protocol(processLoginMeResponse(new Response('', { status: 401 })), 'TOSS_UNAUTHORIZED');
  });

  it('refresh: rotated or not', async () => {
    expect(await processRefreshTokenResponse(recorded('refresh', 'success'))).toMatchObject({
      accessToken: 'toss-at-2',
      refreshToken: 'toss-rt-2',
    });
    expect(await processRefreshTokenResponse(recorded('refresh', 'successNoRotation'))).not.toHaveProperty(
      'refreshToken',
    );
    await protocol(
      processRefreshTokenResponse(recorded('token', 'missingAccessToken')),
      'TOSS_INVALID_RESPONSE',
      'success.accessToken',
    );
  });
});

describe('login-me', () => {
  it('returns userKey as a string and the fields still encrypted', async () => {
    const me = await processLoginMeResponse(recorded('loginMe', 'success'));
    expect(me.userKey).toBe('443731104');
    expect(me.agreedTerms).toEqual(['terms_tag1', 'terms_tag2']);
    expect(me.encrypted.name).not.toBe('김토스');
    expect(me.encrypted.email).toBeNull();
  });

  it('missing and wrong-typed fields', async () => {
    await protocol(
      processLoginMeResponse(recorded('loginMe', 'missingUserKey')),
      'TOSS_INVALID_RESPONSE',
      'success.userKey',
    );
    await protocol(
      processLoginMeResponse(recorded('loginMe', 'userKeyNotNumber')),
      'TOSS_INVALID_RESPONSE',
      'success.userKey',
    );
    await protocol(
      processLoginMeResponse(recorded('loginMe', 'nameNotString')),
      'TOSS_INVALID_RESPONSE',
      'success.name',
    );
  });

  it('a FAIL envelope on 401 is TossApiError', async () => {
    const error = (await failure(
      processLoginMeResponse(recorded('loginMe', 'unauthorized', 401)),
    )) as TossApiError;
    expect(error).toBeInstanceOf(TossApiError);
    expect(error.errorCode).toBe('INVALID_TOKEN');
    expect(error.entry.known).toBe(false);
  });
});

describe('toTossIdentity', () => {
  it('maps login-me into the platform identity', async () => {
    const me = await processLoginMeResponse(recorded('loginMe', 'success'));
    expect(toTossIdentity(me, decryption)).toEqual({
      provider: 'toss',
      subject: '443731104',
      name: '김토스',
      phone: '01012345678',
      birthday: '19930324',
      gender: 'male',
      nationality: 'domestic',
      ci: 'ci-value-88-chars',
    });
  });

  function me(fields: Partial<Record<keyof TossLoginMe['encrypted'], string | null>>): TossLoginMe {
    const plain = {
      name: '김토스',
      phone: '010-1234-5678',
      birthday: '1993-03-24',
      ci: 'ci',
      gender: 'female',
      nationality: 'FOREIGNER',
      email: null,
      ...fields,
    };
    return {
      userKey: '1',
      scope: null,
      agreedTerms: [],
      encrypted: Object.fromEntries(
        Object.entries(plain).map(([k, v]) => [k, v === null ? null : tossEncrypt(v)]),
      ) as TossLoginMe['encrypted'],
    };
  }

  it('normalises phone and birthday, maps FEMALE/FOREIGNER, keeps email when agreed', () => {
    expect(toTossIdentity(me({ email: 'toss@example.com' }), decryption)).toMatchObject({
      phone: '01012345678',
      birthday: '19930324',
      gender: 'female',
      nationality: 'foreign',
      email: 'toss@example.com',
    });
  });

  it('fields that were not agreed → TOSS_MISSING_CONSENT_FIELD naming them', async () => {
    const notAgreed = await processLoginMeResponse(recorded('loginMe', 'notAgreed'));
    try {
      toTossIdentity(notAgreed, decryption);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(TossProtocolError);
      expect((error as TossProtocolError).code).toBe('TOSS_MISSING_CONSENT_FIELD');
      expect((error as TossProtocolError).cause.fields).toEqual([
        'phone',
        'birthday',
        'gender',
        'nationality',
        'ci',
      ]);
      expect((error as TossProtocolError).userMessage).toBe(
        TOSS_CLIENT_ERROR_MESSAGES.TOSS_MISSING_CONSENT_FIELD,
      );
    }
  });

  it.each([
    ['birthday', { birthday: '19931324' }],
    ['gender', { gender: 'OTHER' }],
    ['nationality', { nationality: 'MARS' }],
    ['phone', { phone: 'call me' }],
    ['email', { email: 'not-an-email' }],
    ['name', { name: '' }],
  ])('an invalid %s is refused', (field, override) => {
    expect(() => toTossIdentity(me(override), decryption)).toThrow(new RegExp(field));
  });

  it('the wrong AAD fails the whole mapping, not one field', () => {
    expect(() => toTossIdentity(me({}), { key: TOSS_KEY, aad: 'WRONG' })).toThrow(TossCryptoError);
  });

  it('every documented code has a Korean message', () => {
    for (const code of [
      'invalid_grant',
      'INVALID_PARAMETER',
      'HTTP_TIMEOUT',
      'NETWORK_ERROR',
      'EXECUTION_FAIL',
      'INTERRUPTED',
      'INTERNAL_ERROR',
      'FAIL',
    ]) {
      expect(lookupTossErrorCode(code)).toMatchObject({
        known: true,
        userMessage: expect.stringMatching(/[가-힣]/),
      });
    }
  });
});
