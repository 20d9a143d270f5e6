/**
 * The people the SSAFY Verify emulator knows (`@mfv/sandbox/ssafy-personas`). On the verification
 * page the user picks one; the verification_token then describes that SSAFY member. Every value is
 * invented.
 *
 * Each persona is a person of the one registry (`people.ts`, id and name), so `kim-minjun` and
 * `lee-seoyeon` are the same people as at Kakao, mobile-ok, KCB and Toss: one person can sign up
 * with Kakao and prove SSAFY membership here. This file adds what is SSAFY's own: the membership
 * (member id, cohort, campus, Mattermost id, profile image) and faults.
 *
 * Fault specs use the grammar of `faults.ts`; the app refuses to start if one does not parse or
 * names a fault the step does not support. The token step supports the defects `wrong-iss`,
 * `expired`, `missing-claim.<claim>` and `tamper` (bad signature), besides delay, status,
 * malformed, drop (network error) and hang. Pure data: importing this module pulls in only the
 * people registry.
 */
import { PEOPLE, personIdentity } from '../../people.js';

/** Per-step fault specs, for the browser flow (nobody can set a header there). */
export interface SsafyPersonaFaults {
  /** The verification page's decision POST (e.g. `defect:wrong-iss` puts a wrong `iss` in the callback). */
  readonly callback?: string;
  /** POST /verify/token for this persona's codes. */
  readonly token?: string;
}

export interface SsafyPersona {
  /** Stable slug; tests and dev data may rely on it. */
  readonly id: string;
  /** 이름 (claim `name`, scope ssafy.name). */
  readonly name: string;
  /** 한 줄 설명: what this persona exercises (shown on the verification page). */
  readonly summary: string;
  /**
   * SSAFY's own member id, never sent: `sub` is pairwise, derived from it and the client id.
   * Absent for someone who is not an SSAFY member (verification fails on the page).
   */
  readonly memberId?: string;
  /** 기수 (claim `cohort`, scope ssafy.affiliation), e.g. "13". */
  readonly cohort: string;
  /** 캠퍼스 (claim `campus`, scope ssafy.affiliation). */
  readonly campus: string;
  /** Mattermost user id (claim `mattermost_id`, scope ssafy.mattermost_id): 26 lower-case letters/digits. */
  readonly mattermostId: string;
  /** False when the member has no profile image (claim `picture` is then null). */
  readonly hasProfileImage: boolean;
  readonly faults?: SsafyPersonaFaults;
}

/** Already a member of the platform (same person as the Kakao `kim-minjun`). */
export const SSAFY_EXISTING_MEMBER = {
  ...personIdentity(PEOPLE['kim-minjun']),
  summary: '13기 서울 — 플랫폼 기존 회원',
  memberId: 'ssafy-m-130001',
  cohort: '13',
  campus: '서울',
  mattermostId: 'k1m1nj00n0000000000000000a',
  hasProfileImage: true,
} as const satisfies SsafyPersona;

/** Never used the platform (same person as the Kakao `lee-seoyeon`). */
export const SSAFY_NEW_MEMBER = {
  ...personIdentity(PEOPLE['lee-seoyeon']),
  summary: '14기 대전 — 처음 방문하는 교육생',
  memberId: 'ssafy-m-140002',
  cohort: '14',
  campus: '대전',
  mattermostId: 'l2es2oy2on0000000000000000',
  hasProfileImage: true,
} as const satisfies SsafyPersona;

/** A member without a profile image. */
export const SSAFY_NO_IMAGE = {
  ...personIdentity(PEOPLE['choi-yujin']),
  summary: '15기 구미 — 프로필 이미지 없음',
  memberId: 'ssafy-m-150003',
  cohort: '15',
  campus: '구미',
  mattermostId: 'ch01yuj1n00000000000000000',
  hasProfileImage: false,
} as const satisfies SsafyPersona;

/** Not an SSAFY member: the page answers access_denied / VERIFY_MEMBER_NOT_FOUND. */
export const SSAFY_NOT_A_MEMBER = {
  ...personIdentity(PEOPLE['jeon-minho']),
  summary: 'SSAFY 구성원 아님 — 인증이 실패합니다',
  cohort: '',
  campus: '',
  mattermostId: 'je0nm1nh0000000000000000zz',
  hasProfileImage: false,
} as const satisfies SsafyPersona;

/** The token's `iss` is another issuer (signature valid): the client must reject it. */
export const SSAFY_TOKEN_WRONG_ISSUER = {
  ...personIdentity(PEOPLE['kang-daeun']),
  summary: '잘못된 발급자 — 토큰의 iss가 다른 서버입니다',
  memberId: 'ssafy-m-140011',
  cohort: '14',
  campus: '광주',
  mattermostId: 'kangdaeun00000000000000011',
  hasProfileImage: true,
  faults: { token: 'defect:wrong-iss' },
} as const satisfies SsafyPersona;

/** The token expired five minutes before it was issued (signature valid). */
export const SSAFY_TOKEN_EXPIRED = {
  ...personIdentity(PEOPLE['nam-hyunwoo']),
  summary: '만료된 토큰 — exp가 이미 지났습니다',
  memberId: 'ssafy-m-140012',
  cohort: '14',
  campus: '부울경',
  mattermostId: 'namhyunwoo0000000000000012',
  hasProfileImage: true,
  faults: { token: 'defect:expired' },
} as const satisfies SsafyPersona;

/** The token's signature does not verify against the JWKS. */
export const SSAFY_TOKEN_BAD_SIGNATURE = {
  ...personIdentity(PEOPLE['yang-sohee']),
  summary: '잘못된 서명 — 서명이 JWKS로 검증되지 않습니다',
  memberId: 'ssafy-m-140013',
  cohort: '14',
  campus: '서울',
  mattermostId: 'yangsohee00000000000000013',
  hasProfileImage: false,
  faults: { token: 'tamper' },
} as const satisfies SsafyPersona;

/** The token lacks `auth_time` (signature valid). */
export const SSAFY_TOKEN_MISSING_CLAIM = {
  ...personIdentity(PEOPLE['baek-seungho']),
  summary: '클레임 누락 — auth_time이 없습니다',
  memberId: 'ssafy-m-140014',
  cohort: '14',
  campus: '대전',
  mattermostId: 'baekseungho000000000000014',
  hasProfileImage: true,
  faults: { token: 'defect:missing-claim.auth_time' },
} as const satisfies SsafyPersona;

/** The token request's connection is destroyed without an answer. */
export const SSAFY_TOKEN_NETWORK_ERROR = {
  ...personIdentity(PEOPLE['lim-jiseok']),
  summary: '네트워크 오류 — 토큰 교환 연결이 끊깁니다',
  memberId: 'ssafy-m-140015',
  cohort: '14',
  campus: '구미',
  mattermostId: 'limjiseok00000000000000015',
  hasProfileImage: true,
  faults: { token: 'drop' },
} as const satisfies SsafyPersona;

/** The token exchange answers 2 s late. */
export const SSAFY_TOKEN_SLOW = {
  ...personIdentity(PEOPLE['song-minseo']),
  summary: '느린 응답 — 토큰 교환이 2초 늦습니다',
  memberId: 'ssafy-m-140016',
  cohort: '14',
  campus: '광주',
  mattermostId: 'songminseo0000000000000016',
  hasProfileImage: true,
  faults: { token: 'delay:2000' },
} as const satisfies SsafyPersona;

/** The callback's `iss` parameter names another issuer (the SDK still delivers it). */
export const SSAFY_CALLBACK_WRONG_ISSUER = {
  ...personIdentity(PEOPLE['cha-eunwoo']),
  summary: '콜백 발급자 불일치 — 콜백의 iss가 다른 서버입니다',
  memberId: 'ssafy-m-140017',
  cohort: '14',
  campus: '서울',
  mattermostId: 'chaeunwoo00000000000000017',
  hasProfileImage: true,
  faults: { callback: 'defect:wrong-iss' },
} as const satisfies SsafyPersona;

/**
 * The code comes from a verification completed 90 s before this request (callback
 * `defect:earlier-verification`): a code of an earlier transaction replayed under a later one.
 * The issuer still exchanges it; the platform must refuse it (docs/security.md F10).
 */
export const SSAFY_CODE_FROM_EARLIER_VERIFICATION = {
  ...personIdentity(PEOPLE['han-doyun']),
  summary: '이전 인증의 코드 — 90초 전에 끝난 인증의 코드가 돌아옵니다',
  memberId: 'ssafy-m-140018',
  cohort: '14',
  campus: '서울',
  mattermostId: 'handoyun000000000000000018',
  hasProfileImage: true,
  faults: { callback: 'defect:earlier-verification' },
} as const satisfies SsafyPersona;

export const SSAFY_PERSONAS: readonly SsafyPersona[] = [
  SSAFY_EXISTING_MEMBER,
  SSAFY_NEW_MEMBER,
  SSAFY_NO_IMAGE,
  SSAFY_NOT_A_MEMBER,
  SSAFY_TOKEN_WRONG_ISSUER,
  SSAFY_TOKEN_EXPIRED,
  SSAFY_TOKEN_BAD_SIGNATURE,
  SSAFY_TOKEN_MISSING_CLAIM,
  SSAFY_TOKEN_NETWORK_ERROR,
  SSAFY_TOKEN_SLOW,
  SSAFY_CALLBACK_WRONG_ISSUER,
  SSAFY_CODE_FROM_EARLIER_VERIFICATION,
];
