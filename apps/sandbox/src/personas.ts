/**
 * The Kakao personas (`@mfv/sandbox/personas`): who can log in on the sandbox's Kakao consent
 * page. Each is a person of the one registry (`people.ts`, re-exported here), so a persona can log
 * in with Kakao today and pass mobile-ok, KCB or SSAFY verification later as the same person; this
 * file adds what is Kakao's own — the account (회원번호, nickname, email and its consent, profile
 * picture) and faults. The other providers' personas are `providers/<name>/personas.ts`. Ids
 * (`id`, and each provider's own user id) are stable: other packages' tests may rely on them
 * (`import { EXISTING_MEMBER } from '@mfv/sandbox/personas'`).
 *
 * Fault specs use the grammar in `faults.ts`; the app refuses to start if one does not parse.
 */
import { PEOPLE, personIdentity } from './people.js';

export { PEOPLE, PEOPLE_LIST, findPerson, type Person, type PersonId } from './people.js';

/** Which step of the Kakao flow a persona's fault hits. */
export interface KakaoPersonaFaults {
  /** The browser's consent POST (the page the user sees at Kakao). */
  readonly consent?: string;
  /** POST /oauth/token for this persona's codes and refresh tokens. */
  readonly token?: string;
  /** GET/POST /v2/user/me with this persona's access tokens. */
  readonly userMe?: string;
}

export interface KakaoPersona {
  /** Kakao 회원번호 (`id` in /v2/user/me): fixed. */
  readonly id: number;
  readonly nickname: string;
  /** The Kakao account's email; absent when the account has none. */
  readonly email?: string;
  readonly emailVerified: boolean;
  /** Whether this user agrees to share the email (동의항목 account_email) on the consent screen. */
  readonly emailConsent: boolean;
  /** True when the user never set a profile picture (Kakao's `is_default_image`). */
  readonly isDefaultImage: boolean;
  /**
   * When the user first connected to the app (`connected_at`, ISO 8601 UTC). Absent: the moment
   * of the first consent in this sandbox process, like a user who has never used the app.
   */
  readonly connectedAt?: string;
  /**
   * The account's 연계정보 (CI): present when the person went through 본인인증 at Kakao
   * (`authenticatedAt`, Kakao's `ci_authenticated_at`), absent otherwise — many Kakao accounts
   * have none. The value is the person's one CI (`sandbox-identity.ts`), the same at Toss,
   * mobile-ok and KCB. `consent`: whether they agree to share it with an app granted the CI item.
   */
  readonly ci?: { readonly authenticatedAt: string; readonly consent: boolean };
  readonly faults?: KakaoPersonaFaults;
}

export interface Persona {
  /** Stable slug, used in forms and URLs. */
  readonly id: string;
  /** 실명 (legal name). */
  readonly name: string;
  /** 한 줄 설명: what this persona is for; shown on the sandbox's pages. */
  readonly summary: string;
  readonly kakao?: KakaoPersona;
}

/** A member the platform already knows (seed it in the platform's dev data with kakao.id). */
export const EXISTING_MEMBER = {
  ...personIdentity(PEOPLE['kim-minjun']),
  summary: '기존 회원 — 이미 가입한 사용자, 바로 로그인됩니다',
  kakao: {
    id: 4100000001,
    nickname: '민준',
    email: 'minjun.kim@example.com',
    emailVerified: true,
    emailConsent: true,
    isDefaultImage: false,
    connectedAt: '2024-03-01T00:00:00Z',
  },
} as const satisfies Persona;

/** A person who has never used the platform: login must lead to signup. */
export const NEW_MEMBER = {
  ...personIdentity(PEOPLE['lee-seoyeon']),
  summary: '신규 사용자 — 처음 방문, 회원 가입으로 이어집니다',
  kakao: {
    id: 4100000002,
    nickname: '서연',
    email: 'seoyeon.lee@example.com',
    emailVerified: true,
    emailConsent: true,
    isDefaultImage: true,
  },
} as const satisfies Persona;

/** Has an email on the Kakao account but declines to share it. */
export const NO_EMAIL_CONSENT = {
  ...personIdentity(PEOPLE['park-jiho']),
  summary: '이메일 제공 미동의 — 이메일 없이 프로필만 제공합니다',
  kakao: {
    id: 4100000003,
    nickname: '지호',
    email: 'jiho.park@example.com',
    emailVerified: true,
    emailConsent: false,
    isDefaultImage: false,
    connectedAt: '2025-01-15T03:30:00Z',
  },
} as const satisfies Persona;

/** Kakao answers, but slowly (2 s on the token and profile calls). */
export const KAKAO_SLOW = {
  ...personIdentity(PEOPLE['jung-haneul']),
  summary: '느린 응답 — 토큰·프로필 응답이 2초씩 늦습니다',
  kakao: {
    id: 4100000011,
    nickname: '하늘',
    email: 'haneul.jung@example.com',
    emailVerified: true,
    emailConsent: true,
    isDefaultImage: false,
    faults: { token: 'delay:2000', userMe: 'delay:2000' },
  },
} as const satisfies Persona;

/** The token exchange works; the profile call fails with 500. */
export const KAKAO_PROFILE_ERROR = {
  ...personIdentity(PEOPLE['han-doyun']),
  summary: '프로필 조회 오류 — 사용자 정보 요청이 500으로 실패합니다',
  kakao: {
    id: 4100000012,
    nickname: '도윤',
    email: 'doyun.han@example.com',
    emailVerified: true,
    emailConsent: true,
    isDefaultImage: false,
    faults: { userMe: 'status:500' },
  },
} as const satisfies Persona;

/** The token endpoint answers 200 with a body that is not JSON. */
export const KAKAO_MALFORMED_TOKEN = {
  ...personIdentity(PEOPLE['yoon-chaewon']),
  summary: '깨진 응답 — 토큰 응답 본문이 올바른 JSON이 아닙니다',
  kakao: {
    id: 4100000013,
    nickname: '채원',
    email: 'chaewon.yoon@example.com',
    emailVerified: true,
    emailConsent: true,
    isDefaultImage: false,
    faults: { token: 'malformed' },
  },
} as const satisfies Persona;

/** The profile call never answers: the platform's timeout must fire. */
export const KAKAO_PROFILE_HANG = {
  ...personIdentity(PEOPLE['kang-siwoo']),
  summary: '응답 없음 — 사용자 정보 요청이 응답하지 않습니다 (타임아웃 확인용)',
  kakao: {
    id: 4100000014,
    nickname: '시우',
    email: 'siwoo.kang@example.com',
    emailVerified: true,
    emailConsent: true,
    isDefaultImage: false,
    faults: { userMe: 'hang' },
  },
} as const satisfies Persona;

/** Kakao itself fails while the user is on its consent page: the user never comes back. */
export const KAKAO_CONSENT_OUTAGE = {
  ...personIdentity(PEOPLE['oh-seojun']),
  summary: '카카오 장애 — 동의 후 카카오 화면에서 503 오류가 납니다',
  kakao: {
    id: 4100000015,
    nickname: '서준',
    email: 'seojun.oh@example.com',
    emailVerified: true,
    emailConsent: true,
    isDefaultImage: false,
    faults: { consent: 'status:503' },
  },
} as const satisfies Persona;

/**
 * Joined with Toss (the Toss persona `tran-thi-lan`), now logs in with Kakao, which shares the CI:
 * once a member is this person, the Kakao login is offered to link to that member (Toss proves it).
 */
export const KAKAO_CI_TOSS_PERSON = {
  ...personIdentity(PEOPLE['tran-thi-lan']),
  summary: '연계정보 제공 — 토스로 가입한 사람이면 기존 계정 연결을 안내받습니다',
  kakao: {
    id: 4100000021,
    nickname: '란',
    email: 'lan.tran@example.com',
    emailVerified: true,
    emailConsent: true,
    isDefaultImage: true,
    ci: { authenticatedAt: '2023-05-02T01:00:00Z', consent: true },
  },
} as const satisfies Persona;

/**
 * The mobile-ok / KCB persona `song-jiwoo` with a Kakao account that shares the CI: when a member
 * verified as 송지우, this Kakao login is offered to link to that member (Kakao proves it).
 */
export const KAKAO_CI_VERIFIED_PERSON = {
  ...personIdentity(PEOPLE['song-jiwoo']),
  summary: '연계정보 제공 — 이 명의로 본인확인한 회원이 있으면 기존 계정 연결을 안내받습니다',
  kakao: {
    id: 4100000022,
    nickname: '지우',
    email: 'jiwoo.song@example.com',
    emailVerified: true,
    emailConsent: true,
    isDefaultImage: false,
    ci: { authenticatedAt: '2022-11-20T05:30:00Z', consent: true },
  },
} as const satisfies Persona;

/** Has a CI at Kakao but declines to share it: `ci_needs_agreement` true, no `ci`. */
export const KAKAO_CI_DECLINED = {
  ...personIdentity(PEOPLE['kwon-nara']),
  summary: '연계정보 제공 미동의 — CI 없이 로그인합니다',
  kakao: {
    id: 4100000023,
    nickname: '나라',
    email: 'nara.kwon@example.com',
    emailVerified: true,
    emailConsent: true,
    isDefaultImage: false,
    ci: { authenticatedAt: '2021-07-07T07:00:00Z', consent: false },
  },
} as const satisfies Persona;

export const PERSONAS: readonly Persona[] = [
  EXISTING_MEMBER,
  NEW_MEMBER,
  NO_EMAIL_CONSENT,
  KAKAO_CI_TOSS_PERSON,
  KAKAO_CI_VERIFIED_PERSON,
  KAKAO_CI_DECLINED,
  KAKAO_SLOW,
  KAKAO_PROFILE_ERROR,
  KAKAO_MALFORMED_TOKEN,
  KAKAO_PROFILE_HANG,
  KAKAO_CONSENT_OUTAGE,
];

export function findPersona(id: string, personas: readonly Persona[] = PERSONAS): Persona | undefined {
  return personas.find((p) => p.id === id);
}
