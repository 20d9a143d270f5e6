import { type FastifyReply, type FastifyRequest } from 'fastify';
import { firstRepeated, param } from './form-body.js';
import { html, type RawHtml } from './html.js';
import { isForeignOrigin, isFormPost } from './provider-page.js';
import { readCookie, safeEqual } from './secure.js';

/**
 * The persona picker every provider page shows (Kakao's consent page, KCB's page, SSAFY Verify's
 * verification page), in one place: the form's fields, the cookie that binds
 * a rendered form to its browser, and the checks of its POST.
 *
 * A form carries `request_id` (the pending request it was rendered for), `nonce` (rendered into
 * this very form), `persona` (a radio list) and `action` (the provider's own verb, or `cancel`).
 * The POST is checked in this order, each failure an error page in the provider's chrome: a
 * browser-sent Origin naming another site (403), not the HTML form's encoding (400), a repeated
 * field (400), an unknown or expired request (400), another nonce (403), another browser's
 * cookie (403). The caller then handles `cancel`, or picks the persona (`pickPersona`), applies the
 * persona's fault and spends the request (`spendForm`), so the form is single use.
 */

/** What a provider page says in its own words; `screen` is the page's name (e.g. "본인확인 화면"). */
export interface PersonaFormTexts {
  readonly screen: string;
  /** The detail of an unknown, expired or already handled request. */
  readonly expired: string;
  /** Default "다른 사이트에서 보낸 요청은 처리하지 않습니다." */
  readonly foreignOrigin?: string;
  /** Default "이 화면에서 보낸 요청이 아닙니다." */
  readonly wrongNonce?: string;
}

/** What the page stored when it rendered the form. */
export interface FormBinding {
  readonly nonce: string;
  readonly browser: string;
}

/** Sends an error page in the provider's chrome. */
export type SendErrorPage = (status: number, title: string, detail: string) => FastifyReply;

const FORM_FIELDS = ['request_id', 'nonce', 'persona', 'action'] as const;
const BROWSER_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * The browser's id for a provider page: its cookie when it carries a well-formed one, else a new
 * id. Sets the cookie (HttpOnly, SameSite=Strict, the page's directory as path) either way.
 */
export function bindBrowser(
  request: FastifyRequest,
  reply: FastifyReply,
  cookie: string,
  newId: () => string,
): string {
  const existing = readCookie(request.headers.cookie, cookie);
  const browser = existing !== undefined && BROWSER_ID.test(existing) ? existing : newId();
  reply.header('set-cookie', `${cookie}=${browser}; HttpOnly; SameSite=Strict`);
  return browser;
}

/** The form's hidden fields. */
export function formTokens(requestId: string, nonce: string): RawHtml {
  return html`<input type="hidden" name="request_id" value="${requestId}" />
    <input type="hidden" name="nonce" value="${nonce}" />`;
}

/** The radio list of personas, the first one checked; `label` renders each one's text. */
export function personaChoices<P extends { readonly id: string }>(
  personas: readonly P[],
  label: (persona: P) => RawHtml,
): RawHtml {
  return html`<fieldset>
    <legend class="muted">샌드박스 사용자</legend>
    ${personas.map(
      (p, i) =>
        html`<label class="persona"
          ><input type="radio" name="persona" value="${p.id}" ${i === 0 ? html` checked` : ''} required />
          ${label(p)}</label
        > `,
    )}
  </fieldset>`;
}

export interface CheckedForm<Pending> {
  readonly requestId: string;
  readonly pending: Pending;
  /** `action` as posted (checked by the caller: the provider's verb or `cancel`). */
  readonly action: string | undefined;
  /** `persona` as posted. */
  readonly personaId: string | undefined;
  /** Answers 403 with this detail. */
  readonly forbidden: (detail: string) => FastifyReply;
}

/**
 * Checks a persona form's POST up to the browser binding (see the module comment). Answers the
 * error page and returns undefined on the first failure.
 */
export function checkPersonaForm<Pending extends FormBinding>(
  request: FastifyRequest,
  options: {
    readonly cookie: string;
    readonly lookup: (requestId: string) => Pending | undefined;
    readonly errorPage: SendErrorPage;
    readonly texts: PersonaFormTexts;
  },
): CheckedForm<Pending> | undefined {
  const { errorPage, texts } = options;
  const forbidden = (detail: string) => errorPage(403, '요청을 확인할 수 없습니다', detail);
  if (isForeignOrigin(request.headers.origin, `${request.protocol}://${request.host}`)) {
    forbidden(texts.foreignOrigin ?? '다른 사이트에서 보낸 요청은 처리하지 않습니다.');
    return undefined;
  }
  if (!isFormPost(request.headers['content-type'])) {
    errorPage(400, '잘못된 요청입니다', `${texts.screen}의 양식으로만 보낼 수 있습니다.`);
    return undefined;
  }
  const body = request.body;
  const repeated = firstRepeated(body, FORM_FIELDS);
  if (repeated !== undefined) {
    errorPage(400, '잘못된 요청입니다', `${repeated} 값이 두 번 이상 포함되었습니다.`);
    return undefined;
  }
  const requestId = param(body, 'request_id');
  const pending = requestId === undefined ? undefined : options.lookup(requestId);
  if (requestId === undefined || pending === undefined) {
    errorPage(400, '요청이 만료되었습니다', texts.expired);
    return undefined;
  }
  if (!safeEqual(param(body, 'nonce'), pending.nonce)) {
    forbidden(texts.wrongNonce ?? '이 화면에서 보낸 요청이 아닙니다.');
    return undefined;
  }
  if (!safeEqual(readCookie(request.headers.cookie, options.cookie), pending.browser)) {
    forbidden(`${texts.screen}을 연 브라우저에서 보낸 요청이 아닙니다.`);
    return undefined;
  }
  return {
    requestId,
    pending,
    action: param(body, 'action'),
    personaId: param(body, 'persona'),
    forbidden,
  };
}

/** 400 unless `action` is the page's verb; cancel is the caller's to handle before this. */
export function expectAction(form: CheckedForm<unknown>, verb: string, errorPage: SendErrorPage): boolean {
  if (form.action === verb) return true;
  errorPage(400, '잘못된 요청입니다', `action은 ${verb} 또는 cancel이어야 합니다.`);
  return false;
}

/** The chosen persona's entry, or a 400 page when the form named none of the list. */
export function pickPersona<Entry>(
  form: CheckedForm<unknown>,
  personas: ReadonlyMap<string, Entry>,
  errorPage: SendErrorPage,
): Entry | undefined {
  const entry = form.personaId === undefined ? undefined : personas.get(form.personaId);
  if (entry === undefined) {
    errorPage(400, '사용자를 선택하세요', '목록에 있는 샌드박스 사용자를 선택해야 합니다.');
  }
  return entry;
}

/**
 * Spends the form's request (single use: a double click or a replay finds nothing). Answers 403
 * and returns false when it was spent already.
 */
export function spendForm(form: CheckedForm<unknown>, remove: (requestId: string) => boolean): boolean {
  if (remove(form.requestId)) return true;
  form.forbidden('이미 처리된 요청입니다.');
  return false;
}
