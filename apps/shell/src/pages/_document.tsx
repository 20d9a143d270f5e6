import { BASE_CSS } from '@mfv/ui/styles';
import { Head, Html, Main, NextScript } from 'next/document';
import { SLOT_CSS } from '../federation/slot-css';

/** Computed once: the document renders it on every request. */
const SHELL_CSS = BASE_CSS + SLOT_CSS;

/**
 * Korean pages (`lang="ko"`: screen readers, hyphenation, fonts) with the site's base CSS and the
 * remote slots' frame (SLOT_CSS).
 */
export default function Document() {
  return (
    <Html lang="ko">
      <Head>
        <style id="mfv-base" dangerouslySetInnerHTML={{ __html: SHELL_CSS }} />
      </Head>
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
