import Head from 'next/head';
import type { ReactNode } from 'react';
import { businessLine, FOOTER_LINKS, pageTitle, SITE_DESCRIPTION, SITE_NAME } from '@mfv/ui/site';

/** The notice remote's own pages: the site's name and main links above, the footer below. */
export function Frame({
  title,
  description = SITE_DESCRIPTION,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <div className="frame">
      <Head>
        <title key="title">{pageTitle(title)}</title>
        <meta key="description" name="description" content={description} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <header>
        <a className="brand" href="/" aria-label={`${SITE_NAME} 홈`}>
          {SITE_NAME}
        </a>
        <nav aria-label="주 메뉴">
          <a href="/">홈</a>
          <a href="/verification">본인확인</a>
          <a href="/user">내 정보</a>
        </nav>
      </header>
      <main>{children}</main>
      <footer>
        <nav aria-label="약관 및 고객 지원">
          {FOOTER_LINKS.map((link) => (
            <a key={link.href} href={link.href} className={'strong' in link ? 'strong' : undefined}>
              {link.label}
            </a>
          ))}
        </nav>
        <p>{businessLine()}</p>
      </footer>
      <style jsx>{`
        .frame {
          min-height: 100vh;
          display: flex;
          flex-direction: column;
        }
        header {
          display: flex;
          flex-wrap: wrap;
          align-items: center;
          column-gap: 12px;
          padding: 4px 16px;
          background: #fff;
          border-bottom: 1px solid #e5e7eb;
        }
        header a {
          display: inline-flex;
          align-items: center;
          justify-content: center;
          min-height: 44px;
          min-width: 44px;
          padding: 0 8px;
          color: #111827;
          text-decoration: none;
        }
        .brand {
          font-weight: 800;
          letter-spacing: 0.04em;
          padding-left: 0;
        }
        header nav {
          display: flex;
          flex-wrap: wrap;
        }
        main {
          flex: 1;
          width: 100%;
          max-width: 760px;
          margin: 0 auto;
          padding: 24px 16px;
        }
        footer {
          padding: 16px;
          border-top: 1px solid #e5e7eb;
          background: #fff;
          color: #4b5563;
          font-size: 13px;
        }
        footer nav {
          display: flex;
          flex-wrap: wrap;
          gap: 0 8px;
          max-width: 760px;
          margin: 0 auto;
        }
        footer a {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 4px;
          color: #374151;
        }
        footer a.strong {
          font-weight: 700;
          color: #111827;
        }
        footer p {
          max-width: 760px;
          margin: 4px auto 0;
        }
      `}</style>
    </div>
  );
}
