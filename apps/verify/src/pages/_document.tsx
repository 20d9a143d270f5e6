import { STANDALONE_RUNTIME_PATH } from '@mfv/next-config';
import { Head, Html, Main, NextScript } from 'next/document';
import Script from 'next/script';
import { APPS } from '@mfv/topology';
import { BASE_CSS } from '@mfv/ui/styles';

/**
 * This remote's own pages load the Module Federation runtime before Next's scripts: its
 * browser build expects the runtime from outside (the shell provides it on shell pages).
 */
export default function Document() {
  return (
    <Html lang="ko">
      <Head>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style id="mfv-base" dangerouslySetInnerHTML={{ __html: BASE_CSS }} />
      </Head>
      <body>
        <Main />
        <Script src={`${APPS.verify.basePath}${STANDALONE_RUNTIME_PATH}`} strategy="beforeInteractive" />
        <NextScript />
      </body>
    </Html>
  );
}
