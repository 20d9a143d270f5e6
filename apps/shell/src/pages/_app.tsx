import type { AppProps } from 'next/app';
import Head from 'next/head';
import { Layout } from '../components/Layout';
import type { RemoteStatusMap } from '../federation/modules';

export default function ShellApp({ Component, pageProps }: AppProps<{ remoteStatus?: RemoteStatusMap }>) {
  return (
    <>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>MFV</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </Head>
      <Layout remoteStatus={pageProps.remoteStatus ?? {}}>
        <Component {...pageProps} />
      </Layout>
    </>
  );
}
