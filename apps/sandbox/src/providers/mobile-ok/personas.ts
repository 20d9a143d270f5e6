/**
 * The people the mobile-ok emulator knows (`@mfv/sandbox/mok-personas`). A request finds its
 * persona by phone number; the carrier then checks name, birthday, gender and nationality (and the
 * emulator the carrier itself), as a real 명의인증 does. Every value here is invented (phone numbers
 * 010-4100-00xx); CI and DI are derived from the persona id and carry an unmistakable
 * `SANDBOX+FAKE+` prefix.
 *
 * Two personas share an id (and a name) with the Kakao registry (`@mfv/sandbox/personas`), so
 * one invented person can sign up with Kakao and verify with mobile-ok: `kim-minjun` (existing
 * member) and `lee-seoyeon` (new member).
 *
 * Fault specs use the grammar of `faults.ts`; the app refuses to start if one does not parse.
 * Pure data: importing this module pulls in nothing else.
 */

export const MOK_PERSONA_CARRIERS = ['SKT', 'KT', 'LGU', 'SKTMVNO', 'KTMVNO', 'LGUMVNO'] as const;
export type MokPersonaCarrier = (typeof MOK_PERSONA_CARRIERS)[number];

/** What the person does with the PASS app's push (telcoAuth + PASS). */
export type MokPassBehaviour =
  /** Approves this long after auth/request (the injected clock's milliseconds). */
  | { readonly kind: 'approves'; readonly afterMs: number }
  /** Never approves: confirm answers "not yet" (6702) until the 7-minute window, then 6706. */
  | { readonly kind: 'never' };

/** What happens on the ARS call (telcoAuth-ARSAuth, after auth/call). */
export type MokArsBehaviour =
  /** Answers and keys in the number shown on screen. */
  | 'answers'
  /** Answers, then hangs up (4620; the transaction cannot continue, guide §6). */
  | 'hangs-up'
  /** Never picks up (4612; a new auth/call is allowed, guide §6). */
  | 'no-answer';

/** Per-step fault specs, for flows a browser drives (no header can be set there). */
export interface MokPersonaFaults {
  readonly auth?: string;
  readonly resend?: string;
  readonly call?: string;
  readonly confirm?: string;
}

export interface MokPersona {
  /** Stable slug; tests and dev data may rely on it. */
  readonly id: string;
  /** 실명 as the carrier has it (userName must match exactly). */
  readonly name: string;
  /** 한 줄 설명: what this persona exercises. */
  readonly summary: string;
  /** userPhone, digits only. Unique across personas. */
  readonly phone: string;
  /** userBirthday, YYYYMMDD. */
  readonly birthday: string;
  /** userGender: "1" male, "2" female. */
  readonly gender: '1' | '2';
  /** userNation: "0" Korean, "1" foreigner. */
  readonly nation: '0' | '1';
  /** The carrier the number is with; another providerId is a carrier mismatch (4010). */
  readonly carrier: MokPersonaCarrier;
  /**
   * The fixed code of every message this person receives: the SMS/LMS 인증번호, the SMSAuth OTP
   * (also returned as `otpCode`) and the ARS number (`arsOtpNumber`). Six digits.
   */
  readonly otp: string;
  /** Default: approves after 2 s. */
  readonly pass?: MokPassBehaviour;
  /** Default: answers. */
  readonly ars?: MokArsBehaviour;
  readonly faults?: MokPersonaFaults;
}

/** An adult SKT customer who approves the PASS push after about 2 s; the existing member. */
export const MOK_PASS_ADULT = {
  id: 'kim-minjun',
  name: '김민준',
  summary: '성인 SKT 사용자 — PASS 푸시를 2초 뒤 승인합니다',
  phone: '01041000001',
  birthday: '19900315',
  gender: '1',
  nation: '0',
  carrier: 'SKT',
  otp: '123456',
  pass: { kind: 'approves', afterMs: 2000 },
} as const satisfies MokPersona;

/** A KT customer for SMS 본인확인 (telcoAuth + SMS); the new member of the Kakao registry. */
export const MOK_SMS_USER = {
  id: 'lee-seoyeon',
  name: '이서연',
  summary: 'KT 문자(SMS) 인증 사용자 — 인증번호 234567',
  phone: '01041000002',
  birthday: '19950722',
  gender: '2',
  nation: '0',
  carrier: 'KT',
  otp: '234567',
} as const satisfies MokPersona;

/** Gets the PASS push and never approves it. */
export const MOK_PASS_NEVER = {
  id: 'song-jiwoo',
  name: '송지우',
  summary: 'PASS 미승인 — 푸시를 받고도 승인하지 않습니다',
  phone: '01041000003',
  birthday: '19880101',
  gender: '1',
  nation: '0',
  carrier: 'LGU',
  otp: '345678',
  pass: { kind: 'never' },
} as const satisfies MokPersona;

/** Answers the ARS call and keys in the number. */
export const MOK_ARS_OK = {
  id: 'kwon-nara',
  name: '권나라',
  summary: 'ARS 인증 성공 — 전화를 받아 화면의 번호를 누릅니다',
  phone: '01041000004',
  birthday: '19920909',
  gender: '2',
  nation: '0',
  carrier: 'SKT',
  otp: '456789',
  ars: 'answers',
} as const satisfies MokPersona;

/** Answers the ARS call and hangs up (4620). */
export const MOK_ARS_HANG_UP = {
  id: 'bae-junho',
  name: '배준호',
  summary: 'ARS 통화 종료 — 전화를 받고 끊습니다 (4620)',
  phone: '01041000005',
  birthday: '19851111',
  gender: '1',
  nation: '0',
  carrier: 'KT',
  otp: '567890',
  ars: 'hangs-up',
} as const satisfies MokPersona;

/** Never picks up the ARS call (4612). */
export const MOK_ARS_NO_ANSWER = {
  id: 'shin-hayoung',
  name: '신하영',
  summary: 'ARS 미수신 — 전화를 받지 않습니다 (4612)',
  phone: '01041000006',
  birthday: '19930303',
  gender: '2',
  nation: '0',
  carrier: 'LGU',
  otp: '678901',
  ars: 'no-answer',
} as const satisfies MokPersona;

/** Born 2010: not an adult under either law (isAdult "N" with 01016 / 01026). */
export const MOK_MINOR = {
  id: 'jo-eunsol',
  name: '조은솔',
  summary: '미성년자 — 성인인증(01016/01026)에서 isAdult N',
  phone: '01041000007',
  birthday: '20100505',
  gender: '2',
  nation: '0',
  carrier: 'SKT',
  otp: '789012',
} as const satisfies MokPersona;

/**
 * An LG U+ MVNO (알뜰폰) customer: asked as LGU with PASS gives 6754, any other wrong carrier 4010;
 * with LGUMVNO every method works.
 */
export const MOK_CARRIER_MISMATCH = {
  id: 'yoo-taemin',
  name: '유태민',
  summary: '통신사 불일치 — LG U+ 알뜰폰 가입자 (LGU 선택 시 오류)',
  phone: '01041000008',
  birthday: '19870717',
  gender: '1',
  nation: '0',
  carrier: 'LGUMVNO',
  otp: '890123',
} as const satisfies MokPersona;

/** A KT MVNO customer for 휴대폰본인확인+LMS. */
export const MOK_LMS_USER = {
  id: 'moon-seah',
  name: '문세아',
  summary: 'LMS 인증 사용자 — 장문 문자로 인증번호 901234를 받습니다',
  phone: '01041000009',
  birthday: '19960214',
  gender: '2',
  nation: '0',
  carrier: 'KTMVNO',
  otp: '901234',
} as const satisfies MokPersona;

/** For SMS 소유인증 (SMSAuth): proves the number only; the result has no CI, DI or birthday. */
export const MOK_SMS_AUTH_USER = {
  id: 'hwang-doha',
  name: '황도하',
  summary: 'SMS 소유인증 사용자 — 번호 소유만 확인합니다 (인증번호 135790)',
  phone: '01041000010',
  birthday: '19990909',
  gender: '1',
  nation: '0',
  carrier: 'SKTMVNO',
  otp: '135790',
} as const satisfies MokPersona;

/** A foreign resident (userNation "1"), name as the carrier registered it. */
export const MOK_FOREIGNER = {
  id: 'john-smith',
  name: 'SMITH JOHN',
  summary: '외국인 — userNation 1, 영문 이름',
  phone: '01041000011',
  birthday: '19800620',
  gender: '1',
  nation: '1',
  carrier: 'SKT',
  otp: '246802',
} as const satisfies MokPersona;

/** Confirm answers a result whose hash is wrong: the client's tamper check must refuse it. */
export const MOK_TAMPERED_RESULT = {
  id: 'nam-gyuri',
  name: '남규리',
  summary: '결과 변조 — 검증 결과의 해시가 틀립니다 (무결성 검사 확인용)',
  phone: '01041000012',
  birthday: '19910101',
  gender: '2',
  nation: '0',
  carrier: 'KT',
  otp: '112233',
  faults: { confirm: 'tamper' },
} as const satisfies MokPersona;

/** Every step after token/get answers 2 s late. */
export const MOK_SLOW = {
  id: 'go-eun',
  name: '고은',
  summary: '느린 응답 — 인증요청·재전송·전화·검증이 2초씩 늦습니다',
  phone: '01041000013',
  birthday: '19940404',
  gender: '2',
  nation: '0',
  carrier: 'SKT',
  otp: '223344',
  faults: { auth: 'delay:2000', resend: 'delay:2000', call: 'delay:2000', confirm: 'delay:2000' },
} as const satisfies MokPersona;

/** The carrier cannot be reached at auth/request (4008), whatever is retried. */
export const MOK_CARRIER_OUTAGE = {
  id: 'seo-jian',
  name: '서지안',
  summary: '통신사 장애 — 인증요청이 4008로 실패합니다',
  phone: '01041000014',
  birthday: '19970707',
  gender: '1',
  nation: '0',
  carrier: 'LGU',
  otp: '334455',
  faults: { auth: 'code:4008' },
} as const satisfies MokPersona;

/** confirm/request never answers: the platform's timeout must fire. */
export const MOK_CONFIRM_HANG = {
  id: 'ha-yul',
  name: '하율',
  summary: '응답 없음 — 검증 요청이 응답하지 않습니다 (타임아웃 확인용)',
  phone: '01041000015',
  birthday: '19981212',
  gender: '2',
  nation: '0',
  carrier: 'KT',
  otp: '445566',
  faults: { confirm: 'hang' },
} as const satisfies MokPersona;

/** confirm/request answers 200 with a body that is not JSON. */
export const MOK_CONFIRM_MALFORMED = {
  id: 'cha-minseo',
  name: '차민서',
  summary: '깨진 응답 — 검증 응답 본문이 올바른 JSON이 아닙니다',
  phone: '01041000016',
  birthday: '19890808',
  gender: '1',
  nation: '0',
  carrier: 'SKT',
  otp: '556677',
  faults: { confirm: 'malformed' },
} as const satisfies MokPersona;

export const MOK_PERSONAS: readonly MokPersona[] = [
  MOK_PASS_ADULT,
  MOK_SMS_USER,
  MOK_PASS_NEVER,
  MOK_ARS_OK,
  MOK_ARS_HANG_UP,
  MOK_ARS_NO_ANSWER,
  MOK_MINOR,
  MOK_CARRIER_MISMATCH,
  MOK_LMS_USER,
  MOK_SMS_AUTH_USER,
  MOK_FOREIGNER,
  MOK_TAMPERED_RESULT,
  MOK_SLOW,
  MOK_CARRIER_OUTAGE,
  MOK_CONFIRM_HANG,
  MOK_CONFIRM_MALFORMED,
];

export function findMokPersona(
  id: string,
  personas: readonly MokPersona[] = MOK_PERSONAS,
): MokPersona | undefined {
  return personas.find((p) => p.id === id);
}

/** Default PASS behaviour: approve after about 2 s. */
export const MOK_DEFAULT_PASS: MokPassBehaviour = { kind: 'approves', afterMs: 2000 };
export const MOK_DEFAULT_ARS: MokArsBehaviour = 'answers';
