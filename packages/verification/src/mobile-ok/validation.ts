/**
 * Request validation for `auth/request` (MOKAuthInfo, 본인확인-API 가이드 §5.1) and `confirm/request`
 * (MOKVerifyInfo, 본인확인-API 가이드 §7), one strict zod schema per product. Unknown fields are rejected, so a
 * field the guide does not list for a product (e.g. `sendMsg` with PASS) is a caller error
 * instead of being sent and ignored.
 *
 * Interpretations of the guide, each tested:
 * - sendMsg length ("80Byte 이내" / "2000Byte 이내") is counted in UTF-8 bytes. The guide names
 *   UTF-8 as the charset of every call (§2.3, §4–§7 "Charset : utf-8") and no other encoding.
 *   For any text a Korean SMS can carry, the UTF-8 count is at least the EUC-KR/CP949 count, so a
 *   message accepted here also fits if the carrier counts in EUC-KR.
 * - userRegistSingleNumber (§5.1.1, telcoAuth + SMS only): "해당 파라미터가 사용되는 경우
 *   userGender와 userNation값은 무시됩니다". With it, userGender and userNation become optional and
 *   are replaced by the values the digit encodes, so what we send is consistent whatever the
 *   provider reads. The digit must also agree with the century of userBirthday.
 * - PASS lists userBirthday without the required mark (●) and the guide's sample code omits it:
 *   optional there, required for SMS, LMS and ARS.
 * - The adult usage codes 01016/01026 appear only in the telcoAuth + SMS tables.
 */
import { z } from 'zod';
import {
  MOK_ADULT_USAGE_CODES,
  MOK_GENDERS,
  MOK_LMS_MAX_BYTES,
  MOK_NATIONS,
  MOK_RET_TRANSFER_TYPE,
  MOK_SMS_AUTH_PROVIDER,
  MOK_SMS_MAX_BYTES,
  MOK_TELCO_PROVIDERS,
  MOK_USAGE_CODES,
  type MokGender,
  type MokNation,
} from './codes.js';
import { MokValidationError, type MokValidationIssue } from './errors.js';

/** Our own sanity bound on userName (the guide gives none; 8201 mentions a length limit). */
export const MOK_MAX_USER_NAME_LENGTH = 50;
/** Birthdays before this year are refused (and registration digits 9/0, for the 1800s, with them). */
export const MOK_MIN_BIRTH_YEAR = 1900;

/** True for `YYYYMMDD` naming a real calendar date from {@link MOK_MIN_BIRTH_YEAR} on. */
export function isRealYmd(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  if (year < MOK_MIN_BIRTH_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * What the first digit of the back half of a resident (or alien) registration number encodes:
 * 1/2 Korean born 1900–1999, 3/4 Korean born 2000–2099, 5/6 foreigner born 1900–1999, 7/8
 * foreigner born 2000–2099; odd = male, even = female.
 */
export function decodeRegistSingleNumber(digit: string): {
  gender: MokGender;
  nation: MokNation;
  century: number;
} {
  const n = Number(digit);
  if (!/^[1-8]$/.test(digit)) throw new RangeError('registration digit must be 1–8');
  return {
    gender: n % 2 === 1 ? '1' : '2',
    nation: n <= 4 ? '0' : '1',
    century: n === 1 || n === 2 || n === 5 || n === 6 ? 1900 : 2000,
  };
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS_EXCEPT_NEWLINES = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

const userName = z
  .string()
  .refine((s) => s.trim().length > 0, 'must not be empty')
  .refine((s) => !CONTROL_CHARS.test(s), 'must not contain control characters')
  .refine(
    (s) => Array.from(s).length <= MOK_MAX_USER_NAME_LENGTH,
    `must be at most ${MOK_MAX_USER_NAME_LENGTH} characters`,
  );
/** Korean mobile numbers: 010 (11 digits) and the legacy 011/016/017/018/019 (10 or 11). */
const userPhone = z
  .string()
  .regex(
    /^01[016789]\d{7,8}$/,
    'must be a mobile number of 10–11 digits starting 010, 011, 016, 017, 018 or 019',
  );
const userBirthday = z
  .string()
  .regex(/^\d{8}$/, 'must be 8 digits (YYYYMMDD)')
  .refine(isRealYmd, `must be a real date (YYYYMMDD, year ${MOK_MIN_BIRTH_YEAR} or later)`);
const userGender = z.enum(MOK_GENDERS, 'must be "1" (male) or "2" (female)');
const userNation = z.enum(MOK_NATIONS, 'must be "0" (Korean) or "1" (foreigner)');
const userRegistSingleNumber = z
  .string()
  .regex(/^[1-8]$/, 'must be one digit 1–8 (first digit of the back half of the registration number)');
const replyNumber = z.string().regex(/^\d{8,12}$/, 'must be a telephone number of 8–12 digits');
const providerId = z.enum(MOK_TELCO_PROVIDERS, `must be one of ${MOK_TELCO_PROVIDERS.join(', ')}`);
const usageCode = z.enum(MOK_USAGE_CODES, `must be one of ${MOK_USAGE_CODES.join(', ')}`);
const usageCodeWithAdult = z.enum(
  [...MOK_USAGE_CODES, ...MOK_ADULT_USAGE_CODES],
  `must be one of ${[...MOK_USAGE_CODES, ...MOK_ADULT_USAGE_CODES].join(', ')}`,
);
const extension = z.record(z.string(), z.string());
/** §5.1.3: the ARS extension field "arsRequestMsg" (ARS 점유인증 추가정보 요청 필드). */
const arsExtension = z.strictObject({ arsRequestMsg: z.string().min(1, 'must not be empty').optional() });
const arsCode = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,50}$/, 'must be the ARS code assigned by mobile-ok (e.g. ARS-COM-XXXX)');

function sendMsg(maxBytes: number) {
  return z
    .string()
    .min(1, 'must not be empty (omit it to send the message registered with mobile-ok)')
    .refine((s) => !CONTROL_CHARS_EXCEPT_NEWLINES.test(s), 'must not contain control characters')
    .refine((s) => Buffer.byteLength(s, 'utf8') <= maxBytes, `must be at most ${maxBytes} bytes (UTF-8)`);
}

/** §5.1.1 휴대폰본인확인, reqAuthType PASS. */
const passSchema = z.strictObject({
  serviceType: z.literal('telcoAuth'),
  reqAuthType: z.literal('PASS'),
  providerId,
  usageCode,
  userName,
  userPhone,
  userBirthday: userBirthday.optional(),
});

/** §5.1.1 휴대폰본인확인, reqAuthType SMS (standard and adult checks). */
const telcoSmsSchema = z
  .strictObject({
    serviceType: z.literal('telcoAuth'),
    reqAuthType: z.literal('SMS'),
    providerId,
    usageCode: usageCodeWithAdult,
    userName,
    userPhone,
    userBirthday,
    userRegistSingleNumber: userRegistSingleNumber.optional(),
    userGender: userGender.optional(),
    userNation: userNation.optional(),
    sendMsg: sendMsg(MOK_SMS_MAX_BYTES).optional(),
    replyNumber: replyNumber.optional(),
    extension: extension.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.userRegistSingleNumber === undefined) {
      for (const field of ['userGender', 'userNation'] as const) {
        if (value[field] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'is required unless userRegistSingleNumber is given',
          });
        }
      }
      return;
    }
    // zod runs this refinement even when a field failed its own check: only compare valid values.
    if (!/^[1-8]$/.test(value.userRegistSingleNumber) || !isRealYmd(value.userBirthday)) return;
    const { century } = decodeRegistSingleNumber(value.userRegistSingleNumber);
    const year = Number(value.userBirthday.slice(0, 4));
    if (year < century || year >= century + 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['userRegistSingleNumber'],
        message: 'does not match the century of userBirthday',
      });
    }
  })
  .transform((value) => {
    if (value.userRegistSingleNumber === undefined) {
      return {
        ...value,
        userGender: value.userGender as MokGender,
        userNation: value.userNation as MokNation,
      };
    }
    // §5.1.1: with userRegistSingleNumber, userGender and userNation are ignored: send the digit's.
    const decoded = decodeRegistSingleNumber(value.userRegistSingleNumber);
    return { ...value, userGender: decoded.gender, userNation: decoded.nation };
  });

/** §5.1.2 휴대폰본인확인+LMS. */
const lmsSchema = z.strictObject({
  serviceType: z.literal('telcoAuth-LMS'),
  reqAuthType: z.literal('LMS'),
  providerId,
  usageCode,
  userName,
  userPhone,
  userBirthday,
  userGender,
  userNation,
  sendMsg: sendMsg(MOK_LMS_MAX_BYTES).optional(),
  replyNumber: replyNumber.optional(),
  extension: extension.optional(),
});

/** §5.1.3 휴대폰본인확인+ARS. */
const arsSchema = z.strictObject({
  serviceType: z.literal('telcoAuth-ARSAuth'),
  reqAuthType: z.literal('ARS'),
  providerId,
  usageCode,
  arsCode,
  userName,
  userPhone,
  userBirthday,
  userGender,
  userNation,
  replyNumber: replyNumber.optional(),
  extension: arsExtension.optional(),
});

/** §5.1.4 SMS 소유인증. */
const smsAuthSchema = z.strictObject({
  serviceType: z.literal('SMSAuth'),
  providerId: z.literal(MOK_SMS_AUTH_PROVIDER, `must be "${MOK_SMS_AUTH_PROVIDER}" for SMSAuth`),
  reqAuthType: z.literal('SMS'),
  usageCode,
  userName,
  userPhone,
  sendMsg: sendMsg(MOK_SMS_MAX_BYTES).optional(),
  replyNumber: replyNumber.optional(),
  extension: extension.optional(),
});

export type MokPassAuthInfo = z.output<typeof passSchema>;
export type MokTelcoSmsAuthInfo = z.output<typeof telcoSmsSchema>;
export type MokLmsAuthInfo = z.output<typeof lmsSchema>;
export type MokArsAuthInfo = z.output<typeof arsSchema>;
export type MokSmsAuthInfo = z.output<typeof smsAuthSchema>;
/** A validated MOKAuthInfo. */
export type MokAuthInfo =
  MokPassAuthInfo | MokTelcoSmsAuthInfo | MokLmsAuthInfo | MokArsAuthInfo | MokSmsAuthInfo;
/** What callers pass in (gender/nation may be left to userRegistSingleNumber). */
export type MokAuthInfoInput =
  | z.input<typeof passSchema>
  | z.input<typeof telcoSmsSchema>
  | z.input<typeof lmsSchema>
  | z.input<typeof arsSchema>
  | z.input<typeof smsAuthSchema>;

/** The allowed (serviceType, reqAuthType) pairs of §5.1. */
const SCHEMAS: Readonly<Record<string, Readonly<Record<string, z.ZodType<MokAuthInfo>>>>> = {
  telcoAuth: { PASS: passSchema, SMS: telcoSmsSchema },
  'telcoAuth-LMS': { LMS: lmsSchema },
  'telcoAuth-ARSAuth': { ARS: arsSchema },
  SMSAuth: { SMS: smsAuthSchema },
};

function issuesOf(error: z.ZodError): MokValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Validates MOKAuthInfo for its product; throws {@link MokValidationError} naming each bad field. */
export function validateMokAuthInfo(input: unknown): MokAuthInfo {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new MokValidationError('MOK_INVALID_AUTH_INFO', [{ path: '', message: 'must be an object' }], {
      step: 'auth',
    });
  }
  const { serviceType, reqAuthType } = input as Record<string, unknown>;
  const byAuthType =
    typeof serviceType === 'string' && Object.hasOwn(SCHEMAS, serviceType) ? SCHEMAS[serviceType] : undefined;
  if (byAuthType === undefined) {
    throw new MokValidationError(
      'MOK_INVALID_AUTH_INFO',
      [{ path: 'serviceType', message: `must be one of ${Object.keys(SCHEMAS).join(', ')}` }],
      { step: 'auth' },
    );
  }
  const schema =
    typeof reqAuthType === 'string' && Object.hasOwn(byAuthType, reqAuthType)
      ? byAuthType[reqAuthType]
      : undefined;
  if (schema === undefined) {
    throw new MokValidationError(
      'MOK_INVALID_AUTH_INFO',
      [
        {
          path: 'reqAuthType',
          message: `must be one of ${Object.keys(byAuthType).join(', ')} for ${serviceType}`,
        },
      ],
      { step: 'auth' },
    );
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new MokValidationError('MOK_INVALID_AUTH_INFO', issuesOf(parsed.error), { step: 'auth' });
  return parsed.data;
}

/**
 * The MOKAuthInfo JSON object as sent (before encryption), fields in the guide's order, with
 * `retTransferType` "MOKResult" (§5.1: 개인정보 서버 수신 모드).
 */
export function mokAuthInfoPayload(info: MokAuthInfo): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    serviceType: info.serviceType,
    providerId: info.providerId,
    reqAuthType: info.reqAuthType,
    usageCode: info.usageCode,
  };
  if ('arsCode' in info) payload.arsCode = info.arsCode;
  payload.userName = info.userName;
  payload.userPhone = info.userPhone;
  if ('userBirthday' in info && info.userBirthday !== undefined) payload.userBirthday = info.userBirthday;
  if ('userRegistSingleNumber' in info && info.userRegistSingleNumber !== undefined) {
    payload.userRegistSingleNumber = info.userRegistSingleNumber;
  }
  if ('userGender' in info) payload.userGender = info.userGender;
  if ('userNation' in info) payload.userNation = info.userNation;
  if ('sendMsg' in info && info.sendMsg !== undefined) payload.sendMsg = info.sendMsg;
  if ('replyNumber' in info && info.replyNumber !== undefined) payload.replyNumber = info.replyNumber;
  payload.retTransferType = MOK_RET_TRANSFER_TYPE;
  if ('extension' in info && info.extension !== undefined) payload.extension = info.extension;
  return payload;
}

export interface MokVerifyInfoInput {
  serviceType: string;
  reqAuthType: string;
  /** The code the person typed. Leave empty for PASS and ARS. */
  authNumber?: string | undefined;
}

/**
 * Checks the `authNumber` for `confirm/request` (§7 MOKVerifyInfo) and returns the MOKVerifyInfo
 * object to encrypt, or `undefined` when none is sent:
 * - telcoAuth SMS and LMS: the 6-digit code from the message ("6자리 인증번호");
 * - SMSAuth: the code from the SMS (the guide gives no length: 4–10 digits accepted);
 * - PASS and ARS 점유인증: no code. The guide says "빈 문자열 지정" for ARS, and its sample code
 *   sends no encryptMOKVerifyInfo at all when the code is empty; so do we.
 */
export function validateMokVerifyInfo(input: MokVerifyInfoInput): { authNumber: string } | undefined {
  const fail = (message: string) =>
    new MokValidationError('MOK_INVALID_VERIFY_INFO', [{ path: 'authNumber', message }], { step: 'confirm' });
  const { serviceType, reqAuthType } = input;
  const authNumber = input.authNumber ?? '';
  const pair = `${serviceType}/${reqAuthType}`;
  switch (pair) {
    case 'telcoAuth/PASS':
    case 'telcoAuth-ARSAuth/ARS':
      if (authNumber !== '') throw fail(`must be empty for ${pair}`);
      return undefined;
    case 'telcoAuth/SMS':
    case 'telcoAuth-LMS/LMS':
      if (!/^\d{6}$/.test(authNumber)) throw fail('must be the 6-digit code from the message');
      return { authNumber };
    case 'SMSAuth/SMS':
      if (!/^\d{4,10}$/.test(authNumber)) throw fail('must be the 4–10 digit code from the message');
      return { authNumber };
    default:
      throw new MokValidationError(
        'MOK_INVALID_VERIFY_INFO',
        [{ path: 'serviceType', message: `${pair} is not a product of the guide` }],
        { step: 'confirm' },
      );
  }
}
