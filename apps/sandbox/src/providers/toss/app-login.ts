import { type FastifyInstance, type FastifyReply } from 'fastify';
import { firstRepeated, param } from '../../form-body.js';
import { html, sendPage } from '../../html.js';
import { appendQuery, brandedLayout, isForeignOrigin, isFormPost } from '../../provider-page.js';
import { readCookie, safeEqual } from '../../secure.js';
import { type TossContext } from './context.js';
import { TOSS_BRAND, tossErrorPage, tossPageShape } from './errors.js';
import { type TossPersona, type TossUserScope } from './personas.js';
import { TOSS_LIFETIMES, TOSS_SANDBOX_REFERRER, tossRandomToken } from './state.js';

/** Binds a rendered login sheet to the browser it was rendered for. */
export const TOSS_BROWSER_COOKIE = 'sandbox_toss_browser';
/** The callback's `error` when the user closes the login sheet (the sandbox's own value). */
export const TOSS_CANCELLED_ERROR = 'user_cancelled';

const STATE = /^[\x21-\x7e]{1,512}$/;
const BROWSER_ID = /^[A-Za-z0-9_-]{43}$/;

const CONSENT_LABELS: Record<TossUserScope, string> = {
  user_name: '이름',
  user_phone: '전화번호',
  user_birthday: '생년월일',
  user_ci: 'CI(연계정보)',
  user_gender: '성별',
  user_nationality: '국적',
  user_email: '이메일',
};

function errorPage(reply: FastifyReply, status: number, title: string, detail: string) {
  return sendPage(reply, status, tossErrorPage(title, detail));
}

function renderSheet(personas: readonly TossPersona[], requestId: string, nonce: string): string {
  return brandedLayout(
    TOSS_BRAND,
    '토스로 로그인',
    html`<h1>토스로 로그인</h1>
      <p class="muted">
        토스 앱의 appLogin()을 흉내 냅니다. 로그인할 토스 사용자를 고르면 인가 코드(authorizationCode)와
        referrer=${TOSS_SANDBOX_REFERRER}가 서비스로 전달됩니다.
      </p>
      <form method="post" action="app-login/decision">
        <input type="hidden" name="request_id" value="${requestId}" />
        <input type="hidden" name="nonce" value="${nonce}" />
        <fieldset>
          <legend class="muted">샌드박스 사용자</legend>
          ${personas.map(
            (p, i) =>
              html`<label class="persona"
                ><input
                  type="radio"
                  name="persona"
                  value="${p.id}"
                  ${i === 0 ? html` checked` : ''}
                  required
                />
                ${p.name}<span
                  >${p.summary} · 동의: ${p.consents.map((c) => CONSENT_LABELS[c]).join(', ')}</span
                ></label
              > `,
          )}
        </fieldset>
        <div class="actions">
          <button type="submit" name="action" value="login" class="primary">동의하고 로그인</button>
          <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>닫기</button>
        </div>
      </form>`,
  );
}

/**
 * The Toss app's appLogin(), played in a browser: the sandbox cannot run inside the Toss app, so
 * a page shows the login sheet and hands the result to the platform's callback as query
 * parameters. `GET /toss/app-login?state=…` (state optional, echoed so the platform can bind the
 * result to the browser session that started it).
 */
export function registerTossAppLogin(app: FastifyInstance, ctx: TossContext): void {
  const { state: store } = ctx;

  app.get('/app-login', { config: { errorShape: tossPageShape } }, async (request, reply) => {
    const repeated = firstRepeated(request.query, ['state']);
    if (repeated !== undefined)
      return errorPage(reply, 400, '잘못된 요청입니다', 'state가 두 번 이상 포함되었습니다.');
    const state = param(request.query, 'state');
    if (state !== undefined && !STATE.test(state)) {
      return errorPage(reply, 400, '잘못된 요청입니다', 'state는 공백 없는 ASCII 512자 이하여야 합니다.');
    }
    const existing = readCookie(request.headers.cookie, TOSS_BROWSER_COOKIE);
    const browser = existing !== undefined && BROWSER_ID.test(existing) ? existing : tossRandomToken();
    const requestId = tossRandomToken();
    const nonce = tossRandomToken();
    store.pending.set(
      requestId,
      { nonce, browser, ...(state !== undefined ? { state } : {}) },
      TOSS_LIFETIMES.pageMs,
    );
    reply.header('set-cookie', `${TOSS_BROWSER_COOKIE}=${browser}; HttpOnly; SameSite=Strict`);
    return sendPage(
      reply,
      200,
      renderSheet(
        [...ctx.personas.values()].map((e) => e.persona),
        requestId,
        nonce,
      ),
    );
  });

  app.post('/app-login/decision', { config: { errorShape: tossPageShape } }, async (request, reply) => {
    const forbidden = (detail: string) => errorPage(reply, 403, '요청을 확인할 수 없습니다', detail);
    if (isForeignOrigin(request.headers.origin, `${request.protocol}://${request.host}`)) {
      return forbidden('다른 사이트에서 보낸 요청은 처리하지 않습니다.');
    }
    if (!isFormPost(request.headers['content-type'])) {
      return errorPage(reply, 400, '잘못된 요청입니다', '로그인 화면의 양식으로만 보낼 수 있습니다.');
    }
    const body = request.body;
    const repeated = firstRepeated(body, ['request_id', 'nonce', 'persona', 'action']);
    if (repeated !== undefined) {
      return errorPage(reply, 400, '잘못된 요청입니다', `${repeated} 값이 두 번 이상 포함되었습니다.`);
    }
    const requestId = param(body, 'request_id');
    const pending = requestId === undefined ? undefined : store.pending.get(requestId);
    if (requestId === undefined || pending === undefined) {
      return errorPage(
        reply,
        400,
        '요청이 만료되었습니다',
        '로그인 요청이 만료되었거나 이미 처리되었습니다.',
      );
    }
    if (!safeEqual(param(body, 'nonce'), pending.nonce))
      return forbidden('이 화면에서 보낸 요청이 아닙니다.');
    if (!safeEqual(readCookie(request.headers.cookie, TOSS_BROWSER_COOKIE), pending.browser)) {
      return forbidden('로그인 화면을 연 브라우저에서 보낸 요청이 아닙니다.');
    }
    const back = (params: readonly (readonly [string, string | undefined])[]) =>
      reply
        .code(303)
        .header('location', appendQuery(ctx.options.callbackUrl, [...params, ['state', pending.state]]))
        .header('cache-control', 'no-store')
        .send();
    const action = param(body, 'action');
    if (action === 'cancel') {
      if (!store.pending.delete(requestId)) return forbidden('이미 처리된 요청입니다.');
      return back([['error', TOSS_CANCELLED_ERROR]]);
    }
    if (action !== 'login')
      return errorPage(reply, 400, '잘못된 요청입니다', 'action은 login 또는 cancel이어야 합니다.');
    const personaId = param(body, 'persona');
    const entry = personaId === undefined ? undefined : ctx.personas.get(personaId);
    if (entry === undefined) {
      return errorPage(reply, 400, '사용자를 선택하세요', '목록에 있는 샌드박스 사용자를 선택해야 합니다.');
    }
    if (!store.pending.delete(requestId)) return forbidden('이미 처리된 요청입니다.');
    const code = tossRandomToken();
    store.codes.set(
      code,
      { personaId: entry.persona.id, referrer: TOSS_SANDBOX_REFERRER },
      TOSS_LIFETIMES.authorizationCodeMs,
    );
    return back([
      ['authorizationCode', code],
      ['referrer', TOSS_SANDBOX_REFERRER],
    ]);
  });
}
