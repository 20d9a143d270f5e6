import type { ReactNode } from 'react';
import { SITE_NAME } from '@mfv/ui/site';
import SiteFrame from './SiteFrame';

/**
 * The KCB, SSAFY and error pages of this remote: a card in the site's frame (./SiteFrame.tsx),
 * with the site's name as a way home. Its styles are global but prefixed (`vc-…`); these pages
 * are the remote's own (never federated into the shell).
 */
export default function VerifyCard({
  title,
  brand,
  description,
  children,
}: {
  title: string;
  /** The line above the title (the method, in the person's words); none on the error pages. */
  brand?: string;
  /** The page's meta description (the site's own when not given). */
  description?: string;
  children: ReactNode;
}) {
  return (
    <SiteFrame title={title} description={description}>
      <main className="vc-card" aria-labelledby="vc-title">
        <a className="vc-brand" href="/" aria-label={`${SITE_NAME} 홈`}>
          {SITE_NAME}
        </a>
        {brand && <p className="vc-provider">{brand}</p>}
        <h1 id="vc-title">{title}</h1>
        {children}
      </main>
      <style jsx global>{`
        .vc-card {
          padding: 24px 20px;
          background: #fff;
          border: 1px solid #e5e7eb;
          border-radius: 16px;
          box-shadow: 0 8px 24px rgba(0, 0, 0, 0.06);
        }
        .vc-brand {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
          min-width: 44px;
          font-weight: 800;
          letter-spacing: 0.04em;
          color: #111827;
          text-decoration: none;
        }
        .vc-provider {
          margin: 4px 0 0;
          color: #4b5563;
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
          display: inline-flex;
          align-items: center;
          justify-content: center;
          min-height: 44px;
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
        .vc-done {
          margin: 0 0 16px;
          padding: 12px 14px;
          border: 1px solid #a7f3d0;
          border-radius: 12px;
          background: #ecfdf5;
          color: #065f46;
        }
        .vc-done p {
          margin: 0;
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
          color: #4b5563;
        }
        .vc-result dd {
          margin: 0;
          font-weight: 600;
        }
        .vc-meta {
          color: #4b5563;
          font-size: 13px;
        }
        .vc-meta a {
          display: inline-flex;
          align-items: center;
          min-height: 44px;
        }
      `}</style>
    </SiteFrame>
  );
}
