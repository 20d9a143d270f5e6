import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { ICON_SVG_PROPS, ICONS } from '@mfv/ui/icons';
import { announceMenuOpen, watchMenuDismiss } from '@mfv/ui/menus';
import { UnreadDot } from '../components/UnreadDot';
import { formatDate, noticeHref, type Notice } from '../lib/notices';
import { markAllRead, useNotices } from '../lib/use-notices';

export interface NoticeBellProps {
  /** Whether the shell's server found a signed-in member (notices are per member). */
  signedIn?: boolean;
  /** The member's newest notices as the page's server read them (none: fetched in the browser). */
  initialNotices?: readonly Notice[];
  /** The page to come back to after signing in. */
  returnTo?: string;
}

const MENU_ID = 'notice/NoticeBell';

/**
 * Header bell with the unread count and a panel of the newest notices; each opens its page.
 * Exposed to the shell as `notice/NoticeBell`. The panel closes on Escape (focus back to the
 * bell), on a click or tap outside, and when another header pop-up (the account menu) opens. On a
 * phone it spans the screen's width under the header.
 */
export default function NoticeBell({ signedIn = false, initialNotices, returnTo = '/' }: NoticeBellProps) {
  const [open, setOpen] = useState(false);
  const [panelTop, setPanelTop] = useState<number | null>(null);
  const [allError, setAllError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { state } = useNotices(signedIn, 10, initialNotices);
  const unread = state.status === 'ready' ? state.unread : 0;

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open || !root.current) return;
    announceMenuOpen(MENU_ID);
    return watchMenuDismiss(MENU_ID, root.current, (reason) => close(reason === 'escape'));
  }, [open, close]);

  const toggle = () => {
    const box = button.current?.getBoundingClientRect();
    setPanelTop(box ? Math.round(box.bottom + 6) : null);
    setAllError(null);
    setOpen((v) => !v);
  };

  return (
    <div className="notice-bell" data-slot-component="notice/NoticeBell" data-state={state.status} ref={root}>
      <button ref={button} type="button" className="bell" aria-expanded={open} onClick={toggle}>
        <svg {...ICON_SVG_PROPS}>
          <path d={ICONS.bell} />
        </svg>
        {/* The name comes from the content (visible count included): "알림, 안 읽은 알림 4개". */}
        <span className="sr-only">{unread > 0 ? '알림, 안 읽은 알림 ' : '알림'}</span>
        {unread > 0 && (
          <span className="badge" data-testid="notice-unread">
            {unread}
          </span>
        )}
        {unread > 0 && <span className="sr-only">개</span>}
      </button>
      {open && (
        <div
          className="panel"
          role="dialog"
          aria-label="알림"
          data-testid="notice-panel"
          style={panelTop === null ? undefined : ({ '--panel-top': `${panelTop}px` } as CSSProperties)}
        >
          {state.status === 'signed-out' && (
            <p className="empty">
              <a href={`/user/login?returnTo=${encodeURIComponent(returnTo)}`}>로그인</a>하면 알림을 볼 수
              있어요.
            </p>
          )}
          {state.status === 'loading' && <p className="empty">불러오는 중…</p>}
          {state.status === 'error' && <p className="empty">{state.message}</p>}
          {state.status === 'ready' && (
            <>
              <div className="head">
                <strong>알림</strong>
                {unread > 0 && (
                  <button type="button" className="all" onClick={() => void markAllRead().then(setAllError)}>
                    모두 읽음
                  </button>
                )}
              </div>
              {allError && (
                <p className="empty" role="alert">
                  {allError}
                </p>
              )}
              {state.items.length === 0 ? (
                <p className="empty">새 알림이 없어요.</p>
              ) : (
                <ul>
                  {state.items.map((notice) => (
                    <li key={notice.id}>
                      <a className={notice.read ? 'item read' : 'item'} href={noticeHref(notice.id)}>
                        <UnreadDot unread={!notice.read} />
                        <span className="text">
                          <span className="title">{notice.title}</span>
                          <time dateTime={notice.publishedAt}>{formatDate(notice.publishedAt)}</time>
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              <a className="more" href="/notice">
                모든 알림 보기
              </a>
            </>
          )}
        </div>
      )}
      <style jsx>{`
        .notice-bell {
          position: relative;
          display: inline-block;
        }
        .bell {
          position: relative;
          display: inline-flex;
          align-items: center;
          justify-content: center;
          width: 44px;
          height: 44px;
          padding: 0;
          border: 1px solid #d0d7de;
          border-radius: 999px;
          background: #fff;
          color: #111827;
          cursor: pointer;
        }
        .bell[aria-expanded='true'] {
          background: #eef2ff;
          border-color: #4f46e5;
        }
        .badge {
          position: absolute;
          top: -4px;
          right: -4px;
          min-width: 20px;
          padding: 0 5px;
          border-radius: 10px;
          background: #b91c1c;
          color: #fff;
          font-size: 12px;
          font-weight: 700;
          line-height: 20px;
          text-align: center;
        }
        .panel {
          position: absolute;
          right: 0;
          top: calc(100% + 6px);
          width: 340px;
          max-width: calc(100vw - 16px);
          max-height: min(70vh, 480px);
          overflow-y: auto;
          padding: 4px 0;
          background: #fff;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.12);
          z-index: 20;
          text-align: left;
        }
        @media (max-width: 520px) {
          .panel {
            position: fixed;
            left: 8px;
            right: 8px;
            top: var(--panel-top, 64px);
            width: auto;
            max-width: none;
          }
        }
        .head {
          display: flex;
          align-items: center;
          justify-content: space-between;
          padding: 0 8px 0 14px;
          min-height: 44px;
        }
        .all,
        .more {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 10px;
          border: 0;
          background: none;
          color: #1d4ed8;
          font: inherit;
          font-size: 14px;
          text-decoration: none;
          cursor: pointer;
        }
        .more {
          display: flex;
          justify-content: center;
          border-top: 1px solid #e5e7eb;
        }
        ul {
          margin: 0;
          padding: 0;
          list-style: none;
        }
        .empty {
          margin: 0;
          padding: 10px 14px;
          color: #4b5563;
          font-size: 14px;
        }
        .item {
          display: flex;
          gap: 10px;
          align-items: flex-start;
          min-height: 44px;
          padding: 8px 14px;
          color: #111827;
          text-decoration: none;
          font-weight: 700;
        }
        .item:hover {
          background: #f3f4f6;
        }
        .item.read {
          font-weight: 400;
          color: #4b5563;
        }
        .text {
          display: flex;
          flex-direction: column;
          min-width: 0;
        }
        time {
          font-size: 12px;
          font-weight: 400;
          color: #4b5563;
        }
      `}</style>
    </div>
  );
}
