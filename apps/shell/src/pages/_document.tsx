import { BASE_CSS } from '@mfv/ui/styles';
import { Head, Html, Main, NextScript } from 'next/document';

/** Korean pages (`lang="ko"`: screen readers, hyphenation, fonts) with the site's base CSS. */
export default function Document() {
  return (
    <Html lang="ko">
      <Head>
        <style id="mfv-base" dangerouslySetInnerHTML={{ __html: BASE_CSS }} />
      </Head>
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
