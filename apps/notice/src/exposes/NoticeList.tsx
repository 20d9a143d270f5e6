import { UnreadDot } from '../components/UnreadDot';
import { formatDate, noticeHref, type Notice } from '../lib/notices';
import { useNotices } from '../lib/use-notices';

export interface NoticeListProps {
  /** How many notices to show (newest first). */
  limit?: number;
  /** Whether the shell's server found a signed-in member. */
  signedIn?: boolean;
  /** The member's newest notices as the page's server read them (none: fetched in the browser). */
  initialNotices?: readonly Notice[];
  /** Whether the list has its own heading (the notice page has one already). */
  heading?: boolean;
}

/** A list of the member's notices; each opens its page. Exposed to the shell as `notice/NoticeList`. */
export default function NoticeList({
  limit = 5,
  signedIn = false,
  initialNotices,
  heading = true,
}: NoticeListProps) {
  const { state } = useNotices(signedIn, limit, initialNotices);
  return (
    <section
      className="notice-list"
      data-slot-component="notice/NoticeList"
      data-state={state.status}
      aria-labelledby={heading ? 'notice-list-title' : undefined}
      aria-label={heading ? undefined : '알림 목록'}
    >
      {heading && (
        <div className="head">
          <h2 id="notice-list-title">공지사항</h2>
          {state.status === 'ready' && (
            <a className="all" href="/notice">
              전체 보기
            </a>
          )}
        </div>
      )}
      {state.status === 'signed-out' && (
        <p className="prompt">
          <a href="/user/login?returnTo=%2F">로그인</a>하면 나에게 온 공지사항을 볼 수 있어요.
        </p>
      )}
      {state.status === 'loading' && <p className="prompt">불러오는 중…</p>}
      {state.status === 'error' && <p className="prompt">{state.message}</p>}
      {state.status === 'ready' &&
        (state.items.length === 0 ? (
          <p className="prompt">아직 공지사항이 없어요.</p>
        ) : (
          <ul>
            {state.items.slice(0, limit).map((notice) => (
              <li key={notice.id} className={notice.read ? 'read' : 'unread'}>
                <a href={noticeHref(notice.id)}>
                  <UnreadDot unread={!notice.read} />
                  <span className="title">{notice.title}</span>
                  <time dateTime={notice.publishedAt}>{formatDate(notice.publishedAt)}</time>
                </a>
              </li>
            ))}
          </ul>
        ))}
      <style jsx>{`
        .head {
          display: flex;
          align-items: center;
          justify-content: space-between;
        }
        h2 {
          margin: 0 0 8px;
          font-size: 18px;
        }
        .all {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 4px;
          font-size: 14px;
        }
        .prompt {
          padding: 16px;
          border: 1px dashed #d0d7de;
          border-radius: 8px;
          color: #374151;
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
        li a {
          display: flex;
          align-items: flex-start;
          gap: 10px;
          min-height: 44px;
          padding: 10px 4px;
          color: #111827;
          text-decoration: none;
        }
        li a:hover {
          background: #f3f4f6;
        }
        .title {
          flex: 1;
          min-width: 0;
        }
        li.unread .title {
          font-weight: 700;
        }
        li.read .title {
          color: #4b5563;
        }
        time {
          flex: none;
          color: #4b5563;
          font-size: 13px;
          line-height: 24px;
        }
      `}</style>
    </section>
  );
}
