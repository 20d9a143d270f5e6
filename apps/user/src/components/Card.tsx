import Head from 'next/head';
import type { ReactNode } from 'react';

/** The user remote's own pages: a centred card, the site's look without the shell's header. */
export function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="wrap">
      <Head>
        <title>{`${title} · MFV`}</title>
      </Head>
      <section className="card">
        <a className="brand" href="/">
          MFV
        </a>
        <h1>{title}</h1>
        {children}
      </section>
      <style jsx>{`
        .wrap {
          min-height: 100vh;
          display: grid;
          place-items: center;
          background: #f9fafb;
          font-family:
            system-ui,
            -apple-system,
            'Apple SD Gothic Neo',
            'Noto Sans KR',
            sans-serif;
          color: #111827;
        }
        .card {
          width: min(420px, 92vw);
          padding: 32px;
          background: #fff;
          border: 1px solid #e5e7eb;
          border-radius: 16px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.06);
        }
        .brand {
          font-weight: 800;
          letter-spacing: 0.04em;
          color: #111827;
          text-decoration: none;
        }
        h1 {
          font-size: 22px;
          margin: 16px 0 20px;
        }
      `}</style>
    </main>
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
