import Head from 'next/head';
import type { ReactNode } from 'react';
import { FOOTER_LINKS, businessLine, pageTitle, SITE_DESCRIPTION } from '@mfv/ui/site';

/**
 * The frame of every page of this remote (its pages are its own, never federated into the
 * shell): the site's title and description, the page's content centred, and the site's footer
 * (이용약관, 개인정보처리방침, 고객센터) below — the site's look without the shell's header.
 */
export default function SiteFrame({
  title,
  description = SITE_DESCRIPTION,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <div className="vf-wrap">
      <Head>
        <title key="title">{pageTitle(title)}</title>
        <meta key="description" name="description" content={description} />
        <meta key="viewport" name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      {children}
      <footer className="vf-footer">
        <nav aria-label="약관 및 고객 지원">
          {FOOTER_LINKS.map((link) => (
            <a key={link.href} href={link.href} className={'strong' in link ? 'strong' : undefined}>
              {link.label}
            </a>
          ))}
        </nav>
        <p>{businessLine()}</p>
      </footer>
      <style jsx global>{`
        .vf-wrap {
          min-height: 100vh;
          display: flex;
          flex-direction: column;
          align-items: center;
          gap: 16px;
          padding: 24px 12px;
        }
        .vf-wrap > main {
          width: 100%;
          max-width: 480px;
        }
        .vf-footer {
          width: 100%;
          max-width: 480px;
          margin-top: auto;
          color: #4b5563;
          font-size: 12px;
          text-align: center;
        }
        .vf-footer nav {
          display: flex;
          flex-wrap: wrap;
          justify-content: center;
          gap: 0 8px;
        }
        .vf-footer nav a {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 4px;
          color: #374151;
        }
        .vf-footer nav a.strong {
          font-weight: 700;
          color: #111827;
        }
        .vf-footer p {
          margin: 0;
        }
      `}</style>
    </div>
  );
}
