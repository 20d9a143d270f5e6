import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { ssafySubject } from '../src/providers/ssafy/jwt.js';
import {
  SSAFY_EXISTING_MEMBER,
  SSAFY_NEW_MEMBER,
  SSAFY_NO_IMAGE,
  SSAFY_NOT_A_MEMBER,
} from '../src/providers/ssafy/personas.js';
import { testClock } from './helpers.js';
import {
  SSAFY_CONFIDENTIAL_CLIENT,
  SSAFY_OTHER_REDIRECT_URI,
  SSAFY_PUBLIC_CLIENT,
  SSAFY_SECRET,
  exchange,
  exchangeFields,
  startSsafy,
  tokenFor,
  verifyAs,
} from './ssafy-helpers.js';

function jwks(base: string) {
  return createRemoteJWKSet(new URL(`${base}/ssafy/.well-known/jwks.json`));
}

async function errorOf(res: Response) {
  return {
    status: res.status,
    ...((await res.json()) as { error: string; error_code: string; request_id: string }),
  };
}

describe('SSAFY Verify: callback, /verify/token with PKCE, a verification_token that verifies against the JWKS', () => {
  it('the callback carries code, state and iss; the token is an ES256 JWT with every required claim', async () => {
    const { url } = await startSsafy();
    const issuer = `${url}/ssafy`;
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    expect(v.callback.get('state')).toBe(v.state);
    expect(v.callback.get('iss')).toBe(issuer);
    expect(v.callback.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const res = await exchange(url, exchangeFields(v));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['verification_token']);
    const token = String(body.verification_token);

    const { payload, protectedHeader } = await jwtVerify(token, jwks(url), {
      issuer,
      audience: SSAFY_PUBLIC_CLIENT,
      algorithms: ['ES256'],
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(protectedHeader.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(payload).toMatchObject({
      client_id: SSAFY_PUBLIC_CLIENT,
      verified: true,
      amr: ['otp'],
      acr: 'urn:ssafy:verify:acr:mattermost-dm',
      sub: ssafySubject(SSAFY_PUBLIC_CLIENT, SSAFY_EXISTING_MEMBER.memberId),
      cohort: '13',
      campus: '서울',
      name: '김민준',
      picture: `${issuer}/static/profile/kim-minjun.svg`,
      mattermost_id: SSAFY_EXISTING_MEMBER.mattermostId,
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
    expect(typeof payload.auth_time).toBe('number');
    const picture = await fetch(String(payload.picture));
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('scope claims appear only with their scope', async () => {
    const { url } = await startSsafy();
    const claims = decodeJwt(await tokenFor(url, SSAFY_EXISTING_MEMBER.id, ['ssafy.verify']));
    for (const claim of ['cohort', 'campus', 'name', 'picture', 'mattermost_id'])
      expect(claims).not.toHaveProperty(claim);
    expect(claims.scope).toBe('ssafy.verify');
    const some = decodeJwt(
      await tokenFor(url, SSAFY_EXISTING_MEMBER.id, ['ssafy.verify', 'ssafy.affiliation']),
    );
    expect(some).toMatchObject({ cohort: '13', campus: '서울' });
    expect(some).not.toHaveProperty('name');
    expect(some).not.toHaveProperty('mattermost_id');
  });

  it('a member without a profile image has picture null', async () => {
    const { url } = await startSsafy();
    const claims = decodeJwt(await tokenFor(url, SSAFY_NO_IMAGE.id));
    expect(claims.picture).toBeNull();
  });

  it('sub is pairwise: the same member has another sub at another client; two members differ', async () => {
    const { url } = await startSsafy();
    const a = decodeJwt(await tokenFor(url, SSAFY_EXISTING_MEMBER.id)).sub;
    const b = decodeJwt(await tokenFor(url, SSAFY_NEW_MEMBER.id)).sub;
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id, { clientId: SSAFY_CONFIDENTIAL_CLIENT });
    const res = await exchange(
      url,
      exchangeFields(v, { client_id: SSAFY_CONFIDENTIAL_CLIENT, client_secret: SSAFY_SECRET }),
    );
    const c = decodeJwt(((await res.json()) as { verification_token: string }).verification_token);
    expect(a).not.toBe(b);
    expect(c.sub).not.toBe(a);
    expect(c.aud).toBe(SSAFY_CONFIDENTIAL_CLIENT);
  });

  it('the JWKS publishes the public key only, with the kid of the tokens', async () => {
    const { url } = await startSsafy();
    const res = await fetch(`${url}/ssafy/.well-known/jwks.json`);
    const { keys } = (await res.json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
    const token = await tokenFor(url, SSAFY_EXISTING_MEMBER.id);
    expect(decodeProtectedHeader(token).kid).toBe(keys[0]?.kid);
  });
});

describe('SSAFY Verify /verify/token refuses', () => {
  it('a code used twice (single use)', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    expect((await exchange(url, exchangeFields(v))).status).toBe(200);
    const again = await errorOf(await exchange(url, exchangeFields(v)));
    expect(again).toMatchObject({ status: 400, error: 'invalid_grant', error_code: 'VERIFY_CODE_INVALID' });
    expect(again.request_id).toMatch(/[0-9a-f-]{36}/);
  });

  it('a redirect_uri other than the one of the request, and burns the code', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    const wrong = await errorOf(
      await exchange(url, exchangeFields(v, { redirect_uri: SSAFY_OTHER_REDIRECT_URI })),
    );
    expect(wrong).toMatchObject({ status: 400, error: 'invalid_grant', error_code: 'REDIRECT_URI_MISMATCH' });
    expect((await errorOf(await exchange(url, exchangeFields(v)))).error_code).toBe('VERIFY_CODE_INVALID');
  });

  it('a wrong or missing code_verifier', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    const wrong = await errorOf(await exchange(url, exchangeFields(v, { code_verifier: 'x'.repeat(64) })));
    expect(wrong).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_code: 'PKCE_VERIFICATION_FAILED',
    });
    const w = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    const missing = await errorOf(await exchange(url, exchangeFields(w, { code_verifier: undefined })));
    expect(missing.error_code).toBe('PKCE_VERIFICATION_FAILED');
  });

  it('a code after 2 minutes', async () => {
    const clock = testClock();
    const { url } = await startSsafy({}, clock);
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    clock.advance(2 * 60 * 1000);
    expect((await errorOf(await exchange(url, exchangeFields(v)))).error_code).toBe('VERIFY_CODE_INVALID');
  });

  it('a code issued to another client', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    const res = await errorOf(
      await exchange(
        url,
        exchangeFields(v, { client_id: SSAFY_CONFIDENTIAL_CLIENT, client_secret: SSAFY_SECRET }),
      ),
    );
    expect(res.error_code).toBe('VERIFY_CODE_INVALID');
  });

  it('a confidential client without its secret or with a wrong one; a public client with a secret', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id, { clientId: SSAFY_CONFIDENTIAL_CLIENT });
    const none = await errorOf(
      await exchange(url, exchangeFields(v, { client_id: SSAFY_CONFIDENTIAL_CLIENT })),
    );
    expect(none).toMatchObject({ status: 401, error: 'invalid_client', error_code: 'INVALID_CLIENT' });
    const wrong = await errorOf(
      await exchange(url, exchangeFields(v, { client_id: SSAFY_CONFIDENTIAL_CLIENT, client_secret: 'nope' })),
    );
    expect(wrong.status).toBe(401);
    const p = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    expect(
      (await errorOf(await exchange(url, exchangeFields(p, { client_secret: 'anything' })))).status,
    ).toBe(401);
    // The confidential client's code was not spent by the failed attempts: the right secret works.
    const ok = await exchange(
      url,
      exchangeFields(v, { client_id: SSAFY_CONFIDENTIAL_CLIENT, client_secret: SSAFY_SECRET }),
    );
    expect(ok.status).toBe(200);
  });

  it('another grant_type, no grant_type, a JSON body', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    expect(
      await errorOf(await exchange(url, exchangeFields(v, { grant_type: 'authorization_code' }))),
    ).toMatchObject({
      status: 400,
      error: 'unsupported_grant_type',
    });
    expect((await errorOf(await exchange(url, exchangeFields(v, { grant_type: undefined })))).error).toBe(
      'invalid_request',
    );
    const json = await fetch(`${url}/ssafy/verify/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exchangeFields(v)),
    });
    expect((await errorOf(json)).error).toBe('invalid_request');
    // None of these spent the code.
    expect((await exchange(url, exchangeFields(v))).status).toBe(200);
  });
});

describe('SSAFY Verify callback errors', () => {
  it('취소 → error=access_denied, error_code=VERIFY_CANCELLED, request_id, state, iss', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id, { action: 'cancel' });
    expect(v.callback.get('code')).toBeNull();
    expect(v.callback.get('error')).toBe('access_denied');
    expect(v.callback.get('error_code')).toBe('VERIFY_CANCELLED');
    expect(v.callback.get('request_id')).toMatch(/[0-9a-f-]{36}/);
    expect(v.callback.get('state')).toBe(v.state);
    expect(v.callback.get('iss')).toBe(`${url}/ssafy`);
  });

  it('someone who is not an SSAFY member → VERIFY_MEMBER_NOT_FOUND, no code', async () => {
    const { url } = await startSsafy();
    const v = await verifyAs(url, SSAFY_NOT_A_MEMBER.id);
    expect(v.callback.get('code')).toBeNull();
    expect(v.callback.get('error_code')).toBe('VERIFY_MEMBER_NOT_FOUND');
  });

  it('a configured issuer is the iss of callbacks and tokens, whatever host the request used', async () => {
    const issuer = 'https://verify.sandbox.test/ssafy';
    const { url } = await startSsafy({ issuer });
    const v = await verifyAs(url, SSAFY_EXISTING_MEMBER.id);
    expect(v.callback.get('iss')).toBe(issuer);
    const res = await exchange(url, exchangeFields(v));
    const token = ((await res.json()) as { verification_token: string }).verification_token;
    await expect(
      jwtVerify(token, jwks(url), { issuer, audience: SSAFY_PUBLIC_CLIENT }),
    ).resolves.toBeTruthy();
  });
});
