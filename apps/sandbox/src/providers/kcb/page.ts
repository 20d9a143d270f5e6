import { type FastifyInstance, type FastifyReply } from 'fastify';
import { applyPersonaFault } from '../../faults.js';
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
import { appendQuery, brandedLayout, isFormPost } from '../../provider-page.js';
import { type KcbContext } from './context.js';
import { KCB_BRAND, KCB_RSP, kcbErrorPage, kcbPageShape } from './errors.js';
import { KCB_CARRIERS, type KcbPersona } from './personas.js';
import { KCB_LIFETIMES, kcbRandomToken } from './state.js';

/**
 * `tc` of the browser form, as public integrations post it to https://safe.ok-name.co.kr/CommonSvl
 * (the 휴대폰 본인확인 popup command). Any other value is refused: it would open another KCB
 * service.
 */
export const KCB_TC = 'kcb.oknm.online.main.popup.cmd.P941_CertChoiceCmd';

/** Binds a rendered page to the browser it was rendered for (see the confirm POST). */
export const KCB_BROWSER_COOKIE = 'sandbox_kcb_browser';

function errorPage(reply: FastifyReply, status: number, title: string, detail: string, code?: string) {
  return sendPage(reply, status, kcbErrorPage(title, detail, code));
}

function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}-****-${phone.slice(-4)}`;
}

function renderPage(input: {
  readonly siteName: string;
  readonly personas: readonly KcbPersona[];
  readonly requestId: string;
  readonly nonce: string;
}): string {
  return brandedLayout(
    KCB_BRAND,
    `휴대폰 본인확인 — ${input.siteName}`,
    html`<h1>휴대폰 본인확인</h1>
      <p class="muted">${input.siteName}에서 본인확인을 요청했습니다. 본인확인할 사용자를 고르세요.</p>
      <form method="post" action="CommonSvl/confirm">
        ${formTokens(input.requestId, input.nonce)}
        ${personaChoices(
          input.personas,
          (p) => html`${p.name} · ${KCB_CARRIERS[p.carrier]} ${maskPhone(p.phone)}<span>${p.summary}</span>`,
        )}
        <h2>제공되는 정보</h2>
        <ul class="items">
          <li>이름, 생년월일, 성별, 내외국인 구분</li>
          <li>휴대폰 번호, 통신사</li>
          <li>CI(연계정보), DI(중복가입확인정보)</li>
        </ul>
        <div class="actions">
          <button type="submit" name="action" value="confirm" class="primary">본인확인 완료</button>
          <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>취소</button>
        </div>
      </form>`,
  );
}

export function registerKcbPage(app: FastifyInstance, ctx: KcbContext): void {
  const { state } = ctx;

  /**
   * POST https://safe.ok-name.co.kr/CommonSvl — the platform's browser posts `tc`,
   * `idcf_mbr_com_cd`, `svc_tkn` (a form, in a popup or the full window). Errors are pages: the
   * user is never sent to a return URL KCB has not checked.
   */
  app.post('/CommonSvl', { config: { errorShape: kcbPageShape } }, async (request, reply) => {
    if (!isFormPost(request.headers['content-type'])) {
      return errorPage(reply, 400, '잘못된 요청입니다', '본인확인 요청은 양식(form POST)으로만 받습니다.');
    }
    const body = request.body;
    const repeated = firstRepeated(body, ['tc', 'idcf_mbr_com_cd', 'svc_tkn']);
    if (repeated !== undefined) {
      return errorPage(reply, 400, '잘못된 요청입니다', `${repeated} 값이 두 번 이상 포함되었습니다.`);
    }
    if (param(body, 'tc') !== KCB_TC) {
      return errorPage(
        reply,
        400,
        '잘못된 요청입니다',
        'tc 값이 휴대폰 본인확인 요청이 아닙니다.',
        KCB_RSP.INVALID_REQUEST,
      );
    }
    const svcTkn = param(body, 'svc_tkn');
    const tx = svcTkn === undefined ? undefined : state.transactions.get(svcTkn);
    if (svcTkn === undefined || tx === undefined) {
      return errorPage(
        reply,
        400,
        '요청이 만료되었습니다',
        '본인확인 요청이 만료되었거나 올바르지 않습니다. 서비스에서 다시 시도하세요.',
        KCB_RSP.TOKEN_NOT_FOUND,
      );
    }
    if (param(body, 'idcf_mbr_com_cd') !== tx.memberCode) {
      return errorPage(
        reply,
        400,
        '잘못된 요청입니다',
        '회원사 코드가 본인확인 요청과 다릅니다.',
        KCB_RSP.MEMBER_MISMATCH,
      );
    }
    if (tx.status !== 'pending') {
      return errorPage(
        reply,
        400,
        '이미 처리된 요청입니다',
        '이 본인확인 요청은 이미 완료되었거나 취소되었습니다.',
      );
    }
    // Default cookie path: the directory of /…/CommonSvl, which also holds CommonSvl/confirm.
    const browser = bindBrowser(request, reply, KCB_BROWSER_COOKIE, kcbRandomToken);
    const requestId = kcbRandomToken();
    const nonce = kcbRandomToken();
    state.forms.set(requestId, { svcTkn, nonce, browser }, KCB_LIFETIMES.pageFormMs);
    return sendPage(
      reply,
      200,
      renderPage({
        siteName: tx.siteName,
        personas: [...ctx.personas.values()].map((e) => e.persona),
        requestId,
        nonce,
      }),
    );
  });

  /**
   * The page's own form (never called by clients). CSRF: the nonce rendered into this very form,
   * the cookie of the browser it was rendered for, and a browser-sent Origin equal to KCB's. Both
   * 본인확인 완료 and 취소 answer 303 to `return_url?svc_tkn=…` (the seed's query string); the
   * platform then asks popup-result, which reports the outcome (B000 or B302 취소).
   */
  app.post('/CommonSvl/confirm', { config: { errorShape: kcbPageShape } }, async (request, reply) => {
    const page = (status: number, title: string, detail: string) => errorPage(reply, status, title, detail);
    const checked = checkPersonaForm(request, {
      cookie: KCB_BROWSER_COOKIE,
      lookup: (id) => state.forms.get(id),
      errorPage: page,
      texts: { screen: '본인확인 화면', expired: '본인확인 화면이 만료되었거나 이미 처리되었습니다.' },
    });
    if (checked === undefined) return reply;
    const { requestId, pending: form } = checked;
    const tx = state.transactions.get(form.svcTkn);
    if (tx === undefined || tx.status !== 'pending') {
      state.forms.delete(requestId);
      return errorPage(
        reply,
        400,
        '요청이 만료되었습니다',
        '본인확인 요청이 만료되었거나 이미 처리되었습니다.',
      );
    }
    const back = () =>
      reply
        .code(303)
        .header('location', appendQuery(tx.returnUrl, [['svc_tkn', form.svcTkn]]))
        .header('cache-control', 'no-store')
        .send();
    const spend = () => spendForm(checked, (id) => state.forms.delete(id));
    if (checked.action === 'cancel') {
      if (!spend()) return reply;
      tx.status = 'cancelled';
      tx.completedAt = ctx.clock();
      return back();
    }
    if (!expectAction(checked, 'confirm', page)) return reply;
    const entry = pickPersona(checked, ctx.personas, page);
    if (entry === undefined) return reply;
    if (
      (await applyPersonaFault(ctx.injector, entry.faults.page, request, reply, kcbPageShape)) === 'answered'
    ) {
      return reply;
    }
    // Single use: a second submit of the same form finds nothing.
    if (!spend()) return reply;
    tx.status = 'completed';
    tx.personaId = entry.persona.id;
    tx.completedAt = ctx.clock();
    return back();
  });
}
