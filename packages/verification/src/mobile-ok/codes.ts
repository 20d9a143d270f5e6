/**
 * Code lists of the mobile-ok API, from the guide (본인확인-API 개발 가이드 v1.0.7.1).
 */

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
