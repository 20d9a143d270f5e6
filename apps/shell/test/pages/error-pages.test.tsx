import { renderToStaticMarkup } from 'react-dom/server';
import { describe, it } from 'vitest';
import { expectErrorPage } from '@mfv/testkit/error-pages';
import { ERROR_COPY } from '@mfv/ui/site';
import NotFound from '../../src/pages/404';
import ServerError from '../../src/pages/500';

/**
 * The shell's 404 and 500 pages: in the site's words, with a way home and to help (the shell's
 * layout adds the header and footer). The 500 has no trigger a production build could reach, so it
 * is rendered here (the 404 is also checked in Chromium, tests/e2e/ui.e2e.test.ts).
 */
describe('shell error pages', () => {
  it.each([
    ['404', NotFound, 'not-found'],
    ['500', ServerError, 'server-error'],
  ] as const)('%s: titled, explained, with a way home and to 고객센터', (_, Page, kind) => {
    expectErrorPage(renderToStaticMarkup(<Page />), { kind, copy: ERROR_COPY, framed: false });
  });
});
