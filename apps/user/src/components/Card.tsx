import Head from 'next/head';
import type { ReactNode } from 'react';
import { SiteFrame, siteHeadTags } from '@mfv/ui/page';

/**
 * The user remote's own pages in the site's frame (`@mfv/ui/page`): a centred card with the site's
 * name (a way home) and the page's heading, the site's footer below.
 */
export function Card({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <>
      <Head>{siteHeadTags(title, description)}</Head>
      <SiteFrame layout="card" heading={title}>
        {children}
      </SiteFrame>
    </>
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
