/**
 * The decrypted `encryptMOKResult` (본인확인-API 가이드 §7 "본인확인 MOKResult JSON 설명"): parse it, run the two
 * checks the guide makes mandatory for the integrator, and normalise it into the shared
 * {@link VerificationResult}.
 *
 * Mandatory checks (본인확인-API 가이드 §7 sample code, every language):
 * 1. "세션 내 요청 clientTxId 와 수신한 clientTxId 가 동일한지 반드시 비교" — the result's clientTxId
 *    equals the one this browser session started with.
 * 2. "검증정보 유효시간 검증 (검증결과 생성 후 10분 이내 검증 권고)" — use the result within 10 minutes
 *    of `issueDate`, whose format is "yyyy-mm-dd hh:mm:ss.mis" (e.g. "2022-12-12 13:34:12.234"),
 *    in Korean time (the PHP sample sets `Asia/Seoul` before comparing).
 * Single use ("인증결과 재사용 방지") is the caller's part: consume the transaction that holds the
 * clientTxId when the result is accepted, so the same result cannot be accepted twice.
 */
import { type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { type VerificationResult } from '../result.js';
import {
  MOK_GENDERS,
  MOK_NATIONS,
  MOK_RESULT_PROVIDERS,
  MOK_SERVICE_TYPES,
  type MokServiceType,
} from './codes.js';
import { decryptMokResult, MOK_TIME_ZONE_OFFSET_MINUTES } from './crypto.js';
import { MokProtocolError, MokResultCheckError } from './errors.js';
import { isRealYmd } from './validation.js';

/** Guide §7: a result is used within 10 minutes of its issueDate. */
export const MOK_RESULT_MAX_AGE_MS = 10 * 60 * 1000;
/** Clocks differ: an issueDate up to this far ahead of our clock is still accepted. */
export const MOK_RESULT_CLOCK_SKEW_MS = 60 * 1000;

const ISSUE_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** Parses an `issueDate` ("yyyy-mm-dd hh:mm:ss.mis", Korean time). `undefined` if it is not one. */
export function parseMokIssueDate(value: string): Date | undefined {
  const m = ISSUE_DATE.exec(value);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return new Date(asUtc - MOK_TIME_ZONE_OFFSET_MINUTES * 60_000);
}

/** Products whose result identifies a person (a carrier checked name, birthday and number). */
const IDENTITY_SERVICE_TYPES: readonly MokServiceType[] = ['telcoAuth', 'telcoAuth-LMS', 'telcoAuth-ARSAuth'];

const nonEmpty = z.string().min(1);

const resultSchema = z
  .object({
    siteId: nonEmpty,
    clientTxId: nonEmpty,
    txId: nonEmpty,
    serviceType: z.enum(MOK_SERVICE_TYPES),
    providerId: z.enum(MOK_RESULT_PROVIDERS),
    ci: nonEmpty.optional(),
    di: nonEmpty.optional(),
    userName: nonEmpty.optional(),
    userPhone: z.string().regex(/^\d{9,12}$/),
    userBirthday: z.string().refine(isRealYmd).optional(),
    userGender: z.enum(MOK_GENDERS).optional(),
    userNation: z.enum(MOK_NATIONS).optional(),
    /** The guide's JSON example says `reqdate`; its sample code reads `reqDate`. Either is kept. */
    reqdate: z.string().optional(),
    reqDate: z.string().optional(),
    reqAuthType: z.string().optional(),
    issuer: nonEmpty,
    issueDate: z.string().refine((s) => parseMokIssueDate(s) !== undefined),
    extension: z.record(z.string(), z.unknown()).optional(),
    isAdult: z.enum(['Y', 'N']).optional(),
  })
  .superRefine((value, ctx) => {
    // A carrier-verified result must say who was verified; SMS 소유인증 proves only the number.
    if (!IDENTITY_SERVICE_TYPES.includes(value.serviceType)) return;
    for (const field of ['ci', 'di', 'userName', 'userBirthday', 'userGender', 'userNation'] as const) {
      if (value[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required' });
    }
  });

/** A decrypted, well-formed MOKResult. Unknown fields are dropped. */
export type MokResult = z.output<typeof resultSchema>;

/** Parses decrypted MOKResult JSON. Errors name fields only, never values (they are PII). */
export function parseMokResult(plaintext: string): MokResult {
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw new MokProtocolError('MOK_INVALID_RESULT', 'decrypted mobile-ok result is not JSON', {
      step: 'confirm',
    });
  }
  const parsed = resultSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.map(String).join('.') || '(root)'))];
    throw new MokProtocolError(
      'MOK_INVALID_RESULT',
      `decrypted mobile-ok result is missing or has invalid: ${fields.join(', ')}`,
      { step: 'confirm', fields },
    );
  }
  return parsed.data;
}

/**
 * The result serviceTypes that answer a request for `requested`. Each product answers with its
 * own code, except 휴대폰본인확인+ARS: mobile-ok 본인확인-API 개발 가이드 §7 "ARS 결과 복호화 예시"
 * shows an ARS transaction's result with `"serviceType" : "telcoAuth"`, so both the guide's form
 * and the requested `telcoAuth-ARSAuth` are accepted for it.
 */
export function acceptedResultServiceTypes(requested: MokServiceType): readonly MokServiceType[] {
  return requested === 'telcoAuth-ARSAuth' ? ['telcoAuth-ARSAuth', 'telcoAuth'] : [requested];
}

export interface MokResultExpectations {
  /** The clientTxId stored with this browser's transaction when it called token/get. */
  expectedClientTxId: string;
  /** The current time. */
  now: Date;
  /** The product this transaction asked for; checked when given. */
  expectedServiceType?: MokServiceType;
}

/**
 * The guide's two mandatory checks (see the module comment). Returns when the result was issued.
 * Throws {@link MokResultCheckError}: `MOK_CLIENT_TX_ID_MISMATCH`, `MOK_RESULT_EXPIRED`,
 * `MOK_ISSUE_DATE_IN_FUTURE`, `MOK_SERVICE_TYPE_MISMATCH`.
 */
export function checkMokResult(result: MokResult, expect: MokResultExpectations): { issuedAt: Date } {
  if (result.clientTxId !== expect.expectedClientTxId) {
    throw new MokResultCheckError(
      'MOK_CLIENT_TX_ID_MISMATCH',
      'mobile-ok result belongs to another transaction (clientTxId differs from the session)',
      { step: 'confirm' },
    );
  }
  if (
    expect.expectedServiceType !== undefined &&
    !acceptedResultServiceTypes(expect.expectedServiceType).includes(result.serviceType)
  ) {
    throw new MokResultCheckError('MOK_SERVICE_TYPE_MISMATCH', 'mobile-ok result is for another product', {
      step: 'confirm',
    });
  }
  const issuedAt = parseMokIssueDate(result.issueDate);
  if (issuedAt === undefined) {
    // parseMokResult already refuses these; a hand-built MokResult may not have been parsed.
    throw new MokProtocolError(
      'MOK_INVALID_RESULT',
      'mobile-ok result issueDate is not "yyyy-mm-dd hh:mm:ss.mis"',
      {
        step: 'confirm',
        fields: ['issueDate'],
      },
    );
  }
  const age = expect.now.getTime() - issuedAt.getTime();
  if (age > MOK_RESULT_MAX_AGE_MS) {
    throw new MokResultCheckError(
      'MOK_RESULT_EXPIRED',
      `mobile-ok result is older than ${MOK_RESULT_MAX_AGE_MS / 60_000} minutes`,
      { step: 'confirm', ageMs: age },
    );
  }
  if (-age > MOK_RESULT_CLOCK_SKEW_MS) {
    throw new MokResultCheckError('MOK_ISSUE_DATE_IN_FUTURE', 'mobile-ok result is dated in the future', {
      step: 'confirm',
      aheadMs: -age,
    });
  }
  return { issuedAt };
}

/**
 * Normalises a checked identity result. SMS 소유인증 (SMSAuth) proves possession of a number, not
 * identity, so it has no VerificationResult: `MOK_NOT_AN_IDENTITY_RESULT`.
 */
export function toVerificationResult(result: MokResult, issuedAt: Date): VerificationResult {
  const { ci, di, userName, userBirthday, userGender, userNation } = result;
  if (
    !IDENTITY_SERVICE_TYPES.includes(result.serviceType) ||
    ci === undefined ||
    di === undefined ||
    userName === undefined ||
    userBirthday === undefined ||
    userGender === undefined ||
    userNation === undefined
  ) {
    throw new MokResultCheckError(
      'MOK_NOT_AN_IDENTITY_RESULT',
      `mobile-ok ${result.serviceType} result does not identify a person`,
      { step: 'confirm' },
    );
  }
  const verification: VerificationResult = {
    provider: 'mobile-ok',
    serviceType: result.serviceType,
    ci,
    di,
    name: userName,
    birthday: userBirthday,
    gender: userGender === '1' ? 'male' : 'female',
    nation: userNation === '0' ? 'domestic' : 'foreign',
    phone: result.userPhone,
    verifiedAt: issuedAt.toISOString(),
    providerTxId: result.txId,
  };
  if (result.isAdult !== undefined) verification.isAdult = result.isAdult === 'Y';
  return verification;
}

export interface OpenMokResultOptions extends MokResultExpectations {
  clientPrivateKey: KeyObject;
}

/**
 * `encryptMOKResult` → decrypted, parsed, checked and normalised, in that order. Nothing of the
 * result is returned unless every step passes.
 */
export function openMokResult(
  encryptMOKResult: string,
  options: OpenMokResultOptions,
): { result: MokResult; verification: VerificationResult } {
  const result = parseMokResult(decryptMokResult(encryptMOKResult, options.clientPrivateKey));
  const { issuedAt } = checkMokResult(result, options);
  return { result, verification: toVerificationResult(result, issuedAt) };
}
