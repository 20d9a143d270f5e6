/**
 * The people the Toss login emulator knows (`@mfv/sandbox/toss-personas`). On the sandbox's
 * appLogin page the user picks one; login-me then returns that Toss user. Every value is invented
 * (userKeys 4100000xx, phone numbers 010-4100-02xx). CI is derived from the persona id
 * (`sandbox-identity.ts`), so a person has the same CI here as at KCB and mobile-ok.
 *
 * `kim-minjun` and `lee-seoyeon` are the same invented people as in the other providers' personas.
 *
 * Fault specs use the grammar of `faults.ts`; the app refuses to start if one does not parse or
 * names a fault the step does not support. Pure data: importing this module pulls in nothing.
 */

/** 사용자 권한 (console "사용자의 권한 목록"); `user_key` is always granted besides these. */
export const TOSS_USER_SCOPES = [
  'user_name',
  'user_phone',
  'user_birthday',
  'user_ci',
  'user_gender',
  'user_nationality',
  'user_email',
] as const;
export type TossUserScope = (typeof TOSS_USER_SCOPES)[number];

/** Per-step fault specs (the app's login flow has no place to set a header). */
export interface TossPersonaFaults {
  /** POST …/generate-token for this persona's authorization codes. */
  readonly generateToken?: string;
  /** GET …/login-me with this persona's access tokens (`tamper` breaks the GCM tag of each field). */
  readonly loginMe?: string;
}

export interface TossPersona {
  /** Stable slug; tests and dev data may rely on it. */
  readonly id: string;
  readonly name: string;
  /** 한 줄 설명: what this persona exercises (shown on the appLogin page). */
  readonly summary: string;
  /** Toss `userKey` (int64 in Toss's API): fixed. */
  readonly userKey: number;
  /** Digits only. */
  readonly phone: string;
  /** yyyyMMdd. */
  readonly birthday: string;
  readonly gender: 'MALE' | 'FEMALE';
  readonly nationality: 'LOCAL' | 'FOREIGNER';
  /** Absent when the Toss account has no email (login-me answers null, as Toss documents). */
  readonly email?: string;
  /** The permissions this user agrees to; login-me answers null for the others. */
  readonly consents: readonly TossUserScope[];
  /** Term tags the user agreed to (`agreedTerms`). */
  readonly agreedTerms: readonly string[];
  readonly faults?: TossPersonaFaults;
}

const ALL: readonly TossUserScope[] = TOSS_USER_SCOPES;
const TERMS = ['terms_service', 'terms_privacy'] as const;

/** Already a member of the platform (same person as the Kakao `kim-minjun`). */
export const TOSS_EXISTING_MEMBER = {
  id: 'kim-minjun',
  name: '김민준',
  summary: '기존 회원 — 모든 정보 제공에 동의',
  userKey: 410000001,
  phone: '01041000001',
  birthday: '19900315',
  gender: 'MALE',
  nationality: 'LOCAL',
  email: 'minjun.kim@example.com',
  consents: ALL,
  agreedTerms: [...TERMS, 'terms_marketing'],
} as const satisfies TossPersona;

/** Never used the platform; no email on the Toss account. */
export const TOSS_NEW_MEMBER = {
  id: 'lee-seoyeon',
  name: '이서연',
  summary: '신규 사용자 — 토스 계정에 이메일 없음',
  userKey: 410000002,
  phone: '01041000002',
  birthday: '19950722',
  gender: 'FEMALE',
  nationality: 'LOCAL',
  consents: ALL,
  agreedTerms: TERMS,
} as const satisfies TossPersona;

/** Agrees to the name only: every other field is null. */
export const TOSS_NAME_ONLY = {
  id: 'oh-jiwon',
  name: '오지원',
  summary: '최소 동의 — 이름만 제공, 나머지 항목은 null',
  userKey: 410000003,
  phone: '01041000201',
  birthday: '19880808',
  gender: 'FEMALE',
  nationality: 'LOCAL',
  email: 'jiwon.oh@example.com',
  consents: ['user_name'],
  agreedTerms: TERMS,
} as const satisfies TossPersona;

/** A foreign resident. */
export const TOSS_FOREIGNER = {
  id: 'tran-thi-lan',
  name: '쩐티란',
  summary: '외국인 — nationality FOREIGNER',
  userKey: 410000004,
  phone: '01041000202',
  birthday: '19940115',
  gender: 'FEMALE',
  nationality: 'FOREIGNER',
  email: 'lan.tran@example.com',
  consents: ALL,
  agreedTerms: TERMS,
} as const satisfies TossPersona;

/** login-me answers 2 s late. */
export const TOSS_SLOW = {
  id: 'yoon-seojin',
  name: '윤서진',
  summary: '느린 응답 — 사용자 정보 조회가 2초 늦습니다',
  userKey: 410000011,
  phone: '01041000211',
  birthday: '19920202',
  gender: 'MALE',
  nationality: 'LOCAL',
  email: 'seojin.yoon@example.com',
  consents: ALL,
  agreedTerms: TERMS,
  faults: { loginMe: 'delay:2000' },
} as const satisfies TossPersona;

/** login-me answers 500. */
export const TOSS_LOGIN_ME_ERROR = {
  id: 'kwak-doha',
  name: '곽도하',
  summary: '사용자 정보 오류 — login-me가 500으로 실패합니다',
  userKey: 410000012,
  phone: '01041000212',
  birthday: '19860606',
  gender: 'MALE',
  nationality: 'LOCAL',
  consents: ALL,
  agreedTerms: TERMS,
  faults: { loginMe: 'status:500' },
} as const satisfies TossPersona;

/** login-me's fields carry a broken GCM tag: decryption must fail, not return garbage. */
export const TOSS_TAMPERED_FIELDS = {
  id: 'min-harin',
  name: '민하린',
  summary: '변조된 항목 — 암호화 항목의 GCM 태그가 맞지 않습니다',
  userKey: 410000013,
  phone: '01041000213',
  birthday: '19990909',
  gender: 'FEMALE',
  nationality: 'LOCAL',
  email: 'harin.min@example.com',
  consents: ALL,
  agreedTerms: TERMS,
  faults: { loginMe: 'tamper' },
} as const satisfies TossPersona;

/** generate-token answers 200 with a body that is not JSON. */
export const TOSS_MALFORMED_TOKEN = {
  id: 'pyo-jaehyun',
  name: '표재현',
  summary: '깨진 응답 — 토큰 발급 응답이 올바른 JSON이 아닙니다',
  userKey: 410000014,
  phone: '01041000214',
  birthday: '19830303',
  gender: 'MALE',
  nationality: 'LOCAL',
  consents: ALL,
  agreedTerms: TERMS,
  faults: { generateToken: 'malformed' },
} as const satisfies TossPersona;

export const TOSS_PERSONAS: readonly TossPersona[] = [
  TOSS_EXISTING_MEMBER,
  TOSS_NEW_MEMBER,
  TOSS_NAME_ONLY,
  TOSS_FOREIGNER,
  TOSS_SLOW,
  TOSS_LOGIN_ME_ERROR,
  TOSS_TAMPERED_FIELDS,
  TOSS_MALFORMED_TOKEN,
];
