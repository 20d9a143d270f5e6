import Head from 'next/head';
import type { ReactNode } from 'react';
import { SiteFrame, siteHeadTags } from '@mfv/ui/page';

/** The notice remote's own pages in the site's frame (`@mfv/ui/page`): header, content, footer. */
export function Frame({
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
      <SiteFrame layout="page">{children}</SiteFrame>
    </>
  );
}
