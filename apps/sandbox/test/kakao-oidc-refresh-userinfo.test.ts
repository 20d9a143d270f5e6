/**
 * Kakao Login's OpenID Connect after the first token: a refresh of a grant with `openid` answers a
 * new id_token (Kakao's 토큰 갱신하기 lists `id_token` for apps with OpenID Connect; OIDC Core §12.2
 * says what it holds), and the access token reads the UserInfo endpoint, Kakao's
 * GET/POST https://kapi.kakao.com/v1/oidc/userinfo (OIDC Core §5.3), named by the discovery document.
 * Every id_token is verified with jose against the JWKS the discovery document publishes.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { EXISTING_MEMBER, NO_EMAIL_CONSENT } from '../src/personas.js';
import {
  authorizeAs,
  CLIENT_ID,
  CLIENT_SECRET,
  defaultAuthorizeParams,
  postToken,
  REDIRECT_URI,
  startSandbox,
  testClock,
} from './helpers.js';

type Json = Record<string, unknown>;

async function signIn(url: string, personaId: string, scope: string, nonce?: string) {
  const query = await authorizeAs(
    url,
    personaId,
    defaultAuthorizeParams({ scope, ...(nonce !== undefined ? { nonce } : {}) }),
  );
  const res = await postToken(url, {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uri: REDIRECT_URI,
    code: query.get('code') ?? '',
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, string>;
}

async function refresh(url: string, refreshToken: string) {
  const res = await postToken(url, {
    grant_type: 'refresh_token',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    refresh_token: refreshToken,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, string>;
}

async function discover(url: string) {
  return (await (await fetch(`${url}/kakao/kauth/.well-known/openid-configuration`)).json()) as Json;
}

describe('refresh with openid → a new id_token (OIDC Core §12.2)', () => {
  it('same iss, sub and aud; a new iat; the original auth_time; no nonce; verifiable with the published JWKS', async () => {
    const clock = testClock();
    const { url } = await startSandbox({ clock });
    const first = await signIn(url, EXISTING_MEMBER.id, 'openid profile_nickname', 'nonce-1');
    const discovery = await discover(url);
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri as string));
    const verify = (token: string | undefined) =>
      jwtVerify(token ?? '', jwks, {
        issuer: discovery.issuer as string,
        audience: CLIENT_ID,
        currentDate: new Date(clock()),
        algorithms: ['RS256'],
      });
    const original = (await verify(first.id_token)).payload;
    expect(original.nonce).toBe('nonce-1');

    clock.advance(60 * 60 * 1000);
    const renewed = await refresh(url, first.refresh_token ?? '');
    expect(renewed.access_token).toBeDefined();
    const { payload } = await verify(renewed.id_token);
    expect(payload.iss).toBe(original.iss);
    expect(payload.sub).toBe(original.sub);
    expect(payload.aud).toEqual(original.aud);
    expect(payload.iat).toBe(Math.floor(clock() / 1000));
    expect(payload.iat).toBeGreaterThan(original.iat!);
    expect(payload.auth_time).toBe(original.auth_time);
    expect(payload).not.toHaveProperty('nonce');
    expect(payload.nickname).toBe(EXISTING_MEMBER.kakao!.nickname);
  });

  it('a grant without openid refreshes without an id_token', async () => {
    const { url } = await startSandbox();
    const first = await signIn(url, EXISTING_MEMBER.id, 'profile_nickname');
    expect(first).not.toHaveProperty('id_token');
    expect(await refresh(url, first.refresh_token ?? '')).not.toHaveProperty('id_token');
  });
});

describe('GET/POST /v1/oidc/userinfo (kapi)', () => {
  it('answers the consented standard claims, its sub the id_token’s; named by the discovery document', async () => {
    const { url } = await startSandbox();
    const tokens = await signIn(
      url,
      EXISTING_MEMBER.id,
      'openid profile_nickname profile_image account_email',
    );
    const discovery = await discover(url);
    expect(discovery.userinfo_endpoint).toBe(`${url}/kakao/kapi/v1/oidc/userinfo`);
    const { payload } = await jwtVerify(
      tokens.id_token ?? '',
      createRemoteJWKSet(new URL(discovery.jwks_uri as string)),
      { issuer: discovery.issuer as string, audience: CLIENT_ID },
    );
    for (const method of ['GET', 'POST']) {
      const res = await fetch(discovery.userinfo_endpoint as string, {
        method,
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      const claims = (await res.json()) as Json;
      const kakao = EXISTING_MEMBER.kakao!;
      expect(claims).toEqual({
        sub: payload.sub,
        nickname: kakao.nickname,
        picture: expect.stringMatching(new RegExp(`^${url}/kakao/cdn/dn/`)),
        email: kakao.email,
        email_verified: kakao.emailVerified,
      });
    }
  });

  it('only consented claims: without account_email no email', async () => {
    const { url } = await startSandbox();
    const tokens = await signIn(url, NO_EMAIL_CONSENT.id, 'openid');
    const res = await fetch(`${url}/kakao/kapi/v1/oidc/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    const claims = (await res.json()) as Json;
    expect(claims.sub).toBe(String(NO_EMAIL_CONSENT.kakao!.id));
    expect(claims).not.toHaveProperty('email');
    expect(claims).not.toHaveProperty('email_verified');
  });

  it('refuses a token without openid (403, -402), an unknown token and no token (401, -401)', async () => {
    const { url } = await startSandbox();
    const plain = await signIn(url, EXISTING_MEMBER.id, 'profile_nickname');
    const endpoint = `${url}/kakao/kapi/v1/oidc/userinfo`;
    const scopeless = await fetch(endpoint, { headers: { authorization: `Bearer ${plain.access_token}` } });
    expect(scopeless.status).toBe(403);
    expect(scopeless.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect(((await scopeless.json()) as Json).code).toBe(-402);
    const unknown = await fetch(endpoint, { headers: { authorization: 'Bearer nope' } });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ msg: 'this access token does not exist', code: -401 });
    const none = await fetch(endpoint);
    expect(none.status).toBe(401);
    expect(((await none.json()) as Json).code).toBe(-401);
  });
});
