import { useId, useState } from 'react';

export interface UserMenuProps {
  /** Where the shell wants the user to come back to after signing in. */
  returnTo?: string;
}

/**
 * The header's account menu. Exposed to the shell as `user/UserMenu`.
 * Styles are scoped with styled-jsx so they cannot leak into other slots.
 */
export default function UserMenu({ returnTo = '/' }: UserMenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  return (
    <div className="user-menu" data-slot-component="user/UserMenu">
      <button
        type="button"
        className="trigger"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="avatar" aria-hidden>
          👤
        </span>
        게스트
      </button>
      {open && (
        <ul id={menuId} role="menu" className="menu">
          <li role="none">
            <a role="menuitem" href={`/user?returnTo=${encodeURIComponent(returnTo)}`}>
              내 계정
            </a>
          </li>
          <li role="none">
            <a role="menuitem" href="/verification">
              본인확인
            </a>
          </li>
        </ul>
      )}
      <style jsx>{`
        .user-menu {
          position: relative;
          display: inline-block;
        }
        .trigger {
          display: inline-flex;
          align-items: center;
          gap: 6px;
          padding: 6px 12px;
          border: 1px solid #d0d7de;
          border-radius: 999px;
          background: #fff;
          font: inherit;
          cursor: pointer;
        }
        .trigger[aria-expanded='true'] {
          background: #eef2ff;
          border-color: #6366f1;
        }
        .menu {
          position: absolute;
          right: 0;
          top: calc(100% + 6px);
          min-width: 160px;
          margin: 0;
          padding: 6px 0;
          list-style: none;
          background: #fff;
          border: 1px solid #d0d7de;
          border-radius: 8px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.12);
          z-index: 10;
        }
        .menu a {
          display: block;
          padding: 8px 14px;
          color: #111827;
          text-decoration: none;
        }
        .menu a:hover {
          background: #f3f4f6;
        }
      `}</style>
    </div>
  );
}
