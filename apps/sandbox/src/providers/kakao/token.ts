import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { applyPersonaFault } from '../../faults.js';
import { type FormBody, firstRepeated, param } from '../../form-body.js';
import { safeEqual } from '../../secure.js';
import { type KakaoApp, findApp } from './apps.js';
import { type KakaoContext, type KakaoPersonaEntry } from './context.js';
import { type KauthError, kauthErrorBody, kauthErrors, kauthJsonShape } from './errors.js';
import { issuerOf, OIDC_SCOPE, signIdToken, type OidcGrant } from './oidc.js';
import { verifyChallenge } from './pkce.js';
import { type IssuedToken, KAKAO_LIFETIMES, randomToken } from './state.js';

const TOKEN_PARAMS = [
  'grant_type',
  'client_id',
  'client_secret',
  'redirect_uri',
  'code',
  'code_verifier',
  'refresh_token',
] as const;

/** POST /oauth/token success body (developers.kakao.com › 카카오 로그인 › REST API › 토큰 받기). */
export interface KakaoTokenResponse {
  token_type: 'bearer';
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  /** Granted 동의항목, space separated. */
  scope?: string;
  /** OpenID Connect: when `openid` was requested (oidc.ts). */
  id_token?: string;
}

function fail(reply: FastifyReply, err: KauthError): FastifyReply {
  return reply
    .code(err.status)
    .header('cache-control', 'no-store')
    .type(kauthJsonShape.contentType)
    .send(kauthErrorBody(err));
}

function ok(reply: FastifyReply, body: KakaoTokenResponse): FastifyReply {
  // RFC 6749 §5.1: token responses must not be cached.
  return reply
    .code(200)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .type(kauthJsonShape.contentType)
    .send(JSON.stringify(body));
}

/**
 * Client authentication (Kakao: the REST API key as client_id, plus client_secret when the app has
 * turned the secret on). A secret sent to an app that has none is also KOE010, as integrators
 * have recorded Kakao answering a stale secret.
 */
function authenticateClient(ctx: KakaoContext, body: FormBody): KakaoApp | KauthError {
  const clientId = param(body, 'client_id');
  const app = findApp(ctx.apps, clientId);
  if (app === undefined) return kauthErrors.unknownClient(clientId ?? '');
  const secret = param(body, 'client_secret');
  if (app.clientSecret === undefined) {
    if (secret !== undefined) return kauthErrors.badClientSecret();
  } else if (!safeEqual(secret, app.clientSecret)) {
    return kauthErrors.badClientSecret();
  }
  return app;
}

export function registerToken(app: FastifyInstance, ctx: KakaoContext, kauthPrefix: string): void {
  const { state } = ctx;

  const idToken = (
    request: FastifyRequest,
    clientId: string,
    entry: KakaoPersonaEntry,
    scopes: readonly string[],
    grant: OidcGrant,
  ): Promise<string> =>
    signIdToken(ctx.oidc, {
      issuer: issuerOf(request, kauthPrefix),
      clientId,
      entry,
      scopes,
      grant,
      now: state.clock(),
    });

  const issue = (
    clientId: string,
    entry: KakaoPersonaEntry,
    scopes: readonly string[],
    grantId: string,
    withRefresh: boolean,
    oidc?: OidcGrant,
  ): KakaoTokenResponse => {
    const issued: IssuedToken = {
      clientId,
      personaId: entry.persona.id,
      scopes,
      grantId,
      ...(oidc !== undefined ? { oidc } : {}),
    };
    const accessToken = randomToken();
    state.accessTokens.set(accessToken, issued, KAKAO_LIFETIMES.accessTokenSeconds * 1000);
    const body: KakaoTokenResponse = {
      token_type: 'bearer',
      access_token: accessToken,
      expires_in: KAKAO_LIFETIMES.accessTokenSeconds,
    };
    if (withRefresh) {
      const refreshToken = randomToken();
      state.refreshTokens.set(refreshToken, issued, KAKAO_LIFETIMES.refreshTokenSeconds * 1000);
      body.refresh_token = refreshToken;
      body.refresh_token_expires_in = KAKAO_LIFETIMES.refreshTokenSeconds;
    }
    if (scopes.length > 0) body.scope = scopes.join(' ');
    return body;
  };

  /** POST https://kauth.kakao.com/oauth/token, form-encoded. */
  app.post('/oauth/token', { config: { errorShape: kauthJsonShape } }, async (request, reply) => {
    // Kakao's token endpoint takes form-encoded bodies only (RFC 6749 §4.1.3); Fastify would
    // happily parse JSON too, so the media type is checked here.
    const body = request.body;
    const isForm = /^application\/x-www-form-urlencoded\s*(;|$)/i.test(request.headers['content-type'] ?? '');
    if (!isForm || body === null || typeof body !== 'object' || Array.isArray(body)) {
      return fail(
        reply,
        kauthErrors.invalidRequest('Content-Type must be application/x-www-form-urlencoded.'),
      );
    }
    const form = body as FormBody;
    const repeated = firstRepeated(form, TOKEN_PARAMS);
    if (repeated !== undefined)
      return fail(reply, kauthErrors.invalidRequest(`parameter repeated: ${repeated}`));
    const grantType = param(form, 'grant_type');
    if (grantType === undefined) return fail(reply, kauthErrors.invalidRequest('grant_type is required.'));
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return fail(reply, kauthErrors.unsupportedGrantType(grantType));
    }
    const client = authenticateClient(ctx, form);
    if ('status' in client) return fail(reply, client);

    if (grantType === 'authorization_code') {
      const code = param(form, 'code');
      if (code === undefined) return fail(reply, kauthErrors.codeNotFound(''));
      const grant = state.codes.get(code);
      if (grant === undefined) {
        // RFC 6749 §4.1.2: if a code is used twice, revoke the tokens already issued from it.
        const spent = state.spentCodes.get(code);
        if (spent !== undefined) {
          const revoked = state.revokeGrant(spent.grantId);
          request.log.warn({ revoked }, 'kakao: authorization code reused; tokens of its grant revoked');
        }
        return fail(reply, kauthErrors.codeNotFound(code));
      }
      // A code is bound to the client it was issued to; to another client it does not exist.
      if (grant.clientId !== client.clientId) return fail(reply, kauthErrors.codeNotFound(code));
      const entry = ctx.personas.get(grant.personaId);
      if (entry === undefined) return fail(reply, kauthErrors.codeNotFound(code));
      if (
        (await applyPersonaFault(ctx.injector, entry.faults.token, request, reply, kauthJsonShape)) ===
        'answered'
      ) {
        return reply;
      }
      // From here on every failure burns the code: a wrong redirect_uri or verifier is not
      // retried against the same code (no guessing the verifier one request at a time).
      const burn = () => {
        const remaining = state.codes.remainingMs(code);
        state.codes.delete(code);
        if (remaining !== undefined) state.spentCodes.set(code, { grantId: `burnt:${code}` }, remaining);
      };
      if (param(form, 'redirect_uri') !== grant.redirectUri) {
        burn();
        return fail(reply, kauthErrors.redirectUriMismatch());
      }
      const verifier = param(form, 'code_verifier');
      if (grant.codeChallenge !== undefined) {
        if (verifier === undefined) {
          burn();
          return fail(
            reply,
            kauthErrors.pkceFailed(
              'code_verifier is required: the authorization request sent a code_challenge.',
            ),
          );
        }
        if (!verifyChallenge(verifier, grant.codeChallenge, grant.codeChallengeMethod ?? 'S256')) {
          burn();
          return fail(reply, kauthErrors.pkceFailed('PKCE verification failed.'));
        }
      } else if (verifier !== undefined) {
        // Stricter than a lenient server on purpose: a client that believes it uses PKCE but sent
        // no code_challenge has a bug this sandbox should surface.
        burn();
        return fail(
          reply,
          kauthErrors.pkceFailed('code_verifier sent, but the authorization request had no code_challenge.'),
        );
      }
      const remaining = state.codes.remainingMs(code);
      if (remaining === undefined || !state.codes.delete(code))
        return fail(reply, kauthErrors.codeNotFound(code));
      const grantId = randomToken();
      state.spentCodes.set(code, { grantId }, remaining);
      const oidc = grant.oidc !== undefined && grant.scopes.includes(OIDC_SCOPE) ? grant.oidc : undefined;
      const response = issue(client.clientId, entry, grant.scopes, grantId, true, oidc);
      if (oidc !== undefined) {
        response.id_token = await idToken(request, client.clientId, entry, grant.scopes, oidc);
      }
      return ok(reply, response);
    }

    // grant_type=refresh_token
    const refreshToken = param(form, 'refresh_token');
    if (refreshToken === undefined) return fail(reply, kauthErrors.refreshTokenMissing());
    const issued = state.refreshTokens.get(refreshToken);
    if (issued === undefined || issued.clientId !== client.clientId)
      return fail(reply, kauthErrors.refreshTokenInvalid());
    const entry = ctx.personas.get(issued.personaId);
    if (entry === undefined) return fail(reply, kauthErrors.refreshTokenInvalid());
    if (
      (await applyPersonaFault(ctx.injector, entry.faults.token, request, reply, kauthJsonShape)) ===
      'answered'
    ) {
      return reply;
    }
    // Kakao renews the refresh token only when less than a month of it is left; otherwise the
    // response has no refresh_token and the old one stays valid.
    const left = state.refreshTokens.remainingMs(refreshToken) ?? 0;
    const rotate = left < KAKAO_LIFETIMES.refreshRotationThresholdMs;
    if (rotate) state.refreshTokens.delete(refreshToken);
    const response = issue(issued.clientId, entry, issued.scopes, issued.grantId, rotate, issued.oidc);
    // Kakao's refresh response carries no scope field.
    delete response.scope;
    if (issued.oidc !== undefined) {
      // Kakao's 토큰 갱신하기 answers an id_token for an app with OpenID Connect, and OIDC Core §12.2
      // says what it holds: the same iss, sub and aud, a new iat, auth_time of the original
      // authentication, and no nonce ("SHOULD NOT have a nonce Claim").
      const { nonce: _nonce, ...original } = issued.oidc;
      response.id_token = await idToken(request, issued.clientId, entry, issued.scopes, original);
    }
    return ok(reply, response);
  });
}
