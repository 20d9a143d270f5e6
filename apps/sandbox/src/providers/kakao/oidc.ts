/**
 * Kakao Login's OpenID Connect (developers.kakao.com › 카카오 로그인 › 이해하기 › OpenID Connect;
 * REST API › 인가 코드 받기 / 토큰 받기; JS SDK `Kakao.Auth.authorize` documents `scope` with
 * "openid" and `nonce` "ID 토큰 재생 공격 방지를 위한 검증 값"): with `openid` among the requested
 * scopes, the token response carries an `id_token`, an RS256 JWT with iss (the kauth host,
 * `https://kauth.kakao.com` in production), aud (the app's REST API key), sub (회원번호),
 * iat, exp, auth_time, nonce (when the authorize request sent one) and the consented profile
 * claims (nickname; email when consented; the sandbox leaves out `picture`). A refresh of such a
 * grant answers a new id_token too (OIDC Core §12.2: same iss/sub/aud, new iat, the original
 * auth_time, no nonce), and the access token reads the UserInfo endpoint (user-me.ts). Kakao publishes its keys at
 * `https://kauth.kakao.com/.well-known/jwks.json` and the metadata at
 * `/.well-known/openid-configuration`; the sandbox serves both under its kauth prefix.
 *
 * The signing key is generated per sandbox process (nothing to configure, nothing on disk).
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { SignJWT } from 'jose';
import { type KakaoContext, type KakaoPersonaEntry } from './context.js';
import { KAKAO_LIFETIMES } from './state.js';

export const OIDC_SCOPE = 'openid';
export const ID_TOKEN_ALG = 'RS256';
/** OIDC Core §3.1.2.1 leaves nonce length open; the sandbox bounds it like `state`. */
export const MAX_NONCE_LENGTH = 2048;

export interface OidcKeys {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: Record<string, unknown>;
}

export function createOidcKeys(): OidcKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(16).toString('hex');
  return {
    kid,
    privateKey,
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: ID_TOKEN_ALG, use: 'sig' },
  };
}

/** What the authorization code remembers for the ID token. */
export interface OidcGrant {
  /** The authorize request's `nonce`, echoed in the ID token. */
  readonly nonce?: string;
  /** When the person authenticated (the consent), seconds since the epoch. */
  readonly authTime: number;
}

/**
 * The issuer as the client reaches this kauth host: scheme, host and the kauth prefix of the
 * request (`https://kauth.kakao.com` at Kakao; the sandbox has no fixed public name).
 */
export function issuerOf(request: FastifyRequest, kauthPrefix: string): string {
  return `${request.protocol}://${request.host}${kauthPrefix}`;
}

export async function signIdToken(
  keys: OidcKeys,
  input: {
    issuer: string;
    clientId: string;
    entry: KakaoPersonaEntry;
    scopes: readonly string[];
    grant: OidcGrant;
    now: number;
  },
): Promise<string> {
  const { kakao } = input.entry;
  const iat = Math.floor(input.now / 1000);
  const claims: Record<string, unknown> = { auth_time: input.grant.authTime };
  if (input.grant.nonce !== undefined) claims.nonce = input.grant.nonce;
  if (input.scopes.includes('profile_nickname')) claims.nickname = kakao.nickname;
  if (input.scopes.includes('account_email') && kakao.email !== undefined) claims.email = kakao.email;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ID_TOKEN_ALG, typ: 'JWT', kid: keys.kid })
    .setIssuer(input.issuer)
    .setAudience(input.clientId)
    .setSubject(String(kakao.id))
    .setIssuedAt(iat)
    .setExpirationTime(iat + KAKAO_LIFETIMES.accessTokenSeconds)
    .sign(keys.privateKey);
}

/** GET /.well-known/openid-configuration and /.well-known/jwks.json under the kauth prefix. */
export function registerOidcDiscovery(
  app: FastifyInstance,
  ctx: KakaoContext,
  kauthPrefix: string,
  kapiPrefix: string,
): void {
  app.get('/.well-known/openid-configuration', async (request, reply) => {
    const issuer = issuerOf(request, kauthPrefix);
    return reply
      .header('cache-control', 'public, max-age=300')
      .type('application/json;charset=UTF-8')
      .send(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/oauth/authorize`,
          token_endpoint: `${issuer}/oauth/token`,
          jwks_uri: `${issuer}/.well-known/jwks.json`,
          // Kakao's UserInfo endpoint is on its API host (kapi.kakao.com/v1/oidc/userinfo).
          userinfo_endpoint: `${request.protocol}://${request.host}${kapiPrefix}/v1/oidc/userinfo`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: [ID_TOKEN_ALG],
          scopes_supported: [OIDC_SCOPE],
          code_challenge_methods_supported: ['S256', 'plain'],
          token_endpoint_auth_methods_supported: ['client_secret_post'],
          claims_supported: [
            'iss',
            'aud',
            'sub',
            'iat',
            'exp',
            'auth_time',
            'nonce',
            'nickname',
            'picture',
            'email',
            'email_verified',
          ],
        }),
      );
  });
  app.get('/.well-known/jwks.json', async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .type('application/json;charset=UTF-8')
      .send(JSON.stringify({ keys: [ctx.oidc.publicJwk] })),
  );
}
