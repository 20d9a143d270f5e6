/**
 * Which result code the emulator answers for which rule. One table, so every rule is decided in
 * one place and docs/sandbox.md and tests can point at it.
 *
 * The texts are the guide's §8 table itself: the rows are the one piece of *data* the sandbox shares
 * with the client (`@mfv/verification/mobile-ok/result-codes.json`), because that file is checked
 * row by row against a verbatim excerpt of §8 (packages/verification/test/mok-catalogue.test.ts).
 * How a row is picked (the step of 2910, the "기타코드" text for unlisted codes, the detail code in
 * "(상세코드)") is written here, from §8's own notes, and shares no code with the client
 * (test/sandbox-independence.test.ts keeps it so).
 *
 * Guide: mobile-ok 본인확인-API 개발 가이드 v1.0.7.1 (2025-05-28). "§8" is its error-code table; the quote
 * after each code is the row's description that made it the right one. Where the guide has no row
 * for a situation, the choice is marked "sandbox:" with the reason.
 */
import SECTION_8_ROWS from '@mfv/verification/mobile-ok/result-codes.json' with { type: 'json' };

/** The API step that answers: picks between §8's two 2910 rows (auth/request vs confirm/request). */
export type MokStep = 'token' | 'auth' | 'resend' | 'call' | 'confirm';

interface Section8Row {
  readonly code: string;
  readonly step?: string;
  readonly customerMessage: string;
}

export const MOK_CODES = {
  /** §4–§7: "2000일 경우 성공". */
  SUCCESS: '2000',

  // ---- token/get (§4) ----
  /** §8 4101 "이용기관의 토큰 요청정보가 올바르지 않습니다. 토큰 발급 시 필요한 필수값 및 설정이 맞는지 확인": missing fields, v1/v2 shape, stale request time. */
  TOKEN_REQUEST_INVALID: '4101',
  /** §8 5023 "등록된 이용기관 서비스 ID 정보를 찾을 수 없습니다. … 키파일이 올바른지 확인". */
  UNKNOWN_SERVICE_ID: '5023',
  /** §8 8006 "본인확인 서비스에 등록되지 않은 이용기관 도메인 입니다" (§2.3: "등록되지 않은 사이트입니다"). */
  UNREGISTERED_SITE_URL: '8006',
  /** §8 8101 "요청 … 복호화에 실패했습니다. 올바른 본인확인 복호화용 키가 설정되어 있는지": encryptReqClientInfo. */
  CLIENT_INFO_UNDECRYPTABLE: '8101',
  /** §8 5014 "본인확인 요청 이용기관 거래ID가 올바르지 않습니다": clientTxId format (§4: 20–40 letters or digits in the samples). */
  CLIENT_TX_ID_INVALID: '5014',
  /** §8 4007 "이미 서비스내에 이용중인 거래ID가 있습니다" (§4 sample: "기 사용한 거래ID가 있는 경우 오류 발생"); also a second auth/request. */
  CLIENT_TX_ID_IN_USE: '4007',

  // ---- the transaction token, every step ----
  /** §8 5033 "최초 토큰발급 이후 10분이 경과되어 토큰이 만료되어 발생합니다" (§4: "거래토큰 유효시간은 총 10분"). */
  TOKEN_EXPIRED: '5033',
  /**
   * §8 5015 "본인확인 요청 응답시 수신한 토큰으로 검증요청을 했는지 확인 바랍니다": a token that is not the
   * latest one of its transaction (every response replaces it), or not a token at all.
   */
  TOKEN_STALE: '5015',
  /** §8 4150 "검증완료 후 개인정보결과가 리턴되어 검증요청을 재전송할 수 없는 경우": confirm after the result was sent. */
  ALREADY_CONFIRMED: '4150',
  /** §8 4000 "검증 완료 후 … 재요청하는 경우 (결과검증 성공시 재요청 불가)": any other step after the result. */
  ALREADY_COMPLETED: '4000',
  /** §8 5101 "인증요청을 시도한 클라이언트와 검증요청을 시도한 클라이언트의 정보가 변경": siteUrl differs from token/get's. */
  CLIENT_CHANGED: '5101',

  // ---- auth/request (§5) ----
  /** §8 3001 "요청문 필수 항목 필드를 확인할 수 없습니다": a required field is missing (or has no code of its own). */
  REQUIRED_FIELD: '3001',
  /** §8 5008 "ServiceType이 올바르지 않습니다". */
  BAD_SERVICE_TYPE: '5008',
  /** §8 5007 "ReqAuthType이 올바르지 않습니다". */
  BAD_REQ_AUTH_TYPE: '5007',
  /** §8 5010 "통신사 정보가 없거나 정의되지 않은 통신사 정보가 있는 경우". */
  BAD_PROVIDER: '5010',
  /** §8 5003 "사용자 이름 정보가 올바르지 않습니다". */
  BAD_NAME: '5003',
  /** §8 5012 "사용자 휴대폰번호가 올바르지 않습니다". */
  BAD_PHONE: '5012',
  /** §8 5004 "사용자 생년월일 정보가 올바르지 않습니다". */
  BAD_BIRTHDAY: '5004',
  /** §8 5018 "ARS 인증요청 정보중 사용자 생년월일 입력형식이 맞지 않습니다". */
  BAD_ARS_BIRTHDAY: '5018',
  /** §8 5005 "사용자 성별 정보가 올바르지 않습니다". */
  BAD_GENDER: '5005',
  /** §8 6087 "요청정보 중 명의자 주민번호 입력값에서 오류": userRegistSingleNumber. */
  BAD_REGIST_NUMBER: '6087',
  /** §8 6026 "요청정보 중 Message형식 형식에서 오류": sendMsg over 80 (SMS) / 2000 (LMS) bytes. */
  BAD_MESSAGE: '6026',
  /** §8 5034 "요청한 ARS-CODE가 없거나 이용기관에 사용이 허가된 ARS코드가 아닐경우". */
  BAD_ARS_CODE: '5034',
  /** §8 5031 "암호화된 개인정보 처리시 오류": encryptMOKAuthInfo / encryptMOKVerifyInfo does not open. */
  UNDECRYPTABLE: '5031',
  /** §8 6028 "원문 무결성 검증데이터 체크에서 오류": the envelope's SHA-256 does not match. */
  INTEGRITY: '6028',
  /** §8 2910 (auth row) "휴대폰 통신사 가입자 명의인증 실패": name, phone, birthday, gender or nation do not match a subscriber. */
  IDENTITY_MISMATCH: '2910',
  /**
   * §8 4010 "요청한 … 인증요청 정보 중 통신사 정보가 올바르지 않습니다": the person exists but with another
   * carrier. sandbox: the row names PASS; it is also the answer for SMS, LMS and ARS, the guide's only
   * "wrong carrier" code (4017/5010 are for a missing or undefined carrier).
   */
  WRONG_CARRIER: '4010',
  /** §8 6754 "PASS LGU+ 알뜰폰 가입자일 경우 … 통신사를 알뜰폰으로 선택하여": LGUMVNO subscriber asked as LGU with PASS. */
  LGU_MVNO_SUBSCRIBER: '6754',
  /** §8 4012 "인증번호 SMS 를 사용자 휴대폰 전송하는데 실패": SMSAuth to a number no persona owns. */
  SMS_NOT_DELIVERED: '4012',

  // ---- auth/resend (§5.2) ----
  /** §8 4302 "인증번호 SMS 재전송 횟수인 3회를 초과". */
  RESEND_LIMIT: '4302',
  /** §8 4015 "PASS등 인증 및 검증 재발송을 허용하지 않는 서비스 진행시 재발송을 요청한 경우" (§5 sample: resend only for SMS). */
  RESEND_NOT_SUPPORTED: '4015',
  /** §8 4003 "인증번호 재발송시 … 인증요청을 하지 않았거나 인증요청 후 세션 유지시간인 7분을 초과". */
  RESEND_NO_SESSION: '4003',

  // ---- auth/call (§6) ----
  /** §8 5019 "ARS 검증요청 정보중 ARS 거래ID 정보가 없습니다": auth/call for a transaction that is not ARS or not requested. */
  NOT_ARS: '5019',
  /** §8 4501 "전화걸기 재 요청 시 처음 ARS 결과가 아직 수신되지 않아". */
  ARS_CALL_IN_PROGRESS: '4501',
  /** §8 4502 "전화연결이 정상적으로 완료된 이후, 다시 전화걸기를 시도" (§6: after the person answered, no new call). */
  ARS_ALREADY_CALLED: '4502',

  // ---- confirm/request (§7) ----
  /** §8 4018 "인증요청이 요청되지 않았거나": confirm before auth/request. */
  CONFIRM_WITHOUT_AUTH: '4018',
  /** §8 5024 "검증요청 정보가 올바르지 않거나 검증을 하지 않은 경우": SMS/LMS/SMSAuth confirm without encryptMOKVerifyInfo. */
  VERIFY_INFO_MISSING: '5024',
  /** §8 5029 "OTP 검증 시 인증번호의 형식이 올바르지 않음". */
  AUTH_NUMBER_FORMAT: '5029',
  /** §8 5011 "검증번호(SMS OTP 또는 ARS 입력정보)가 올바르지 않습니다": an authNumber sent for PASS or ARS (§7: "빈 문자열"). */
  AUTH_NUMBER_UNEXPECTED: '5011',
  /** §8 2910 (confirm row) "사용자(소유자) 인증번호 검증 실패": wrong OTP for telcoAuth SMS / LMS. */
  WRONG_OTP: '2910',
  /** §8 4013 "이용자가 입력한 SMS 점유인증 … 인증번호가 올바르지 않은 경우": wrong OTP for SMSAuth. */
  WRONG_OWNERSHIP_OTP: '4013',
  /** §8 4301 "본인확인 검증요청 제한 횟수인 3회를 초과" (§4: "인증번호 2번 재시도 가능"). */
  RETRY_LIMIT: '4301',
  /** §8 4001 "인증요청 후 세션 유지시간인 7분을 초과" (§4: "인증 요청 후 7분내에 인증처리"). */
  SESSION_EXPIRED: '4001',
  /** §8 6702 "PASS 인증 미진행시 발생" (detail 6032 "T 인증 대기중" / 6061 "간편본인확인 진행중"). */
  PASS_PENDING: '6702',
  /** §8 6703 "PASS 인증실패 사용자" (detail 6202: 결과 확인 요청 before 처리 완료). */
  PASS_NOT_DONE: '6703',
  /** §8 6706 "PASS 인증 유효시간 초과" (detail 6034 "T 인증 유효시간 초과" / 6203 "인증 TIMEOUT"). */
  PASS_TIMEOUT: '6706',
  /** §8 4500 "ARS 통화가 완료되지 않거나 ARS 응답이 수신되지 않아": confirm before the call ended. */
  ARS_RESULT_PENDING: '4500',
  /** §8 4620 "ARS 전화를 받고, 고객이 전화를 끊은 경우" (§6: "재시도 안됨, 처음부터 다시"). */
  ARS_HUNG_UP: '4620',
  /** §8 4612 "ARS 전화를 안 받은 경우" (§6: a new call may be requested). */
  ARS_NO_ANSWER: '4612',

  // ---- anything else ----
  /** §8 9998 "인증요청 정보중 필수 항목 데이터가 없는 경우": a request the sandbox could not read at all (HTTP 4xx). */
  BAD_REQUEST: '9998',
  /** §8 9999 "서비스 중 알 수 없는 오류": HTTP 5xx. */
  UNKNOWN_ERROR: '9999',
} as const;

export type MokCode = (typeof MOK_CODES)[keyof typeof MOK_CODES];

/**
 * §8's closing row "기타코드": "에러코드표에 없는 오류코드가 응답될 수 있습니다" — the customer message
 * for a code the table does not list (test/mok-section8-lookup.test.ts checks it against the guide's text).
 */
export const MOK_OTHER_CODES_MESSAGE = '원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요';

const ROWS_BY_CODE = new Map<string, Section8Row[]>();
for (const row of SECTION_8_ROWS as readonly Section8Row[]) {
  ROWS_BY_CODE.set(row.code, [...(ROWS_BY_CODE.get(row.code) ?? []), row]);
}

/**
 * The `resultMsg` for a code: the guide's customer message (고객 메시지) for the row of the step
 * that answers (2910 has one row for auth and one for confirm; any other step takes the first row).
 * Messages ending in "(상세코드)" get the detail code in its place when one is given, as the guide
 * says the provider's message does. A code the guide does not list gets the "기타코드" row's text.
 */
export function mokResultMsg(code: string, step: MokStep, detail?: string): string {
  const rows = ROWS_BY_CODE.get(code) ?? [];
  const row = rows.find((r) => r.step === step) ?? rows[0];
  const message = row?.customerMessage ?? MOK_OTHER_CODES_MESSAGE;
  return detail === undefined ? message : message.replace('(상세코드)', `(${detail})`);
}

/** Four digits: the shape of every `resultCode` (fault `code:<4 digits>`). */
export const MOK_RESULT_CODE_PATTERN = /^\d{4}$/;
