/**
 * Every KCB processor on recorded response bodies (test/fixtures/kcb-responses.json): success,
 * each error shape, missing fields, wrong types, non-JSON and non-200 answers.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createKcbClient,
  KCB_API_BASE_URLS,
  KCB_POPUP_URLS,
  KcbAuthError,
  KcbCryptoError,
  KcbFieldKey,
  KcbProtocolError,
  KcbResponseError,
  KcbResultCheckError,
  lookupKcbResponseCode,
  processKcbAccessTokenResponse,
  processKcbPopupResultResponse,
  processKcbPopupStartResponse,
  KCB_ERROR_MESSAGES,
  KCB_UNKNOWN_CODE_MESSAGE,
  type KcbPopupTransaction,
} from '../src/kcb/index.js';
import {
  cbc,
  ENC_IV,
  encField,
  encryptedPerson,
  FIELD_KEY_HEX,
  MEMBER_CODE,
  PERSON,
  wrapFieldKey,
} from './kcb-helpers.js';

type Fixtures = Record<string, Record<string, Record<string, unknown>>>;
const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/kcb-responses.json', import.meta.url), 'utf8'),
) as Fixtures;

const tx: KcbPopupTransaction = { rqstSvcTxSeqno: 'a1b2c3d4e5f6a7b8c9d0', encIv: ENC_IV };
const client = createKcbClient({
  apiBaseUrl: KCB_API_BASE_URLS.sandbox,
  popupUrl: KCB_POPUP_URLS.sandbox,
  memberCode: MEMBER_CODE,
  clientId: 'client',
  clientSecret: 'secret',
  siteName: '테스트',
  siteUrl: 'https://example.com',
});
afterAll(() => client.close());

/** A fixture body; `null` values delete a field that {{FIELDS}} put in. */
function recorded(group: string, name: string, status = 200): Response {
  const template = fixtures[group]?.[name];
  if (template === undefined) throw new Error(`no fixture ${group}.${name}`);
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(template)) {
    if (k === '{{FIELDS}}') Object.assign(body, encryptedPerson());
    else if (v === '{{ENC_KEY}}') body[k] = wrapFieldKey();
    else if (v === '{{SEQNO}}') body[k] = tx.rqstSvcTxSeqno;
    else body[k] = v;
  }
  for (const [k, v] of Object.entries(body)) if (v === null) delete body[k];
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
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
  expect(error).toBeInstanceOf(KcbProtocolError);
  expect((error as KcbProtocolError).code).toBe(code);
  if (field !== undefined) expect((error as KcbProtocolError).cause.fields).toContain(field);
}

describe('processKcbAccessTokenResponse', () => {
  it('returns the token and lifetime', async () => {
    expect(await processKcbAccessTokenResponse(recorded('token', 'success'))).toEqual({
      accessToken: 'kcb-at-1',
      expiresIn: 3600,
      scope: 'ids',
    });
  });
  it('accepts expires_in as a numeric string and falls back when it is absent (RFC 6749 §5.1)', async () => {
    expect((await processKcbAccessTokenResponse(recorded('token', 'successStringExpiry'))).expiresIn).toBe(
      600,
    );
    expect((await processKcbAccessTokenResponse(recorded('token', 'successNoExpiry'))).expiresIn).toBe(300);
  });
  it('an OAuth error is KcbAuthError with the error code', async () => {
    const error = await failure(processKcbAccessTokenResponse(recorded('token', 'oauthError', 401)));
    expect(error).toBeInstanceOf(KcbAuthError);
    expect((error as KcbAuthError).oauthError).toBe('invalid_client');
    expect((error as KcbAuthError).userMessage).toBe(KCB_ERROR_MESSAGES.KCB_TOKEN_REJECTED);
  });
  it('an rsp_cd failure is KcbResponseError', async () => {
    const error = await failure(processKcbAccessTokenResponse(recorded('token', 'rspFailure', 400)));
    expect(error).toBeInstanceOf(KcbResponseError);
    expect((error as KcbResponseError).rspCd).toBe('T401');
  });
  it('missing or wrong-typed fields name the field', async () => {
    await protocol(
      processKcbAccessTokenResponse(recorded('token', 'missingAccessToken')),
      'KCB_INVALID_RESPONSE',
      'access_token',
    );
    await protocol(
      processKcbAccessTokenResponse(recorded('token', 'accessTokenNotString')),
      'KCB_INVALID_RESPONSE',
      'access_token',
    );
    await protocol(
      processKcbAccessTokenResponse(recorded('token', 'wrongTokenType')),
      'KCB_INVALID_RESPONSE',
      'token_type',
    );
    await protocol(
      processKcbAccessTokenResponse(recorded('token', 'negativeExpiry')),
      'KCB_INVALID_RESPONSE',
      'expires_in',
    );
  });
  it('non-JSON and unexpected status', async () => {
    await protocol(
      processKcbAccessTokenResponse(new Response('<html>', { status: 200 })),
      'KCB_INVALID_JSON',
    );
    await protocol(
      processKcbAccessTokenResponse(new Response('oops', { status: 502 })),
      'KCB_UNEXPECTED_STATUS',
    );
  });
});

describe('processKcbPopupStartResponse', () => {
  it('returns svc_tkn and the decrypted field key', async () => {
    const started = await processKcbPopupStartResponse(client, recorded('popupStart', 'success'), tx);
    expect(started.svcTkn).toBe('SVCTKN-0001-abcdef');
    expect(started.fieldKey).toBeInstanceOf(KcbFieldKey);
    expect(started.fieldKey?.exportForServerStorage()).toBe(FIELD_KEY_HEX);
    expect(started.rqstSvcTxSeqno).toBe(tx.rqstSvcTxSeqno);
    expect(JSON.stringify(started)).not.toContain(FIELD_KEY_HEX);
  });
  it('accepts an answer that does not echo member code and sequence', async () => {
    await expect(
      processKcbPopupStartResponse(client, recorded('popupStart', 'successMinimal'), tx),
    ).resolves.toBeDefined();
  });
  it('a non-B000 rsp_cd is KcbResponseError with the generic Korean message for an unknown code', async () => {
    const error = await failure(processKcbPopupStartResponse(client, recorded('popupStart', 'failure'), tx));
    expect(error).toBeInstanceOf(KcbResponseError);
    const e = error as KcbResponseError;
    expect(e.rspCd).toBe('B123');
    expect(e.rspMsg).toBe('요청 정보 오류');
    expect(e.entry.known).toBe(false);
    expect(e.userMessage).toBe(KCB_UNKNOWN_CODE_MESSAGE);
    expect(e.message).not.toContain('요청 정보 오류');
  });
  it('missing and wrong-typed fields', async () => {
    await protocol(
      processKcbPopupStartResponse(client, recorded('popupStart', 'missingSvcTkn'), tx),
      'KCB_INVALID_RESPONSE',
      'svc_tkn',
    );
    // Without enc_key KCB answers the results in plain text: no field key, no error.
    const plain = await processKcbPopupStartResponse(client, recorded('popupStart', 'missingEncKey'), tx);
    expect(plain.fieldKey).toBeUndefined();
    await protocol(
      processKcbPopupStartResponse(client, recorded('popupStart', 'svcTknNotString'), tx),
      'KCB_INVALID_RESPONSE',
      'svc_tkn',
    );
    await protocol(
      processKcbPopupStartResponse(client, recorded('popupStart', 'rspCdNotString'), tx),
      'KCB_INVALID_RESPONSE',
      'rsp_cd',
    );
    await protocol(
      processKcbPopupStartResponse(client, recorded('popupStart', 'missingRspCd'), tx),
      'KCB_INVALID_RESPONSE',
      'rsp_cd',
    );
  });
  it('an echo of another member code or transaction is refused', async () => {
    const a = await failure(processKcbPopupStartResponse(client, recorded('popupStart', 'otherMember'), tx));
    expect(a).toBeInstanceOf(KcbResultCheckError);
    expect((a as KcbResultCheckError).code).toBe('KCB_TX_MISMATCH');
    const b = await failure(processKcbPopupStartResponse(client, recorded('popupStart', 'otherSeqno'), tx));
    expect((b as KcbResultCheckError).cause.field).toBe('rqst_svc_tx_seqno');
  });
  it('an enc_key that does not open is KcbCryptoError', async () => {
    const error = await failure(
      processKcbPopupStartResponse(client, recorded('popupStart', 'garbageEncKey'), tx),
    );
    expect(error).toBeInstanceOf(KcbCryptoError);
  });
  it('401 is KCB_UNAUTHORIZED (the caller invalidates its token)', async () => {
    await protocol(
      processKcbPopupStartResponse(client, new Response('{}', { status: 401 }), tx),
      'KCB_UNAUTHORIZED',
    );
  });
});

describe('processKcbPopupResultResponse', () => {
  const keys = () => ({ fieldKey: KcbFieldKey.fromHex(FIELD_KEY_HEX), encIv: ENC_IV });

  it('decrypts every field into the identity', async () => {
    expect(await processKcbPopupResultResponse(recorded('popupResult', 'success'), keys())).toEqual({
      name: '홍길동',
      birthday: '19900101',
      gender: 'male',
      nation: 'domestic',
      phone: '01012345678',
      ci: 'CI'.padEnd(88, 'x'),
      di: 'DI'.padEnd(64, 'y'),
    });
  });
  it('maps F/F to female/foreign', async () => {
    const response = new Response(
      JSON.stringify({ rsp_cd: 'B000', ...encryptedPerson({ sex: 'F', ntv_frnr_cd: 'F', nm: 'Jane Doe' }) }),
    );
    expect(await processKcbPopupResultResponse(response, keys())).toMatchObject({
      gender: 'female',
      nation: 'foreign',
      name: 'Jane Doe',
    });
  });
  it('a failure rsp_cd is KcbResponseError', async () => {
    const error = await failure(processKcbPopupResultResponse(recorded('popupResult', 'failure'), keys()));
    expect((error as KcbResponseError).rspCd).toBe('B301');
  });
  it('missing and wrong-typed fields', async () => {
    await protocol(
      processKcbPopupResultResponse(recorded('popupResult', 'missingCi'), keys()),
      'KCB_INVALID_RESPONSE',
      'ci',
    );
    await protocol(
      processKcbPopupResultResponse(recorded('popupResult', 'nameNotString'), keys()),
      'KCB_INVALID_RESPONSE',
      'nm',
    );
  });
  it.each([
    ['brdt', { brdt: '19901301' }],
    ['brdt', { brdt: '1990-01-01' }],
    ['sex', { sex: 'X' }],
    ['ntv_frnr_cd', { ntv_frnr_cd: 'X' }],
    ['mbphn_no', { mbphn_no: '02-123-4567' }],
    ['nm', { nm: '' }],
  ])(
    'a decrypted %s that fails its format check is KCB_INVALID_RESULT, with no partial identity',
    async (field, override) => {
      const response = new Response(JSON.stringify({ rsp_cd: 'B000', ...encryptedPerson(override) }));
      await protocol(processKcbPopupResultResponse(response, keys()), 'KCB_INVALID_RESULT', field);
    },
  );
  // What public integrations accept and this client refused (docs/providers/kcb.md, "Result fields").
  it('plain-text fields (no encryption) read as the same identity', async () => {
    const response = new Response(JSON.stringify({ rsp_cd: 'B000', ...PERSON }));
    expect(await processKcbPopupResultResponse(response, keys())).toMatchObject({
      name: '홍길동',
      ci: PERSON.ci,
      gender: 'male',
    });
  });
  it('plain-text fields read without any field key (popup-start without enc_key)', async () => {
    const response = new Response(JSON.stringify({ rsp_cd: 'B000', ...PERSON, sex: '2' }));
    expect(await processKcbPopupResultResponse(response, { encIv: ENC_IV })).toMatchObject({
      name: '홍길동',
      gender: 'female',
    });
  });
  it('UTF-8 bytes of a name are read as UTF-8, not as CP949 (a silently wrong name)', async () => {
    for (const name of ['김민준', '이서연', '홍길동', '남궁샾']) {
      const nm = cbc(Buffer.from(name, 'utf8'), Buffer.from(FIELD_KEY_HEX, 'hex'), ENC_IV);
      const response = new Response(JSON.stringify({ rsp_cd: 'B000', ...encryptedPerson(), nm }));
      expect((await processKcbPopupResultResponse(response, keys())).name).toBe(name);
    }
  });
  it('a CP949-only syllable still reads as CP949', async () => {
    const response = new Response(JSON.stringify({ rsp_cd: 'B000', ...encryptedPerson({ nm: '남궁샾' }) }));
    expect((await processKcbPopupResultResponse(response, keys())).name).toBe('남궁샾');
  });
  it.each([
    ['1', 'male'],
    ['2', 'female'],
    ['M', 'male'],
    ['F', 'female'],
  ])('sex %s is %s', async (sex, gender) => {
    const response = new Response(JSON.stringify({ rsp_cd: 'B000', ...encryptedPerson({ sex }) }));
    expect((await processKcbPopupResultResponse(response, keys())).gender).toBe(gender);
  });
  it('nation 1/2 as L/F', async () => {
    const response = new Response(
      JSON.stringify({ rsp_cd: 'B000', ...encryptedPerson({ ntv_frnr_cd: '2' }) }),
    );
    expect((await processKcbPopupResultResponse(response, keys())).nation).toBe('foreign');
  });
  it('birthday, sex and 내외국인 may be absent or empty (public integrations read them as optional): the identity has no such fields', async () => {
    const sent: Record<string, unknown> = { rsp_cd: 'B000', ...encryptedPerson(), ntv_frnr_cd: '' };
    delete sent.brdt;
    delete sent.sex;
    const response = new Response(JSON.stringify(sent));
    const identity = await processKcbPopupResultResponse(response, keys());
    expect(identity).toEqual({
      name: '홍길동',
      phone: '01012345678',
      ci: 'CI'.padEnd(88, 'x'),
      di: 'DI'.padEnd(64, 'y'),
    });
    // Name, phone, CI and DI stay required.
    for (const field of ['nm', 'mbphn_no', 'ci', 'di']) {
      const body: Record<string, unknown> = { rsp_cd: 'B000', ...encryptedPerson() };
      delete body[field];
      await protocol(
        processKcbPopupResultResponse(new Response(JSON.stringify(body)), keys()),
        'KCB_INVALID_RESPONSE',
        field,
      );
    }
  });
  it('optional metadata may be absent or empty; the carrier is kept when sent', async () => {
    const without = new Response(JSON.stringify({ rsp_cd: 'B000', ...encryptedPerson(), tel_com_cd: '' }));
    expect((await processKcbPopupResultResponse(without, keys())).carrier).toBeUndefined();
    const withCarrier = new Response(
      JSON.stringify({
        rsp_cd: 'B000',
        ...encryptedPerson(),
        tel_com_cd: '02',
        cert_dt_tm: '20260101120000',
      }),
    );
    expect((await processKcbPopupResultResponse(withCarrier, keys())).carrier).toBe('02');
  });
  it('a ciphertext that does not open is never read as plain text, even when it looks like a CI', async () => {
    const ci = encField(PERSON.ci, 'e'.repeat(32));
    const response = new Response(JSON.stringify({ rsp_cd: 'B000', ...encryptedPerson(), ci }));
    await expect(processKcbPopupResultResponse(response, keys())).rejects.toMatchObject({
      code: 'KCB_DECRYPT_FAILED',
    });
  });
  it('fields under another transaction key do not open', async () => {
    const response = new Response(JSON.stringify({ rsp_cd: 'B000', ...encryptedPerson({}, 'e'.repeat(32)) }));
    await expect(processKcbPopupResultResponse(response, keys())).rejects.toBeInstanceOf(KcbCryptoError);
  });
});

describe('codes', () => {
  it('B000 is the one known success code; others get the generic message', () => {
    expect(lookupKcbResponseCode('B000')).toMatchObject({ known: true });
    expect(lookupKcbResponseCode('ZZZZ')).toMatchObject({
      known: false,
      userMessage: KCB_UNKNOWN_CODE_MESSAGE,
    });
  });
  it('every error code has a Korean message', () => {
    for (const message of Object.values(KCB_ERROR_MESSAGES)) expect(message).toMatch(/[가-힣]/);
  });
});
