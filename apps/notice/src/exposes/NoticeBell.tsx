import { useState } from 'react';
import { useNotices } from '../lib/use-notices';

export interface NoticeBellProps {
  /** Whether the shell's server found a signed-in member (notices are per member). */
  signedIn?: boolean;
}

/** Header bell with the unread count. Exposed to the shell as `notice/NoticeBell`. */
export default function NoticeBell({ signedIn = false }: NoticeBellProps) {
  const [open, setOpen] = useState(false);
  const { state, markRead } = useNotices(signedIn, 10);
  const unread = state.status === 'ready' ? state.unread : 0;
  return (
    <div className="notice-bell" data-slot-component="notice/NoticeBell" data-state={state.status}>
      <button
        type="button"
        className="bell"
        aria-label={state.status === 'ready' ? `알림 ${unread}건` : '알림'}
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
      >
        🔔
        {unread > 0 && (
          <span className="badge" data-testid="notice-unread">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div className="panel" role="dialog" aria-label="알림">
          {state.status === 'signed-out' && (
            <p className="empty">
              <a href="/user/login?returnTo=%2F">로그인</a>하면 알림을 볼 수 있습니다.
            </p>
          )}
          {state.status === 'loading' && <p className="empty">불러오는 중…</p>}
          {state.status === 'error' && <p className="empty">{state.message}</p>}
          {state.status === 'ready' &&
            (state.items.length === 0 ? (
              <p className="empty">새 알림이 없습니다.</p>
            ) : (
              <ul>
                {state.items.map((notice) => (
                  <li key={notice.id}>
                    <button
                      type="button"
                      className={notice.read ? 'item read' : 'item'}
                      onClick={() => void markRead(notice.id)}
                    >
                      {notice.title}
                    </button>
                  </li>
                ))}
              </ul>
            ))}
        </div>
      )}
      <style jsx>{`
        .notice-bell {
          position: relative;
          display: inline-block;
        }
        .bell {
          position: relative;
          padding: 6px 10px;
          border: 1px solid #d0d7de;
          border-radius: 999px;
          background: #fff;
          cursor: pointer;
          font-size: 16px;
        }
        .badge {
          position: absolute;
          top: -6px;
          right: -6px;
          min-width: 18px;
          padding: 0 5px;
          border-radius: 9px;
          background: #dc2626;
          color: #fff;
          font-size: 11px;
          line-height: 18px;
          text-align: center;
        }
        .panel {
          position: absolute;
          right: 0;
          top: calc(100% + 6px);
          width: 300px;
          padding: 6px 0;
          background: #fff;
          border: 1px solid #d0d7de;
          border-radius: 8px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.12);
          z-index: 10;
        }
        ul {
          margin: 0;
          padding: 0;
          list-style: none;
        }
        .empty {
          margin: 0;
          padding: 10px 14px;
          color: #6b7280;
          font-size: 14px;
        }
        .item {
          display: block;
          width: 100%;
          padding: 8px 14px;
          border: 0;
          background: none;
          text-align: left;
          font: inherit;
          font-weight: 600;
          cursor: pointer;
        }
        .item.read {
          font-weight: 400;
          color: #6b7280;
        }
      `}</style>
    </div>
  );
}
