import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { applyPersonaFault } from '../../faults.js';
import { escapeHtml } from '../../html.js';
import { sandboxCi } from '../../sandbox-identity.js';
import { findApp, type KakaoApp } from './apps.js';
import { CI_SCOPE, type KakaoContext, type KakaoPersonaEntry } from './context.js';
import { KAPI_MESSAGES, kapiJsonShape } from './errors.js';

/**
 * GET/POST https://kapi.kakao.com/v2/user/me (developers.kakao.com › 카카오 로그인 › REST API ›
 * 사용자 정보 가져오기). Fields the user has not agreed to are absent, and the matching
 * `*_needs_agreement` says whether asking again could get them.
 */
export interface KakaoUserMe {
  id: number;
  /** When the user connected to the app, ISO 8601 UTC without fractions ("2022-04-11T01:45:28Z"). */
  connected_at: string;
  properties: { nickname: string; profile_image: string; thumbnail_image: string };
  kakao_account: {
    profile_nickname_needs_agreement: boolean;
    profile_image_needs_agreement: boolean;
    profile: {
      nickname: string;
      thumbnail_image_url: string;
      profile_image_url: string;
      is_default_image: boolean;
      is_default_nickname: boolean;
    };
    has_email: boolean;
    email_needs_agreement: boolean;
    is_email_valid?: boolean;
    is_email_verified?: boolean;
    email?: string;
    /**
     * 연계정보 (developers.kakao.com › 카카오 로그인 › "제휴가 필요한 사용자 정보", 본인확인정보):
     * present only for an app granted the CI consent item. `ci_needs_agreement` true: the account
     * has a CI the person has not agreed to share; false without `ci`: the account has none (never
     * went through 본인인증 at Kakao).
     */
    ci_needs_agreement?: boolean;
    ci?: string;
    /** When the CI was issued, ISO 8601 UTC like `connected_at`. */
    ci_authenticated_at?: string;
  };
}

const PROFILE_FILES = { 'img_640x640.svg': 640, 'img_110x110.svg': 110 } as const;

function kakaoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Profile pictures are served by the sandbox itself (Kakao's are on its CDN), so a page showing
 * them needs nothing from the internet. URLs are absolute, built from the Host the caller used.
 */
function imageUrl(
  request: FastifyRequest,
  entry: KakaoPersonaEntry,
  file: keyof typeof PROFILE_FILES,
): string {
  const who = entry.kakao.isDefaultImage ? 'default' : entry.persona.id;
  return `${request.protocol}://${request.host}/kakao/cdn/dn/${who}/${file}`;
}

export function buildUserMe(
  request: FastifyRequest,
  entry: KakaoPersonaEntry,
  scopes: readonly string[],
  connectedAtMs: number,
  app?: KakaoApp,
): KakaoUserMe {
  const { kakao } = entry;
  const profileImage = imageUrl(request, entry, 'img_640x640.svg');
  const thumbnail = imageUrl(request, entry, 'img_110x110.svg');
  const account: KakaoUserMe['kakao_account'] = {
    profile_nickname_needs_agreement: false,
    profile_image_needs_agreement: false,
    profile: {
      nickname: kakao.nickname,
      thumbnail_image_url: thumbnail,
      profile_image_url: profileImage,
      is_default_image: kakao.isDefaultImage,
      is_default_nickname: false,
    },
    has_email: kakao.email !== undefined,
    email_needs_agreement: kakao.email !== undefined && !scopes.includes('account_email'),
  };
  if (kakao.email !== undefined && scopes.includes('account_email')) {
    account.is_email_valid = true;
    account.is_email_verified = kakao.emailVerified;
    account.email = kakao.email;
  }
  if (app?.ciConsentItem === true) {
    const shared = kakao.ci !== undefined && scopes.includes(CI_SCOPE);
    account.ci_needs_agreement = kakao.ci !== undefined && !shared;
    if (shared && kakao.ci !== undefined) {
      // The person's one CI, the same one Toss, mobile-ok and KCB report (people.ts).
      account.ci = sandboxCi(entry.persona.id);
      account.ci_authenticated_at = kakaoTimestamp(Date.parse(kakao.ci.authenticatedAt));
    }
  }
  return {
    id: kakao.id,
    connected_at: kakaoTimestamp(connectedAtMs),
    properties: { nickname: kakao.nickname, profile_image: profileImage, thumbnail_image: thumbnail },
    kakao_account: account,
  };
}

function unauthorized(reply: FastifyReply, msg: string): FastifyReply {
  return reply
    .code(401)
    .type(kapiJsonShape.contentType)
    .send(JSON.stringify({ msg, code: -401 }));
}

export function registerUserMe(app: FastifyInstance, ctx: KakaoContext): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i.exec(request.headers.authorization ?? '');
    if (match === null || match[1] === undefined)
      return unauthorized(reply, KAPI_MESSAGES.noAuthenticationKey);
    const issued = ctx.state.accessTokens.get(match[1]);
    if (issued === undefined) return unauthorized(reply, KAPI_MESSAGES.tokenDoesNotExist);
    const entry = ctx.personas.get(issued.personaId);
    if (entry === undefined) return unauthorized(reply, KAPI_MESSAGES.tokenDoesNotExist);
    if (
      (await applyPersonaFault(ctx.injector, entry.faults.userMe, request, reply, kapiJsonShape)) ===
      'answered'
    ) {
      return reply;
    }
    const fixed = entry.kakao.connectedAt === undefined ? undefined : Date.parse(entry.kakao.connectedAt);
    const connectedAt =
      fixed ?? ctx.state.connectedAt(issued.clientId, issued.personaId) ?? ctx.state.clock();
    const body = buildUserMe(request, entry, issued.scopes, connectedAt, findApp(ctx.apps, issued.clientId));
    return reply.code(200).type(kapiJsonShape.contentType).send(JSON.stringify(body));
  };
  app.get('/v2/user/me', { config: { errorShape: kapiJsonShape } }, handler);
  app.post('/v2/user/me', { config: { errorShape: kapiJsonShape } }, handler);

  /**
   * GET/POST https://kapi.kakao.com/v1/oidc/userinfo (developers.kakao.com › 카카오 로그인 › REST API ›
   * OIDC: 사용자 정보 가져오기): the OpenID Connect UserInfo endpoint (OIDC Core §5.3) for an access
   * token issued with `openid`. Standard claims, only those consented: `sub` (회원번호, as in the
   * id_token), `nickname` (profile_nickname), `picture` (profile_image), `email` and
   * `email_verified` (account_email). A token without `openid` is refused with Kakao's "insufficient
   * scope" code -402 (sandbox: HTTP 403, as RFC 6750 §3.1 has it for insufficient_scope).
   */
  const userinfo = async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i.exec(request.headers.authorization ?? '');
    if (match === null || match[1] === undefined)
      return unauthorized(reply, KAPI_MESSAGES.noAuthenticationKey);
    const issued = ctx.state.accessTokens.get(match[1]);
    if (issued === undefined) return unauthorized(reply, KAPI_MESSAGES.tokenDoesNotExist);
    const entry = ctx.personas.get(issued.personaId);
    if (entry === undefined) return unauthorized(reply, KAPI_MESSAGES.tokenDoesNotExist);
    if (!issued.scopes.includes('openid')) {
      return reply
        .code(403)
        .header('www-authenticate', 'Bearer error="insufficient_scope", scope="openid"')
        .type(kapiJsonShape.contentType)
        .send(JSON.stringify({ msg: KAPI_MESSAGES.insufficientScope, code: -402 }));
    }
    if (
      (await applyPersonaFault(ctx.injector, entry.faults.userMe, request, reply, kapiJsonShape)) ===
      'answered'
    ) {
      return reply;
    }
    const { kakao } = entry;
    const claims: Record<string, unknown> = { sub: String(kakao.id) };
    if (issued.scopes.includes('profile_nickname')) claims.nickname = kakao.nickname;
    if (issued.scopes.includes('profile_image')) claims.picture = imageUrl(request, entry, 'img_640x640.svg');
    if (issued.scopes.includes('account_email') && kakao.email !== undefined) {
      claims.email = kakao.email;
      claims.email_verified = kakao.emailVerified;
    }
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .type(kapiJsonShape.contentType)
      .send(JSON.stringify(claims));
  };
  app.get('/v1/oidc/userinfo', { config: { errorShape: kapiJsonShape } }, userinfo);
  app.post('/v1/oidc/userinfo', { config: { errorShape: kapiJsonShape } }, userinfo);
}

const PALETTE = ['#f6c177', '#9ccfd8', '#c4a7e7', '#eb6f92', '#31748f', '#ea9a97', '#3e8fb0', '#95b1ac'];

function avatarSvg(size: number, initial: string | undefined, colorSeed: string): string {
  let hash = 0;
  for (const ch of colorSeed) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const color = initial === undefined ? '#d9d9d9' : (PALETTE[hash % PALETTE.length] ?? '#d9d9d9');
  const content =
    initial === undefined
      ? `<circle cx="${size / 2}" cy="${size * 0.4}" r="${size * 0.18}" fill="#fff"/><ellipse cx="${size / 2}" cy="${size * 0.85}" rx="${size * 0.32}" ry="${size * 0.24}" fill="#fff"/>`
      : `<text x="50%" y="54%" dominant-baseline="middle" text-anchor="middle" font-family="sans-serif" font-size="${size * 0.45}" fill="#fff">${escapeHtml(initial)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}"><rect width="${size}" height="${size}" fill="${color}"/>${content}</svg>`;
}

/** The sandbox's stand-in for Kakao's image CDN. */
export function registerProfileImages(app: FastifyInstance, ctx: KakaoContext): void {
  app.get<{ Params: { who: string; file: string } }>('/dn/:who/:file', async (request, reply) => {
    const size = PROFILE_FILES[request.params.file as keyof typeof PROFILE_FILES];
    const who = request.params.who;
    const entry = ctx.personas.get(who);
    if (size === undefined || (who !== 'default' && entry === undefined)) {
      return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    }
    const initial = entry === undefined ? undefined : [...entry.kakao.nickname][0];
    return reply
      .code(200)
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .header('cache-control', 'public, max-age=3600')
      .type('image/svg+xml')
      .send(avatarSvg(size, initial, who));
  });
}
