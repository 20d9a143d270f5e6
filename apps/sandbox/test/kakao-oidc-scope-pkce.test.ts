/**
 * What the Kakao emulator refused although Kakao (or the RFCs it follows) accepts it:
 * - `scope` separated by spaces (RFC 6749 §3.3) as well as by commas (Kakao's documented form,
 *   JS SDK `Kakao.Auth.authorize`: "account_email,gender");
 * - `openid` (Kakao Login's OpenID Connect): the token response carries a signed `id_token`
 *   (iss, aud = REST API key, sub = 회원번호, iat, exp, auth_time, nonce), verifiable with the
 *   keys at /.well-known/jwks.json named by /.well-known/openid-configuration;
 * - a `code_challenge` without `code_challenge_method`: RFC 7636 §4.3 makes it `plain`.
 */
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { EXISTING_MEMBER, NO_EMAIL_CONSENT } from '../src/personas.js';
import {
  authorizeAs,
  authorizeUrl,
  CLIENT_ID,
  CLIENT_SECRET,
  defaultAuthorizeParams,
  openConsent,
  pkcePair,
  postToken,
  REDIRECT_URI,
  startSandbox,
  testClock,
} from './helpers.js';

async function exchange(base: string, code: string, verifier?: string) {
  return postToken(base, {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uri: REDIRECT_URI,
    code,
    code_verifier: verifier,
  });
}

describe('scope separators', () => {
  it.each([
    ['comma (Kakao)', 'profile_nickname,account_email'],
    ['space (RFC 6749 §3.3)', 'profile_nickname account_email'],
    ['comma and space', 'profile_nickname, account_email'],
  ])('%s: the consent page opens (no KOE205 for "a b" as one unknown item)', async (_, scope) => {
    const { url } = await startSandbox();
    const page = await openConsent(authorizeUrl(url, defaultAuthorizeParams({ scope })));
    expect(page.response.status).toBe(200);
    expect(page.html).not.toContain('KOE205');
  });
});

describe('OpenID Connect: openid → id_token', () => {
  it('a signed id_token with the documented claims, verifiable from the discovery document', async () => {
    const clock = testClock();
    const { url } = await startSandbox({ clock });
    const kauth = `${url}/kakao/kauth`;
    const { verifier, challenge } = pkcePair();
    const query = await authorizeAs(
      url,
      EXISTING_MEMBER.id,
      defaultAuthorizeParams({
        scope: 'openid profile_nickname',
        nonce: 'nonce-abc',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    const res = await exchange(url, query.get('code') ?? '', verifier);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body.scope?.split(' ')).toContain('openid');

    const discovery = (await (await fetch(`${kauth}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery).toMatchObject({
      issuer: kauth,
      token_endpoint: `${kauth}/oauth/token`,
      jwks_uri: `${kauth}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(decodeProtectedHeader(body.id_token ?? '')).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    const { payload } = await jwtVerify(
      body.id_token ?? '',
      createRemoteJWKSet(new URL(discovery.jwks_uri as string)),
      { issuer: kauth, audience: CLIENT_ID, currentDate: new Date(clock()) },
    );
    const kakao = EXISTING_MEMBER.kakao!;
    expect(payload).toMatchObject({
      sub: String(kakao.id),
      nonce: 'nonce-abc',
      nickname: kakao.nickname,
      auth_time: Math.floor(clock() / 1000),
      iat: Math.floor(clock() / 1000),
    });
    expect(payload.exp).toBeGreaterThan(payload.iat!);
  });

  it('email only with account_email consented; no nonce claim without a nonce', async () => {
    const { url } = await startSandbox();
    const query = await authorizeAs(
      url,
      EXISTING_MEMBER.id,
      defaultAuthorizeParams({ scope: 'openid,account_email' }),
    );
    const body = (await (await exchange(url, query.get('code') ?? '')).json()) as Record<string, string>;
    const payload = JSON.parse(
      Buffer.from((body.id_token ?? '').split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    expect(payload.email).toBe(EXISTING_MEMBER.kakao!.email);
    expect(payload).not.toHaveProperty('nonce');

    const declined = await authorizeAs(url, NO_EMAIL_CONSENT.id, defaultAuthorizeParams({ scope: 'openid' }));
    const other = (await (await exchange(url, declined.get('code') ?? '')).json()) as Record<string, string>;
    const claims = JSON.parse(
      Buffer.from((other.id_token ?? '').split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    expect(claims).not.toHaveProperty('email');
  });

  it('without openid there is no id_token', async () => {
    const { url } = await startSandbox();
    const query = await authorizeAs(url, EXISTING_MEMBER.id);
    const body = (await (await exchange(url, query.get('code') ?? '')).json()) as Record<string, string>;
    expect(body).not.toHaveProperty('id_token');
  });
});

describe('PKCE without code_challenge_method (RFC 7636 §4.3: plain)', () => {
  it('the challenge is the verifier: the same verifier is accepted, another refused', async () => {
    const { url } = await startSandbox();
    const verifier = 'v'.repeat(43);
    const query = await authorizeAs(
      url,
      EXISTING_MEMBER.id,
      defaultAuthorizeParams({ code_challenge: verifier }),
    );
    expect((await exchange(url, query.get('code') ?? '', verifier)).status).toBe(200);

    const again = await authorizeAs(
      url,
      EXISTING_MEMBER.id,
      defaultAuthorizeParams({ code_challenge: verifier }),
    );
    const wrong = await exchange(url, again.get('code') ?? '', 'w'.repeat(43));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('code_challenge_method=plain explicitly works the same way', async () => {
    const { url } = await startSandbox();
    const verifier = 'p'.repeat(64);
    const query = await authorizeAs(
      url,
      EXISTING_MEMBER.id,
      defaultAuthorizeParams({ code_challenge: verifier, code_challenge_method: 'plain' }),
    );
    expect((await exchange(url, query.get('code') ?? '', verifier)).status).toBe(200);
  });
});
