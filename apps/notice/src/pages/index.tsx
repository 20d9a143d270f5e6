import { noticesResponseSchema, type Notice } from '@mfv/api-contract';
import { withAuthSSR, type AuthPageProps } from '@mfv/auth';
import { useState } from 'react';
import { Frame } from '../components/Frame';
import NoticeList from '../exposes/NoticeList';
import { unreadCount } from '../lib/notices';
import { markAllRead, useNotices } from '../lib/use-notices';

/** The notice page lists this many of the newest notices. */
const PAGE_LIMIT = 50;

/** `items` null: the api did not answer the server in time; the list fetches them in the browser. */
type Props = AuthPageProps<{ items: Notice[] | null }>;

/** /notice — the member's notices, read on the server (withAuthSSR: no session → the login page). */
export default function NoticePage(props: Props) {
  return (
    <Frame title="알림" description="나에게 온 MFV 공지사항과 알림이에요.">
      <h1>알림</h1>
      {'items' in props ? <Notices items={props.items} /> : <p role="alert">{props.auth.message}</p>}
    </Frame>
  );
}

function Notices({ items }: { items: Notice[] | null }) {
  const { state } = useNotices(true, PAGE_LIMIT, items ?? undefined);
  const [error, setError] = useState<string | null>(null);
  const unread = state.status === 'ready' ? state.unread : unreadCount(items ?? []);
  return (
    <>
      <div className="bar">
        <p aria-live="polite">{unread > 0 ? `안 읽은 알림 ${unread}개` : '모두 읽었어요.'}</p>
        {unread > 0 && (
          <button type="button" onClick={() => void markAllRead().then(setError)}>
            모두 읽음
          </button>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
      <NoticeList signedIn limit={PAGE_LIMIT} initialNotices={items ?? undefined} heading={false} />
      <style jsx>{`
        .bar {
          display: flex;
          align-items: center;
          justify-content: space-between;
          gap: 12px;
          margin-bottom: 8px;
        }
        .bar p {
          margin: 0;
          color: #374151;
        }
        button {
          min-height: 44px;
          padding: 0 16px;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          background: #fff;
          color: #111827;
          font: inherit;
          cursor: pointer;
        }
      `}</style>
    </>
  );
}

export const getServerSideProps = withAuthSSR(
  async (_ctx, auth) => {
    try {
      const { items } = await auth.api(`/notices?limit=${PAGE_LIMIT}`, {
        schema: noticesResponseSchema,
        timeoutMs: 1500,
      });
      return { props: { items } };
    } catch {
      return { props: { items: null } };
    }
  },
  { app: 'notice' },
);
