/**
 * MOKAuthInfo as the provider reads it (guide §5.1.1–§5.1.4), checked field by field so each
 * mistake answers the guide's code for it (codes.ts). Unlike the client, which refuses fields a
 * product does not list, the emulator ignores them, as a JSON service would; empty strings count
 * as absent (the guide's samples send "" for fields a product does not use).
 */
import { MOK_CODES } from './codes.js';
import { MOK_PERSONA_CARRIERS, type MokPersonaCarrier } from './personas.js';

export const MOK_SERVICE_TYPES = ['telcoAuth', 'telcoAuth-LMS', 'telcoAuth-ARSAuth', 'SMSAuth'] as const;
export type MokServiceType = (typeof MOK_SERVICE_TYPES)[number];
export type MokReqAuthType = 'PASS' | 'SMS' | 'LMS' | 'ARS';

/** §5.1: the reqAuthType each product takes. */
const AUTH_TYPES: Readonly<Record<MokServiceType, readonly MokReqAuthType[]>> = {
  telcoAuth: ['PASS', 'SMS'],
  'telcoAuth-LMS': ['LMS'],
  'telcoAuth-ARSAuth': ['ARS'],
  SMSAuth: ['SMS'],
};

/** §5.1 usageCode; the guide lists no 01006. */
const USAGE_CODES = ['01001', '01002', '01003', '01004', '01005', '01007', '01999'];
/** §4, §5.1.1: adult checks, listed only for telcoAuth with reqAuthType SMS. */
export const MOK_ADULT_USAGE_CODES = ['01016', '01026'] as const;
/** §5.1.4: SMS 소유인증's providerId. */
const SMS_AUTH_PROVIDER = 'SMS';
/** §5.1.1 "80Byte 이내" (SMS, SMSAuth), §5.1.2 "2000Byte 이내" (LMS); counted in UTF-8, the stricter count. */
const SEND_MSG_MAX_BYTES: Partial<Record<MokServiceType, number>> = {
  telcoAuth: 80,
  'telcoAuth-LMS': 2000,
  SMSAuth: 80,
};
/** sandbox: no bound in the guide; §8 8201 mentions over-long names. */
const MAX_NAME_LENGTH = 50;

export interface MokAuthInfo {
  readonly serviceType: MokServiceType;
  readonly reqAuthType: MokReqAuthType;
  readonly providerId: MokPersonaCarrier | typeof SMS_AUTH_PROVIDER;
  readonly usageCode: string;
  readonly userName: string;
  readonly userPhone: string;
  readonly userBirthday?: string;
  readonly userGender?: '1' | '2';
  readonly userNation?: '0' | '1';
  readonly sendMsg?: string;
  readonly replyNumber?: string;
  readonly arsCode?: string;
  readonly extension?: Readonly<Record<string, unknown>>;
}

export type MokAuthInfoResult =
  | { readonly ok: true; readonly info: MokAuthInfo }
  | { readonly ok: false; readonly code: string; readonly field: string };

/** True for YYYYMMDD naming a real calendar date. */
export function isRealDate(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const [y, m, d] = [Number(value.slice(0, 4)), Number(value.slice(4, 6)), Number(value.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINES = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

/** Checks a decrypted MOKAuthInfo; `arsCodes` are the codes assigned to the site. */
export function checkMokAuthInfo(json: unknown, arsCodes: readonly string[]): MokAuthInfoResult {
  const fail = (code: string, field: string): MokAuthInfoResult => ({ ok: false, code, field });
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return fail(MOK_CODES.REQUIRED_FIELD, '(root)');
  const raw = json as Record<string, unknown>;
  /** undefined: absent or ""; null: present but not a string. */
  const text = (field: string): string | null | undefined => {
    const value = raw[field];
    if (value === undefined || value === null || value === '') return undefined;
    return typeof value === 'string' ? value : null;
  };

  const serviceType = text('serviceType');
  if (serviceType === undefined) return fail(MOK_CODES.REQUIRED_FIELD, 'serviceType');
  if (serviceType === null || !(MOK_SERVICE_TYPES as readonly string[]).includes(serviceType)) {
    return fail(MOK_CODES.BAD_SERVICE_TYPE, 'serviceType');
  }
  const product = serviceType as MokServiceType;
  const reqAuthType = text('reqAuthType');
  if (reqAuthType === undefined) return fail(MOK_CODES.REQUIRED_FIELD, 'reqAuthType');
  if (reqAuthType === null || !(AUTH_TYPES[product] as readonly string[]).includes(reqAuthType)) {
    return fail(MOK_CODES.BAD_REQ_AUTH_TYPE, 'reqAuthType');
  }
  const method = reqAuthType as MokReqAuthType;
  const providerId = text('providerId');
  const providerOk =
    typeof providerId === 'string' &&
    (product === 'SMSAuth'
      ? providerId === SMS_AUTH_PROVIDER
      : (MOK_PERSONA_CARRIERS as readonly string[]).includes(providerId));
  if (!providerOk) return fail(MOK_CODES.BAD_PROVIDER, 'providerId');

  const usageCode = text('usageCode');
  if (usageCode === undefined) return fail(MOK_CODES.REQUIRED_FIELD, 'usageCode');
  const adultAllowed = product === 'telcoAuth' && method === 'SMS';
  const usageOk =
    typeof usageCode === 'string' &&
    (USAGE_CODES.includes(usageCode) ||
      (adultAllowed && (MOK_ADULT_USAGE_CODES as readonly string[]).includes(usageCode)));
  if (!usageOk) return fail(MOK_CODES.REQUIRED_FIELD, 'usageCode');
  // §5.1: "retTransferType … 개인정보 서버 수신 모드 : MOKResult" (●, the only mode of the API).
  if (text('retTransferType') !== 'MOKResult') return fail(MOK_CODES.REQUIRED_FIELD, 'retTransferType');

  const userName = text('userName');
  if (userName === undefined) return fail(MOK_CODES.REQUIRED_FIELD, 'userName');
  if (
    userName === null ||
    userName.trim() === '' ||
    CONTROL.test(userName) ||
    Array.from(userName).length > MAX_NAME_LENGTH
  ) {
    return fail(MOK_CODES.BAD_NAME, 'userName');
  }
  const userPhone = text('userPhone');
  if (userPhone === undefined) return fail(MOK_CODES.REQUIRED_FIELD, 'userPhone');
  if (userPhone === null || !/^01[016789]\d{7,8}$/.test(userPhone))
    return fail(MOK_CODES.BAD_PHONE, 'userPhone');

  const info: {
    -readonly [K in keyof MokAuthInfo]: MokAuthInfo[K];
  } = {
    serviceType: product,
    reqAuthType: method,
    providerId: providerId as MokAuthInfo['providerId'],
    usageCode,
    userName,
    userPhone,
  };

  const isTelco = product !== 'SMSAuth';
  if (isTelco) {
    // §5.1.1: PASS lists userBirthday without ●; SMS, LMS and ARS require it.
    const birthday = text('userBirthday');
    const birthdayCode =
      product === 'telcoAuth-ARSAuth' ? MOK_CODES.BAD_ARS_BIRTHDAY : MOK_CODES.BAD_BIRTHDAY;
    if (birthday === undefined) {
      if (method !== 'PASS') return fail(MOK_CODES.REQUIRED_FIELD, 'userBirthday');
    } else if (birthday === null || !isRealDate(birthday)) {
      return fail(birthdayCode, 'userBirthday');
    } else {
      info.userBirthday = birthday;
    }
  }

  if (isTelco && method !== 'PASS') {
    // §5.1.1 (telcoAuth SMS only): "userRegistSingleNumber … 해당 파라미터가 사용되는 경우 userGender와
    // userNation값은 무시됩니다" — 1/2 Korean 1900s, 3/4 Korean 2000s, 5/6 foreigner 1900s, 7/8
    // foreigner 2000s; odd male, even female.
    const regist = product === 'telcoAuth' ? text('userRegistSingleNumber') : undefined;
    if (regist !== undefined) {
      if (regist === null || !/^[1-8]$/.test(regist))
        return fail(MOK_CODES.BAD_REGIST_NUMBER, 'userRegistSingleNumber');
      const n = Number(regist);
      const century = n === 1 || n === 2 || n === 5 || n === 6 ? 1900 : 2000;
      const year = Number((info.userBirthday ?? '').slice(0, 4));
      if (year < century || year >= century + 100)
        return fail(MOK_CODES.BAD_REGIST_NUMBER, 'userRegistSingleNumber');
      info.userGender = n % 2 === 1 ? '1' : '2';
      info.userNation = n <= 4 ? '0' : '1';
    } else {
      const gender = text('userGender');
      if (gender === undefined) return fail(MOK_CODES.REQUIRED_FIELD, 'userGender');
      if (gender !== '1' && gender !== '2') return fail(MOK_CODES.BAD_GENDER, 'userGender');
      const nation = text('userNation');
      if (nation === undefined) return fail(MOK_CODES.REQUIRED_FIELD, 'userNation');
      if (nation !== '0' && nation !== '1') return fail(MOK_CODES.REQUIRED_FIELD, 'userNation');
      info.userGender = gender;
      info.userNation = nation;
    }
  }

  const maxBytes = method === 'PASS' || method === 'ARS' ? undefined : SEND_MSG_MAX_BYTES[product];
  if (maxBytes !== undefined) {
    const sendMsg = text('sendMsg');
    if (sendMsg === null) return fail(MOK_CODES.BAD_MESSAGE, 'sendMsg');
    if (sendMsg !== undefined) {
      if (CONTROL_BUT_NEWLINES.test(sendMsg) || Buffer.byteLength(sendMsg, 'utf8') > maxBytes) {
        return fail(MOK_CODES.BAD_MESSAGE, 'sendMsg');
      }
      info.sendMsg = sendMsg;
    }
  }
  if (method !== 'PASS') {
    const replyNumber = text('replyNumber');
    if (replyNumber !== undefined) {
      if (replyNumber === null || !/^\d{8,12}$/.test(replyNumber))
        return fail(MOK_CODES.REQUIRED_FIELD, 'replyNumber');
      info.replyNumber = replyNumber;
    }
  }
  if (product === 'telcoAuth-ARSAuth') {
    const arsCode = text('arsCode');
    if (typeof arsCode !== 'string' || !arsCodes.includes(arsCode))
      return fail(MOK_CODES.BAD_ARS_CODE, 'arsCode');
    info.arsCode = arsCode;
  }
  const extension = raw.extension;
  if (extension !== undefined && extension !== null && extension !== '') {
    if (typeof extension !== 'object' || Array.isArray(extension))
      return fail(MOK_CODES.REQUIRED_FIELD, 'extension');
    info.extension = extension as Record<string, unknown>;
  }
  return { ok: true, info };
}
