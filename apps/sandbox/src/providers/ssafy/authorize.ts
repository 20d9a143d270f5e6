import { type FastifyInstance, type FastifyReply } from 'fastify';
import { applyPersonaFault } from '../../faults.js';
import { firstRepeated, param } from '../../form-body.js';
import { html, sendPage } from '../../html.js';
import { appendQuery, brandedLayout, isForeignOrigin, isFormPost } from '../../provider-page.js';
import { readCookie, safeEqual } from '../../secure.js';
import { S256_CHALLENGE } from '../kakao/pkce.js';
import { type SsafyContext, type SsafyClient, SSAFY_SCOPES, findSsafyClient } from './context.js';
import { SSAFY_BRAND, SSAFY_ERROR_CODES, ssafyErrorPage, ssafyPageShape } from './errors.js';
import { type SsafyPersona } from './personas.js';
import { SSAFY_LIFETIMES, ssafyRandomToken } from './state.js';

/** Binds a rendered verification page to the browser it was rendered for. */
export const SSAFY_BROWSER_COOKIE = 'sandbox_ssafy_browser';
/** The issuer `defect:wrong-iss` names instead of the real one (callback `iss` or token `iss`). */
export const SSAFY_WRONG_ISSUER_URL = 'https://verify.attacker.example';

const AUTHORIZE_PARAMS = [
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'response_type',
] as const;
const DECISION_PARAMS = ['request_id', 'nonce', 'persona', 'action'] as const;
const STATE = /^[\x21-\x7e]{8,512}$/;
const BROWSER_ID = /^[A-Za-z0-9_-]{43}$/;

const SCOPE_LABELS: Record<string, string> = {
  'ssafy.verify': 'SSAFY 구성원 여부 (필수)',
  'ssafy.affiliation': '기수·캠퍼스',
  'ssafy.name': '이름',
  'ssafy.profile_image': '프로필 이미지',
  'ssafy.mattermost_id': 'Mattermost 계정 id (기존 계정 연결용)',
};

function errorPage(reply: FastifyReply, status: number, title: string, detail: string, code?: string) {
  return sendPage(reply, status, ssafyErrorPage(title, detail, code));
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).header('cache-control', 'no-store').send();
}

function renderPage(input: {
  readonly client: SsafyClient;
  readonly personas: readonly SsafyPersona[];
  readonly scopes: readonly string[];
  readonly requestId: string;
  readonly nonce: string;
}): string {
  const appName = input.client.name ?? input.client.clientId;
  return brandedLayout(
    SSAFY_BRAND,
    `SSAFY 구성원 인증 — ${appName}`,
    html`<h1>SSAFY 구성원 인증</h1>
      <p class="muted">
        ${appName}에서 SSAFY 구성원 인증을 요청했습니다. 실제 서비스에서는 Mattermost DM으로 받은 코드를
        입력하는 단계입니다.
      </p>
      <form method="post" action="authorize/decision">
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
                ${p.name}<span>${p.summary}</span></label
              > `,
          )}
        </fieldset>
        <h2>${appName}에 제공할 정보</h2>
        <ul class="items">
          ${input.scopes.map((s) => html`<li>${SCOPE_LABELS[s] ?? s}</li>`)}
        </ul>
        <div class="actions">
          <button type="submit" name="action" value="verify" class="primary">인증하기</button>
          <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>취소</button>
        </div>
      </form>`,
  );
}

export function registerSsafyAuthorize(app: FastifyInstance, ctx: SsafyContext): void {
  const { state: store } = ctx;

  /**
   * GET https://verify.myknow.xyz/verify/authorize — opened by the hosted SDK in a popup (or by a
   * mobile app in the system browser) with client_id, redirect_uri, scope (space separated), state
   * and an S256 code_challenge (PKCE and state are required, guide). Until client_id and
   * redirect_uri are known to be registered, errors are pages (RFC 6749 §4.1.2.1); after that they
   * go back to the redirect URI with error, error_code, request_id, state and iss.
   */
  app.get('/verify/authorize', { config: { errorShape: ssafyPageShape } }, async (request, reply) => {
    const q = request.query;
    const repeated = firstRepeated(q, AUTHORIZE_PARAMS);
    if (repeated !== undefined) {
      return errorPage(reply, 400, '잘못된 요청입니다', `${repeated} 파라미터가 두 번 이상 포함되었습니다.`);
    }
    const client = findSsafyClient(ctx.clients, param(q, 'client_id'));
    if (client === undefined) {
      return errorPage(
        reply,
        400,
        '등록되지 않은 클라이언트입니다',
        'client_id가 없거나 등록되지 않았습니다.',
        'INVALID_CLIENT',
      );
    }
    const redirectUri = param(q, 'redirect_uri');
    if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
      return errorPage(
        reply,
        400,
        '등록되지 않은 redirect_uri입니다',
        '클라이언트 설정에 등록된 redirect_uri와 정확히 일치해야 합니다.',
        'INVALID_REDIRECT_URI',
      );
    }
    const issuer = ctx.issuer(request);
    const state = param(q, 'state');
    const fail = (error: string, errorCode: string) =>
      redirect(
        reply,
        appendQuery(redirectUri, [
          ['error', error],
          ['error_code', errorCode],
          ['request_id', request.id],
          ['state', state],
          ['iss', issuer],
        ]),
      );
    const responseType = param(q, 'response_type');
    if (responseType !== undefined && responseType !== 'code') {
      return fail('unsupported_response_type', SSAFY_ERROR_CODES.INVALID_REQUEST);
    }
    if (state === undefined || !STATE.test(state))
      return fail('invalid_request', SSAFY_ERROR_CODES.INVALID_REQUEST);
    const challenge = param(q, 'code_challenge');
    if (
      param(q, 'code_challenge_method') !== 'S256' ||
      challenge === undefined ||
      !S256_CHALLENGE.test(challenge)
    ) {
      return fail('invalid_request', SSAFY_ERROR_CODES.INVALID_REQUEST);
    }
    const scopes = [...new Set((param(q, 'scope') ?? '').split(' ').filter((s) => s !== ''))];
    const known = new Set<string>(SSAFY_SCOPES);
    if (!scopes.includes('ssafy.verify') || scopes.some((s) => !known.has(s))) {
      return fail('invalid_scope', SSAFY_ERROR_CODES.INVALID_SCOPE);
    }
    const existing = readCookie(request.headers.cookie, SSAFY_BROWSER_COOKIE);
    const browser = existing !== undefined && BROWSER_ID.test(existing) ? existing : ssafyRandomToken();
    const requestId = ssafyRandomToken();
    const nonce = ssafyRandomToken();
    store.pending.set(
      requestId,
      { clientId: client.clientId, redirectUri, state, codeChallenge: challenge, scopes, nonce, browser },
      SSAFY_LIFETIMES.pageMs,
    );
    // Default cookie path: /…/verify, which also holds the decision POST.
    reply.header('set-cookie', `${SSAFY_BROWSER_COOKIE}=${browser}; HttpOnly; SameSite=Strict`);
    return sendPage(
      reply,
      200,
      renderPage({
        client,
        personas: [...ctx.personas.values()].map((e) => e.persona),
        scopes,
        requestId,
        nonce,
      }),
    );
  });

  /** The page's own form (never called by clients). CSRF as Kakao's consent form. */
  app.post(
    '/verify/authorize/decision',
    { config: { errorShape: ssafyPageShape } },
    async (request, reply) => {
      const forbidden = (detail: string) => errorPage(reply, 403, '요청을 확인할 수 없습니다', detail);
      if (isForeignOrigin(request.headers.origin, `${request.protocol}://${request.host}`)) {
        return forbidden('다른 사이트에서 보낸 요청은 처리하지 않습니다.');
      }
      if (!isFormPost(request.headers['content-type'])) {
        return errorPage(reply, 400, '잘못된 요청입니다', '인증 화면의 양식으로만 보낼 수 있습니다.');
      }
      const body = request.body;
      const repeated = firstRepeated(body, DECISION_PARAMS);
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
          '인증 요청이 만료되었거나 이미 처리되었습니다. 서비스에서 다시 시도하세요.',
        );
      }
      if (!safeEqual(param(body, 'nonce'), pending.nonce))
        return forbidden('이 화면에서 보낸 요청이 아닙니다.');
      if (!safeEqual(readCookie(request.headers.cookie, SSAFY_BROWSER_COOKIE), pending.browser)) {
        return forbidden('인증 화면을 연 브라우저에서 보낸 요청이 아닙니다.');
      }
      const issuer = ctx.issuer(request);
      const back = (params: readonly (readonly [string, string | undefined])[]) =>
        redirect(reply, appendQuery(pending.redirectUri, [...params, ['state', pending.state]]));
      const action = param(body, 'action');
      if (action === 'cancel') {
        if (!store.pending.delete(requestId)) return forbidden('이미 처리된 요청입니다.');
        return back([
          ['error', 'access_denied'],
          ['error_code', SSAFY_ERROR_CODES.CANCELLED],
          ['request_id', request.id],
          ['iss', issuer],
        ]);
      }
      if (action !== 'verify') {
        return errorPage(reply, 400, '잘못된 요청입니다', 'action은 verify 또는 cancel이어야 합니다.');
      }
      const personaId = param(body, 'persona');
      const entry = personaId === undefined ? undefined : ctx.personas.get(personaId);
      if (entry === undefined) {
        return errorPage(reply, 400, '사용자를 선택하세요', '목록에 있는 샌드박스 사용자를 선택해야 합니다.');
      }
      if (
        (await applyPersonaFault(ctx.injector, entry.faults.callback, request, reply, ssafyPageShape)) ===
        'answered'
      ) {
        return reply;
      }
      if (!store.pending.delete(requestId)) return forbidden('이미 처리된 요청입니다.');
      const iss = request.sandboxDefect === 'wrong-iss' ? SSAFY_WRONG_ISSUER_URL : issuer;
      if (entry.persona.memberId === undefined) {
        return back([
          ['error', 'access_denied'],
          ['error_code', SSAFY_ERROR_CODES.MEMBER_NOT_FOUND],
          ['request_id', request.id],
          ['iss', iss],
        ]);
      }
      const code = ssafyRandomToken();
      store.codes.set(
        code,
        {
          clientId: pending.clientId,
          redirectUri: pending.redirectUri,
          codeChallenge: pending.codeChallenge,
          personaId: entry.persona.id,
          scopes: pending.scopes,
          authTime: Math.floor(ctx.clock() / 1000),
        },
        SSAFY_LIFETIMES.codeMs,
      );
      return back([
        ['code', code],
        ['iss', iss],
      ]);
    },
  );
}
