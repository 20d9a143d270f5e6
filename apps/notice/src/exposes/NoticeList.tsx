import { useState } from 'react';
import { SAMPLE_NOTICES } from '../lib/notices';

export interface NoticeListProps {
  /** How many notices to show (newest first). */
  limit?: number;
}

/** The home page's notice list. Exposed to the shell as `notice/NoticeList`. */
export default function NoticeList({ limit = 5 }: NoticeListProps) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const notices = SAMPLE_NOTICES.slice(0, limit);
  return (
    <section
      className="notice-list"
      data-slot-component="notice/NoticeList"
      aria-labelledby="notice-list-title"
    >
      <h2 id="notice-list-title">공지사항</h2>
      <ul>
        {notices.map((notice) => {
          const isOpen = expanded === notice.id;
          return (
            <li key={notice.id}>
              <button
                type="button"
                aria-expanded={isOpen}
                onClick={() => setExpanded(isOpen ? null : notice.id)}
              >
                <span className="title">{notice.title}</span>
                <time dateTime={notice.publishedAt}>{notice.publishedAt}</time>
              </button>
              {isOpen && <p className="body">{notice.body}</p>}
            </li>
          );
        })}
      </ul>
      <style jsx>{`
        .notice-list h2 {
          margin: 0 0 8px;
          font-size: 18px;
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
