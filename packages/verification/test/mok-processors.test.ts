/**
 * Every processor on recorded response bodies (test/fixtures/mok-responses.json): success and
 * failure shapes, missing fields, wrong types, and non-JSON or non-200 answers.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  processMokArsCallResponse,
  processMokAuthResponse,
  processMokConfirmResponse,
  processMokResendResponse,
  processMokTokenResponse,
} from '../src/mobile-ok/endpoints.js';
import { MokProtocolError, MokResultError } from '../src/mobile-ok/errors.js';
import { rsaPair, spkiBase64 } from './helpers.js';

type Fixtures = Record<string, Record<string, unknown>>;
const raw = readFileSync(fileURLToPath(new URL('./fixtures/mok-responses.json', import.meta.url)), 'utf8');
let fixtures: Fixtures;
let publicKey: string;

beforeAll(() => {
  publicKey = spkiBase64(rsaPair().publicKey);
  fixtures = JSON.parse(raw.replaceAll('{{PUBLIC_KEY}}', publicKey)) as Fixtures;
});

function recorded(step: string, name: string, status = 200): Response {
  const body = fixtures[step]?.[name];
  if (body === undefined) throw new Error(`no fixture ${step}.${name}`);
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the processor to throw');
}

async function protocolError(promise: Promise<unknown>, code: string, field?: string): Promise<void> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(MokProtocolError);
  expect((error as MokProtocolError).code).toBe(code);
  if (field !== undefined) expect((error as MokProtocolError).cause.fields).toContain(field);
}

describe('processMokTokenResponse', () => {
  it('returns the token and the parsed per-transaction public key', async () => {
    const result = await processMokTokenResponse(recorded('token', 'success'));
    expect(result.encryptMOKToken).toMatch(/^kpGa50/);
    expect(result.publicKey).toBe(publicKey);
    expect(result.publicKeyObject.asymmetricKeyType).toBe('rsa');
  });
  it('a failure code throws MokResultError with the catalogue entry', async () => {
    const error = await failure(processMokTokenResponse(recorded('token', 'failure')));
    expect(error).toBeInstanceOf(MokResultError);
    const e = error as MokResultError;
    expect(e.resultCode).toBe('4101');
    expect(e.step).toBe('token');
    expect(e.entry.known).toBe(true);
    expect(e.customerMessage).toBe('인증 요청 정보가 올바르지 않습니다. 확인 후 다시 시도해 주세요.');
    expect(e.resultMsg).toBe('이용기관의 토큰 요청정보가 올바르지 않습니다.');
  });
  it('missing or wrong-typed fields are protocol errors naming the field', async () => {
    await protocolError(
      processMokTokenResponse(recorded('token', 'missingPublicKey')),
      'MOK_INVALID_RESPONSE',
      'publicKey',
    );
    await protocolError(
      processMokTokenResponse(recorded('token', 'missingToken')),
      'MOK_INVALID_RESPONSE',
      'encryptMOKToken',
    );
    await protocolError(
      processMokTokenResponse(recorded('token', 'tokenNotString')),
      'MOK_INVALID_RESPONSE',
      'encryptMOKToken',
    );
    await protocolError(
      processMokTokenResponse(recorded('token', 'numericResultCode')),
      'MOK_INVALID_RESPONSE',
      'resultCode',
    );
    await protocolError(processMokTokenResponse(recorded('token', 'badPublicKey')), 'MOK_INVALID_PUBLIC_KEY');
  });
});

describe('processMokAuthResponse', () => {
  it('returns the new token and the remaining re-sends (string or number)', async () => {
    expect(await processMokAuthResponse(recorded('auth', 'success'))).toEqual({
      encryptMOKToken: 'hzOoAv60ZlzuAf1km9o8i8wlJo8x2uvBw==',
      resendCount: 2,
    });
    expect(await processMokAuthResponse(recorded('auth', 'successNumericCount'))).toEqual({
      encryptMOKToken: 'tok2',
      resendCount: 2,
    });
  });
  it('surfaces arsOtpNumber and otpCode', async () => {
    expect(
      await processMokAuthResponse(recorded('auth', 'successArs'), { serviceType: 'telcoAuth-ARSAuth' }),
    ).toEqual({
      encryptMOKToken: 'tok2',
      arsOtpNumber: '83',
    });
    expect((await processMokAuthResponse(recorded('auth', 'successSmsAuth'))).otpCode).toBe('482913');
  });
  it('ARS without arsOtpNumber is a protocol error', async () => {
    await protocolError(
      processMokAuthResponse(recorded('auth', 'arsWithoutNumber'), { serviceType: 'telcoAuth-ARSAuth' }),
      'MOK_INVALID_RESPONSE',
      'arsOtpNumber',
    );
    await expect(processMokAuthResponse(recorded('auth', 'arsWithoutNumber'))).resolves.toEqual({
      encryptMOKToken: 'tok2',
    });
  });
  it('2910 at auth is the name-check failure, and carries the new token', async () => {
    const e = (await failure(processMokAuthResponse(recorded('auth', 'failure')))) as MokResultError;
    expect(e).toBeInstanceOf(MokResultError);
    expect(e.entry.description).toBe('휴대폰 통신사 가입자 명의인증 실패');
    expect(e.encryptMOKToken).toBe('tok3');
  });
  it('an unknown failure code maps to the generic entry', async () => {
    const e = (await failure(
      processMokAuthResponse(recorded('auth', 'failureUnknownCode')),
    )) as MokResultError;
    expect(e.resultCode).toBe('1234');
    expect(e.entry.known).toBe(false);
  });
  it('missing token and bad counts are protocol errors', async () => {
    await protocolError(
      processMokAuthResponse(recorded('auth', 'missingToken')),
      'MOK_INVALID_RESPONSE',
      'encryptMOKToken',
    );
    await protocolError(
      processMokAuthResponse(recorded('auth', 'badCount')),
      'MOK_INVALID_RESPONSE',
      'resendCount',
    );
    await protocolError(
      processMokAuthResponse(recorded('auth', 'negativeCount')),
      'MOK_INVALID_RESPONSE',
      'resendCount',
    );
  });
});

describe('processMokResendResponse', () => {
  it('returns the new token and count', async () => {
    expect(await processMokResendResponse(recorded('resend', 'success'))).toEqual({
      encryptMOKToken: 'tok4',
      resendCount: 1,
    });
  });
  it('failure carries the token and the count', async () => {
    const e = (await failure(processMokResendResponse(recorded('resend', 'failure')))) as MokResultError;
    expect(e.resultCode).toBe('4302');
    expect(e.encryptMOKToken).toBe('tok5');
    expect(e.resendCount).toBe(0);
  });
  it('missing token is a protocol error', async () => {
    await protocolError(
      processMokResendResponse(recorded('resend', 'missingToken')),
      'MOK_INVALID_RESPONSE',
      'encryptMOKToken',
    );
  });
});

describe('processMokArsCallResponse', () => {
  it('returns the new token', async () => {
    expect(await processMokArsCallResponse(recorded('call', 'success'))).toEqual({ encryptMOKToken: 'tok6' });
  });
  it('failure → MokResultError with the ARS message', async () => {
    const e = (await failure(processMokArsCallResponse(recorded('call', 'failure')))) as MokResultError;
    expect(e.customerMessage).toBe(
      'ARS 전화가 현재 진행 중입니다. 반복적으로 해당 메시지가 수신된 경우, 처음부터 다시 시도해 주세요',
    );
    expect(e.encryptMOKToken).toBeUndefined();
  });
  it('missing token is a protocol error', async () => {
    await protocolError(
      processMokArsCallResponse(recorded('call', 'missingToken')),
      'MOK_INVALID_RESPONSE',
      'encryptMOKToken',
    );
  });
});

describe('processMokConfirmResponse', () => {
  it('returns encryptMOKResult, and a token when one is sent', async () => {
    expect(await processMokConfirmResponse(recorded('confirm', 'success'))).toEqual({
      encryptMOKResult: 'Zmlyc3Q=|c2Vjb25k',
    });
    expect(await processMokConfirmResponse(recorded('confirm', 'successWithToken'))).toEqual({
      encryptMOKResult: 'Zmlyc3Q=|c2Vjb25k',
      encryptMOKToken: 'tok7',
    });
  });
  it('a failed check hands back the new token and retryCount; 2910 here is the OTP row', async () => {
    const e = (await failure(
      processMokConfirmResponse(recorded('confirm', 'failureRetry')),
    )) as MokResultError;
    expect(e.encryptMOKToken).toBe('tok8');
    expect(e.retryCount).toBe(2);
    expect(e.customerMessage).toBe('입력하신 정보가 올바르지 않습니다. 인증번호를 확인해주세요.');
  });
  it('5033: the 10-minute token expired', async () => {
    const e = (await failure(
      processMokConfirmResponse(recorded('confirm', 'failureExpired')),
    )) as MokResultError;
    expect(e.customerMessage).toBe('유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.');
  });
  it('missing or wrong-typed encryptMOKResult is a protocol error', async () => {
    await protocolError(
      processMokConfirmResponse(recorded('confirm', 'missingResult')),
      'MOK_INVALID_RESPONSE',
      'encryptMOKResult',
    );
    await protocolError(
      processMokConfirmResponse(recorded('confirm', 'resultNotString')),
      'MOK_INVALID_RESPONSE',
      'encryptMOKResult',
    );
  });
});

describe('every processor: answers that are not mobile-ok responses', () => {
  const processors = [
    processMokTokenResponse,
    processMokAuthResponse,
    processMokResendResponse,
    processMokArsCallResponse,
    processMokConfirmResponse,
  ] as const;

  it('no or malformed resultCode', async () => {
    for (const processor of processors) {
      await protocolError(
        processor(recorded('common', 'noResultCode')),
        'MOK_INVALID_RESPONSE',
        'resultCode',
      );
      await protocolError(
        processor(recorded('common', 'badResultCode')),
        'MOK_INVALID_RESPONSE',
        'resultCode',
      );
    }
  });
  it('not a JSON object', async () => {
    for (const processor of processors) {
      await protocolError(processor(recorded('common', 'array')), 'MOK_INVALID_JSON');
      await protocolError(processor(new Response('<html>oops</html>', { status: 200 })), 'MOK_INVALID_JSON');
      await protocolError(processor(new Response('', { status: 200 })), 'MOK_INVALID_JSON');
    }
  });
  it('HTTP errors without a mobile-ok body are MOK_UNEXPECTED_STATUS', async () => {
    for (const processor of processors) {
      await protocolError(processor(new Response('Bad Gateway', { status: 502 })), 'MOK_UNEXPECTED_STATUS');
      await protocolError(processor(recorded('call', 'success', 500)), 'MOK_UNEXPECTED_STATUS');
    }
  });
  it('an HTTP error that carries a result code is reported as that result', async () => {
    const e = await failure(processMokConfirmResponse(recorded('confirm', 'failureExpired', 400)));
    expect(e).toBeInstanceOf(MokResultError);
    expect((e as MokResultError).resultCode).toBe('5033');
  });
});
