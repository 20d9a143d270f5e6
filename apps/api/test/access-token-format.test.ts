import * as oauth from 'oauth4webapi';
import { decodeJwt, decodeProtectedHeader, SignJWT, importJWK, jwtVerify, createLocalJWKSet } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  ACCESS_TOKEN_ALG,
  ACCESS_TOKEN_CLIENT_ID,
  ACCESS_TOKEN_TYPE,
  DEFAULT_SCOPE,
} from '@mfv/api-contract';
import { bearer, describeEachDriver, FakeClock, signUp } from './support/harness.js';

describeEachDriver('access token (RFC 9068 JWT)', (ctx) => {
  it('is an ES256 at+jwt whose kid is in the JWKS and whose claims name user, session and lifetime', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock, settings: { accessTokenTtlSeconds: 600 } });
    const session = await signUp(app);

    const header = decodeProtectedHeader(session.accessToken);
    expect(header).toEqual({ alg: ACCESS_TOKEN_ALG, typ: ACCESS_TOKEN_TYPE, kid: expect.any(String) });
    const jwks = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([header.kid]);

    const claims = decodeJwt(session.accessToken);
    expect(Object.keys(claims).sort()).toEqual([
      'aud',
      'client_id',
      'exp',
      'iat',
      'iss',
      'jti',
      'nickname',
      'scope',
      'sid',
      'sub',
    ]);
    expect(claims).toMatchObject({
      nickname: session.user.nickname,
      iss: 'urn:mfv:api',
      aud: 'urn:mfv:web',
      sub: session.user.id,
      sid: session.sessionId,
      scope: DEFAULT_SCOPE,
      client_id: ACCESS_TOKEN_CLIENT_ID,
      iat: Math.floor(clock.now().getTime() / 1000),
    });
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(session.expiresIn).toBe(600);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);

    // A third party verifies it with nothing but the published JWKS and pinned parameters.
    const verified = await jwtVerify(session.accessToken, createLocalJWKSet(jwks), {
      algorithms: ['ES256'],
      typ: 'at+jwt',
      issuer: 'urn:mfv:api',
      audience: 'urn:mfv:web',
      currentDate: clock.now(),
    });
    expect(verified.payload.sub).toBe(session.user.id);
  });

  it('gets a fresh jti on every issue', async () => {
    const app = await ctx.makeApp();
    const a = await signUp(app);
    const res = await app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: a.refreshToken },
    });
    expect(decodeJwt(res.json().accessToken).jti).not.toBe(decodeJwt(a.accessToken).jti);
  });

  it('POST /auth/verify returns the claims of a valid token', async () => {
    const app = await ctx.makeApp();
    const session = await signUp(app);
    const res = await app.inject({
      method: 'POST',
      url: '/auth/verify',
      headers: bearer(session.accessToken),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({ claims: decodeJwt(session.accessToken) });
  });

  it('rejects a missing or malformed Authorization header with TOKEN_MISSING', async () => {
    const app = await ctx.makeApp();
    for (const headers of [
      {},
      { authorization: 'Basic abc' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer a b' },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/auth/verify', headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'TOKEN_MISSING', message: expect.any(String) });
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('rejects an expired token with TOKEN_EXPIRED', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const session = await signUp(app);
    clock.advanceSeconds(900);
    const res = await app.inject({
      method: 'POST',
      url: '/auth/verify',
      headers: bearer(session.accessToken),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('TOKEN_EXPIRED');
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('rejects garbage, a tampered payload, and tokens of another issuer, audience, type, algorithm or key', async () => {
    const keys = await import('./support/harness.js').then((m) => m.newKeySet());
    const app = await ctx.makeApp({ keys });
    const session = await signUp(app);
    const [h, p, s] = session.accessToken.split('.') as [string, string, string];
    const claims = decodeJwt(session.accessToken);
    const tamperedPayload = Buffer.from(
      JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');

    const sign = (
      header: Record<string, unknown>,
      payload: Record<string, unknown>,
      key = keys.current.privateKey,
    ) => new SignJWT(payload).setProtectedHeader({ alg: 'ES256', ...header } as { alg: string }).sign(key);
    const base = { alg: 'ES256', typ: 'at+jwt', kid: keys.current.kid };
    const foreignKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const hmacKey = await importJWK(
      { kty: 'oct', k: Buffer.from('x'.repeat(32)).toString('base64url') },
      'HS256',
    );

    const candidates: Record<string, string> = {
      garbage: 'not-a-jwt',
      tamperedPayload: `${h}.${tamperedPayload}.${s}`,
      strippedSignature: `${h}.${p}.`,
      wrongIssuer: await sign(base, { ...claims, iss: 'urn:someone:else' }),
      wrongAudience: await sign(base, { ...claims, aud: 'urn:other:client' }),
      plainJwtType: await sign({ ...base, typ: 'JWT' }, claims),
      noType: await sign({ alg: 'ES256', kid: keys.current.kid }, claims),
      unknownKid: await sign({ ...base, kid: 'not-a-known-kid' }, claims),
      foreignKeySameKid: await sign(base, claims, foreignKey),
      hs256: await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: keys.current.kid })
        .sign(hmacKey),
      algNone: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${p}.`,
      missingSid: await sign(base, { ...claims, sid: undefined }),
      missingJti: await sign(base, { ...claims, jti: undefined }),
    };
    for (const [name, token] of Object.entries(candidates)) {
      const res = await app.inject({ method: 'POST', url: '/auth/verify', headers: bearer(token) });
      expect({ name, status: res.statusCode, code: res.json().code }).toEqual({
        name,
        status: 401,
        code: 'TOKEN_INVALID',
      });
    }
    // Control: the same signing helper with the right parameters is accepted.
    const control = await sign(base, claims);
    expect(
      (await app.inject({ method: 'POST', url: '/auth/verify', headers: bearer(control) })).statusCode,
    ).toBe(200);
  });
});

describeEachDriver('access token against a standard RFC 9068 validator', (ctx) => {
  it("passes oauth4webapi's validateJwtAccessToken (client_id, typ, iss, aud, exp, iat, jti, sub)", async () => {
    const app = await ctx.makeApp();
    const session = await signUp(app);
    const jwksUri = 'https://api.mfv.invalid/.well-known/jwks.json';
    const as: oauth.AuthorizationServer = { issuer: 'urn:mfv:api', jwks_uri: jwksUri };
    const request = new Request('https://rs.mfv.invalid/notices', {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    const claims = await oauth.validateJwtAccessToken(as, request, 'urn:mfv:web', {
      // The api's own JWKS route, without a network.
      [oauth.customFetch]: async (url: string) => {
        expect(url).toBe(jwksUri);
        const jwks = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
        return new Response(jwks.body, { headers: { 'content-type': 'application/json' } });
      },
    });
    expect(claims).toMatchObject({ sub: session.user.id, client_id: ACCESS_TOKEN_CLIENT_ID });
  });
});
