import { html, raw, type RawHtml } from './html.js';

/**
 * Page chrome for the emulators that are not Kakao (KCB, SSAFY Verify, Toss): the same escaping
 * template (`html.ts`), inline styles only (the pages load nothing external and work offline),
 * and a bar in the provider's colour that says loudly that this is a sandbox.
 *
 * The app's onSend hook adds the security headers of `PAGE_HEADERS` to every HTML answer (no
 * framing, no scripts, no caching).
 */
export interface PageBrand {
  /** Shown in the bar, e.g. "KCB 휴대폰 본인확인". */
  readonly name: string;
  /** Bar background. */
  readonly color: string;
  /** Bar text colour. */
  readonly ink: string;
  /** Primary button background. */
  readonly accent: string;
  /** Primary button text colour. */
  readonly accentInk: string;
}

function style(brand: PageBrand): string {
  return `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;background:#f4f5f7;color:#191f28}
.bar{background:${brand.color};color:${brand.ink};padding:14px 20px;font-weight:700;font-size:18px;letter-spacing:-.3px}
.bar small{font-weight:400;font-size:12px;margin-left:8px;opacity:.85}
main{max-width:440px;margin:24px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:15px;margin:20px 0 8px}
p{font-size:14px;line-height:1.5;margin:6px 0}
.muted{color:#6b7684;font-size:13px}
fieldset{border:0;padding:0;margin:12px 0}
label.persona{display:block;border:1px solid #e5e8eb;border-radius:8px;padding:10px 12px;margin:6px 0;cursor:pointer}
label.persona:has(input:checked){border-color:${brand.accent};background:#f9fafb}
label.persona span{display:block;font-size:12px;color:#6b7684;margin-left:22px}
ul.items{padding-left:18px;font-size:14px;margin:4px 0}
.actions{display:flex;flex-direction:column;gap:8px;margin-top:20px}
button{font:inherit;font-size:15px;border-radius:8px;padding:12px;border:0;cursor:pointer}
button.primary{background:${brand.accent};color:${brand.accentInk};font-weight:700}
button.secondary{background:#f2f4f6;color:#333d4b}
.code{font-family:ui-monospace,Menlo,monospace;background:#f2f4f6;border-radius:4px;padding:1px 5px}
.error h1{color:#d22030}
`;
}

export function brandedLayout(brand: PageBrand, title: string, body: RawHtml): string {
  return html`<!doctype html>
    <html lang="ko">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        <style>
          ${raw(style(brand))}
        </style>
      </head>
      <body>
        <div class="bar">${brand.name}<small>개발용 샌드박스 · 실제 서비스가 아닙니다</small></div>
        <main>${body}</main>
      </body>
    </html>`.value;
}

/** An error page in the provider's chrome; `code` is shown for support (never a secret). */
export function brandedErrorPage(
  brand: PageBrand,
  input: { readonly title: string; readonly detail: string; readonly code?: string },
): string {
  return brandedLayout(
    brand,
    input.title,
    html`<div class="error">
      <h1>${input.title}</h1>
      ${
        input.code
          ? html`<p>오류 코드: <span class="code" data-error-code="${input.code}">${input.code}</span></p>`
          : ''
      }
      <p>${input.detail}</p>
      <p class="muted">이 창을 닫고 서비스에서 다시 시도하세요.</p>
    </div>`,
  );
}

/**
 * Appends `params` to a URL that may already carry a query, percent-encoding values with
 * encodeURIComponent (a space is %20, as providers write it).
 */
export function appendQuery(url: string, params: readonly (readonly [string, string | undefined])[]): string {
  const query = params
    .filter((p): p is readonly [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  if (query === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/**
 * True when a browser says the request comes from another origin. The pages send
 * `Referrer-Policy: no-referrer`, under which browsers send `Origin: null` on their own form POSTs
 * (Fetch, "append a request Origin header": no-referrer serializes the origin as null), so "null"
 * is not evidence of a cross-site request: the form's nonce and the SameSite=Strict browser cookie
 * remain the CSRF defence, this check is the extra one for an origin that is named.
 */
export function isForeignOrigin(origin: string | undefined, own: string): boolean {
  return origin !== undefined && origin !== 'null' && origin !== own;
}

/** The HTML form's only encoding; pages never send anything else. */
export function isFormPost(contentType: string | undefined): boolean {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '');
}

/** True for an absolute http(s) URL without a fragment. */
export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value) || value.includes('#')) return false;
  const protocol = new URL(value).protocol;
  return protocol === 'http:' || protocol === 'https:';
}
