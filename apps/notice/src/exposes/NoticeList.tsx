import { useState } from 'react';
import { formatDate } from '../lib/notices';
import { useNotices } from '../lib/use-notices';

export interface NoticeListProps {
  /** How many notices to show (newest first). */
  limit?: number;
  /** Whether the shell's server found a signed-in member. */
  signedIn?: boolean;
}

/** The home page's notice list. Exposed to the shell as `notice/NoticeList`. */
export default function NoticeList({ limit = 5, signedIn = false }: NoticeListProps) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const { state, markRead } = useNotices(signedIn, limit);
  return (
    <section
      className="notice-list"
      data-slot-component="notice/NoticeList"
      data-state={state.status}
      aria-labelledby="notice-list-title"
    >
      <h2 id="notice-list-title">공지사항</h2>
      {state.status === 'signed-out' && (
        <p className="prompt">
          <a href="/user/login?returnTo=%2F">로그인</a>하면 나에게 온 공지사항을 볼 수 있습니다.
        </p>
      )}
      {state.status === 'loading' && <p className="prompt">불러오는 중…</p>}
      {state.status === 'error' && <p className="prompt">{state.message}</p>}
      {state.status === 'ready' && (
        <ul>
          {state.items.map((notice) => {
            const isOpen = expanded === notice.id;
            return (
              <li key={notice.id} className={notice.read ? 'read' : 'unread'}>
                <button
                  type="button"
                  aria-expanded={isOpen}
                  onClick={() => {
                    setExpanded(isOpen ? null : notice.id);
                    if (!notice.read) void markRead(notice.id);
                  }}
                >
                  <span className="title">{notice.title}</span>
                  <time dateTime={notice.publishedAt}>{formatDate(notice.publishedAt)}</time>
                </button>
                {isOpen && <p className="body">{notice.body}</p>}
              </li>
            );
          })}
        </ul>
      )}
      <style jsx>{`
        .notice-list h2 {
          margin: 0 0 8px;
          font-size: 18px;
        }
        .prompt {
          padding: 16px;
          border: 1px dashed #d0d7de;
          border-radius: 8px;
          color: #4b5563;
        }
        ul {
          margin: 0;
          padding: 0;
          list-style: none;
          border-top: 1px solid #e5e7eb;
        }
        li {
          border-bottom: 1px solid #e5e7eb;
        }
        li.unread .title {
          font-weight: 700;
        }
        button {
          display: flex;
          justify-content: space-between;
          width: 100%;
          padding: 10px 4px;
          border: 0;
          background: none;
          font: inherit;
          text-align: left;
          cursor: pointer;
        }
        time {
          color: #6b7280;
          font-size: 13px;
        }
        .body {
          margin: 0 4px 10px;
          color: #374151;
        }
      `}</style>
    </section>
  );
}
