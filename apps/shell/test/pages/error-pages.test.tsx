import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_COPY } from '@mfv/ui/site';
import NotFound from '../../src/pages/404';
import ServerError from '../../src/pages/500';

// styled-jsx's <style jsx> is compiled away by Next; in a plain render React warns about the attribute.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

/**
 * The shell's 404 and 500 pages: in the site's words, with a way home and to help. The 500 has no
 * trigger a production build could reach, so it is rendered here (the 404 is also checked in
 * Chromium, tests/e2e/ui.e2e.test.ts).
 */
describe('shell error pages', () => {
  it.each([
    ['404', NotFound, 'not-found', ERROR_COPY.notFoundTitle, ERROR_COPY.notFoundBody],
    ['500', ServerError, 'server-error', ERROR_COPY.serverErrorTitle, ERROR_COPY.serverErrorBody],
  ] as const)('%s: titled, explained, with a way home and to 고객센터', (_, Page, kind, title, body) => {
    const html = renderToStaticMarkup(<Page />);
    expect(html).toContain(`data-error-page="${kind}"`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(body);
    expect(html).toMatch(/<a class="primary" href="\/">[^<]+<\/a>/);
    expect(html).toContain('href="/support"');
  });
});
