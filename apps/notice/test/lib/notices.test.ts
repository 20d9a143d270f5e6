import { describe, expect, it } from 'vitest';
import {
  applyAllRead,
  applyRead,
  formatDate,
  noticeHref,
  unreadCount,
  type Notice,
} from '../../src/lib/notices';

const notice = (id: string, read = false): Notice => ({
  id,
  title: id,
  body: '',
  publishedAt: '2026-11-20T00:00:00.000Z',
  read,
});

describe('notice read state', () => {
  it('counts unread notices and one fewer per notice read', () => {
    const items = [notice('a'), notice('b'), notice('c', true)];
    expect(unreadCount(items)).toBe(2);
    expect(unreadCount(applyRead(items, 'a'))).toBe(1);
  });

  it('reading a read or unknown notice returns the same list', () => {
    const items = [notice('a', true)];
    expect(applyRead(items, 'a')).toBe(items);
    expect(applyRead(items, 'zzz')).toBe(items);
  });

  it('never mutates the list it was given', () => {
    const items = [notice('a')];
    applyRead(items, 'a');
    expect(items[0]!.read).toBe(false);
  });

  it('shows the publication day in Korea, as YYYY.MM.DD', () => {
    expect(formatDate('2026-11-20T09:30:00.000Z')).toBe('2026.11.20');
    // 15:30 UTC is 00:30 the next day in Korea (the UTC date would be a day early).
    expect(formatDate('2026-11-20T15:30:00.000Z')).toBe('2026.11.21');
  });

  it('모두 읽음 reads every notice; an all-read list comes back the same', () => {
    const items = [notice('a'), notice('b', true)];
    const all = applyAllRead(items);
    expect(unreadCount(all)).toBe(0);
    expect(items[0]!.read).toBe(false);
    expect(applyAllRead(all)).toBe(all);
  });

  it('a notice opens at its own site-wide page', () => {
    expect(noticeHref('6f1c2a10-0000-4000-8000-000000000001')).toBe(
      '/notice/6f1c2a10-0000-4000-8000-000000000001',
    );
  });
});
