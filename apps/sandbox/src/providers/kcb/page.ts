import { type FastifyInstance, type FastifyReply } from 'fastify';
import { applyPersonaFault } from '../../faults.js';
import { firstRepeated, param } from '../../form-body.js';
import { html, sendPage } from '../../html.js';
import { appendQuery, brandedLayout, isForeignOrigin, isFormPost } from '../../provider-page.js';
import { readCookie, safeEqual } from '../../secure.js';
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
const BROWSER_ID = /^[A-Za-z0-9_-]{43}$/;

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
        <input type="hidden" name="request_id" value="${input.requestId}" />
        <input type="hidden" name="nonce" value="${input.nonce}" />
        <fieldset>
          <legend class="muted">샌드박스 사용자</legend>
          ${input.personas.map(
            (p, i) =>
              html`<label class="persona"
                ><input
                  type="radio"
                  name="persona"
                  value="${p.id}"
                  ${i === 0 ? html` checked` : ''}
                  required
                />
                ${p.name} · ${KCB_CARRIERS[p.carrier]} ${maskPhone(p.phone)}<span>${p.summary}</span></label
              > `,
          )}
        </fieldset>
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
    const existing = readCookie(request.headers.cookie, KCB_BROWSER_COOKIE);
    const browser = existing !== undefined && BROWSER_ID.test(existing) ? existing : kcbRandomToken();
    const requestId = kcbRandomToken();
    const nonce = kcbRandomToken();
    state.forms.set(requestId, { svcTkn, nonce, browser }, KCB_LIFETIMES.pageFormMs);
    // Default cookie path: the directory of /…/CommonSvl, which also holds CommonSvl/confirm.
    reply.header('set-cookie', `${KCB_BROWSER_COOKIE}=${browser}; HttpOnly; SameSite=Strict`);
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
    const forbidden = (detail: string) => errorPage(reply, 403, '요청을 확인할 수 없습니다', detail);
    if (isForeignOrigin(request.headers.origin, `${request.protocol}://${request.host}`)) {
      return forbidden('다른 사이트에서 보낸 요청은 처리하지 않습니다.');
    }
    if (!isFormPost(request.headers['content-type'])) {
      return errorPage(reply, 400, '잘못된 요청입니다', '본인확인 화면의 양식으로만 보낼 수 있습니다.');
    }
    const body = request.body;
    const repeated = firstRepeated(body, ['request_id', 'nonce', 'persona', 'action']);
    if (repeated !== undefined) {
      return errorPage(reply, 400, '잘못된 요청입니다', `${repeated} 값이 두 번 이상 포함되었습니다.`);
    }
    const requestId = param(body, 'request_id');
    const form = requestId === undefined ? undefined : state.forms.get(requestId);
    if (requestId === undefined || form === undefined) {
      return errorPage(
        reply,
        400,
        '요청이 만료되었습니다',
        '본인확인 화면이 만료되었거나 이미 처리되었습니다.',
      );
    }
    if (!safeEqual(param(body, 'nonce'), form.nonce)) return forbidden('이 화면에서 보낸 요청이 아닙니다.');
    if (!safeEqual(readCookie(request.headers.cookie, KCB_BROWSER_COOKIE), form.browser)) {
      return forbidden('본인확인 화면을 연 브라우저에서 보낸 요청이 아닙니다.');
    }
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
    const action = param(body, 'action');
    if (action === 'cancel') {
      if (!state.forms.delete(requestId)) return forbidden('이미 처리된 요청입니다.');
      tx.status = 'cancelled';
      tx.completedAt = ctx.clock();
      return back();
    }
    if (action !== 'confirm') {
      return errorPage(reply, 400, '잘못된 요청입니다', 'action은 confirm 또는 cancel이어야 합니다.');
    }
    const personaId = param(body, 'persona');
    const entry = personaId === undefined ? undefined : ctx.personas.get(personaId);
    if (entry === undefined) {
      return errorPage(reply, 400, '사용자를 선택하세요', '목록에 있는 샌드박스 사용자를 선택해야 합니다.');
    }
    if (
      (await applyPersonaFault(ctx.injector, entry.faults.page, request, reply, kcbPageShape)) === 'answered'
    ) {
      return reply;
    }
    // Single use: a second submit of the same form finds nothing.
    if (!state.forms.delete(requestId)) return forbidden('이미 처리된 요청입니다.');
    tx.status = 'completed';
    tx.personaId = entry.persona.id;
    tx.completedAt = ctx.clock();
    return back();
  });
}
