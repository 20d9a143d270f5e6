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
import { appendQuery, brandedLayout } from '../../provider-page.js';
import { S256_CHALLENGE } from '../kakao/pkce.js';
import { type SsafyContext, type SsafyClient, SSAFY_SCOPES, findSsafyClient } from './context.js';
import { SSAFY_BRAND, SSAFY_ERROR_CODES, ssafyErrorPage, ssafyPageShape } from './errors.js';
import { type SsafyPersona } from './personas.js';
import { SSAFY_LIFETIMES, ssafyRandomToken } from './state.js';

/** Binds a rendered verification page to the browser it was rendered for. */
export const SSAFY_BROWSER_COOKIE = 'sandbox_ssafy_browser';
/** The issuer `defect:wrong-iss` names instead of the real one (callback `iss` or token `iss`). */
export const SSAFY_WRONG_ISSUER_URL = 'https://verify.attacker.example';
/**
 * `defect:earlier-verification` (callback step): the code handed back stands for a verification
 * the member completed this long before the request (its `auth_time`), as a code obtained in an
 * earlier transaction and replayed under this one would. It is still unused and unexpired.
 */
export const SSAFY_EARLIER_VERIFICATION_MS = 90_000;

const AUTHORIZE_PARAMS = [
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'response_type',
] as const;
const STATE = /^[\x21-\x7e]{8,512}$/;

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
        ${formTokens(input.requestId, input.nonce)}
        ${personaChoices(input.personas, (p) => html`${p.name}<span>${p.summary}</span>`)}
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
    // Default cookie path: /…/verify, which also holds the decision POST.
    const browser = bindBrowser(request, reply, SSAFY_BROWSER_COOKIE, ssafyRandomToken);
    const requestId = ssafyRandomToken();
    const nonce = ssafyRandomToken();
    store.pending.set(
      requestId,
      { clientId: client.clientId, redirectUri, state, codeChallenge: challenge, scopes, nonce, browser },
      SSAFY_LIFETIMES.pageMs,
    );
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
      const page = (status: number, title: string, detail: string) => errorPage(reply, status, title, detail);
      const checked = checkPersonaForm(request, {
        cookie: SSAFY_BROWSER_COOKIE,
        lookup: (id) => store.pending.get(id),
        errorPage: page,
        texts: {
          screen: '인증 화면',
          expired: '인증 요청이 만료되었거나 이미 처리되었습니다. 서비스에서 다시 시도하세요.',
        },
      });
      if (checked === undefined) return reply;
      const { pending } = checked;
      const issuer = ctx.issuer(request);
      const back = (params: readonly (readonly [string, string | undefined])[]) =>
        redirect(reply, appendQuery(pending.redirectUri, [...params, ['state', pending.state]]));
      const spend = () => spendForm(checked, (id) => store.pending.delete(id));
      if (checked.action === 'cancel') {
        if (!spend()) return reply;
        return back([
          ['error', 'access_denied'],
          ['error_code', SSAFY_ERROR_CODES.CANCELLED],
          ['request_id', request.id],
          ['iss', issuer],
        ]);
      }
      if (!expectAction(checked, 'verify', page)) return reply;
      const entry = pickPersona(checked, ctx.personas, page);
      if (entry === undefined) return reply;
      if (
        (await applyPersonaFault(ctx.injector, entry.faults.callback, request, reply, ssafyPageShape)) ===
        'answered'
      ) {
        return reply;
      }
      if (!spend()) return reply;
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
          authTime: Math.floor(
            (ctx.clock() -
              (request.sandboxDefect === 'earlier-verification' ? SSAFY_EARLIER_VERIFICATION_MS : 0)) /
              1000,
          ),
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
