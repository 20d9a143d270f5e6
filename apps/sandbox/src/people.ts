/**
 * The sandbox's people: one registry of invented persons, whichever provider they meet. A
 * provider's personas (Kakao `personas.ts`, `providers/<name>/personas.ts`) take each person's
 * identity from here and add only what that provider adds — its own account (Kakao 회원번호, Toss
 * userKey, SSAFY member), consents, behaviour and faults. So `kim-minjun` is one person with one
 * name, birth date, phone and carrier at Kakao, Toss, mobile-ok, KCB and SSAFY Verify, and one CI:
 * CI and DI derive from the person's id (`sandbox-identity.ts`).
 *
 * A person carries the identity fields their providers report: a phone, birth date, sex and
 * nationality for everyone a phone-based provider (mobile-ok, KCB, Toss) knows, a carrier for
 * everyone a carrier-based provider (mobile-ok, KCB) knows; the people only Kakao or SSAFY Verify
 * know have a name. Every value is invented (phone numbers 010-4100-xxxx).
 *
 * Pure data: importing this module pulls in nothing else (`@mfv/sandbox/people`).
 */

/** Korean mobile carriers, with their MVNO (알뜰폰) lines, as mobile-ok names them. */
export const CARRIERS = ['SKT', 'KT', 'LGU', 'SKTMVNO', 'KTMVNO', 'LGUMVNO'] as const;
export type Carrier = (typeof CARRIERS)[number];

export interface Person {
  /** Stable slug, the persona id at every provider; tests and dev data may rely on it. */
  readonly id: string;
  /** 실명, as the carrier has it (a foreigner's as registered, e.g. "SMITH JOHN"). */
  readonly name: string;
  /** 생년월일, YYYYMMDD. */
  readonly birthDate?: string;
  readonly sex?: 'male' | 'female';
  /** 외국인 (not a Korean national). */
  readonly foreigner?: boolean;
  /** Mobile number, digits only; unique across the registry. */
  readonly phone?: string;
  readonly carrier?: Carrier;
}

/** A person a phone-based provider knows: every identity field but the carrier. */
export type PhonePerson = Person & Required<Pick<Person, 'birthDate' | 'sex' | 'foreigner' | 'phone'>>;
/** A person a carrier-based provider knows. */
export type CarrierPerson = PhonePerson & Required<Pick<Person, 'carrier'>>;

export const PEOPLE = {
  'kim-minjun': {
    id: 'kim-minjun',
    name: '김민준',
    birthDate: '19900315',
    sex: 'male',
    foreigner: false,
    phone: '01041000001',
    carrier: 'SKT',
  },
  'lee-seoyeon': {
    id: 'lee-seoyeon',
    name: '이서연',
    birthDate: '19950722',
    sex: 'female',
    foreigner: false,
    phone: '01041000002',
    carrier: 'KT',
  },
  'park-jiho': { id: 'park-jiho', name: '박지호' },
  'jung-haneul': { id: 'jung-haneul', name: '정하늘' },
  'han-doyun': { id: 'han-doyun', name: '한도윤' },
  'yoon-chaewon': { id: 'yoon-chaewon', name: '윤채원' },
  'kang-siwoo': { id: 'kang-siwoo', name: '강시우' },
  'oh-seojun': { id: 'oh-seojun', name: '오서준' },
  'song-jiwoo': {
    id: 'song-jiwoo',
    name: '송지우',
    birthDate: '19880101',
    sex: 'male',
    foreigner: false,
    phone: '01041000003',
    carrier: 'LGU',
  },
  'kwon-nara': {
    id: 'kwon-nara',
    name: '권나라',
    birthDate: '19920909',
    sex: 'female',
    foreigner: false,
    phone: '01041000004',
    carrier: 'SKT',
  },
  'bae-junho': {
    id: 'bae-junho',
    name: '배준호',
    birthDate: '19851111',
    sex: 'male',
    foreigner: false,
    phone: '01041000005',
    carrier: 'KT',
  },
  'shin-hayoung': {
    id: 'shin-hayoung',
    name: '신하영',
    birthDate: '19930303',
    sex: 'female',
    foreigner: false,
    phone: '01041000006',
    carrier: 'LGU',
  },
  'jo-eunsol': {
    id: 'jo-eunsol',
    name: '조은솔',
    birthDate: '20100505',
    sex: 'female',
    foreigner: false,
    phone: '01041000007',
    carrier: 'SKT',
  },
  'yoo-taemin': {
    id: 'yoo-taemin',
    name: '유태민',
    birthDate: '19870717',
    sex: 'male',
    foreigner: false,
    phone: '01041000008',
    carrier: 'LGUMVNO',
  },
  'moon-seah': {
    id: 'moon-seah',
    name: '문세아',
    birthDate: '19960214',
    sex: 'female',
    foreigner: false,
    phone: '01041000009',
    carrier: 'KTMVNO',
  },
  'hwang-doha': {
    id: 'hwang-doha',
    name: '황도하',
    birthDate: '19990909',
    sex: 'male',
    foreigner: false,
    phone: '01041000010',
    carrier: 'SKTMVNO',
  },
  'john-smith': {
    id: 'john-smith',
    name: 'SMITH JOHN',
    birthDate: '19800620',
    sex: 'male',
    foreigner: true,
    phone: '01041000011',
    carrier: 'SKT',
  },
  'nam-gyuri': {
    id: 'nam-gyuri',
    name: '남규리',
    birthDate: '19910101',
    sex: 'female',
    foreigner: false,
    phone: '01041000012',
    carrier: 'KT',
  },
  'go-eun': {
    id: 'go-eun',
    name: '고은',
    birthDate: '19940404',
    sex: 'female',
    foreigner: false,
    phone: '01041000013',
    carrier: 'SKT',
  },
  'seo-jian': {
    id: 'seo-jian',
    name: '서지안',
    birthDate: '19970707',
    sex: 'male',
    foreigner: false,
    phone: '01041000014',
    carrier: 'LGU',
  },
  'ha-yul': {
    id: 'ha-yul',
    name: '하율',
    birthDate: '19981212',
    sex: 'female',
    foreigner: false,
    phone: '01041000015',
    carrier: 'KT',
  },
  'cha-minseo': {
    id: 'cha-minseo',
    name: '차민서',
    birthDate: '19890808',
    sex: 'male',
    foreigner: false,
    phone: '01041000016',
    carrier: 'SKT',
  },
  'namgung-syap': {
    id: 'namgung-syap',
    name: '남궁샾',
    birthDate: '19870412',
    sex: 'male',
    foreigner: false,
    phone: '01041000101',
    carrier: 'LGU',
  },
  'wang-wei': {
    id: 'wang-wei',
    name: '왕웨이',
    birthDate: '19930228',
    sex: 'male',
    foreigner: true,
    phone: '01041000102',
    carrier: 'KTMVNO',
  },
  'jang-yerin': {
    id: 'jang-yerin',
    name: '장예린',
    birthDate: '19981111',
    sex: 'female',
    foreigner: false,
    phone: '01041000103',
    carrier: 'SKTMVNO',
  },
  'seo-dohyun': {
    id: 'seo-dohyun',
    name: '서도현',
    birthDate: '19890606',
    sex: 'male',
    foreigner: false,
    phone: '01041000104',
    carrier: 'KT',
  },
  'hwang-sua': {
    id: 'hwang-sua',
    name: '황수아',
    birthDate: '20000101',
    sex: 'female',
    foreigner: false,
    phone: '01041000105',
    carrier: 'SKT',
  },
  'ahn-jaemin': {
    id: 'ahn-jaemin',
    name: '안재민',
    birthDate: '19910919',
    sex: 'male',
    foreigner: false,
    phone: '01041000106',
    carrier: 'LGUMVNO',
  },
  'go-eunbi': {
    id: 'go-eunbi',
    name: '고은비',
    birthDate: '19970707',
    sex: 'female',
    foreigner: false,
    phone: '01041000107',
    carrier: 'LGU',
  },
  'moon-harin': {
    id: 'moon-harin',
    name: '문하린',
    birthDate: '19930303',
    sex: 'female',
    foreigner: false,
    phone: '01041000108',
    carrier: 'SKT',
  },
  'yoo-jian': {
    id: 'yoo-jian',
    name: '유지안',
    birthDate: '19890412',
    sex: 'male',
    foreigner: false,
    phone: '01041000109',
    carrier: 'KT',
  },
  'bang-seojin': {
    id: 'bang-seojin',
    name: '방서진',
    birthDate: '20000229',
    sex: 'female',
    foreigner: false,
    phone: '01041000110',
    carrier: 'LGU',
  },
  'cheon-woojin': {
    id: 'cheon-woojin',
    name: '천우진',
    birthDate: '19861120',
    sex: 'male',
    foreigner: false,
    phone: '01041000111',
    carrier: 'SKTMVNO',
  },
  'choi-yujin': { id: 'choi-yujin', name: '최유진' },
  'jeon-minho': { id: 'jeon-minho', name: '전민호' },
  'kang-daeun': { id: 'kang-daeun', name: '강다은' },
  'nam-hyunwoo': { id: 'nam-hyunwoo', name: '남현우' },
  'yang-sohee': { id: 'yang-sohee', name: '양소희' },
  'baek-seungho': { id: 'baek-seungho', name: '백승호' },
  'lim-jiseok': { id: 'lim-jiseok', name: '임지석' },
  'song-minseo': { id: 'song-minseo', name: '송민서' },
  'cha-eunwoo': { id: 'cha-eunwoo', name: '차은우' },
  'oh-jiwon': {
    id: 'oh-jiwon',
    name: '오지원',
    birthDate: '19880808',
    sex: 'female',
    foreigner: false,
    phone: '01041000201',
  },
  'tran-thi-lan': {
    id: 'tran-thi-lan',
    name: '쩐티란',
    birthDate: '19940115',
    sex: 'female',
    foreigner: true,
    phone: '01041000202',
  },
  'yoon-seojin': {
    id: 'yoon-seojin',
    name: '윤서진',
    birthDate: '19920202',
    sex: 'male',
    foreigner: false,
    phone: '01041000211',
  },
  'kwak-doha': {
    id: 'kwak-doha',
    name: '곽도하',
    birthDate: '19860606',
    sex: 'male',
    foreigner: false,
    phone: '01041000212',
  },
  'min-harin': {
    id: 'min-harin',
    name: '민하린',
    birthDate: '19990909',
    sex: 'female',
    foreigner: false,
    phone: '01041000213',
  },
  'pyo-jaehyun': {
    id: 'pyo-jaehyun',
    name: '표재현',
    birthDate: '19830303',
    sex: 'male',
    foreigner: false,
    phone: '01041000214',
  },
} as const satisfies Record<string, Person>;

export type PersonId = keyof typeof PEOPLE;

/** Every person, in registry order. */
export const PEOPLE_LIST: readonly Person[] = Object.values(PEOPLE);

export function findPerson(id: string): Person | undefined {
  return Object.hasOwn(PEOPLE, id) ? PEOPLE[id as PersonId] : undefined;
}

/** The fields every provider's persona shares: the person's id and name. */
export function personIdentity(person: Person): { readonly id: string; readonly name: string } {
  return { id: person.id, name: person.name };
}
