import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { ICON_SVG_PROPS, ICONS } from '@mfv/ui/icons';
import { useLiveVerification } from '@mfv/ui/live-verification';
import { announceMenuOpen, nextMenuIndex, watchMenuDismiss } from '@mfv/ui/menus';
import {
  VERIFICATION_KIND_COPY,
  verificationSummary,
  type VerificationStatusView,
} from '@mfv/ui/verification';
import { useSignOut } from '../components/SignOutButtons';

export interface UserMenuProps {
  /** The signed-in member as the shell's server saw it; null when nobody is signed in. */
  viewer?: { nickname: string | null } | null;
  /**
   * The member's verification status as the shell's server read it (GET /verifications/me); null
   * or absent when it was not read (signed out, or the api did not answer in time): nothing shown.
   */
  verification?: VerificationStatusView | null;
  /** The shell tells when it could not check the session (Redis or the api away). */
  sessionUnavailable?: boolean;
  /** Where to come back after signing in. */
  returnTo?: string;
}

const MENU_ID = 'user/UserMenu';

/**
 * The header's account menu. Exposed to the shell as `user/UserMenu`.
 * Styles are scoped with styled-jsx so they cannot leak into other slots.
 *
 * The verification badge and status follow `@mfv/ui/live-verification`: server-rendered, then read
 * again whenever a flow announces a new result.
 *
 * Keyboard (WAI-ARIA menu button): Enter/Space/↓ opens on the first item, ↑ on the last; ↑/↓,
 * Home/End move; Escape closes and returns to the button; Tab closes. A click or tap outside, or
 * another header pop-up opening (the notice bell), closes it too.
 */
export default function UserMenu({
  viewer = null,
  verification = null,
  sessionUnavailable = false,
  returnTo = '/',
}: UserMenuProps) {
  // Kept live: a verification finished in another tab or window shows here without a reload.
  const status = useLiveVerification(verification, viewer !== null);
  const verified = status?.verified ? status : null;
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  /** Which item to focus once the menu is rendered: first, last, or none (opened by a pointer). */
  const focusOnOpen = useRef<'first' | 'last' | null>(null);
  const { busy, error, signOut } = useSignOut();

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) trigger.current?.focus();
  }, []);

  useEffect(() => {
    if (!open || !root.current) return;
    announceMenuOpen(MENU_ID);
    const where = focusOnOpen.current;
    focusOnOpen.current = null;
    const list = items();
    if (where) list[where === 'first' ? 0 : list.length - 1]?.focus();
    return watchMenuDismiss(MENU_ID, root.current, (reason) => close(reason === 'escape'));
  }, [open, close]);

  if (!viewer) {
    return (
      <div className="user-menu" data-slot-component="user/UserMenu" data-signed-in="false">
        {sessionUnavailable ? (
          <span className="degraded" title="로그인 정보를 잠시 확인할 수 없어요">
            로그인 확인 중…
          </span>
        ) : (
          <a className="login" href={`/user/login?returnTo=${encodeURIComponent(returnTo)}`}>
            로그인
          </a>
        )}
        <style jsx>{`
          .login {
            display: inline-flex;
            align-items: center;
            min-height: 44px;
            padding: 0 16px;
            border-radius: 999px;
            background: #111827;
            color: #fff;
            text-decoration: none;
            font-size: 15px;
          }
          .degraded {
            font-size: 13px;
            color: #4b5563;
          }
        `}</style>
      </div>
    );
  }

  const onTriggerKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusOnOpen.current = e.key === 'ArrowDown' ? 'first' : 'last';
      if (open) items()[e.key === 'ArrowDown' ? 0 : items().length - 1]?.focus();
      else setOpen(true);
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const list = items();
    if (e.key === 'Tab') {
      setOpen(false);
      return;
    }
    const next = nextMenuIndex(e.key, list.indexOf(document.activeElement as HTMLElement), list.length);
    if (next === null) return;
    e.preventDefault();
    list[next]?.focus();
  };

  return (
    <div className="user-menu" data-slot-component="user/UserMenu" data-signed-in="true" ref={root}>
      <button
        ref={trigger}
        type="button"
        className="trigger"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onKeyDown={onTriggerKey}
        onClick={(e) => {
          // A keyboard click (Enter/Space: detail 0) lands on the first item; a tap does not move focus.
          focusOnOpen.current = e.detail === 0 ? 'first' : null;
          setOpen((v) => !v);
        }}
      >
        <svg {...ICON_SVG_PROPS} width={18} height={18}>
          <path d={ICONS.user} />
        </svg>
        <span className="name" data-testid="user-nickname">
          {viewer.nickname ?? '회원'}
        </span>
        {verified && (
          <span className="verified" data-testid="user-verified-badge">
            <svg {...ICON_SVG_PROPS} width={16} height={16}>
              <path d={ICONS.shieldCheck} />
            </svg>
            <span className="sr-only">{VERIFICATION_KIND_COPY[verified.kind].done}</span>
          </span>
        )}
      </button>
      {open && (
        <ul id={menuId} role="menu" aria-label="계정" className="menu" ref={menu} onKeyDown={onMenuKey}>
          <li role="none">
            <a role="menuitem" tabIndex={-1} href="/user">
              내 정보
            </a>
          </li>
          <li role="none">
            <a role="menuitem" tabIndex={-1} href="/notice">
              알림
            </a>
          </li>
          <li role="none">
            <a
              role="menuitem"
              tabIndex={-1}
              href="/verification"
              className={verified ? 'stacked' : undefined}
            >
              본인확인
              {verified && (
                <small data-testid="user-menu-verification">{verificationSummary(verified)}</small>
              )}
            </a>
          </li>
          <li role="none">
            <button
              role="menuitem"
              tabIndex={-1}
              type="button"
              disabled={busy}
              onClick={() => signOut(false)}
            >
              로그아웃
            </button>
          </li>
          <li role="none">
            <button role="menuitem" tabIndex={-1} type="button" disabled={busy} onClick={() => signOut(true)}>
              모든 기기에서 로그아웃
            </button>
          </li>
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
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
          min-height: 44px;
          max-width: 40vw;
          padding: 0 12px;
          border: 1px solid #d0d7de;
          border-radius: 999px;
          background: #fff;
          color: #111827;
          font: inherit;
          cursor: pointer;
        }
        .name {
          overflow: hidden;
          text-overflow: ellipsis;
          white-space: nowrap;
        }
        .verified {
          display: inline-flex;
          flex: none;
          color: #047857;
        }
        .trigger[aria-expanded='true'] {
          background: #eef2ff;
          border-color: #4f46e5;
        }
        .menu {
          position: absolute;
          right: 0;
          top: calc(100% + 6px);
          width: max-content;
          min-width: 200px;
          max-width: calc(100vw - 16px);
          margin: 0;
          padding: 6px 0;
          list-style: none;
          background: #fff;
          border: 1px solid #d0d7de;
          border-radius: 10px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.12);
          z-index: 20;
        }
        .menu a,
        .menu button {
          display: flex;
          align-items: center;
          width: 100%;
          min-height: 44px;
          padding: 0 16px;
          border: 0;
          background: none;
          color: #111827;
          font: inherit;
          text-align: left;
          text-decoration: none;
          cursor: pointer;
        }
        .menu a.stacked {
          flex-direction: column;
          align-items: flex-start;
          justify-content: center;
          padding-top: 6px;
          padding-bottom: 6px;
        }
        .stacked small {
          color: #047857;
          font-size: 13px;
        }
        .menu a:hover,
        .menu button:hover,
        .menu a:focus,
        .menu button:focus {
          background: #f3f4f6;
        }
        .menu :focus-visible {
          outline-offset: -3px;
        }
        .error {
          position: absolute;
          right: 0;
          top: calc(100% + 6px);
          width: max-content;
          max-width: calc(100vw - 16px);
          margin: 0;
          padding: 8px 14px;
          background: #fef2f2;
          border: 1px solid #fecaca;
          border-radius: 8px;
          color: #b91c1c;
          font-size: 13px;
        }
      `}</style>
    </div>
  );
}
