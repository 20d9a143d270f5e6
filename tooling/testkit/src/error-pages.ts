/**
 * The checks every app's 404 and 500 pages share (their content is `@mfv/ui/page`'s ErrorContent):
 * the site's words, a way home and to 고객센터, and — in a remote's own frame — the frame itself with
 * its footer. Each app's test renders its pages and hands the markup here.
 */
import { expect } from 'vitest';

export type ErrorPageKind = 'not-found' | 'server-error';

export interface ErrorPageExpectation {
  kind: ErrorPageKind;
  /** The site's words: `@mfv/ui/site`'s ERROR_COPY. */
  copy: { notFoundTitle: string; notFoundBody: string; serverErrorTitle: string; serverErrorBody: string };
  /** true for a remote's page in `@mfv/ui/page`'s SiteFrame (the shell has its own layout). */
  framed: boolean;
}

export function expectErrorPage(html: string, { kind, copy, framed }: ErrorPageExpectation): void {
  if (framed) {
    expect(html).toContain('class="mfv-frame');
    expect(html).toContain('href="/privacy"');
  }
  const [title, body] =
    kind === 'not-found'
      ? [copy.notFoundTitle, copy.notFoundBody]
      : [copy.serverErrorTitle, copy.serverErrorBody];
  expect(html).toContain(`data-error-page="${kind}"`);
  expect(html).toContain(`<h1>${title}</h1>`);
  expect(html).toContain(body);
  // The ways on, inside the error content (a framed page's footer links to 고객센터 as well).
  const links = /<div class="mfv-error-links">(.*?)<\/div>/.exec(html)?.[1] ?? '';
  expect(links).toMatch(/^<a class="mfv-primary" href="\/">[^<]+<\/a>/);
  expect(links).toContain('href="/support"');
}
