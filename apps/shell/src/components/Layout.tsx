import Link from 'next/link';
import type { ReactNode } from 'react';
import { RemoteSlot } from '../federation/RemoteSlot';
import type { Viewer } from '@mfv/auth';
import type { RemoteStatusMap } from '../federation/modules';

/** The site frame; header actions come from remotes (or, on the benchmark baseline, local imports). */
export function Layout({ actions, children }: { actions: ReactNode; children: ReactNode }) {
  return (
    <div className="page">
      <header>
        <Link href="/" className="brand">
          MFV
        </Link>
        <nav aria-label="주 메뉴">
          <Link href="/">홈</Link>
          <Link href="/verification">본인확인</Link>
        </nav>
        <div className="actions">{actions}</div>
      </header>
      <main>{children}</main>
      <style jsx>{`
        .page {
          min-height: 100vh;
          font-family:
            system-ui,
            -apple-system,
            'Apple SD Gothic Neo',
            'Noto Sans KR',
            sans-serif;
          color: #111827;
          background: #f9fafb;
        }
        header {
          display: flex;
          align-items: center;
          gap: 24px;
          padding: 12px 24px;
          background: #fff;
          border-bottom: 1px solid #e5e7eb;
        }
        nav {
          display: flex;
          gap: 16px;
          flex: 1;
        }
        .actions {
          display: flex;
          align-items: center;
          gap: 12px;
        }
        main {
          max-width: 960px;
          margin: 0 auto;
          padding: 24px;
        }
      `}</style>
      <style jsx global>{`
        body {
          margin: 0;
        }
        header a {
          color: #111827;
          text-decoration: none;
        }
        header a.brand {
          font-weight: 800;
          letter-spacing: 0.04em;
        }
      `}</style>
    </div>
  );
}

/** The layout of every federated page: header actions are the user and notice remotes' slots. */
export interface FederatedLayoutProps {
  remoteStatus: RemoteStatusMap;
  viewer: Viewer | null;
  sessionUnavailable: boolean;
  /** The current page, for the login link's way back. */
  path: string;
  children: ReactNode;
}

export function FederatedLayout({
  remoteStatus,
  viewer,
  sessionUnavailable,
  path,
  children,
}: FederatedLayoutProps) {
  return (
    <Layout
      actions={
        <>
          <RemoteSlot
            id="notice/NoticeBell"
            status={remoteStatus['notice/NoticeBell']}
            props={{ signedIn: viewer !== null }}
            label="알림"
            variant="inline"
          />
          <RemoteSlot
            id="user/UserMenu"
            status={remoteStatus['user/UserMenu']}
            props={{
              viewer: viewer ? { nickname: viewer.nickname } : null,
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
