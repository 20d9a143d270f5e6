import Head from 'next/head';
import type { ReactNode } from 'react';

/**
 * The frame of the KCB and SSAFY pages of this remote: a centred card. Its styles are global but
 * prefixed (`vc-…`), and these pages are the remote's own (never federated into the shell).
 */
export default function VerifyCard({
  title,
  brand,
  children,
}: {
  title: string;
  brand: string;
  children: ReactNode;
}) {
  return (
    <main className="vc-wrap">
      <Head>
        <title>{`${title} · MFV`}</title>
      </Head>
      <section className="vc-card" aria-labelledby="vc-title">
        <a className="vc-brand" href="/">
          MFV
        </a>
        <p className="vc-provider">{brand}</p>
        <h1 id="vc-title">{title}</h1>
        {children}
      </section>
      <style jsx global>{`
        .vc-wrap {
          min-height: 100vh;
          display: grid;
          place-items: start center;
          padding: 40px 12px;
          background: #f9fafb;
          font-family:
            system-ui,
            -apple-system,
            'Apple SD Gothic Neo',
            'Noto Sans KR',
            sans-serif;
          color: #111827;
        }
        .vc-card {
          width: min(480px, 100%);
          padding: 28px;
          background: #fff;
          border: 1px solid #e5e7eb;
          border-radius: 16px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.06);
        }
        .vc-brand {
          font-weight: 800;
          letter-spacing: 0.04em;
          color: #111827;
          text-decoration: none;
        }
        .vc-provider {
          margin: 12px 0 0;
          color: #6b7280;
          font-size: 13px;
        }
        .vc-card h1 {
          font-size: 22px;
          margin: 4px 0 12px;
        }
        .vc-card p {
          line-height: 1.6;
        }
        .vc-lead {
          color: #4b5563;
          font-size: 14px;
        }
        .vc-actions {
          display: flex;
          flex-wrap: wrap;
          gap: 8px;
          margin-top: 16px;
        }
        .vc-button {
          display: inline-block;
          padding: 10px 16px;
          border: 0;
          border-radius: 10px;
          background: #2563eb;
          color: #fff;
          font: inherit;
          font-weight: 700;
          text-decoration: none;
          cursor: pointer;
        }
        .vc-button.secondary {
          background: #eef2ff;
          color: #1e3a8a;
        }
        .vc-button[disabled] {
          opacity: 0.6;
          cursor: progress;
        }
        .vc-button:focus-visible {
          outline: 3px solid #93c5fd;
          outline-offset: 2px;
        }
        .vc-alert {
          padding: 12px;
          border-radius: 10px;
          background: #fef2f2;
          color: #991b1b;
        }
        .vc-notice {
          padding: 12px;
          border-radius: 10px;
          background: #f3f4f6;
          color: #374151;
          font-size: 14px;
        }
        .vc-status {
          color: #374151;
          font-size: 14px;
          min-height: 1.4em;
        }
        .vc-result {
          display: grid;
          grid-template-columns: max-content 1fr;
          gap: 6px 16px;
          margin: 12px 0;
        }
        .vc-result dt {
          color: #6b7280;
        }
        .vc-result dd {
          margin: 0;
          font-weight: 600;
        }
        .vc-meta {
          color: #6b7280;
          font-size: 13px;
        }
      `}</style>
    </main>
  );
}
