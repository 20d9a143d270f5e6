import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorContent, errorCopy, SiteFrame, siteHeadTags } from '../src/page.js';
import { ERROR_COPY, FOOTER_LINKS, pageTitle, SITE_DESCRIPTION } from '../src/site.js';

const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');

describe('the frame of a remote’s own pages', () => {
  it('page layout: the site’s name as a way home, the main links, the footer’s links and operator line', () => {
    const html = renderToStaticMarkup(
      <SiteFrame layout="page">
        <h1>알림</h1>
      </SiteFrame>,
    );
    expect(html).toContain('class="mfv-frame mfv-layout-page"');
    expect(html).toMatch(/<a class="mfv-brand" href="\/" aria-label="[^"]+ 홈">/);
    for (const href of ['/', '/verification', '/user']) expect(html).toContain(`href="${href}"`);
    for (const link of FOOTER_LINKS) expect(html).toContain(`href="${link.href}"`);
    expect(html).toContain('<style>');
    expect(text(html)).toContain('사업자등록번호');
  });

  it('card layout: the heading inside the card, no header', () => {
    const html = renderToStaticMarkup(
      <SiteFrame layout="card" heading="로그인">
        <p>본문</p>
      </SiteFrame>,
    );
    expect(html).toMatch(/<main class="mfv-card">.*<h1>로그인<\/h1><p>본문<\/p><\/main>/);
    expect(html).not.toContain('<header');
  });

  it('head tags: the page title, its description (or the site’s), the viewport, keyed', () => {
    const html = renderToStaticMarkup(<>{siteHeadTags('알림')}</>);
    expect(html).toContain(`<title>${pageTitle('알림')}</title>`);
    expect(html).toContain(`content="${SITE_DESCRIPTION}"`);
    expect(html).toContain('width=device-width');
  });
});

describe('error pages', () => {
  it.each(['not-found', 'server-error'] as const)('%s: the site’s words, home first, help last', (kind) => {
    const html = renderToStaticMarkup(
      <ErrorContent kind={kind} links={[{ href: '/notice', label: '알림 목록' }]} />,
    );
    const { title, body } = errorCopy(kind);
    expect(html).toContain(`data-error-page="${kind}"`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(body);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['/', '/notice', '/support']);
    expect(text(html)).toContain(ERROR_COPY.home);
  });

  it('without its heading when the frame shows the title', () => {
    expect(renderToStaticMarkup(<ErrorContent kind="not-found" heading={false} />)).not.toContain('<h1');
  });
});
