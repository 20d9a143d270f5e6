/**
 * The people the mobile-ok emulator knows (`@mfv/sandbox/mok-personas`). A request finds its
 * persona by phone number; the carrier then checks name, birthday, gender and nationality (and the
 * emulator the carrier itself), as a real 명의인증 does. Every value here is invented (phone numbers
 * 010-4100-00xx); CI and DI are derived from the persona id and carry an unmistakable
 * `SANDBOX+FAKE+` prefix.
 *
 * Each persona is a person of the one registry (`people.ts`): name, phone, birthday, gender,
 * nationality and carrier come from there, so `kim-minjun` (existing member) and `lee-seoyeon`
 * (new member) are the same people here as at Kakao, KCB, Toss and SSAFY Verify. This file adds
 * what is mobile-ok's own: the OTP, PASS and ARS behaviour, and faults.
 *
 * Fault specs use the grammar of `faults.ts`; the app refuses to start if one does not parse.
 * Pure data: importing this module pulls in only the people registry.
 */
import { CARRIERS, type CarrierPerson, PEOPLE } from '../../people.js';

export const MOK_PERSONA_CARRIERS = CARRIERS;
export type MokPersonaCarrier = (typeof MOK_PERSONA_CARRIERS)[number];

/** What the person does with the PASS app's push (telcoAuth + PASS). */
export type MokPassBehaviour =
  /**
   * Approves this long after auth/request (the injected clock's milliseconds). Asked before that,
   * confirm answers 6702 (인증 미진행), or with `early: '6703'` the guide's 6703 with detail 6202
   * "간편본인확인 요청 처리 완료 전 간편본인확인 결과 확인 요청".
   */
  | { readonly kind: 'approves'; readonly afterMs: number; readonly early?: '6702' | '6703' }
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
  /**
   * When set, each step's fault answers only that step's first N requests, then the step is
   * handled normally: a passing failure such as §8 4012 or 6752 ("잠시 후 다시 시도해 주세요"),
   * which a second try gets through. Unset: the fault answers every request.
   */
  readonly faultTimes?: number;
}

type MokIdentity = Pick<MokPersona, 'id' | 'name' | 'phone' | 'birthday' | 'gender' | 'nation' | 'carrier'>;

/** A person of the registry as mobile-ok's carriers know them. */
function mokIdentity(person: CarrierPerson): MokIdentity {
  return {
    id: person.id,
    name: person.name,
    phone: person.phone,
    birthday: person.birthDate,
    gender: person.sex === 'male' ? '1' : '2',
    nation: person.foreigner ? '1' : '0',
    carrier: person.carrier,
  };
}

/** An adult SKT customer who approves the PASS push after about 2 s; the existing member. */
export const MOK_PASS_ADULT = {
  ...mokIdentity(PEOPLE['kim-minjun']),
  summary: '성인 SKT 사용자 — PASS 푸시를 2초 뒤 승인합니다',
  otp: '123456',
  pass: { kind: 'approves', afterMs: 2000 },
} as const satisfies MokPersona;

/** A KT customer for SMS 본인확인 (telcoAuth + SMS); the new member of the Kakao registry. */
export const MOK_SMS_USER = {
  ...mokIdentity(PEOPLE['lee-seoyeon']),
  summary: 'KT 문자(SMS) 인증 사용자 — 인증번호 234567',
  otp: '234567',
} as const satisfies MokPersona;

/** Gets the PASS push and never approves it. */
export const MOK_PASS_NEVER = {
  ...mokIdentity(PEOPLE['song-jiwoo']),
  summary: 'PASS 미승인 — 푸시를 받고도 승인하지 않습니다',
  otp: '345678',
  pass: { kind: 'never' },
} as const satisfies MokPersona;

/** Answers the ARS call and keys in the number. */
export const MOK_ARS_OK = {
  ...mokIdentity(PEOPLE['kwon-nara']),
  summary: 'ARS 인증 성공 — 전화를 받아 화면의 번호를 누릅니다',
  otp: '456789',
  ars: 'answers',
} as const satisfies MokPersona;

/** Answers the ARS call and hangs up (4620). */
export const MOK_ARS_HANG_UP = {
  ...mokIdentity(PEOPLE['bae-junho']),
  summary: 'ARS 통화 종료 — 전화를 받고 끊습니다 (4620)',
  otp: '567890',
  ars: 'hangs-up',
} as const satisfies MokPersona;

/** Never picks up the ARS call (4612). */
export const MOK_ARS_NO_ANSWER = {
  ...mokIdentity(PEOPLE['shin-hayoung']),
  summary: 'ARS 미수신 — 전화를 받지 않습니다 (4612)',
  otp: '678901',
  ars: 'no-answer',
} as const satisfies MokPersona;

/** Born 2010: not an adult under either law (isAdult "N" with 01016 / 01026). */
export const MOK_MINOR = {
  ...mokIdentity(PEOPLE['jo-eunsol']),
  summary: '미성년자 — 성인인증(01016/01026)에서 isAdult N',
  otp: '789012',
} as const satisfies MokPersona;

/**
 * An LG U+ MVNO (알뜰폰) customer: asked as LGU with PASS gives 6754, any other wrong carrier 4010;
 * with LGUMVNO every method works.
 */
export const MOK_CARRIER_MISMATCH = {
  ...mokIdentity(PEOPLE['yoo-taemin']),
  summary: '통신사 불일치 — LG U+ 알뜰폰 가입자 (LGU 선택 시 오류)',
  otp: '890123',
} as const satisfies MokPersona;

/** A KT MVNO customer for 휴대폰본인확인+LMS. */
export const MOK_LMS_USER = {
  ...mokIdentity(PEOPLE['moon-seah']),
  summary: 'LMS 인증 사용자 — 장문 문자로 인증번호 901234를 받습니다',
  otp: '901234',
} as const satisfies MokPersona;

/** For SMS 소유인증 (SMSAuth): proves the number only; the result has no CI, DI or birthday. */
export const MOK_SMS_AUTH_USER = {
  ...mokIdentity(PEOPLE['hwang-doha']),
  summary: 'SMS 소유인증 사용자 — 번호 소유만 확인합니다 (인증번호 135790)',
  otp: '135790',
} as const satisfies MokPersona;

/** A foreign resident (userNation "1"), name as the carrier registered it. */
export const MOK_FOREIGNER = {
  ...mokIdentity(PEOPLE['john-smith']),
  summary: '외국인 — userNation 1, 영문 이름',
  otp: '246802',
} as const satisfies MokPersona;

/** Confirm answers a result whose hash is wrong: the client's tamper check must refuse it. */
export const MOK_TAMPERED_RESULT = {
  ...mokIdentity(PEOPLE['nam-gyuri']),
  summary: '결과 변조 — 검증 결과의 해시가 틀립니다 (무결성 검사 확인용)',
  otp: '112233',
  faults: { confirm: 'tamper' },
} as const satisfies MokPersona;

/** Every step after token/get answers 2 s late. */
export const MOK_SLOW = {
  ...mokIdentity(PEOPLE['go-eun']),
  summary: '느린 응답 — 인증요청·재전송·전화·검증이 2초씩 늦습니다',
  otp: '223344',
  faults: { auth: 'delay:2000', resend: 'delay:2000', call: 'delay:2000', confirm: 'delay:2000' },
} as const satisfies MokPersona;

/** The carrier cannot be reached at auth/request (4008), whatever is retried. */
export const MOK_CARRIER_OUTAGE = {
  ...mokIdentity(PEOPLE['seo-jian']),
  summary: '통신사 장애 — 인증요청이 4008로 실패합니다',
  otp: '334455',
  faults: { auth: 'code:4008' },
} as const satisfies MokPersona;

/** confirm/request never answers: the platform's timeout must fire. */
export const MOK_CONFIRM_HANG = {
  ...mokIdentity(PEOPLE['ha-yul']),
  summary: '응답 없음 — 검증 요청이 응답하지 않습니다 (타임아웃 확인용)',
  otp: '445566',
  faults: { confirm: 'hang' },
} as const satisfies MokPersona;

/** confirm/request answers 200 with a body that is not JSON. */
export const MOK_CONFIRM_MALFORMED = {
  ...mokIdentity(PEOPLE['cha-minseo']),
  summary: '깨진 응답 — 검증 응답 본문이 올바른 JSON이 아닙니다',
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
