/**
 * The people the Toss login emulator knows (`@mfv/sandbox/toss-personas`). On the sandbox's
 * appLogin page the user picks one; login-me then returns that Toss user. Every value is invented
 * (userKeys 4100000xx, phone numbers 010-4100-02xx). CI is derived from the persona id
 * (`sandbox-identity.ts`), so a person has the same CI here as at KCB and mobile-ok.
 *
 * Each persona is a person of the one registry (`people.ts`): name, phone, birthday, gender and
 * nationality come from there, so `kim-minjun` and `lee-seoyeon` are the same people here as at
 * the other providers. This file adds what is Toss's own: the userKey, email, consents, terms and
 * faults.
 *
 * Fault specs use the grammar of `faults.ts`; the app refuses to start if one does not parse or
 * names a fault the step does not support. Pure data: importing this module pulls in only the
 * people registry.
 */
import { PEOPLE, type PhonePerson } from '../../people.js';

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

type TossIdentity = Pick<TossPersona, 'id' | 'name' | 'phone' | 'birthday' | 'gender' | 'nationality'>;

/** A person of the registry as login-me reports them. */
function tossIdentity(person: PhonePerson): TossIdentity {
  return {
    id: person.id,
    name: person.name,
    phone: person.phone,
    birthday: person.birthDate,
    gender: person.sex === 'male' ? 'MALE' : 'FEMALE',
    nationality: person.foreigner ? 'FOREIGNER' : 'LOCAL',
  };
}

const ALL: readonly TossUserScope[] = TOSS_USER_SCOPES;
const TERMS = ['terms_service', 'terms_privacy'] as const;

/** Already a member of the platform (same person as the Kakao `kim-minjun`). */
export const TOSS_EXISTING_MEMBER = {
  ...tossIdentity(PEOPLE['kim-minjun']),
  summary: '기존 회원 — 모든 정보 제공에 동의',
  userKey: 410000001,
  email: 'minjun.kim@example.com',
  consents: ALL,
  agreedTerms: [...TERMS, 'terms_marketing'],
} as const satisfies TossPersona;

/** Never used the platform; no email on the Toss account. */
export const TOSS_NEW_MEMBER = {
  ...tossIdentity(PEOPLE['lee-seoyeon']),
  summary: '신규 사용자 — 토스 계정에 이메일 없음',
  userKey: 410000002,
  consents: ALL,
  agreedTerms: TERMS,
} as const satisfies TossPersona;

/** Agrees to the name only: every other field is null. */
export const TOSS_NAME_ONLY = {
  ...tossIdentity(PEOPLE['oh-jiwon']),
  summary: '최소 동의 — 이름만 제공, 나머지 항목은 null',
  userKey: 410000003,
  email: 'jiwon.oh@example.com',
  consents: ['user_name'],
  agreedTerms: TERMS,
} as const satisfies TossPersona;

/** A foreign resident. */
export const TOSS_FOREIGNER = {
  ...tossIdentity(PEOPLE['tran-thi-lan']),
  summary: '외국인 — nationality FOREIGNER',
  userKey: 410000004,
  email: 'lan.tran@example.com',
  consents: ALL,
  agreedTerms: TERMS,
} as const satisfies TossPersona;

/** login-me answers 2 s late. */
export const TOSS_SLOW = {
  ...tossIdentity(PEOPLE['yoon-seojin']),
  summary: '느린 응답 — 사용자 정보 조회가 2초 늦습니다',
  userKey: 410000011,
  email: 'seojin.yoon@example.com',
  consents: ALL,
  agreedTerms: TERMS,
  faults: { loginMe: 'delay:2000' },
} as const satisfies TossPersona;

/** login-me answers 500. */
export const TOSS_LOGIN_ME_ERROR = {
  ...tossIdentity(PEOPLE['kwak-doha']),
  summary: '사용자 정보 오류 — login-me가 500으로 실패합니다',
  userKey: 410000012,
  consents: ALL,
  agreedTerms: TERMS,
  faults: { loginMe: 'status:500' },
} as const satisfies TossPersona;

/** login-me's fields carry a broken GCM tag: decryption must fail, not return garbage. */
export const TOSS_TAMPERED_FIELDS = {
  ...tossIdentity(PEOPLE['min-harin']),
  summary: '변조된 항목 — 암호화 항목의 GCM 태그가 맞지 않습니다',
  userKey: 410000013,
  email: 'harin.min@example.com',
  consents: ALL,
  agreedTerms: TERMS,
  faults: { loginMe: 'tamper' },
} as const satisfies TossPersona;

/** generate-token answers 200 with a body that is not JSON. */
export const TOSS_MALFORMED_TOKEN = {
  ...tossIdentity(PEOPLE['pyo-jaehyun']),
  summary: '깨진 응답 — 토큰 발급 응답이 올바른 JSON이 아닙니다',
  userKey: 410000014,
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
