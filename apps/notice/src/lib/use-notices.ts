import { ApiCallError, createAppClient } from '@mfv/auth/client';
import { useEffect, useState } from 'react';
import { applyAllRead, applyRead, unreadCount, type Notice } from './notices';

const client = createAppClient('/notice');

/**
 * The bell and the list are two slots on one page but one module instance of this remote: a
 * notice read in one is read in the other at once.
 */
const reads = new EventTarget();
const READ = 'notice-read';
const UNREAD = 'notice-unread-again';
const ALL_READ = 'notice-all-read';

export type NoticesState =
  | { status: 'signed-out' }
  | { status: 'loading' }
  | { status: 'ready'; items: readonly Notice[]; unread: number }
  | { status: 'error'; message: string };

function initialState(signedIn: boolean, initial: readonly Notice[] | undefined): NoticesState {
  if (!signedIn) return { status: 'signed-out' };
  if (initial) return { status: 'ready', items: initial, unread: unreadCount(initial) };
  return { status: 'loading' };
}

/**
 * The member's notices. When the page's server already read them (`initial`: the shell's
 * getServerSideProps, or this remote's own pages) they are in the first HTML and nothing is
 * fetched; otherwise they come from this remote's own API routes (same origin, cookies, withAuth).
 * Marking read is optimistic and rolls back when the server refuses.
 */
export function useNotices(signedIn: boolean, limit: number, initial?: readonly Notice[]) {
  const [state, setState] = useState<NoticesState>(() => initialState(signedIn, initial));
  const haveInitial = initial !== undefined;

  useEffect(() => {
    if (!signedIn) {
      setState({ status: 'signed-out' });
      return;
    }
    if (haveInitial) return;
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
  }, [signedIn, limit, haveInitial]);

  useEffect(() => {
    const update = (change: (items: readonly Notice[]) => readonly Notice[]) =>
      setState((current) => {
        if (current.status !== 'ready') return current;
        const items = change(current.items);
        return items === current.items ? current : { status: 'ready', items, unread: unreadCount(items) };
      });
    const onRead = (event: Event) =>
      update((items) => applyRead(items, (event as CustomEvent<string>).detail));
    const onUnread = (event: Event) => {
      const id = (event as CustomEvent<string>).detail;
      update((items) => items.map((n) => (n.id === id ? { ...n, read: false } : n)));
    };
    const onAllRead = () => update(applyAllRead);
    reads.addEventListener(READ, onRead);
    reads.addEventListener(UNREAD, onUnread);
    reads.addEventListener(ALL_READ, onAllRead);
    return () => {
      reads.removeEventListener(READ, onRead);
      reads.removeEventListener(UNREAD, onUnread);
      reads.removeEventListener(ALL_READ, onAllRead);
    };
  }, []);

  return { state, markRead, markAllRead };
}

/** Optimistic: every component shows it read at once; put back if the server refuses. */
export async function markRead(id: string): Promise<void> {
  reads.dispatchEvent(new CustomEvent(READ, { detail: id }));
  try {
    await client.json(`/api/notices/${encodeURIComponent(id)}/read`, { method: 'POST' });
  } catch {
    reads.dispatchEvent(new CustomEvent(UNREAD, { detail: id }));
  }
}

/** 모두 읽음: shown read once the server has recorded it; the error message otherwise. */
export async function markAllRead(): Promise<string | null> {
  try {
    await client.json('/api/notices/read-all', { method: 'POST' });
    reads.dispatchEvent(new Event(ALL_READ));
    return null;
  } catch (error) {
    return error instanceof ApiCallError ? error.message : '모두 읽음으로 표시하지 못했어요.';
  }
}

/** Tells the components on this page that a notice was read elsewhere (its own page marked it). */
export function announceRead(id: string): void {
  reads.dispatchEvent(new CustomEvent(READ, { detail: id }));
}
