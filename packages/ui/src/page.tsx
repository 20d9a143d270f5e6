/**
 * The frame of a remote's own pages (`/notice`, `/user/login`, their 404 and 500): the site's name
 * as a way home, the footer with 이용약관 · 개인정보처리방침 · 고객센터 and the operator's line, and the
 * error pages' content — one implementation for every remote. Plain React and one `<style>` with
 * `mfv-`-prefixed classes (no styled-jsx: this package is compiled by tsc, not by Next), so any
 * app can render it; the `<head>` tags come from `siteHeadTags` inside the app's own `next/head`.
 */
import type { ReactNode } from 'react';
import { businessLine, ERROR_COPY, FOOTER_LINKS, pageTitle, SITE_DESCRIPTION, SITE_NAME } from './site.js';

/** The `<title>`, description and viewport of a page, for the app's `<Head>` (keyed: a page's own win). */
export function siteHeadTags(title: string, description: string = SITE_DESCRIPTION): ReactNode[] {
  return [
    <title key="title">{pageTitle(title)}</title>,
    <meta key="description" name="description" content={description} />,
    <meta key="viewport" name="viewport" content="width=device-width, initial-scale=1" />,
  ];
}

/** The main links of the `page` layout's header. */
export const FRAME_NAV = [
  { href: '/', label: '홈' },
  { href: '/verification', label: '본인확인' },
  { href: '/user', label: '내 정보' },
] as const;

export interface SiteFrameProps {
  /**
   * `page`: a header with the site's name and main links, content up to 760 px (the notice
   * remote); `card`: a centred card with the site's name and the page's `<h1>` (the user remote).
   */
  layout: 'page' | 'card';
  /** The card's heading (the `card` layout only; a `page` renders its own). */
  heading?: string;
  children: ReactNode;
}

export function SiteFrame({ layout, heading, children }: SiteFrameProps) {
  const brand = (
    <a className="mfv-brand" href="/" aria-label={`${SITE_NAME} 홈`}>
      {SITE_NAME}
    </a>
  );
  return (
    <div className={`mfv-frame mfv-layout-${layout}`}>
      {layout === 'page' ? (
        <>
          <header className="mfv-header">
            {brand}
            <nav aria-label="주 메뉴">
              {FRAME_NAV.map((link) => (
                <a key={link.href} href={link.href}>
                  {link.label}
                </a>
              ))}
            </nav>
          </header>
          <main className="mfv-main">{children}</main>
        </>
      ) : (
        <main className="mfv-card">
          {brand}
          {heading && <h1>{heading}</h1>}
          {children}
        </main>
      )}
      <footer className="mfv-footer">
        <nav aria-label="약관 및 고객 지원">
          {FOOTER_LINKS.map((link) => (
            <a key={link.href} href={link.href} className={'strong' in link ? 'mfv-strong' : undefined}>
              {link.label}
            </a>
          ))}
        </nav>
        <p>{businessLine()}</p>
      </footer>
      <style dangerouslySetInnerHTML={{ __html: FRAME_CSS }} />
    </div>
  );
}

export type ErrorKind = 'not-found' | 'server-error';

/** The title and body of an error page. */
export function errorCopy(kind: ErrorKind): { title: string; body: string } {
  return kind === 'not-found'
    ? { title: ERROR_COPY.notFoundTitle, body: ERROR_COPY.notFoundBody }
    : { title: ERROR_COPY.serverErrorTitle, body: ERROR_COPY.serverErrorBody };
}

/**
 * A 404 or 500 in the site's words: what happened, a way home, a way to help, and the remote's
 * own start page when it has one (`links`). `heading` false when the frame shows the title.
 */
export function ErrorContent({
  kind,
  links = [],
  heading = true,
}: {
  kind: ErrorKind;
  links?: readonly { href: string; label: string }[];
  heading?: boolean;
}) {
  const { title, body } = errorCopy(kind);
  return (
    <section className="mfv-error" data-error-page={kind}>
      {heading && <h1>{title}</h1>}
      <p>{body}</p>
      <div className="mfv-error-links">
        <a className="mfv-primary" href="/">
          {ERROR_COPY.home}
        </a>
        {links.map((link) => (
          <a key={link.href} href={link.href}>
            {link.label}
          </a>
        ))}
        <a href="/support">{ERROR_COPY.support}</a>
      </div>
    </section>
  );
}

/**
 * The error content's CSS (tokens as in ./styles.ts; 44 px targets): part of FRAME_CSS, and on its
 * own for an app that renders ErrorContent inside its own layout (the shell).
 */
export const ERROR_CSS = `
.mfv-error h1{font-size:22px}
.mfv-error-links{display:flex;flex-wrap:wrap;gap:10px}
.mfv-error-links a{display:inline-flex;align-items:center;min-height:44px;padding:0 16px;border:1px solid #d0d7de;border-radius:10px;color:#111827;text-decoration:none}
.mfv-error-links a.mfv-primary{background:#1d4ed8;border-color:#1d4ed8;color:#fff;font-weight:700}
`.trim();

/** The frame's CSS (tokens as in ./styles.ts; 44 px targets). */
export const FRAME_CSS = `
.mfv-frame{min-height:100vh;display:flex;flex-direction:column}
.mfv-layout-card{align-items:center;justify-content:center;gap:16px;padding:24px 12px}
.mfv-header{display:flex;flex-wrap:wrap;align-items:center;column-gap:12px;padding:4px 16px;background:#fff;border-bottom:1px solid #e5e7eb}
.mfv-header a{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:0 8px;color:#111827;text-decoration:none}
.mfv-header nav{display:flex;flex-wrap:wrap}
.mfv-brand{display:inline-flex;align-items:center;min-height:44px;min-width:44px;font-weight:800;letter-spacing:.04em;color:#111827;text-decoration:none}
.mfv-header .mfv-brand{padding-left:0}
.mfv-main{flex:1;width:100%;max-width:760px;margin:0 auto;padding:24px 16px}
.mfv-card{width:100%;max-width:420px;padding:24px 20px;background:#fff;border:1px solid #e5e7eb;border-radius:16px;box-shadow:0 8px 24px rgba(0,0,0,.06)}
.mfv-card>h1{font-size:22px;margin:4px 0 20px}
.mfv-footer{color:#4b5563}
.mfv-layout-page .mfv-footer{padding:16px;border-top:1px solid #e5e7eb;background:#fff;font-size:13px}
.mfv-layout-card .mfv-footer{width:100%;max-width:420px;font-size:12px;text-align:center}
.mfv-footer nav{display:flex;flex-wrap:wrap;gap:0 8px;max-width:760px;margin:0 auto}
.mfv-layout-card .mfv-footer nav{justify-content:center}
.mfv-footer a{display:inline-flex;align-items:center;min-height:44px;padding:0 4px;color:#374151}
.mfv-footer a.mfv-strong{font-weight:700;color:#111827}
.mfv-footer p{max-width:760px;margin:4px auto 0}
.mfv-layout-card .mfv-footer p{margin:0}
${ERROR_CSS}
`.trim();
