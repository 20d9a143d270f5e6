/**
 * What every app says about the site the same way: its name, page titles, the footer's links and
 * the operator's details. One place, so the shell and the remotes never drift apart.
 */
export const SITE_NAME = 'MFV';

/** What the site is, in one sentence (the home page's meta description and the footer). */
export const SITE_DESCRIPTION =
  'MFV는 카카오·토스 간편 로그인과 휴대폰·KCB·SSAFY 본인확인을 한곳에서 제공하는 서비스예요.';

/** `<title>` of a page: "로그인 | MFV"; the home page is the site name with its purpose. */
export function pageTitle(page?: string): string {
  return page ? `${page} | ${SITE_NAME}` : `${SITE_NAME} · 간편 로그인과 본인확인`;
}

/** The footer's links: pages of the shell (site-wide paths). */
export const FOOTER_LINKS = [
  { href: '/terms', label: '이용약관' },
  { href: '/privacy', label: '개인정보처리방침', strong: true },
  { href: '/support', label: '고객센터' },
] as const;

/**
 * The operator's details as the footer shows them. These are example values (marked "예시"),
 * not a real company: replace them with the operator's registered details before going live.
 */
export const BUSINESS_INFO = {
  company: '(주)엠에프브이',
  representative: '홍길동',
  registrationNumber: '000-00-00000',
  address: '서울특별시 중구 세종대로 00 (예시)',
  email: 'help@example.com',
  phone: '0000-0000',
  /** Shown next to the values above: they are placeholders. */
  exampleNote: '(예시)',
} as const;

/** One line of operator details for the footer. */
export function businessLine(): string {
  const b = BUSINESS_INFO;
  return `${b.company} · 대표 ${b.representative} · 사업자등록번호 ${b.registrationNumber} ${b.exampleNote}`;
}

/** Copy the error pages of every app share. */
export const ERROR_COPY = {
  notFoundTitle: '페이지를 찾을 수 없어요',
  notFoundBody: '주소가 바뀌었거나 없는 페이지예요. 주소를 다시 확인하거나 홈에서 찾아 주세요.',
  serverErrorTitle: '잠시 문제가 생겼어요',
  serverErrorBody: '요청을 처리하지 못했어요. 잠시 후 다시 시도해 주세요. 계속되면 고객센터로 알려 주세요.',
  home: '홈으로 가기',
  support: '고객센터',
} as const;
