import type { Notice } from '@mfv/api-contract';

export type { Notice };

/** Marks one notice read in a list; the same list when nothing changes. Pure, shared by both components. */
export function applyRead(items: readonly Notice[], id: string): readonly Notice[] {
  const index = items.findIndex((n) => n.id === id);
  if (index < 0 || items[index]!.read) return items;
  return items.map((n, i) => (i === index ? { ...n, read: true } : n));
}

/** Every notice read (after 모두 읽음); the same list when all were read already. */
export function applyAllRead(items: readonly Notice[]): readonly Notice[] {
  return items.some((n) => !n.read) ? items.map((n) => (n.read ? n : { ...n, read: true })) : items;
}

/** The site-wide path of a notice's page. */
export function noticeHref(id: string): string {
  return `/notice/${encodeURIComponent(id)}`;
}

export function unreadCount(items: readonly Notice[]): number {
  return items.reduce((n, notice) => (notice.read ? n : n + 1), 0);
}

/** The day a notice was published, in Korea (the UTC date of the ISO string is a day early after 15:00 UTC). */
export { formatKstDate as formatDate } from '@mfv/ui/format';
