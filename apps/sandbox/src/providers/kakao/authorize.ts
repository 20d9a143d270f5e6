import { type FastifyInstance, type FastifyReply } from 'fastify';
import { applyPersonaFault } from '../../faults.js';
import { firstRepeated, param } from '../../form-body.js';
import { sendPage } from '../../html.js';
import { bindBrowser, checkPersonaForm, expectAction, pickPersona, spendForm } from '../../persona-form.js';
import { findApp } from './apps.js';
import { CI_SCOPE, grantedScopes, type KakaoContext } from './context.js';
import { KOE, kauthPageShape, renderErrorPage, type KakaoErrorPage } from './errors.js';
import { renderConsentPage } from './pages.js';
import { MAX_NONCE_LENGTH, OIDC_SCOPE } from './oidc.js';
import { DEFAULT_CHALLENGE_METHOD, PLAIN_CHALLENGE, S256_CHALLENGE } from './pkce.js';
import { KAKAO_LIFETIMES, randomToken } from './state.js';

/** Binds a rendered consent form to the browser it was rendered for (see the consent POST). */
export const BROWSER_COOKIE = 'sandbox_kakao_browser';

const AUTHORIZE_PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'state',
  'code_challenge',
  'code_challenge_method',
  'scope',
  'prompt',
  'nonce',
] as const;

/**
 * 동의항목 the sandbox app has configured, and `openid` (OpenID Connect); asking for anything else
 * is Kakao's KOE205.
 */
const KNOWN_SCOPES = new Set(['profile_nickname', 'profile_image', 'account_email', OIDC_SCOPE]);
/**
 * `scope` separators: Kakao documents comma-separated lists (JS SDK `Kakao.Auth.authorize`:
 * `"account_email,gender"`); RFC 6749 §3.3 (and so every generic OAuth client) separates with
 * spaces. Both are accepted, mixed too.
 */
const SCOPE_SEPARATORS = /[\s,]+/;
/** Kakao's documented `prompt` values. */
const PROMPTS = new Set(['login', 'none', 'create', 'select_account', 'cert']);
const MAX_STATE_LENGTH = 2048;

function errorPage(reply: FastifyReply, page: KakaoErrorPage): FastifyReply {
  return sendPage(reply, page.status, renderErrorPage(page));
}

/**
 * Appends parameters to a registered redirect URI. Values are percent-encoded with
 * encodeURIComponent, so a space is %20 as in Kakao's documented
 * `error_description=User%20denied%20access` (URLSearchParams would write `+`).
 */
export function redirectWith(
  redirectUri: string,
  params: readonly (readonly [string, string | undefined])[],
): string {
  const query = params
    .filter((p): p is readonly [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${query}`;
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(302).header('location', location).header('cache-control', 'no-store').send();
}

export function registerAuthorize(app: FastifyInstance, ctx: KakaoContext): void {
  /**
   * GET https://kauth.kakao.com/oauth/authorize. Until client_id and redirect_uri are known to be
   * registered, every error is a page here: an unverified redirect_uri is never redirected to
   * (RFC 6749 §4.1.2.1). The sandbox keeps that rule for every parameter error, as Kakao's own
   * KOE pages do.
   */
  app.get('/oauth/authorize', { config: { errorShape: kauthPageShape } }, async (request, reply) => {
    const q = request.query;
    const repeated = firstRepeated(q, AUTHORIZE_PARAMS);
    if (repeated !== undefined) {
      return errorPage(reply, {
        status: 400,
        code: KOE.BAD_REQUEST,
        title: '잘못된 요청입니다',
        detail: `${repeated} 파라미터가 두 번 이상 포함되었습니다.`,
      });
    }
    const clientId = param(q, 'client_id');
    if (clientId === undefined) {
      return errorPage(reply, {
        status: 400,
        code: KOE.BAD_REQUEST,
        title: '잘못된 요청입니다',
        detail: 'client_id 파라미터가 없습니다.',
      });
    }
    const kakaoApp = findApp(ctx.apps, clientId);
    if (kakaoApp === undefined) {
      return errorPage(reply, {
        status: 400,
        code: KOE.INVALID_APP_KEY,
        title: '앱 키가 올바르지 않습니다',
        detail: `등록되지 않은 client_id입니다: ${clientId}`,
      });
    }
    const redirectUri = param(q, 'redirect_uri');
    if (redirectUri === undefined || !kakaoApp.redirectUris.includes(redirectUri)) {
      return errorPage(reply, {
        status: 400,
        code: KOE.UNREGISTERED_REDIRECT_URI,
        title: '등록되지 않은 리다이렉트 URI입니다',
        detail:
          redirectUri === undefined
            ? 'redirect_uri 파라미터가 없습니다.'
            : `이 앱에 등록된 리다이렉트 URI와 정확히 일치해야 합니다: ${redirectUri}`,
      });
    }
    const responseType = param(q, 'response_type');
    if (responseType !== 'code') {
      return errorPage(reply, {
        status: 400,
        code: KOE.UNSUPPORTED_RESPONSE_TYPE,
        title: '지원하지 않는 응답 유형입니다',
        detail: `Unsupported response type: ${responseType ?? '(없음)'} — response_type=code만 지원합니다.`,
      });
    }
    const codeChallenge = param(q, 'code_challenge');
    const challengeMethod = param(q, 'code_challenge_method');
    // RFC 7636 §4.3: without code_challenge_method the method is plain.
    const method = challengeMethod ?? DEFAULT_CHALLENGE_METHOD;
    const pkceProblem =
      codeChallenge === undefined
        ? challengeMethod !== undefined
          ? 'code_challenge 없이 code_challenge_method만 전달되었습니다.'
          : undefined
        : method !== 'S256' && method !== 'plain'
          ? 'code_challenge_method는 S256 또는 plain이어야 합니다.'
          : method === 'S256' && !S256_CHALLENGE.test(codeChallenge)
            ? 'code_challenge는 SHA-256 해시의 base64url 인코딩(43자)이어야 합니다.'
            : method === 'plain' && !PLAIN_CHALLENGE.test(codeChallenge)
              ? 'plain code_challenge는 43~128자의 영문·숫자·-._~ 이어야 합니다.'
              : undefined;
    if (pkceProblem !== undefined) {
      return errorPage(reply, {
        status: 400,
        code: KOE.BAD_REQUEST,
        title: '잘못된 요청입니다',
        detail: pkceProblem,
      });
    }
    const scopes = (param(q, 'scope') ?? '')
      .split(SCOPE_SEPARATORS)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const unknownScope = scopes.find(
      (s) => !KNOWN_SCOPES.has(s) && !(s === CI_SCOPE && kakaoApp.ciConsentItem === true),
    );
    if (unknownScope !== undefined) {
      return errorPage(reply, {
        status: 400,
        code: KOE.INVALID_SCOPE,
        title: '설정하지 않은 동의항목입니다',
        detail: `이 앱에 설정되지 않은 동의항목을 요청했습니다: ${unknownScope}`,
      });
    }
    const prompts = (param(q, 'prompt') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const unknownPrompt = prompts.find((p) => !PROMPTS.has(p));
    if (unknownPrompt !== undefined) {
      return errorPage(reply, {
        status: 400,
        code: KOE.BAD_REQUEST,
        title: '잘못된 요청입니다',
        detail: `지원하지 않는 prompt 값입니다: ${unknownPrompt}`,
      });
    }
    const oidcNonce = param(q, 'nonce');
    if (oidcNonce !== undefined && oidcNonce.length > MAX_NONCE_LENGTH) {
      return errorPage(reply, {
        status: 400,
        code: KOE.BAD_REQUEST,
        title: '잘못된 요청입니다',
        detail: `nonce는 ${MAX_NONCE_LENGTH}자 이하여야 합니다.`,
      });
    }
    const state = param(q, 'state');
    if (state !== undefined && state.length > MAX_STATE_LENGTH) {
      return errorPage(reply, {
        status: 400,
        code: KOE.BAD_REQUEST,
        title: '잘못된 요청입니다',
        detail: `state는 ${MAX_STATE_LENGTH}자 이하여야 합니다.`,
      });
    }
    // prompt=none asks for a login without any screen. The sandbox has no Kakao account session,
    // so (like Kakao without one) it answers login_required at the registered redirect URI.
    if (prompts.includes('none')) {
      return redirect(
        reply,
        redirectWith(redirectUri, [
          ['error', 'login_required'],
          ['error_description', 'user authentication required.'],
          ['state', state],
        ]),
      );
    }

    // No Path attribute: the default path is the authorize URL's directory, which also holds the
    // consent form's target, whatever prefix the sandbox is mounted under (RFC 6265 §5.1.4).
    const browser = bindBrowser(request, reply, BROWSER_COOKIE, randomToken);
    const requestId = randomToken();
    const nonce = randomToken();
    ctx.state.pending.set(
      requestId,
      {
        clientId,
        redirectUri,
        nonce,
        browser,
        ...(state !== undefined ? { state } : {}),
        ...(codeChallenge !== undefined
          ? { codeChallenge, codeChallengeMethod: method === 'S256' ? 'S256' : 'plain' }
          : {}),
        ...(scopes.includes(OIDC_SCOPE) ? { oidc: oidcNonce !== undefined ? { nonce: oidcNonce } : {} } : {}),
      },
      KAKAO_LIFETIMES.pendingAuthorizationMs,
    );
    return sendPage(
      reply,
      200,
      renderConsentPage({
        app: kakaoApp,
        personas: [...ctx.personas.values()].map((e) => e.persona),
        requestId,
        nonce,
        requestedScopes: scopes.filter((s) => s !== OIDC_SCOPE),
      }),
    );
  });

  /**
   * The consent form's POST (Kakao's own, never called by clients). CSRF defence: the request
   * must carry the nonce rendered into this very form and the cookie of the browser it was
   * rendered for, and a browser-sent Origin must be this origin. The nonce is single use.
   * `Origin: null` is what Chromium sends for a form POST from a page served with
   * `Referrer-Policy: no-referrer` (every sandbox page is): it carries no site, so the nonce and
   * the cookie decide.
   */
  app.post('/oauth/consent', { config: { errorShape: kauthPageShape } }, async (request, reply) => {
    const page = (status: number, title: string, detail: string) =>
      errorPage(reply, { status, title, detail });
    const checked = checkPersonaForm(request, {
      cookie: BROWSER_COOKIE,
      lookup: (id) => ctx.state.pending.get(id),
      errorPage: page,
      texts: {
        screen: '동의 화면',
        expired: '로그인 요청이 만료되었거나 이미 처리되었습니다. 서비스에서 다시 로그인하세요.',
        foreignOrigin: '다른 사이트에서 보낸 동의 요청은 처리하지 않습니다.',
        wrongNonce: '이 화면에서 보낸 요청이 아닙니다 (nonce 불일치).',
      },
    });
    if (checked === undefined) return reply;
    const { pending } = checked;
    const spend = () => spendForm(checked, (id) => ctx.state.pending.delete(id));
    if (checked.action === 'cancel') {
      if (!spend()) return reply;
      // Kakao: "사용자가 동의 화면에서 [취소]를 누른 경우" → error=access_denied.
      return redirect(
        reply,
        redirectWith(pending.redirectUri, [
          ['error', 'access_denied'],
          ['error_description', 'User denied access'],
          ['state', pending.state],
        ]),
      );
    }
    if (!expectAction(checked, 'consent', page)) return reply;
    const entry = pickPersona(checked, ctx.personas, page);
    if (entry === undefined) return reply;
    if (
      (await applyPersonaFault(ctx.injector, entry.faults.consent, request, reply, kauthPageShape)) ===
      'answered'
    ) {
      return reply;
    }
    // Single use: a second submit of the same form (double click, replay) finds nothing.
    if (!spend()) return reply;
    const code = randomToken();
    ctx.state.codes.set(
      code,
      {
        clientId: pending.clientId,
        redirectUri: pending.redirectUri,
        personaId: entry.persona.id,
        scopes: [
          ...grantedScopes(entry.kakao, findApp(ctx.apps, pending.clientId)),
          ...(pending.oidc !== undefined ? [OIDC_SCOPE] : []),
        ],
        ...(pending.codeChallenge !== undefined
          ? {
              codeChallenge: pending.codeChallenge,
              codeChallengeMethod: pending.codeChallengeMethod ?? 'S256',
            }
          : {}),
        ...(pending.oidc !== undefined
          ? { oidc: { ...pending.oidc, authTime: Math.floor(ctx.state.clock() / 1000) } }
          : {}),
      },
      KAKAO_LIFETIMES.authorizationCodeMs,
    );
    ctx.state.connect(pending.clientId, entry.persona.id);
    return redirect(
      reply,
      redirectWith(pending.redirectUri, [
        ['code', code],
        ['state', pending.state],
      ]),
    );
  });
}
