import Link from 'next/link';
import type { ReactNode } from 'react';
import { RemoteSlot } from '../federation/RemoteSlot';
import type { Notice, VerificationStatus } from '@mfv/api-contract';
import type { Viewer } from '@mfv/auth';
import { slotStatus, type RemoteStatusMap } from '../federation/modules';
import { BUSINESS_INFO, businessLine, FOOTER_LINKS, SITE_NAME } from '@mfv/ui/site';

/** The site frame; header actions come from remotes (or, on the benchmark baseline, local imports). */
export function Layout({ actions, children }: { actions: ReactNode; children: ReactNode }) {
  return (
    <div className="page">
      <a className="skip" href="#main">
        본문으로 건너뛰기
      </a>
      <header>
        <Link href="/" className="brand" aria-label={`${SITE_NAME} 홈`}>
          {SITE_NAME}
        </Link>
        <nav aria-label="주 메뉴">
          <Link href="/">홈</Link>
          <Link href="/verification">본인확인</Link>
        </nav>
        <div className="actions">{actions}</div>
      </header>
      <main id="main">{children}</main>
      <SiteFooter />
      <style jsx>{`
        .page {
          min-height: 100vh;
          display: flex;
          flex-direction: column;
        }
        .skip {
          position: absolute;
          left: 8px;
          top: -60px;
          padding: 12px 16px;
          background: #fff;
          z-index: 100;
        }
        .skip:focus {
          top: 8px;
        }
        header {
          display: flex;
          flex-wrap: wrap;
          align-items: center;
          column-gap: 16px;
          padding: 4px 16px;
          background: #fff;
          border-bottom: 1px solid #e5e7eb;
        }
        nav {
          display: flex;
          gap: 4px;
          flex: 1;
        }
        .actions {
          display: flex;
          align-items: center;
          gap: 8px;
          margin-left: auto;
        }
        main {
          width: 100%;
          max-width: 960px;
          margin: 0 auto;
          padding: 24px 16px;
          flex: 1;
        }
        @media (max-width: 520px) {
          nav {
            order: 3;
            flex-basis: 100%;
            margin: 0 -8px;
          }
        }
      `}</style>
      <style jsx global>{`
        header > a,
        header > nav a {
          display: inline-flex;
          align-items: center;
          justify-content: center;
          min-height: 44px;
          min-width: 44px;
          padding: 0 8px;
          color: #111827;
          text-decoration: none;
          border-radius: 8px;
        }
        header > nav a:hover {
          background: #f3f4f6;
        }
        header > a.brand {
          font-weight: 800;
          letter-spacing: 0.04em;
          padding-left: 0;
        }
      `}</style>
    </div>
  );
}

/** The footer of every page: the legal pages, help, and the operator's details. */
export function SiteFooter() {
  return (
    <footer>
      <nav aria-label="약관 및 고객 지원">
        {FOOTER_LINKS.map((link) => (
          <Link key={link.href} href={link.href} className={'strong' in link ? 'strong' : undefined}>
            {link.label}
          </Link>
        ))}
      </nav>
      <p>{businessLine()}</p>
      <p>
        고객센터 {BUSINESS_INFO.phone} · {BUSINESS_INFO.email} {BUSINESS_INFO.exampleNote}
      </p>
      <style jsx>{`
        footer {
          padding: 16px;
          border-top: 1px solid #e5e7eb;
          background: #fff;
          color: #4b5563;
          font-size: 13px;
        }
        nav {
          display: flex;
          flex-wrap: wrap;
          gap: 4px 8px;
          max-width: 960px;
          margin: 0 auto;
        }
        p {
          max-width: 960px;
          margin: 4px auto 0;
        }
      `}</style>
      <style jsx global>{`
        footer nav a {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 4px;
          color: #374151;
        }
        footer nav a.strong {
          font-weight: 700;
          color: #111827;
        }
      `}</style>
    </footer>
  );
}

/** The layout of every federated page: header actions are the user and notice remotes' slots. */
export interface FederatedLayoutProps {
  remoteStatus: RemoteStatusMap;
  viewer: Viewer | null;
  sessionUnavailable: boolean;
  /** The member's newest notices from the server render (null: the bell fetches them). */
  notices: Notice[] | null;
  /** The member's verification status from the server render (null: not shown). */
  verification: VerificationStatus | null;
  /** The current page, for the login link's way back. */
  path: string;
  children: ReactNode;
}

export function FederatedLayout({
  remoteStatus,
  viewer,
  sessionUnavailable,
  notices,
  verification,
  path,
  children,
}: FederatedLayoutProps) {
  return (
    <Layout
      actions={
        <>
          <RemoteSlot
            id="notice/NoticeBell"
            status={slotStatus(remoteStatus, 'notice/NoticeBell')}
            props={{ signedIn: viewer !== null, initialNotices: notices ?? undefined, returnTo: path }}
            label="알림"
            variant="inline"
          />
          <RemoteSlot
            id="user/UserMenu"
            status={slotStatus(remoteStatus, 'user/UserMenu')}
            props={{
              viewer: viewer ? { nickname: viewer.nickname } : null,
              verification: viewer ? verification : null,
              sessionUnavailable,
              returnTo: path,
            }}
            label="계정 메뉴"
            variant="inline"
          />
        </>
      }
    >
      {children}
    </Layout>
  );
}
