import { decodeProtectedHeader } from 'jose';
import { expect, it } from 'vitest';
import { jwksSchema } from '@mfv/api-contract';
import { generateSigningKeyPem, KeyConfigError, loadKeySet, publicPemOf } from '../src/tokens/keys.js';
import { bearer, describeEachDriver, signUp } from './support/harness.js';

describeEachDriver('signing-key rotation', (ctx) => {
  it('publishes the current and the previous key, signs with the current one only, and accepts both', async () => {
    const oldPem = generateSigningKeyPem();
    const newPem = generateSigningKeyPem();
    const before = await loadKeySet({ pem: oldPem, source: 'old' });
    const appBefore = await ctx.makeApp({ keys: before });
    const oldSession = await signUp(appBefore);
    expect(decodeProtectedHeader(oldSession.accessToken).kid).toBe(before.current.kid);

    // Rotate: new private key signs; the old key's public half stays published and accepted.
    const during = await loadKeySet(
      { pem: newPem, source: 'new' },
      { pem: publicPemOf(oldPem), source: 'previous' },
    );
    const app = await ctx.makeApp({ keys: during });

    const jwks = jwksSchema.parse(
      (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json(),
    );
    expect(jwks.keys.map((k) => k.kid)).toEqual([during.current.kid, before.current.kid]);
    expect(new Set(jwks.keys.map((k) => k.kid)).size).toBe(2);

    // A token signed by the previous key still verifies…
    const verifyOld = await app.inject({
      method: 'POST',
      url: '/auth/verify',
      headers: bearer(oldSession.accessToken),
    });
    expect(verifyOld.statusCode).toBe(200);
    expect(verifyOld.json().claims.sid).toBe(oldSession.sessionId);

    // …and everything issued from now on is signed by the new one.
    const refreshed = await app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: oldSession.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    expect(decodeProtectedHeader(refreshed.json().accessToken).kid).toBe(during.current.kid);

    // Once the previous key is dropped, its tokens stop verifying.
    const after = await loadKeySet({ pem: newPem, source: 'new' });
    const appAfter = await ctx.makeApp({ keys: after });
    const jwksAfter = (await appAfter.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwksAfter.keys).toHaveLength(1);
    const verifyDropped = await appAfter.inject({
      method: 'POST',
      url: '/auth/verify',
      headers: bearer(oldSession.accessToken),
    });
    expect(verifyDropped.statusCode).toBe(401);
    expect(verifyDropped.json().code).toBe('TOKEN_INVALID');
  });

  it('serves the JWKS with a short public cache and only public members', async () => {
    const app = await ctx.makeApp();
    const res = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    for (const key of res.json().keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    }
  });
});

it('refuses key material that is not an EC P-256 key, or a "previous" key equal to the current one', async () => {
  const { generateKeyPairSync } = await import('node:crypto');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'pem',
    type: 'pkcs8',
  });
  const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({
    format: 'pem',
    type: 'pkcs8',
  });
  const pem = generateSigningKeyPem();
  await expect(loadKeySet({ pem: String(rsa), source: 'API_JWT_PRIVATE_KEY' })).rejects.toThrow(
    new KeyConfigError('API_JWT_PRIVATE_KEY: must be an EC P-256 key (ES256)'),
  );
  await expect(loadKeySet({ pem: String(p384), source: 'API_JWT_PRIVATE_KEY_FILE' })).rejects.toThrow(
    /P-256/,
  );
  await expect(loadKeySet({ pem: 'garbage', source: 'API_JWT_PRIVATE_KEY_FILE' })).rejects.toThrow(
    /API_JWT_PRIVATE_KEY_FILE: not a readable PEM private key/,
  );
  await expect(
    loadKeySet({ pem, source: 'cur' }, { pem: publicPemOf(pem), source: 'API_JWT_PREVIOUS_PUBLIC_KEY_FILE' }),
  ).rejects.toThrow(/API_JWT_PREVIOUS_PUBLIC_KEY_FILE: is the same key/);
  await expect(
    loadKeySet({ pem, source: 'cur' }, { pem: String(p384), source: 'API_JWT_PREVIOUS_PUBLIC_KEY' }),
  ).rejects.toThrow(/API_JWT_PREVIOUS_PUBLIC_KEY: must be an EC P-256 key/);
  // A private PEM is accepted as "previous": only its public half is used.
  const other = generateSigningKeyPem();
  const ks = await loadKeySet({ pem, source: 'cur' }, { pem: other, source: 'prev' });
  expect(ks.previous?.kid).toBe((await loadKeySet({ pem: other, source: 'x' })).current.kid);
});
