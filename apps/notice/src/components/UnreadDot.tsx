/** Unread, shown three ways: a dot, bold text (the caller's), and words for screen readers. */
export function UnreadDot({ unread }: { unread: boolean }) {
  return (
    <span className={unread ? 'dot unread' : 'dot'} data-unread={unread}>
      <span className="sr-only">{unread ? '안 읽음' : '읽음'}</span>
      <style jsx>{`
        .dot {
          flex: none;
          display: inline-block;
          width: 8px;
          height: 8px;
          margin-top: 8px;
          border-radius: 50%;
        }
        .dot.unread {
          background: #dc2626;
        }
      `}</style>
    </span>
  );
}
