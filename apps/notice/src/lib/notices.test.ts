import { describe, expect, it } from 'vitest';
import { SAMPLE_NOTICES, markRead, unreadCount } from './notices';

describe('notice read state', () => {
  it('counts every notice unread at first and one fewer per notice read', () => {
    let state: ReadonlySet<string> = new Set();
    expect(unreadCount(SAMPLE_NOTICES, state)).toBe(SAMPLE_NOTICES.length);
    state = markRead(state, SAMPLE_NOTICES[0]!.id);
    expect(unreadCount(SAMPLE_NOTICES, state)).toBe(SAMPLE_NOTICES.length - 1);
  });

  it('marking a notice read twice changes nothing (same state object)', () => {
    const once = markRead(new Set(), 'a');
    expect(markRead(once, 'a')).toBe(once);
  });

  it('never mutates the previous state', () => {
    const before = new Set<string>();
    markRead(before, 'a');
    expect(before.size).toBe(0);
  });
});
