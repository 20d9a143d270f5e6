import { type FastifyReply } from 'fastify';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Tagged template: interpolated values are escaped unless wrapped in `raw()`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new RawHtml(out);
}

export class RawHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function raw(value: string): RawHtml {
  return new RawHtml(value);
}

function render(value: unknown): string {
  if (value instanceof RawHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** Inline styles only: the pages load no external asset (they must work offline, in CI). */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;background:#f5f5f5;color:#191919}
.bar{background:#fee500;padding:14px 20px;font-weight:700;font-size:20px;letter-spacing:-.5px}
.bar small{font-weight:400;font-size:12px;margin-left:8px;color:#3c1e1e}
main{max-width:420px;margin:24px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:15px;margin:20px 0 8px}
p{font-size:14px;line-height:1.5;margin:6px 0}
.muted{color:#767676;font-size:13px}
fieldset{border:0;padding:0;margin:12px 0}
label.persona{display:block;border:1px solid #e5e5e5;border-radius:8px;padding:10px 12px;margin:6px 0;cursor:pointer}
label.persona:has(input:checked){border-color:#191919;background:#fffbd1}
label.persona span{display:block;font-size:12px;color:#767676;margin-left:22px}
ul.scopes{padding-left:18px;font-size:14px;margin:4px 0}
.actions{display:flex;flex-direction:column;gap:8px;margin-top:20px}
button{font:inherit;font-size:15px;border-radius:6px;padding:12px;border:0;cursor:pointer}
button.primary{background:#fee500;color:#191919;font-weight:700}
button.secondary{background:#f0f0f0;color:#191919}
.code{font-family:ui-monospace,Menlo,monospace;background:#f5f5f5;border-radius:4px;padding:1px 5px}
.error h1{color:#c4302b}
`;

export function layout(title: string, body: RawHtml): string {
  return html`<!doctype html>
    <html lang="ko">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <div class="bar">kakao<small>개발용 샌드박스 · 실제 카카오가 아닙니다</small></div>
        <main>${body}</main>
      </body>
    </html>`.value;
}

/** Security headers for every HTML response (set by the app's onSend hook). */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  // No framing (the consent button must not be clickjacked), nothing but inline styles.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

export function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page);
}
