/** A notice as the notice remote shows it. Later served by `api`; static for now. */
export interface Notice {
  id: string;
  title: string;
  body: string;
  publishedAt: string; // ISO date
}

export const SAMPLE_NOTICES: readonly Notice[] = [
  {
    id: 'n-2026-11-20',
    title: '본인확인 서비스 점검 안내',
    body: '11월 30일 02:00~04:00 동안 휴대폰 본인확인이 잠시 중단됩니다.',
    publishedAt: '2026-11-20',
  },
  {
    id: 'n-2026-11-12',
    title: '토스 로그인이 추가되었습니다',
    body: '이제 토스 앱으로도 간편하게 로그인할 수 있습니다.',
    publishedAt: '2026-11-12',
  },
  {
    id: 'n-2026-11-01',
    title: '개인정보 처리방침 개정',
    body: '본인확인 결과 보관 항목을 최소화하도록 처리방침이 개정되었습니다.',
    publishedAt: '2026-11-01',
  },
];

/** Read state kept by id; pure so both components and tests share it. */
export type ReadState = ReadonlySet<string>;

export function markRead(state: ReadState, id: string): ReadState {
  if (state.has(id)) return state;
  const next = new Set(state);
  next.add(id);
  return next;
}

export function unreadCount(notices: readonly Notice[], state: ReadState): number {
  return notices.reduce((n, notice) => (state.has(notice.id) ? n : n + 1), 0);
}
