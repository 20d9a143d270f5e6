import { type FastifyInstance, type FastifyReply } from 'fastify';
import { firstRepeated, param } from '../../form-body.js';
import { html, sendPage } from '../../html.js';
import {
  bindBrowser,
  checkPersonaForm,
  expectAction,
  formTokens,
  personaChoices,
  pickPersona,
  spendForm,
} from '../../persona-form.js';
import { appendQuery, brandedLayout } from '../../provider-page.js';
import { type TossContext } from './context.js';
import { TOSS_BRAND, tossErrorPage, tossPageShape } from './errors.js';
import { type TossPersona, type TossUserScope } from './personas.js';
import { TOSS_LIFETIMES, TOSS_SANDBOX_REFERRER, tossRandomToken } from './state.js';

/** Binds a rendered login sheet to the browser it was rendered for. */
export const TOSS_BROWSER_COOKIE = 'sandbox_toss_browser';
/** The callback's `error` when the user closes the login sheet (the sandbox's own value). */
export const TOSS_CANCELLED_ERROR = 'user_cancelled';

const STATE = /^[\x21-\x7e]{1,512}$/;

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
        ${formTokens(requestId, nonce)}
        ${personaChoices(
          personas,
          (p) =>
            html`${p.name}<span
                >${p.summary} · 동의: ${p.consents.map((c) => CONSENT_LABELS[c]).join(', ')}</span
              >`,
        )}
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
    const browser = bindBrowser(request, reply, TOSS_BROWSER_COOKIE, tossRandomToken);
    const requestId = tossRandomToken();
    const nonce = tossRandomToken();
    store.pending.set(
      requestId,
      { nonce, browser, ...(state !== undefined ? { state } : {}) },
      TOSS_LIFETIMES.pageMs,
    );
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
    const page = (status: number, title: string, detail: string) => errorPage(reply, status, title, detail);
    const checked = checkPersonaForm(request, {
      cookie: TOSS_BROWSER_COOKIE,
      lookup: (id) => store.pending.get(id),
      errorPage: page,
      texts: { screen: '로그인 화면', expired: '로그인 요청이 만료되었거나 이미 처리되었습니다.' },
    });
    if (checked === undefined) return reply;
    const { pending } = checked;
    const back = (params: readonly (readonly [string, string | undefined])[]) =>
      reply
        .code(303)
        .header('location', appendQuery(ctx.options.callbackUrl, [...params, ['state', pending.state]]))
        .header('cache-control', 'no-store')
        .send();
    const spend = () => spendForm(checked, (id) => store.pending.delete(id));
    if (checked.action === 'cancel') {
      if (!spend()) return reply;
      return back([['error', TOSS_CANCELLED_ERROR]]);
    }
    if (!expectAction(checked, 'login', page)) return reply;
    const entry = pickPersona(checked, ctx.personas, page);
    if (entry === undefined) return reply;
    if (!spend()) return reply;
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
