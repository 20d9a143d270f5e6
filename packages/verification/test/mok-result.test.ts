import { beforeAll, describe, expect, it } from 'vitest';
import { MokCryptoError, MokProtocolError, MokResultCheckError } from '../src/mobile-ok/errors.js';
import {
  checkMokResult,
  openMokResult,
  parseMokIssueDate,
  parseMokResult,
  toVerificationResult,
  type MokResult,
} from '../src/mobile-ok/mok-result.js';
import { independentSeal, kstIssueDate, rsaPair, type RsaPair } from './helpers.js';

const CLIENT_TX_ID = 'MOK221209170943157761';
const NOW = new Date('2022-12-12T04:40:00.000Z'); // 2022-12-12 13:40:00 KST

/** The guide's §7 example (ARS 결과 복호화 예시), with realistic ci/di lengths. */
const GUIDE_EXAMPLE = {
  siteId: 'CPID0001',
  clientTxId: CLIENT_TX_ID,
  txId: 'f0aea999-2a69-4fc6-b02b-acda6f2993ff',
  providerId: 'SKT',
  serviceType: 'telcoAuth',
  ci: 'lJG65/ma30qVmWY0/591olSaU3HnDn3MT9czsKmoA==',
  di: 'MC0GCCqRMBkvnuajLHk=',
  userName: '홍길동',
  userPhone: '01012345678',
  userBirthday: '20000101',
  userGender: '1',
  userNation: '0',
  reqdate: '221209170943',
  issuer: 'MobileOK Agent1',
  issueDate: '2022-12-12 13:34:12.234',
};

function checkError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MokResultCheckError);
    expect((error as MokResultCheckError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

function invalidResult(json: unknown, field: string): void {
  try {
    parseMokResult(typeof json === 'string' ? json : JSON.stringify(json));
  } catch (error) {
    expect(error).toBeInstanceOf(MokProtocolError);
    expect((error as MokProtocolError).code).toBe('MOK_INVALID_RESULT');
    if (field !== '') expect((error as MokProtocolError).cause.fields).toContain(field);
    expect((error as Error).message).not.toContain('홍길동');
    return;
  }
  throw new Error(`expected MOK_INVALID_RESULT at ${field}`);
}

describe('parseMokIssueDate (guide §7: "yyyy-mm-dd hh:mm:ss.mis", Korean time)', () => {
  it('reads the guide example as KST', () => {
    expect(parseMokIssueDate('2022-12-12 13:34:12.234')?.toISOString()).toBe('2022-12-12T04:34:12.234Z');
    expect(parseMokIssueDate('2022-12-12 00:00:00')?.toISOString()).toBe('2022-12-11T15:00:00.000Z');
    expect(parseMokIssueDate('2022-12-12 13:34:12.5')?.toISOString()).toBe('2022-12-12T04:34:12.500Z');
  });
  it('refuses other formats and impossible dates', () => {
    for (const bad of [
      '2022-12-12T13:34:12.234',
      '20221212133412',
      '2022-02-30 10:00:00',
      '2022-12-12 24:00:00',
      '',
    ]) {
      expect(parseMokIssueDate(bad)).toBeUndefined();
    }
  });
});

describe('parseMokResult', () => {
  it('parses the guide example and drops unknown fields', () => {
    const result = parseMokResult(JSON.stringify({ ...GUIDE_EXAMPLE, somethingElse: 'x' }));
    expect(result).toMatchObject(GUIDE_EXAMPLE);
    expect(result).not.toHaveProperty('somethingElse');
  });
  it('keeps isAdult and extension', () => {
    const result = parseMokResult(
      JSON.stringify({
        ...GUIDE_EXAMPLE,
        isAdult: 'Y',
        extension: { arsResultMsg: '{"companyName":"이용기관명"}' },
      }),
    );
    expect(result.isAdult).toBe('Y');
    expect(result.extension).toEqual({ arsResultMsg: '{"companyName":"이용기관명"}' });
  });
  it('refuses non-JSON and missing or invalid fields, naming only the field', () => {
    invalidResult('not json 홍길동', '');
    invalidResult([GUIDE_EXAMPLE], '(root)');
    for (const field of [
      'siteId',
      'clientTxId',
      'txId',
      'serviceType',
      'providerId',
      'userPhone',
      'issuer',
      'issueDate',
    ]) {
      invalidResult({ ...GUIDE_EXAMPLE, [field]: undefined }, field);
    }
    // telcoAuth identifies a person: these are required too.
    for (const field of ['ci', 'di', 'userName', 'userBirthday', 'userGender', 'userNation']) {
      invalidResult({ ...GUIDE_EXAMPLE, [field]: undefined }, field);
    }
    invalidResult({ ...GUIDE_EXAMPLE, userGender: 'M' }, 'userGender');
    invalidResult({ ...GUIDE_EXAMPLE, userNation: '2' }, 'userNation');
    invalidResult({ ...GUIDE_EXAMPLE, userBirthday: '20000230' }, 'userBirthday');
    invalidResult({ ...GUIDE_EXAMPLE, providerId: 'XYZ' }, 'providerId');
    invalidResult({ ...GUIDE_EXAMPLE, isAdult: 'yes' }, 'isAdult');
    invalidResult({ ...GUIDE_EXAMPLE, issueDate: '2022/12/12 13:34:12' }, 'issueDate');
    invalidResult({ ...GUIDE_EXAMPLE, userPhone: 1012345678 }, 'userPhone');
  });
  it('an SMS 소유인증 result needs only the number', () => {
    const result = parseMokResult(
      JSON.stringify({
        siteId: 'CPID0001',
        clientTxId: CLIENT_TX_ID,
        txId: 't',
        serviceType: 'SMSAuth',
        providerId: 'SMS',
        userPhone: '01012345678',
        issuer: 'MobileOK Agent1',
        issueDate: '2022-12-12 13:34:12.234',
      }),
    );
    expect(result.serviceType).toBe('SMSAuth');
    expect(() => toVerificationResult(result, new Date())).toThrow(
      expect.objectContaining({ code: 'MOK_NOT_AN_IDENTITY_RESULT' }),
    );
  });
});

describe('checkMokResult (guide §7 mandatory checks)', () => {
  const result = GUIDE_EXAMPLE as unknown as MokResult;

  it('passes a fresh result of this session and returns when it was issued', () => {
    expect(
      checkMokResult(result, { expectedClientTxId: CLIENT_TX_ID, now: NOW }).issuedAt.toISOString(),
    ).toBe('2022-12-12T04:34:12.234Z');
  });
  it('clientTxId of another session → MOK_CLIENT_TX_ID_MISMATCH', () => {
    checkError(
      () => checkMokResult(result, { expectedClientTxId: 'MOK221209170943157762', now: NOW }),
      'MOK_CLIENT_TX_ID_MISMATCH',
    );
    checkError(
      () => checkMokResult(result, { expectedClientTxId: '', now: NOW }),
      'MOK_CLIENT_TX_ID_MISMATCH',
    );
  });
  it('older than 10 minutes → MOK_RESULT_EXPIRED; exactly 10 minutes is still accepted', () => {
    const issued = new Date('2022-12-12T04:34:12.234Z').getTime();
    expect(() =>
      checkMokResult(result, { expectedClientTxId: CLIENT_TX_ID, now: new Date(issued + 600_000) }),
    ).not.toThrow();
    checkError(
      () => checkMokResult(result, { expectedClientTxId: CLIENT_TX_ID, now: new Date(issued + 600_001) }),
      'MOK_RESULT_EXPIRED',
    );
    // Read as UTC instead of KST, this result would look 9 hours in the future, not expired.
    checkError(
      () =>
        checkMokResult(result, { expectedClientTxId: CLIENT_TX_ID, now: new Date('2022-12-12T13:40:00Z') }),
      'MOK_RESULT_EXPIRED',
    );
  });
  it('dated more than a minute ahead of our clock → MOK_ISSUE_DATE_IN_FUTURE', () => {
    const issued = new Date('2022-12-12T04:34:12.234Z').getTime();
    expect(() =>
      checkMokResult(result, { expectedClientTxId: CLIENT_TX_ID, now: new Date(issued - 60_000) }),
    ).not.toThrow();
    checkError(
      () => checkMokResult(result, { expectedClientTxId: CLIENT_TX_ID, now: new Date(issued - 60_001) }),
      'MOK_ISSUE_DATE_IN_FUTURE',
    );
  });
  it('another product than the transaction asked for → MOK_SERVICE_TYPE_MISMATCH', () => {
    checkError(
      () =>
        checkMokResult(result, {
          expectedClientTxId: CLIENT_TX_ID,
          now: NOW,
          expectedServiceType: 'telcoAuth-LMS',
        }),
      'MOK_SERVICE_TYPE_MISMATCH',
    );
  });
  it("an ARS transaction accepts the guide's §7 ARS example (serviceType telcoAuth) and its own product code", () => {
    // mobile-ok 본인확인-API 개발 가이드 §7 "ARS 결과 복호화 예시": "serviceType" : "telcoAuth".
    expect(result.serviceType).toBe('telcoAuth');
    for (const serviceType of ['telcoAuth', 'telcoAuth-ARSAuth'] as const) {
      expect(() =>
        checkMokResult(
          { ...result, serviceType },
          { expectedClientTxId: CLIENT_TX_ID, now: NOW, expectedServiceType: 'telcoAuth-ARSAuth' },
        ),
      ).not.toThrow();
    }
    // Only that one widening: an ARS result does not answer a plain telcoAuth request, nor LMS an ARS one.
    checkError(
      () =>
        checkMokResult(
          { ...result, serviceType: 'telcoAuth-ARSAuth' },
          { expectedClientTxId: CLIENT_TX_ID, now: NOW, expectedServiceType: 'telcoAuth' },
        ),
      'MOK_SERVICE_TYPE_MISMATCH',
    );
    checkError(
      () =>
        checkMokResult(
          { ...result, serviceType: 'telcoAuth-LMS' },
          { expectedClientTxId: CLIENT_TX_ID, now: NOW, expectedServiceType: 'telcoAuth-ARSAuth' },
        ),
      'MOK_SERVICE_TYPE_MISMATCH',
    );
  });
  it('a hand-built result with a bad issueDate is refused', () => {
    expect(() =>
      checkMokResult({ ...result, issueDate: 'yesterday' }, { expectedClientTxId: CLIENT_TX_ID, now: NOW }),
    ).toThrow(MokProtocolError);
  });
});

describe('toVerificationResult', () => {
  it('normalises into the shared VerificationResult', () => {
    const issuedAt = new Date('2022-12-12T04:34:12.234Z');
    expect(toVerificationResult(GUIDE_EXAMPLE as unknown as MokResult, issuedAt)).toEqual({
      provider: 'mobile-ok',
      serviceType: 'telcoAuth',
      ci: GUIDE_EXAMPLE.ci,
      di: GUIDE_EXAMPLE.di,
      name: '홍길동',
      birthday: '20000101',
      gender: 'male',
      nation: 'domestic',
      phone: '01012345678',
      verifiedAt: '2022-12-12T04:34:12.234Z',
      providerTxId: 'f0aea999-2a69-4fc6-b02b-acda6f2993ff',
    });
  });
  it('maps female / foreigner and the adult flag', () => {
    const base = { ...GUIDE_EXAMPLE, userGender: '2', userNation: '1' } as unknown as MokResult;
    const at = new Date();
    expect(toVerificationResult(base, at)).toMatchObject({ gender: 'female', nation: 'foreign' });
    expect(toVerificationResult(base, at)).not.toHaveProperty('isAdult');
    expect(toVerificationResult({ ...base, isAdult: 'Y' }, at).isAdult).toBe(true);
    expect(toVerificationResult({ ...base, isAdult: 'N' }, at).isAdult).toBe(false);
  });
});

describe('openMokResult: decrypt → parse → check → normalise', () => {
  let client: RsaPair;
  let other: RsaPair;
  beforeAll(() => {
    client = rsaPair();
    other = rsaPair();
  });

  it('opens a result sealed independently to the client key', () => {
    const now = new Date();
    const plain = JSON.stringify({
      ...GUIDE_EXAMPLE,
      issueDate: kstIssueDate(new Date(now.getTime() - 5_000)),
      isAdult: 'N',
    });
    const { result, verification } = openMokResult(independentSeal(plain, client.publicKey), {
      clientPrivateKey: client.privateKey,
      expectedClientTxId: CLIENT_TX_ID,
      now,
    });
    expect(result.clientTxId).toBe(CLIENT_TX_ID);
    expect(verification).toMatchObject({ provider: 'mobile-ok', name: '홍길동', isAdult: false });
  });
  it('refuses a result for another key, another session, or too old', () => {
    const now = new Date();
    const fresh = JSON.stringify({ ...GUIDE_EXAMPLE, issueDate: kstIssueDate(now) });
    const opts = { clientPrivateKey: client.privateKey, expectedClientTxId: CLIENT_TX_ID, now };
    expect(() => openMokResult(independentSeal(fresh, other.publicKey), opts)).toThrow(MokCryptoError);
    expect(() =>
      openMokResult(independentSeal(fresh, client.publicKey), {
        ...opts,
        expectedClientTxId: 'MOKother000000000000000',
      }),
    ).toThrow(expect.objectContaining({ code: 'MOK_CLIENT_TX_ID_MISMATCH' }));
    const stale = JSON.stringify({
      ...GUIDE_EXAMPLE,
      issueDate: kstIssueDate(new Date(now.getTime() - 11 * 60_000)),
    });
    expect(() => openMokResult(independentSeal(stale, client.publicKey), opts)).toThrow(
      expect.objectContaining({ code: 'MOK_RESULT_EXPIRED' }),
    );
  });
});
