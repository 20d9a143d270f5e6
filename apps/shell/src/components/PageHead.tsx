import Head from 'next/head';
import { pageTitle, SITE_DESCRIPTION } from '@mfv/ui/site';

/** The page's `<title>` and meta description (keyed: one of each per page). */
export function PageHead({
  title,
  description = SITE_DESCRIPTION,
}: {
  title?: string;
  description?: string;
}) {
  return (
    <Head>
      <title key="title">{pageTitle(title)}</title>
      <meta key="description" name="description" content={description} />
    </Head>
  );
}
