import { createHmac } from 'node:crypto';
import { SignJWT, exportSPKI, type JWTHeaderParameters } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreflight } from '../src/preflight.js';
import { cookieHeader, serve, startEnv, authProcess, closeRedis, type Env } from './harness.js';

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(async () => env?.close());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function tokens() {
  const key = env.api.keys.current;
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'user-1', sid: 'session-1', scope: 'profile', jti: 'j1' };
  const header: JWTHeaderParameters = { alg: 'ES256', typ: 'at+jwt', kid: key.kid };
  const sign = (
    h: JWTHeaderParameters,
    overrides: { iss?: string; aud?: string; iat?: number; exp?: number } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader(h)
      .setIssuer(overrides.iss ?? 'urn:mfv:api')
      .setAudience(overrides.aud ?? 'urn:mfv:web')
      .setIssuedAt(overrides.iat ?? now)
      .setExpirationTime(overrides.exp ?? now + 600)
      .sign(key.privateKey);
  const valid = await sign(header);
  const publicPem = await exportSPKI(key.publicKey);
  const hsInput = `${b64({ alg: 'HS256', typ: 'at+jwt', kid: key.kid })}.${valid.split('.')[1]}`;
  const [h, p, s] = valid.split('.');
  return {
    valid,
    hostile: {
      algNone: `${b64({ alg: 'none', typ: 'at+jwt' })}.${p}.`,
      hs256WithPublicKey: `${hsInput}.${createHmac('sha256', publicPem).update(hsInput).digest('base64url')}`,
      wrongIssuer: await sign(header, { iss: 'https://evil.example' }),
      wrongAudience: await sign(header, { aud: 'someone-else' }),
      wrongType: await sign({ ...header, typ: 'JWT' }),
      noType: await sign({ alg: 'ES256', kid: key.kid }),
      expired: await sign(header, { iat: now - 3600, exp: now - 600 }),
      badSignature: `${h}.${p}.${s!.slice(0, -6)}${s!.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'}`,
      unknownKid: await sign({ ...header, kid: 'not-a-known-kid' }),
      garbage: 'a.b.c',
    },
  };
}

describe('hostile access tokens (local preflight, algorithm/issuer/audience/typ pinned)', () => {
  it('accepts the real thing and rejects every variant', async () => {
    const preflight = createPreflight(env.config);
    const { valid, hostile } = await tokens();
    expect((await preflight(valid)).status).toBe('valid');
    const outcomes = Object.fromEntries(
      await Promise.all(
        Object.entries(hostile).map(async ([name, token]) => [name, (await preflight(token)).status]),
      ),
    );
    expect(outcomes).toEqual({
      algNone: 'invalid',
      hs256WithPublicKey: 'invalid',
      wrongIssuer: 'invalid',
      wrongAudience: 'invalid',
      wrongType: 'invalid',
      noType: 'invalid',
      expired: 'expired',
      badSignature: 'invalid',
      unknownKid: 'invalid',
      garbage: 'invalid',
    });
  });

  it('none of them gets through withAuth (no session to fall back on → 401)', async () => {
    const { auth, redis } = await authProcess(env.config);
    const server = await serve(auth.withAuth((_req, res) => res.status(200).json({ ok: true })));
    try {
      const { hostile } = await tokens();
      for (const [name, token] of Object.entries(hostile)) {
        const res = await fetch(`${server.url}/`, { headers: { cookie: cookieHeader({ mfv_at: token }) } });
        expect({ name, status: res.status }).toEqual({ name, status: 401 });
      }
    } finally {
      await server.close();
      await closeRedis(redis);
    }
  });
});

describe('remote preflight (POST /auth/verify)', () => {
  it('accepts a live session and sees a logout at once', async () => {
    const preflight = createPreflight({ ...env.config, mode: 'remote' });
    const session = await env.api.signUp('원격');
    expect(await preflight(session.accessToken)).toMatchObject({
      status: 'valid',
      claims: { sub: session.user.id, sid: session.sessionId, nickname: '원격' },
    });
    const logout = await fetch(`${env.api.url}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(logout.status).toBe(204);
    expect((await preflight(session.accessToken)).status).toBe('invalid');
  });

  it('the api away is unavailability (503), not an invalid token (logout)', async () => {
    const preflight = createPreflight({
      ...env.config,
      mode: 'remote',
      apiUrl: 'http://127.0.0.1:9',
      backendTimeoutMs: 500,
    });
    await expect(preflight('x.y.z')).rejects.toMatchObject({ code: 'AUTH_UNAVAILABLE', dependency: 'api' });
  });
});

describe('verified-token cache (local mode)', () => {
  it('answers a repeated token from memory, still refuses tampered copies, and lets a token expire', async () => {
    const preflight = createPreflight(env.config);
    const key = env.api.keys.current;
    // Start just after a second boundary: `exp` is in whole seconds, so the token's last valid
    // moment is known to the millisecond (a floored `now` taken late in a second left the test as
    // little as a few ms before the token expired, and it failed on a loaded machine).
    await new Promise((r) => setTimeout(r, 1_000 - (Date.now() % 1_000) + 20));
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await new SignJWT({ sid: 's', scope: '', jti: 'j' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: key.kid })
      .setIssuer('urn:mfv:api')
      .setAudience('urn:mfv:web')
      .setSubject('u')
      .setIssuedAt(now)
      .setExpirationTime(now - 3) // inside the 5 s clock tolerance: valid for about two more seconds
      .sign(key.privateKey);
    expect((await preflight(shortLived)).status).toBe('valid');
    expect((await preflight(shortLived)).status).toBe('valid');
    const [h, p, s] = shortLived.split('.');
    expect((await preflight(`${h}.${p}.${s!.slice(0, -4)}AAAA`)).status).toBe('invalid');
    await new Promise((r) => setTimeout(r, Math.max(0, (now + 2) * 1000 - Date.now()) + 300));
    expect((await preflight(shortLived)).status).toBe('expired');
  });
});

describe('verified-token cache: the hot path answers only for the exact token string', () => {
  it('a cached token’s signature under another header or payload is verified (and refused), never served from memory', async () => {
    const revoked = new Set<string>();
    const preflight = createPreflight(env.config, {
      isRevoked: (sid) => revoked.has(sid),
      ready: async () => undefined,
      stop: () => undefined,
    });
    const { valid } = await tokens();
    expect(preflight.cached?.(valid)).toBeUndefined();
    expect((await preflight(valid)).status).toBe('valid');
    expect(preflight.cached?.(valid)?.status).toBe('valid');
    const [h, p, s] = valid.split('.');
    const otherPayload = `${h}.${b64({ sub: 'admin', sid: 'session-1', scope: 'all', exp: 9_999_999_999 })}.${s}`;
    const otherHeader = `${b64({ alg: 'ES256', typ: 'at+jwt', kid: 'x' })}.${p}.${s}`;
    for (const forged of [otherPayload, otherHeader, ` ${valid}`]) {
      expect(preflight.cached?.(forged)).toBeUndefined();
      expect((await preflight(forged)).status).toBe('invalid');
    }
    // … and the real one is still answered from memory, with the revocation list asked each time.
    expect(preflight.cached?.(valid)?.status).toBe('valid');
    revoked.add('session-1');
    expect(preflight.cached?.(valid)).toMatchObject({ status: 'invalid', reason: 'revoked' });
    expect((await preflight(valid)).status).toBe('invalid');
  });
});
