/**
 * The people the KCB emulator knows (`@mfv/sandbox/kcb-personas`). On KCB's page the user picks
 * one; popup-result then returns that person's 본인확인 result. Every value is invented (phone
 * numbers 010-4100-0xxx). CI and DI are derived from the persona id (`sandbox-identity.ts`), so
 * a person has the same CI here as at mobile-ok and Toss.
 *
 * Each persona is a person of the one registry (`people.ts`): name, birth date, sex, nationality,
 * phone and carrier come from there, so `kim-minjun` and `lee-seoyeon` are the same people here
 * as at Kakao, mobile-ok, Toss and SSAFY Verify: one person can sign up with Kakao and verify with
 * KCB. This file adds what is KCB's own: the carrier code and faults.
 *
 * Fault specs use the grammar of `faults.ts`; the app refuses to start if one does not parse or
 * names a fault the step does not support. Pure data: importing this module pulls in only the
 * people registry.
 */
import { type Carrier, type CarrierPerson, PEOPLE } from '../../people.js';

/**
 * 통신사 코드 (`tel_com_cd`) as public KCB integrations record them: 01 SKT, 02 KT, 03 LG U+,
 * 04 SKT 알뜰폰, 05 KT 알뜰폰, 06 LG U+ 알뜰폰.
 */
export const KCB_CARRIERS = {
  '01': 'SKT',
  '02': 'KT',
  '03': 'LG U+',
  '04': 'SKT 알뜰폰',
  '05': 'KT 알뜰폰',
  '06': 'LG U+ 알뜰폰',
} as const;
export type KcbCarrierCode = keyof typeof KCB_CARRIERS;

/**
 * How popup-result writes this persona's fields, for the shapes public KCB integrations accept
 * beyond the default (every field AES-encrypted CP949, 성별 M/F, 내외국인 L/F, metadata present).
 */
export interface KcbResultWire {
  /** Identity fields in plain text (no encryption). */
  readonly plain?: boolean;
  /** The name's bytes before encryption (default cp949). */
  readonly nameCharset?: 'cp949' | 'utf-8';
  /** 성별 and 내외국인 as the carriers' digits (1/2) instead of KCB's letters. */
  readonly digitCodes?: boolean;
  /** Leave out the optional metadata (`tel_com_cd`, `cert_dt_tm`) and the echoes. */
  readonly omitOptional?: boolean;
  /** Leave out the identity details public integrations read as optional: `brdt`, `sex`, `ntv_frnr_cd`. */
  readonly omitOptionalIdentity?: boolean;
}

/** Per-step fault specs, for the browser flow (nobody can set a header there). */
export interface KcbPersonaFaults {
  /** The confirm POST on KCB's page (the user never comes back when it fails). */
  readonly page?: string;
  /** POST /v1/id/phone/popup-result for this persona's transaction. */
  readonly result?: string;
}

export interface KcbPersona {
  /** Stable slug; tests and dev data may rely on it. */
  readonly id: string;
  /** 성명 (`nm`), as the carrier has it. */
  readonly name: string;
  /** 한 줄 설명: what this persona exercises (shown on KCB's page). */
  readonly summary: string;
  /** 생년월일 (`brdt`), YYYYMMDD. */
  readonly birthdate: string;
  /** 성별 (`sex`): "1" male, "2" female. */
  readonly sex: '1' | '2';
  /** 내외국인 구분 (`ntv_frnr_cd`): "1" Korean national, "2" foreigner. */
  readonly nationality: '1' | '2';
  /** 휴대폰 번호 (`mbphn_no`), digits only. */
  readonly phone: string;
  readonly carrier: KcbCarrierCode;
  readonly faults?: KcbPersonaFaults;
  readonly wire?: KcbResultWire;
}

/** The registry's carriers by KCB's code. */
const KCB_CARRIER_CODES: Readonly<Record<Carrier, KcbCarrierCode>> = {
  SKT: '01',
  KT: '02',
  LGU: '03',
  SKTMVNO: '04',
  KTMVNO: '05',
  LGUMVNO: '06',
};

type KcbIdentity = Pick<
  KcbPersona,
  'id' | 'name' | 'birthdate' | 'sex' | 'nationality' | 'phone' | 'carrier'
>;

/** A person of the registry as KCB reports them. */
function kcbIdentity(person: CarrierPerson): KcbIdentity {
  return {
    id: person.id,
    name: person.name,
    birthdate: person.birthDate,
    sex: person.sex === 'male' ? '1' : '2',
    nationality: person.foreigner ? '2' : '1',
    phone: person.phone,
    carrier: KCB_CARRIER_CODES[person.carrier],
  };
}

/** Already a member of the platform (same person as the Kakao and mobile-ok `kim-minjun`). */
export const KCB_EXISTING_MEMBER = {
  ...kcbIdentity(PEOPLE['kim-minjun']),
  summary: '기존 회원 — 본인확인 후 바로 로그인됩니다',
} as const satisfies KcbPersona;

/** Never used the platform (same person as the Kakao and mobile-ok `lee-seoyeon`). */
export const KCB_NEW_MEMBER = {
  ...kcbIdentity(PEOPLE['lee-seoyeon']),
  summary: '신규 사용자 — 본인확인 후 회원 가입으로 이어집니다',
} as const satisfies KcbPersona;

/**
 * A name with a syllable outside KS X 1001's 2,350 precomposed syllables ("샾"): it exists only in
 * CP949's extension (0x98DE). A client that decodes the fields as strict EUC-KR loses it.
 */
export const KCB_RARE_SYLLABLE = {
  ...kcbIdentity(PEOPLE['namgung-syap']),
  summary: '희귀 음절 이름 — 완성형(KS X 1001)에 없는 글자, CP949로만 표현됩니다',
} as const satisfies KcbPersona;

/** A foreign resident on an MVNO line. */
export const KCB_FOREIGNER = {
  ...kcbIdentity(PEOPLE['wang-wei']),
  summary: '외국인 — 내외국인 구분 2, 알뜰폰 회선',
} as const satisfies KcbPersona;

/** popup-result answers 2 s late. */
export const KCB_SLOW = {
  ...kcbIdentity(PEOPLE['jang-yerin']),
  summary: '느린 응답 — 결과 조회가 2초 늦습니다',
  faults: { result: 'delay:2000' },
} as const satisfies KcbPersona;

/** popup-result answers HTTP 200 with rsp_cd B900 (KCB system error). */
export const KCB_RESULT_ERROR = {
  ...kcbIdentity(PEOPLE['seo-dohyun']),
  summary: '결과 조회 오류 — rsp_cd B900(시스템 오류)을 돌려줍니다',
  faults: { result: 'code:B900' },
} as const satisfies KcbPersona;

/** popup-result answers 200 with a body that is not JSON. */
export const KCB_MALFORMED = {
  ...kcbIdentity(PEOPLE['hwang-sua']),
  summary: '깨진 응답 — 결과 조회 본문이 올바른 JSON이 아닙니다',
  faults: { result: 'malformed' },
} as const satisfies KcbPersona;

/** popup-result's fields are encrypted with another key than the one enc_key carries. */
export const KCB_WRONG_KEY = {
  ...kcbIdentity(PEOPLE['ahn-jaemin']),
  summary: '잘못된 키 — 결과 항목이 다른 키로 암호화되어 복호화에 실패합니다',
  faults: { result: 'tamper' },
} as const satisfies KcbPersona;

/** popup-result answers the identity fields in plain text (public integrations read either). */
export const KCB_PLAIN_RESULT = {
  ...kcbIdentity(PEOPLE['moon-harin']),
  summary: '평문 결과 — 결과 항목이 암호화되지 않은 평문으로 옵니다',
  wire: { plain: true },
} as const satisfies KcbPersona;

/** The name is UTF-8 bytes before encryption: a client that assumes CP949 reads another name. */
export const KCB_UTF8_NAME = {
  ...kcbIdentity(PEOPLE['yoo-jian']),
  summary: 'UTF-8 이름 — 이름이 CP949가 아닌 UTF-8 바이트로 암호화되어 옵니다',
  wire: { nameCharset: 'utf-8' },
} as const satisfies KcbPersona;

/** 성별 and 내외국인 as 1/2 (the carriers' digits), not M/F and L/F. */
export const KCB_DIGIT_CODES = {
  ...kcbIdentity(PEOPLE['bang-seojin']),
  summary: '숫자 코드 — 성별·내외국인 구분이 1/2 숫자로 옵니다',
  wire: { digitCodes: true },
} as const satisfies KcbPersona;

/**
 * popup-result with only what a verification cannot do without (name, phone, CI, DI): no
 * tel_com_cd, cert_dt_tm, echoed member code and sequence number, and no 생년월일, 성별 or 내외국인.
 */
export const KCB_MINIMAL_RESULT = {
  ...kcbIdentity(PEOPLE['cheon-woojin']),
  summary: '선택 항목 없음 — 이름·휴대폰번호·CI·DI만 오고 생년월일·성별·통신사 코드 등은 없습니다',
  wire: { omitOptional: true, omitOptionalIdentity: true },
} as const satisfies KcbPersona;

/** KCB's page fails (503) when the user confirms: the user never returns to the platform. */
export const KCB_PAGE_OUTAGE = {
  ...kcbIdentity(PEOPLE['go-eunbi']),
  summary: 'KCB 장애 — 확인을 누르면 KCB 화면에서 503 오류가 납니다',
  faults: { page: 'status:503' },
} as const satisfies KcbPersona;

export const KCB_PERSONAS: readonly KcbPersona[] = [
  KCB_EXISTING_MEMBER,
  KCB_NEW_MEMBER,
  KCB_RARE_SYLLABLE,
  KCB_FOREIGNER,
  KCB_SLOW,
  KCB_RESULT_ERROR,
  KCB_MALFORMED,
  KCB_WRONG_KEY,
  KCB_PAGE_OUTAGE,
  KCB_PLAIN_RESULT,
  KCB_UTF8_NAME,
  KCB_DIGIT_CODES,
  KCB_MINIMAL_RESULT,
];
