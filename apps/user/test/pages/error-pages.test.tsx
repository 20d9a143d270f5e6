import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ERROR_COPY } from '@mfv/ui/site';
import NotFound from '../../src/pages/404';
import ServerError from '../../src/pages/500';

/**
 * The user remote's 404 and 500 pages as Next renders them: inside the site's frame, in the site's
 * words, with a way home and to help (the 500 has no trigger a production build could reach, so
 * it is rendered here; the 404 is also checked in Chromium, tests/e2e/ui.e2e.test.ts).
 */
describe('user error pages', () => {
  it.each([
    ['404', NotFound, 'not-found', ERROR_COPY.notFoundTitle, ERROR_COPY.notFoundBody],
    ['500', ServerError, 'server-error', ERROR_COPY.serverErrorTitle, ERROR_COPY.serverErrorBody],
  ] as const)(
    '%s: framed, titled, explained, with a way home and to 고객센터',
    (_, Page, kind, title, body) => {
      const html = renderToStaticMarkup(<Page />);
      expect(html).toContain('class="mfv-frame');
      expect(html).toContain(`data-error-page="${kind}"`);
      expect(html).toContain(`<h1>${title}</h1>`);
      expect(html).toContain(body);
      expect(html).toMatch(/<a class="mfv-primary" href="\/">[^<]+<\/a>/);
      expect(html).toContain('href="/support"');
      expect(html).toContain('href="/privacy"');
    },
  );
});
