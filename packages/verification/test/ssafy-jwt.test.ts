/**
 * validateVerificationToken with keys made by jose in the test, served as a JWKS by a small HTTP
 * server on port 0: the valid token, and each hostile variant rejected with a typed error.
 */
import { createSecretKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  UnsecuredJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSsafyClient,
  SsafyError,
  SsafyTokenValidationError,
  validateVerificationToken,
  type SsafyClient,
  type SsafyClientOptions,
} from '../src/ssafy/index.js';

let server: Server;
let issuer: string;
let es: { privateKey: CryptoKey; publicKey: CryptoKey };
let rs: { privateKey: CryptoKey; publicKey: CryptoKey };
let stranger: { privateKey: CryptoKey; publicKey: CryptoKey };
let jwks: { keys: JWK[] };
let jwksRequests = 0;
const clients: SsafyClient[] = [];
const NOW = new Date('2026-03-01T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);

beforeAll(async () => {
  es = await generateKeyPair('ES256', { extractable: true });
  rs = await generateKeyPair('RS256', { extractable: true });
  stranger = await generateKeyPair('ES256', { extractable: true });
  jwks = {
    keys: [
      { ...(await exportJWK(es.publicKey)), kid: 'es-1', alg: 'ES256', use: 'sig' },
      { ...(await exportJWK(rs.publicKey)), kid: 'rs-1', alg: 'RS256', use: 'sig' },
    ],
  };
  server = createServer((req, res) => {
    if (req.url === '/ssafy/.well-known/jwks.json') {
      jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(jwks));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}/ssafy`;
});

afterAll(async () => {
  for (const c of clients) await c.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(options: Partial<SsafyClientOptions> = {}): SsafyClient {
  const created = createSsafyClient({
    issuer,
    clientId: 'mfv-web',
    redirectUri: 'http://localhost:8080/verify/ssafy/callback',
    scopes: ['ssafy.affiliation'],
    timeoutMs: 2_000,
    ...options,
  });
  clients.push(created);
  return created;
}

function claims(overrides: Record<string, unknown> = {}): JWTPayload {
  const base: Record<string, unknown> = {
    iss: issuer,
    aud: 'mfv-web',
    sub: 'pairwise-abc',
    client_id: 'mfv-web',
    verified: true,
    auth_time: NOW_S - 30,
    amr: ['mattermost', 'otp'],
    acr: 'urn:ssafy:verify:member',
    cohort: 15,
    campus: '서울 캠퍼스',
    iat: NOW_S - 20,
    exp: NOW_S + 300,
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base as JWTPayload;
}

function sign(
  payload: JWTPayload,
  key: CryptoKey = es.privateKey,
  header: { alg: string; kid?: string } = { alg: 'ES256', kid: 'es-1' },
) {
  return new SignJWT(payload).setProtectedHeader({ typ: 'JWT', ...header }).sign(key);
}

async function rejected(token: string, c: SsafyClient = client()): Promise<SsafyError> {
  try {
    await validateVerificationToken(c, token, { now: NOW });
  } catch (error) {
    expect(error).toBeInstanceOf(SsafyError);
    return error as SsafyError;
  }
  throw new Error('expected the token to be rejected');
}

describe('valid token', () => {
  it('returns only verified, sub, cohort, campus and authTime', async () => {
    const result = await validateVerificationToken(
      client(),
      await sign(claims({ name: '홍길동', email: 'x@y' })),
      { now: NOW },
    );
    expect(result).toEqual({
      verified: true,
      sub: 'pairwise-abc',
      cohort: '15',
      campus: '서울 캠퍼스',
      authTime: NOW_S - 30,
      issuedAt: NOW_S - 20,
    });
  });

  it('issuedAt is iat only when it is a whole NumericDate not before auth_time', async () => {
    for (const [iat, expected] of [
      [undefined, null],
      [NOW_S - 40, null],
      [NOW_S - 20.5, null],
      [NOW_S - 30, NOW_S - 30],
    ] as const) {
      const result = await validateVerificationToken(client(), await sign(claims({ iat })), { now: NOW });
      expect(result.issuedAt, String(iat)).toBe(expected);
    }
  });

  it('cohort and campus are null when the affiliation scope gave none', async () => {
    const result = await validateVerificationToken(
      client(),
      await sign(claims({ cohort: undefined, campus: undefined })),
      { now: NOW },
    );
    expect(result).toMatchObject({ cohort: null, campus: null });
  });

  it('adds mattermostId only when ssafy.mattermost_id is configured', async () => {
    const token = await sign(claims({ mattermost_id: 'mm-123' }));
    expect(await validateVerificationToken(client(), token, { now: NOW })).not.toHaveProperty('mattermostId');
    const withScope = client({ scopes: ['ssafy.mattermost_id'] });
    expect(withScope.scopes).toEqual(['ssafy.verify', 'ssafy.mattermost_id']);
    expect(await validateVerificationToken(withScope, token, { now: NOW })).toMatchObject({
      mattermostId: 'mm-123',
    });
  });

  it('accepts RS256 when, and only when, RS256 is the configured algorithm', async () => {
    const token = await sign(claims(), rs.privateKey, { alg: 'RS256', kid: 'rs-1' });
    await expect(
      validateVerificationToken(client({ algorithm: 'RS256' }), token, { now: NOW }),
    ).resolves.toMatchObject({ sub: 'pairwise-abc' });
    expect((await rejected(token)).code).toBe('SSAFY_TOKEN_ALG_NOT_ALLOWED');
  });

  it('caches the JWKS across validations', async () => {
    const c = client();
    const before = jwksRequests;
    await validateVerificationToken(c, await sign(claims()), { now: NOW });
    await validateVerificationToken(c, await sign(claims()), { now: NOW });
    expect(jwksRequests - before).toBe(1);
  });
});

describe('hostile tokens', () => {
  it('alg none', async () => {
    const token = new UnsecuredJWT(claims()).encode();
    expect((await rejected(token)).code).toBe('SSAFY_TOKEN_ALG_NOT_ALLOWED');
  });

  it('HS256 signed with the public key as the HMAC secret', async () => {
    const spki = await exportSPKI(es.publicKey);
    const secret = createSecretKey(Buffer.from(spki));
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'es-1' }).sign(secret);
    expect((await rejected(token)).code).toBe('SSAFY_TOKEN_ALG_NOT_ALLOWED');
  });

  it.each([
    ['iss', { iss: 'https://evil.example' }, 'SSAFY_TOKEN_ISSUER_MISMATCH'],
    ['iss with a trailing slash', { iss: 'TRAILING' }, 'SSAFY_TOKEN_ISSUER_MISMATCH'],
    ['aud', { aud: 'another-client' }, 'SSAFY_TOKEN_AUDIENCE_MISMATCH'],
    ['client_id', { client_id: 'another-client' }, 'SSAFY_TOKEN_CLIENT_ID_MISMATCH'],
    ['missing client_id', { client_id: undefined }, 'SSAFY_TOKEN_CLIENT_ID_MISMATCH'],
    ['expired', { exp: NOW_S - 60 }, 'SSAFY_TOKEN_EXPIRED'],
    ['missing exp', { exp: undefined }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['not yet valid', { nbf: NOW_S + 600 }, 'SSAFY_TOKEN_NOT_YET_VALID'],
    ['verified=false', { verified: false }, 'SSAFY_TOKEN_NOT_VERIFIED'],
    ['verified="true" (string)', { verified: 'true' }, 'SSAFY_TOKEN_NOT_VERIFIED'],
    ['missing sub', { sub: undefined }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['empty sub', { sub: '' }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['missing auth_time', { auth_time: undefined }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['auth_time in the future', { auth_time: NOW_S + 3600 }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['auth_time too old', { auth_time: NOW_S - 3600 }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['auth_time as a string', { auth_time: String(NOW_S) }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['missing amr', { amr: undefined }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['empty amr', { amr: [] }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['amr not strings', { amr: [1] }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['missing acr', { acr: undefined }, 'SSAFY_TOKEN_CLAIM_INVALID'],
    ['campus of the wrong type', { campus: 7 }, 'SSAFY_TOKEN_CLAIM_INVALID'],
  ])('%s', async (_name, overrides, code) => {
    const o = { ...overrides } as Record<string, unknown>;
    if (o.iss === 'TRAILING') o.iss = `${issuer}/`;
    const error = await rejected(await sign(claims(o)));
    expect(error).toBeInstanceOf(SsafyTokenValidationError);
    expect(error.code).toBe(code);
    expect(error.uiCode).toBe('VERIFY_RESPONSE_INVALID');
  });

  it('names the claim at fault', async () => {
    const error = (await rejected(await sign(claims({ acr: undefined })))) as SsafyTokenValidationError;
    expect(error.claim).toBe('acr');
  });

  it('unknown kid', async () => {
    const token = await sign(claims(), stranger.privateKey, { alg: 'ES256', kid: 'nobody' });
    expect((await rejected(token)).code).toBe('SSAFY_TOKEN_UNKNOWN_KID');
  });

  it('bad signature (a known kid, signed by another key)', async () => {
    const token = await sign(claims(), stranger.privateKey, { alg: 'ES256', kid: 'es-1' });
    expect((await rejected(token)).code).toBe('SSAFY_TOKEN_BAD_SIGNATURE');
  });

  it('a flipped payload byte', async () => {
    const [h, p, s] = (await sign(claims())).split('.') as [string, string, string];
    const tampered = Buffer.from(p, 'base64url').toString('utf8').replace('pairwise-abc', 'pairwise-abd');
    const token = `${h}.${Buffer.from(tampered).toString('base64url')}.${s}`;
    expect((await rejected(token)).code).toBe('SSAFY_TOKEN_BAD_SIGNATURE');
  });

  it('garbage', async () => {
    expect((await rejected('not.a.jwt')).code).toBe('SSAFY_TOKEN_MALFORMED');
  });

  it('an unreachable JWKS is a network failure for the UI', async () => {
    const c = client({ jwksUri: `${issuer}/missing-jwks` });
    const error = await rejected(await sign(claims()), c);
    expect(error.code).toBe('SSAFY_JWKS_UNAVAILABLE');
    expect(error.uiCode).toBe('VERIFY_NETWORK_FAILED');
  });
});

describe('configuration', () => {
  it('pins the algorithm to ES256 by default and refuses anything but ES256/RS256', () => {
    expect(client().algorithm).toBe('ES256');
    for (const alg of ['none', 'HS256', 'PS256', 'EdDSA']) {
      expect(() => client({ algorithm: alg as 'ES256' })).toThrow(/algorithm/);
    }
  });

  it('always includes ssafy.verify, never mattermost_id unless asked, refuses unknown scopes', () => {
    expect(client({ scopes: [] }).scopes).toEqual(['ssafy.verify']);
    expect(client({ scopes: ['ssafy.name', 'ssafy.verify'] }).scopes).toEqual(['ssafy.verify', 'ssafy.name']);
    expect(client().mattermostIdRequested).toBe(false);
    expect(() => client({ scopes: ['openid'] })).toThrow(/scope/);
  });

  it('refuses an issuer that is not written exactly, and plain http off loopback', () => {
    expect(() => client({ issuer: `${issuer}/` })).toThrow(/issuer/);
    expect(() => client({ issuer: 'http://verify.example' })).toThrow(/issuer/);
    expect(() => client({ redirectUri: 'https://a.example/cb#x' })).toThrow(/redirectUri/);
    expect(() => client({ clientSecret: '' })).toThrow(/clientSecret/);
  });

  it('keeps the client secret out of serialisation', () => {
    const c = client({ clientSecret: 'confidential-secret' });
    expect(c.clientSecret).toBe('confidential-secret');
    expect(JSON.stringify(c)).not.toContain('confidential-secret');
  });
});
