import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { FAULT_HEADER } from '../src/faults.js';
import { SSAFY_EARLIER_VERIFICATION_MS, SSAFY_WRONG_ISSUER_URL } from '../src/providers/ssafy/authorize.js';
import {
  SSAFY_CALLBACK_WRONG_ISSUER,
  SSAFY_CODE_FROM_EARLIER_VERIFICATION,
  SSAFY_EXISTING_MEMBER,
  SSAFY_PERSONAS,
  SSAFY_TOKEN_BAD_SIGNATURE,
  SSAFY_TOKEN_EXPIRED,
  SSAFY_TOKEN_MISSING_CLAIM,
  SSAFY_TOKEN_NETWORK_ERROR,
  SSAFY_TOKEN_WRONG_ISSUER,
  type SsafyPersona,
} from '../src/providers/ssafy/personas.js';
import { TEST_APPS } from './helpers.js';
import {
  SSAFY_PUBLIC_CLIENT,
  exchange,
  exchangeFields,
  ssafyOptions,
  startSsafy,
  tokenFor,
  verifyAs,
} from './ssafy-helpers.js';

function jwks(base: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(`${base}/ssafy/.well-known/jwks.json`));
}

const REQUIRED = ['iss', 'aud', 'exp', 'sub', 'client_id', 'verified', 'auth_time', 'amr', 'acr'];

describe('hostile verification tokens: each has exactly the defect it claims', () => {
  it('wrong iss: the signature verifies, the issuer check fails, and iss names another server', async () => {
    const { url } = await startSsafy();
    const token = await tokenFor(url, SSAFY_TOKEN_WRONG_ISSUER.id);
    await expect(
      jwtVerify(token, jwks(url), { issuer: `${url}/ssafy`, audience: SSAFY_PUBLIC_CLIENT }),
    ).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'iss',
    });
    const { payload } = await jwtVerify(token, jwks(url), { audience: SSAFY_PUBLIC_CLIENT });
    expect(payload.iss).toBe(SSAFY_WRONG_ISSUER_URL);
    for (const claim of REQUIRED) expect(payload).toHaveProperty(claim);
  });

  it('expired: the signature verifies, exp is in the past (and valid at its iat)', async () => {
    const { url } = await startSsafy();
    const token = await tokenFor(url, SSAFY_TOKEN_EXPIRED.id);
    await expect(jwtVerify(token, jwks(url), { issuer: `${url}/ssafy` })).rejects.toBeInstanceOf(
      joseErrors.JWTExpired,
    );
    const claims = decodeJwt(token);
    expect(claims.exp).toBeLessThan(Date.now() / 1000);
    const { payload } = await jwtVerify(token, jwks(url), {
      issuer: `${url}/ssafy`,
      audience: SSAFY_PUBLIC_CLIENT,
      currentDate: new Date((claims.iat ?? 0) * 1000),
    });
    expect(payload.sub).toBe(claims.sub);
  });

  it('bad signature: claims are all correct, the signature does not verify', async () => {
    const { url } = await startSsafy();
    const token = await tokenFor(url, SSAFY_TOKEN_BAD_SIGNATURE.id);
    await expect(jwtVerify(token, jwks(url))).rejects.toBeInstanceOf(
      joseErrors.JWSSignatureVerificationFailed,
    );
    const claims = decodeJwt(token);
    expect(claims.iss).toBe(`${url}/ssafy`);
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    for (const claim of REQUIRED) expect(claims).toHaveProperty(claim);
  });

  it('missing claim: the signature verifies, auth_time is absent, everything else present', async () => {
    const { url } = await startSsafy();
    const token = await tokenFor(url, SSAFY_TOKEN_MISSING_CLAIM.id);
    const { payload } = await jwtVerify(token, jwks(url), {
      issuer: `${url}/ssafy`,
      audience: SSAFY_PUBLIC_CLIENT,
    });
    expect(payload).not.toHaveProperty('auth_time');
    for (const claim of REQUIRED.filter((c) => c !== 'auth_time')) expect(payload).toHaveProperty(claim);
  });

  it("network error: the token request's connection is destroyed without an answer", async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_TOKEN_NETWORK_ERROR.id);
    await expect(exchange(url, exchangeFields(v))).rejects.toThrow();
  });

  it('callback wrong iss: the callback names another issuer (a correct token is still issued)', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_CALLBACK_WRONG_ISSUER.id);
    expect(v.callback.get('iss')).toBe(SSAFY_WRONG_ISSUER_URL);
    expect(v.callback.get('code')).not.toBeNull();
  });
});

describe('a code replayed from an earlier verification', () => {
  it(`persona ${SSAFY_CODE_FROM_EARLIER_VERIFICATION.id}: the code exchanges once, its auth_time ${SSAFY_EARLIER_VERIFICATION_MS / 1000} s before the request, iat now`, async () => {
    const { url } = await startSsafy();
    const before = Math.floor(Date.now() / 1000);
    const v = await verifyAs(url, SSAFY_CODE_FROM_EARLIER_VERIFICATION.id);
    const res = await exchange(url, exchangeFields(v));
    expect(res.status).toBe(200);
    const claims = decodeJwt(((await res.json()) as { verification_token: string }).verification_token);
    const earlier = SSAFY_EARLIER_VERIFICATION_MS / 1000;
    expect(Number(claims.auth_time)).toBeGreaterThanOrEqual(before - earlier - 1);
    expect(Number(claims.auth_time)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - earlier);
    expect(Number(claims.iat) - Number(claims.auth_time)).toBeGreaterThanOrEqual(earlier);
    // Still single use at the issuer.
    expect((await exchange(url, exchangeFields(v))).status).toBe(400);
  });
});

describe('hostile tokens by x-sandbox-fault header', () => {
  it.each([
    ['defect:wrong-iss', (c: Record<string, unknown>) => expect(c.iss).toBe(SSAFY_WRONG_ISSUER_URL)],
    ['defect:expired', (c: Record<string, unknown>) => expect(Number(c.exp)).toBeLessThan(Date.now() / 1000)],
    ['defect:missing-claim.acr', (c: Record<string, unknown>) => expect(c).not.toHaveProperty('acr')],
    [
      'defect:missing-claim.verified',
      (c: Record<string, unknown>) => expect(c).not.toHaveProperty('verified'),
    ],
  ])('%s on a normal member', async (fault, check) => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    const res = await exchange(url, exchangeFields(v), { [FAULT_HEADER]: fault });
    expect(res.status).toBe(200);
    check(decodeJwt(((await res.json()) as { verification_token: string }).verification_token));
  });

  it('tamper breaks the signature', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    const res = await exchange(url, exchangeFields(v), { [FAULT_HEADER]: 'tamper' });
    const token = ((await res.json()) as { verification_token: string }).verification_token;
    await expect(jwtVerify(token, jwks(url))).rejects.toBeInstanceOf(
      joseErrors.JWSSignatureVerificationFailed,
    );
  });

  it('drop destroys the connection and leaves the code unspent (a retry succeeds)', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    await expect(exchange(url, exchangeFields(v), { [FAULT_HEADER]: 'drop' })).rejects.toThrow();
    const retry = await exchange(url, exchangeFields(v));
    expect(retry.status).toBe(200);
  });

  it("an unknown defect is refused with 400 in the issuer's error shape", async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    const res = await exchange(url, exchangeFields(v), { [FAULT_HEADER]: 'defect:missing-claim.jti' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', error_code: 'INVALID_REQUEST' });
  });

  it("status:503 answers the issuer's error shape; delay holds the answer", async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    const res = await exchange(url, exchangeFields(v), { [FAULT_HEADER]: 'status:503' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'server_error', error_code: 'SERVER_ERROR' });
    const started = Date.now();
    expect((await exchange(url, exchangeFields(v), { [FAULT_HEADER]: 'delay:300' })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('SSAFY persona table', () => {
  it('refuses at startup a defect the step does not have', () => {
    const bad: SsafyPersona = {
      ...SSAFY_EXISTING_MEMBER,
      id: 'x',
      memberId: 'x-1',
      faults: { callback: 'defect:expired' },
    };
    expect(() => buildApp({ kakao: TEST_APPS, ssafy: ssafyOptions({ personas: [bad] }) })).toThrow(
      /ssafy\.faults\.callback/,
    );
  });

  it('every shipped persona is valid', async () => {
    const app = buildApp({ kakao: TEST_APPS, ssafy: ssafyOptions({ personas: SSAFY_PERSONAS }) });
    expect(app.sandbox.ssafy?.personas.size).toBe(SSAFY_PERSONAS.length);
    await app.close();
  });
});
