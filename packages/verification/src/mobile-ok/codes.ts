/**
 * Every code of the mobile-ok 본인확인-API (본인확인-API 개발 가이드 v1.0.7.1) in one module: the
 * request code lists (§4–§7) and the result-code catalogue (§8 "본인확인-API 오류코드").
 *
 * Plain data with no crypto or I/O, so the sandbox may import it to answer with the same codes.
 *
 * The §8 catalogue is data, `result-codes.json`: every row of the guide's table, with the
 * description and the customer message verbatim (typos included: they are what the provider's
 * own screens say). test/mok-catalogue.test.ts checks it against the guide's text. Guide facts:
 * - §8 has two tables. Rows of the first carry ● in the column "운영시 주요 에러코드" (the codes
 *   seen most in production); `frequent` records it.
 * - 2910 appears twice: "가입자 명의인증 실패" (the carrier rejected name/birthday/phone at
 *   `auth/request`) and "인증번호 검증 실패" (the OTP was wrong at `confirm/request`). `step` tells
 *   them apart and {@link lookupMokResultCode} picks by the step that returned the code.
 * - Messages ending in "(상세코드)" (4003, 6701–6707) are followed by a detail code from the
 *   description's "상세코드" list in the provider's own `resultMsg`.
 * - The last row, "기타코드", is not a code: it says codes outside the table can occur, and gives
 *   the text used for them ({@link MOK_OTHER_CODES_ROW}).
 * - Codes named only as detail codes inside a description (4002, 4004, 6030, …) are not result
 *   codes of their own and are not rows here.
 */
import RESULT_CODE_ROWS from './result-codes.json' with { type: 'json' };

/** §4 서비스 코드표, §5.1.1–§5.1.4: the products. */
export const MOK_SERVICE_TYPES = ['telcoAuth', 'telcoAuth-LMS', 'telcoAuth-ARSAuth', 'SMSAuth'] as const;
export type MokServiceType = (typeof MOK_SERVICE_TYPES)[number];

/** §5.1.1–§5.1.3 providerId: the carriers and their MVNO groups. */
export const MOK_TELCO_PROVIDERS = ['SKT', 'KT', 'LGU', 'SKTMVNO', 'KTMVNO', 'LGUMVNO'] as const;
export type MokTelcoProvider = (typeof MOK_TELCO_PROVIDERS)[number];

/** §5.1.4 SMS 소유인증: providerId "SMS" ("소유인증 서비스 -“SMS”"). */
export const MOK_SMS_AUTH_PROVIDER = 'SMS';

/**
 * §7 MOKResult providerId: a carrier, or "ARS" / "SMS" ("ARS 인증: “ARS”", "SMS 소유인증: “SMS”").
 */
export const MOK_RESULT_PROVIDERS = [...MOK_TELCO_PROVIDERS, 'ARS', MOK_SMS_AUTH_PROVIDER] as const;
export type MokResultProvider = (typeof MOK_RESULT_PROVIDERS)[number];

/** §5.1 reqAuthType per product: PASS/SMS (telcoAuth), LMS, ARS, SMS (SMSAuth). */
export const MOK_REQ_AUTH_TYPES = ['PASS', 'SMS', 'LMS', 'ARS'] as const;
export type MokReqAuthType = (typeof MOK_REQ_AUTH_TYPES)[number];

/**
 * §4/§5.1 usageCode lists. The guide lists 01001–01005, 01007 and 01999; it does not list 01006,
 * so neither do we.
 */
export const MOK_USAGE_CODES = ['01001', '01002', '01003', '01004', '01005', '01007', '01999'] as const;
export type MokUsageCode = (typeof MOK_USAGE_CODES)[number];

/**
 * §4/§5.1.1 adult checks, listed only for telcoAuth with reqAuthType "SMS": 01016 (민법, civil
 * law) and 01026 (청소년보호법, youth protection law). The result then carries `isAdult` (§7:
 * "SMS 성인인증 요청 경우 isAdult 로 응답 값 존재").
 */
export const MOK_ADULT_USAGE_CODES = ['01016', '01026'] as const;
export type MokAdultUsageCode = (typeof MOK_ADULT_USAGE_CODES)[number];

/** §5.1 retTransferType: "개인정보 서버 수신 모드 : MOKResult", the only mode the API guide documents. */
export const MOK_RET_TRANSFER_TYPE = 'MOKResult';

/** §5.1.1/§5.1.4 sendMsg "80Byte 이내" (SMS); §5.1.2 "2000Byte 이내" (LMS). Counted in UTF-8, see validation.ts. */
export const MOK_SMS_MAX_BYTES = 80;
export const MOK_LMS_MAX_BYTES = 2000;

/** userGender "1" 남자 / "2" 여자; userNation "0" 내국인 / "1" 외국인 (§5.1, §7). */
export const MOK_GENDERS = ['1', '2'] as const;
export type MokGender = (typeof MOK_GENDERS)[number];
export const MOK_NATIONS = ['0', '1'] as const;
export type MokNation = (typeof MOK_NATIONS)[number];

// §8 result codes

/** The API step that returned a result code. */
export type MokStep = 'token' | 'auth' | 'resend' | 'call' | 'confirm';

export interface MokResultCodeEntry {
  /** Four digits, as the API sends it in `resultCode`. */
  readonly code: string;
  /** The guide's description (설명), meant for operators and logs. */
  readonly description: string;
  /** The guide's message for the customer (고객 메시지), verbatim. */
  readonly customerMessage: string;
  /** Marked ● "운영시 주요 에러코드" in the guide. */
  readonly frequent: boolean;
  /** Only for codes the guide lists twice: the step this row belongs to. */
  readonly step?: MokStep;
  /** False only for the generic entry returned for a code the guide does not list. */
  readonly known: boolean;
}

/** The success code: "2000일 경우 성공" (본인확인-API 가이드 §4–§7, every response table). */
export const MOK_SUCCESS_CODE = '2000';

type Row = Omit<MokResultCodeEntry, 'known'>;

const ROWS: readonly Row[] = RESULT_CODE_ROWS as readonly Row[];

/** Every row of §8 in the guide's order (2910 twice). */
export const MOK_RESULT_CODE_TABLE: readonly MokResultCodeEntry[] = Object.freeze(
  ROWS.map((row) => Object.freeze({ ...row, known: true })),
);

/**
 * Rows with a code in 본인확인-API 가이드 §8 tables, and distinct codes among them (2910 is listed
 * twice). The closing "기타코드" row is {@link MOK_OTHER_CODES_ROW}.
 */
export const MOK_RESULT_CODE_ROW_COUNT = 149;
export const MOK_RESULT_CODE_COUNT = 148;

/** Every distinct code the guide lists, in the guide's order. */
export const MOK_RESULT_CODES: readonly string[] = Object.freeze([
  ...new Set(MOK_RESULT_CODE_TABLE.map((entry) => entry.code)),
]);

const BY_CODE = new Map<string, MokResultCodeEntry[]>();
for (const entry of MOK_RESULT_CODE_TABLE) {
  const list = BY_CODE.get(entry.code) ?? [];
  list.push(entry);
  BY_CODE.set(entry.code, list);
}

/**
 * The table's last row, "기타코드" (other codes): "에러코드표에 없는 오류코드가 응답될 수 있습니다".
 * Any code not in the table is described with this row.
 */
export const MOK_OTHER_CODES_ROW = Object.freeze({
  label: '기타코드',
  description:
    '서비스 모듈에서 일반적이지 않은 오류가 발생했거나 통신사 응답값에 일반적이지 않은 오류가 발생한 경우 에러코드표에 없는 오류코드가 응답될 수 있습니다. 본인확인 담당자에게 문의하시기 바랍니다.',
  customerMessage: '원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요',
});

/**
 * The catalogue entry for a result code. With the step that returned it, a code the guide lists
 * twice (2910) resolves to that step's row; without, to the first row. A code the guide does
 * not list gets the "기타코드" row's text, with `known: false`.
 */
export function lookupMokResultCode(code: string, step?: MokStep): MokResultCodeEntry {
  const entries = BY_CODE.get(code);
  if (entries === undefined || entries.length === 0) {
    return Object.freeze({
      code,
      description: MOK_OTHER_CODES_ROW.description,
      customerMessage: MOK_OTHER_CODES_ROW.customerMessage,
      frequent: false,
      known: false,
    });
  }
  const first = entries[0] as MokResultCodeEntry;
  if (step === undefined) return first;
  return entries.find((entry) => entry.step === step) ?? first;
}

export function isKnownMokResultCode(code: string): boolean {
  return BY_CODE.has(code);
}
