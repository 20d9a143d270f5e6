import type { NextPage } from 'next';
import type { AppProps } from 'next/app';
import Head from 'next/head';
import { pageTitle, SITE_DESCRIPTION } from '@mfv/ui/site';
import type { ReactElement } from 'react';
import { FederatedLayout } from '../components/Layout';
import type { RemoteSlotPageProps } from '../federation/with-remote-slots';

/** A page may bring its own layout (the benchmark baseline does); the rest get the federated one. */
export type PageWithLayout<P = Record<string, unknown>> = NextPage<P> & {
  getLayout?: (page: ReactElement) => ReactElement;
};

type ShellAppProps = AppProps<Partial<RemoteSlotPageProps>> & { Component: PageWithLayout };

export default function ShellApp({ Component, pageProps, router }: ShellAppProps) {
  const page = <Component {...pageProps} />;
  return (
    <>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title key="title">{pageTitle()}</title>
        <meta key="description" name="description" content={SITE_DESCRIPTION} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </Head>
      {Component.getLayout ? (
        Component.getLayout(page)
      ) : (
        <FederatedLayout
          remoteStatus={pageProps.remoteStatus ?? {}}
          viewer={pageProps.viewer ?? null}
          sessionUnavailable={pageProps.sessionUnavailable ?? false}
          notices={pageProps.notices ?? null}
          verification={pageProps.verification ?? null}
          path={router.asPath}
        >
          {page}
        </FederatedLayout>
      )}
    </>
  );
}
