import { useState } from 'react';
import { SAMPLE_NOTICES, markRead, unreadCount, type ReadState } from '../lib/notices';

/** Header bell with the unread count. Exposed to the shell as `notice/NoticeBell`. */
export default function NoticeBell() {
  const [open, setOpen] = useState(false);
  const [read, setRead] = useState<ReadState>(() => new Set());
  const unread = unreadCount(SAMPLE_NOTICES, read);
  return (
    <div className="notice-bell" data-slot-component="notice/NoticeBell">
      <button
        type="button"
        className="bell"
        aria-label={`알림 ${unread}건`}
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
        <ul className="panel">
          {SAMPLE_NOTICES.map((notice) => (
            <li key={notice.id}>
              <button
                type="button"
                className={read.has(notice.id) ? 'item read' : 'item'}
                onClick={() => setRead((state) => markRead(state, notice.id))}
              >
                {notice.title}
              </button>
            </li>
          ))}
        </ul>
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
          width: 280px;
          margin: 0;
          padding: 6px 0;
          list-style: none;
          background: #fff;
          border: 1px solid #d0d7de;
          border-radius: 8px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.12);
          z-index: 10;
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
