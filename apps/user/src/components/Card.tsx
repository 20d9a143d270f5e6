import Head from 'next/head';
import type { ReactNode } from 'react';
import { FOOTER_LINKS, businessLine, pageTitle, SITE_DESCRIPTION, SITE_NAME } from '@mfv/ui/site';

/**
 * The user remote's own pages: a centred card with the site's name (a way home) above and the
 * site's footer below — the site's look without the shell's header.
 */
export function Card({
  title,
  description = SITE_DESCRIPTION,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <div className="wrap">
      <Head>
        <title key="title">{pageTitle(title)}</title>
        <meta key="description" name="description" content={description} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <main className="card">
        <a className="brand" href="/" aria-label={`${SITE_NAME} 홈`}>
          {SITE_NAME}
        </a>
        <h1>{title}</h1>
        {children}
      </main>
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
        .wrap {
          min-height: 100vh;
          display: flex;
          flex-direction: column;
          align-items: center;
          justify-content: center;
          gap: 16px;
          padding: 24px 12px;
        }
        .card {
          width: 100%;
          max-width: 420px;
          padding: 24px 20px;
          background: #fff;
          border: 1px solid #e5e7eb;
          border-radius: 16px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.06);
        }
        .brand {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          min-width: 44px;
          font-weight: 800;
          letter-spacing: 0.04em;
          color: #111827;
          text-decoration: none;
        }
        h1 {
          font-size: 22px;
          margin: 4px 0 20px;
        }
        footer {
          width: 100%;
          max-width: 420px;
          color: #4b5563;
          font-size: 12px;
          text-align: center;
        }
        nav {
          display: flex;
          flex-wrap: wrap;
          justify-content: center;
          gap: 0 8px;
        }
        nav a {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          padding: 0 4px;
          color: #374151;
        }
        nav a.strong {
          font-weight: 700;
          color: #111827;
        }
        p {
          margin: 0;
        }
      `}</style>
    </div>
  );
}

export function Notice({ tone, children }: { tone: 'error' | 'info'; children: ReactNode }) {
  return (
    <p className={`notice ${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
      <style jsx>{`
        .notice {
          padding: 10px 12px;
          border-radius: 8px;
          font-size: 14px;
        }
        .error {
          background: #fef2f2;
          color: #991b1b;
          border: 1px solid #fecaca;
        }
        .info {
          background: #eff6ff;
          color: #1e40af;
          border: 1px solid #bfdbfe;
        }
      `}</style>
    </p>
  );
}
