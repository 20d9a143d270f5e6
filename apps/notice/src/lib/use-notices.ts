import { ApiCallError, createAppClient } from '@mfv/auth/client';
import { useCallback, useEffect, useState } from 'react';
import { applyRead, unreadCount, type Notice } from './notices';

const client = createAppClient('/notice');

/**
 * The bell and the list are two slots on one page but one module instance of this remote: a
 * notice read in one is read in the other at once.
 */
const reads = new EventTarget();
const READ = 'notice-read';
const UNREAD = 'notice-unread-again';

export type NoticesState =
  | { status: 'signed-out' }
  | { status: 'loading' }
  | { status: 'ready'; items: readonly Notice[]; unread: number }
  | { status: 'error'; message: string };

/**
 * The member's notices from this remote's own API routes (same origin, cookies, withAuth).
 * Marking read is optimistic and rolls back when the server refuses.
 */
export function useNotices(signedIn: boolean, limit: number) {
  const [state, setState] = useState<NoticesState>(
    signedIn ? { status: 'loading' } : { status: 'signed-out' },
  );

  useEffect(() => {
    if (!signedIn) {
      setState({ status: 'signed-out' });
      return;
    }
    const abort = new AbortController();
    setState({ status: 'loading' });
    client
      .json<{ items: Notice[] }>(`/api/notices?limit=${limit}`, { signal: abort.signal })
      .then(({ items }) => setState({ status: 'ready', items, unread: unreadCount(items) }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof ApiCallError && error.status === 401) setState({ status: 'signed-out' });
        else
          setState({
            status: 'error',
            message: error instanceof ApiCallError ? error.message : '알림을 불러오지 못했어요.',
          });
      });
    return () => abort.abort();
  }, [signedIn, limit]);

  useEffect(() => {
    const onRead = (event: Event) => {
      const id = (event as CustomEvent<string>).detail;
      setState((current) => {
        if (current.status !== 'ready') return current;
        const items = applyRead(current.items, id);
        return items === current.items ? current : { status: 'ready', items, unread: unreadCount(items) };
      });
    };
    const onUnread = (event: Event) => {
      const id = (event as CustomEvent<string>).detail;
      setState((current) => {
        if (current.status !== 'ready') return current;
        const items = current.items.map((n) => (n.id === id ? { ...n, read: false } : n));
        return { status: 'ready', items, unread: unreadCount(items) };
      });
    };
    reads.addEventListener(READ, onRead);
    reads.addEventListener(UNREAD, onUnread);
    return () => {
      reads.removeEventListener(READ, onRead);
      reads.removeEventListener(UNREAD, onUnread);
    };
  }, []);

  /** Optimistic: every component shows it read at once; put back if the server refuses. */
  const markRead = useCallback(async (id: string) => {
    reads.dispatchEvent(new CustomEvent(READ, { detail: id }));
    try {
      await client.json(`/api/notices/${encodeURIComponent(id)}/read`, { method: 'POST' });
    } catch {
      reads.dispatchEvent(new CustomEvent(UNREAD, { detail: id }));
    }
  }, []);

  return { state, markRead };
}
