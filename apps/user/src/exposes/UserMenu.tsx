import { useId, useState } from 'react';
import { useSignOut } from '../components/SignOutButtons';

export interface UserMenuProps {
  /** The signed-in member as the shell's server saw it; null when nobody is signed in. */
  viewer?: { nickname: string | null } | null;
  /** The shell tells when it could not check the session (Redis or the api away). */
  sessionUnavailable?: boolean;
  /** Where to come back after signing in. */
  returnTo?: string;
}

/**
 * The header's account menu. Exposed to the shell as `user/UserMenu`.
 * Styles are scoped with styled-jsx so they cannot leak into other slots.
 */
export default function UserMenu({
  viewer = null,
  sessionUnavailable = false,
  returnTo = '/',
}: UserMenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const { busy, error, signOut } = useSignOut();

  if (!viewer) {
    return (
      <div className="user-menu" data-slot-component="user/UserMenu" data-signed-in="false">
        {sessionUnavailable ? (
          <span className="degraded" title="로그인 정보를 잠시 확인할 수 없습니다">
            로그인 확인 중…
          </span>
        ) : (
          <a
            className="login"
            href={`/user/login?returnTo=${encodeURIComponent(returnTo)}`}
            onClick={() => setOpen(false)}
          >
            로그인
          </a>
        )}
        <style jsx>{`
          .login {
            display: inline-block;
            padding: 6px 14px;
            border-radius: 999px;
            background: #111827;
            color: #fff;
            text-decoration: none;
            font-size: 14px;
          }
          .degraded {
            font-size: 13px;
            color: #6b7280;
          }
        `}</style>
      </div>
    );
  }

  return (
    <div className="user-menu" data-slot-component="user/UserMenu" data-signed-in="true">
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
        <span data-testid="user-nickname">{viewer.nickname ?? '회원'}</span>
      </button>
      {open && (
        <ul id={menuId} role="menu" className="menu">
          <li role="none">
            <a role="menuitem" href="/user">
              내 정보
            </a>
          </li>
          <li role="none">
            <a role="menuitem" href="/verification">
              본인확인
            </a>
          </li>
          <li role="none">
            <button role="menuitem" type="button" disabled={busy} onClick={() => signOut(false)}>
              로그아웃
            </button>
          </li>
          <li role="none">
            <button role="menuitem" type="button" disabled={busy} onClick={() => signOut(true)}>
              모든 기기에서 로그아웃
            </button>
          </li>
          {error && (
            <li role="alert" className="error">
              {error}
            </li>
          )}
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
          min-width: 190px;
          margin: 0;
          padding: 6px 0;
          list-style: none;
          background: #fff;
          border: 1px solid #d0d7de;
          border-radius: 8px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.12);
          z-index: 10;
        }
        .menu a,
        .menu button {
          display: block;
          width: 100%;
          padding: 8px 14px;
          border: 0;
          background: none;
          color: #111827;
          font: inherit;
          text-align: left;
          text-decoration: none;
          cursor: pointer;
        }
        .menu a:hover,
        .menu button:hover {
          background: #f3f4f6;
        }
        .error {
          padding: 8px 14px;
          color: #b91c1c;
          font-size: 13px;
        }
      `}</style>
    </div>
  );
}
