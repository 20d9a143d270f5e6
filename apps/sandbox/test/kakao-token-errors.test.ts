import { describe, expect, it } from 'vitest';
import { EXISTING_MEMBER } from '../src/personas.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  PUBLIC_CLIENT_ID,
  REDIRECT_URI,
  REDIRECT_URI_WITH_QUERY,
  authorizeAs,
  defaultAuthorizeParams,
  pkcePair,
  postToken,
  startSandbox,
  testClock,
  userMe,
} from './helpers.js';

interface KakaoOAuthError {
  error: string;
  error_description: string;
  error_code: string;
}

async function expectKakaoError(
  res: Response,
  status: number,
  error: string,
  errorCode: string,
): Promise<KakaoOAuthError> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as KakaoOAuthError;
  expect(body).toEqual({ error, error_description: expect.any(String), error_code: errorCode });
  return body;
}

/** A fresh code for the confidential app, and the PKCE verifier that goes with it. */
async function codeWithPkce(url: string): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkcePair();
  const query = await authorizeAs(
    url,
    EXISTING_MEMBER.id,
    defaultAuthorizeParams({ code_challenge: challenge, code_challenge_method: 'S256' }),
  );
  return { code: query.get('code') ?? '', verifier };
}

function exchange(url: string, fields: Record<string, string | undefined>) {
  return postToken(url, {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uri: REDIRECT_URI,
    ...fields,
  });
}

describe('POST /oauth/token (authorization_code) errors', () => {
  it('a code is single use: the second exchange is invalid_grant KOE320, and the first tokens are revoked', async () => {
    const { url } = await startSandbox();
    const { code, verifier } = await codeWithPkce(url);
    const first = await exchange(url, { code, code_verifier: verifier });
    expect(first.status).toBe(200);
    const { access_token } = (await first.json()) as { access_token: string };
    expect((await userMe(url, access_token)).status).toBe(200);

    const second = await exchange(url, { code, code_verifier: verifier });
    const body = await expectKakaoError(second, 400, 'invalid_grant', 'KOE320');
    expect(body.error_description).toBe(`authorization code not found for code=${code}`);
    // RFC 6749 §4.1.2: tokens issued from a reused code are revoked.
    expect((await userMe(url, access_token)).status).toBe(401);
  });

  it('an unknown code is invalid_grant KOE320', async () => {
    const { url } = await startSandbox();
    await expectKakaoError(await exchange(url, { code: 'never-issued' }), 400, 'invalid_grant', 'KOE320');
  });

  it('a missing code is invalid_grant KOE320', async () => {
    const { url } = await startSandbox();
    await expectKakaoError(await exchange(url, { code: undefined }), 400, 'invalid_grant', 'KOE320');
  });

  it('PKCE: a verifier that does not hash to the challenge is invalid_grant, and burns the code', async () => {
    const { url } = await startSandbox();
    const { code, verifier } = await codeWithPkce(url);
    const body = await expectKakaoError(
      await exchange(url, { code, code_verifier: pkcePair().verifier }),
      400,
      'invalid_grant',
      'KOE320',
    );
    expect(body.error_description).toBe('PKCE verification failed.');
    await expectKakaoError(
      await exchange(url, { code, code_verifier: verifier }),
      400,
      'invalid_grant',
      'KOE320',
    );
  });

  it('PKCE: a verifier outside RFC 7636 syntax is invalid_grant', async () => {
    const { url } = await startSandbox();
    const { code } = await codeWithPkce(url);
    await expectKakaoError(
      await exchange(url, { code, code_verifier: 'short' }),
      400,
      'invalid_grant',
      'KOE320',
    );
  });

  it('PKCE: no verifier for a code that had a challenge is invalid_grant', async () => {
    const { url } = await startSandbox();
    const { code } = await codeWithPkce(url);
    const body = await expectKakaoError(await exchange(url, { code }), 400, 'invalid_grant', 'KOE320');
    expect(body.error_description).toMatch(/code_verifier is required/);
  });

  it('PKCE: a verifier for a code that had no challenge is invalid_grant', async () => {
    const { url } = await startSandbox();
    const code = (await authorizeAs(url, EXISTING_MEMBER.id)).get('code') ?? '';
    await expectKakaoError(
      await exchange(url, { code, code_verifier: pkcePair().verifier }),
      400,
      'invalid_grant',
      'KOE320',
    );
  });

  it('a redirect_uri other than the authorize request’s is invalid_grant KOE303', async () => {
    const { url } = await startSandbox();
    const { code, verifier } = await codeWithPkce(url);
    const body = await expectKakaoError(
      await exchange(url, { code, code_verifier: verifier, redirect_uri: REDIRECT_URI_WITH_QUERY }),
      400,
      'invalid_grant',
      'KOE303',
    );
    expect(body.error_description).toBe('Redirect URI mismatch.');
  });

  it('a wrong client secret is invalid_client KOE010 (401), and does not spend the code', async () => {
    const { url } = await startSandbox();
    const { code, verifier } = await codeWithPkce(url);
    const body = await expectKakaoError(
      await exchange(url, { code, code_verifier: verifier, client_secret: 'wrong' }),
      401,
      'invalid_client',
      'KOE010',
    );
    expect(body.error_description).toBe('Bad client credentials');
    expect((await exchange(url, { code, code_verifier: verifier })).status).toBe(200);
  });

  it('a missing client secret, for an app that has one, is KOE010', async () => {
    const { url } = await startSandbox();
    const { code, verifier } = await codeWithPkce(url);
    await expectKakaoError(
      await exchange(url, { code, code_verifier: verifier, client_secret: undefined }),
      401,
      'invalid_client',
      'KOE010',
    );
  });

  it('a client secret sent to an app without one is KOE010', async () => {
    const { url } = await startSandbox();
    const { verifier, challenge } = pkcePair();
    const query = await authorizeAs(url, EXISTING_MEMBER.id, {
      client_id: PUBLIC_CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    await expectKakaoError(
      await exchange(url, {
        client_id: PUBLIC_CLIENT_ID,
        client_secret: 'stale',
        code: query.get('code') ?? '',
        code_verifier: verifier,
      }),
      401,
      'invalid_client',
      'KOE010',
    );
  });

  it('an unknown or missing client_id is invalid_client KOE101 (401)', async () => {
    const { url } = await startSandbox();
    const unknown = await expectKakaoError(
      await exchange(url, { client_id: 'nope', code: 'x' }),
      401,
      'invalid_client',
      'KOE101',
    );
    expect(unknown.error_description).toBe('Not exist client_id [nope]');
    const missing = await expectKakaoError(
      await exchange(url, { client_id: undefined, code: 'x' }),
      401,
      'invalid_client',
      'KOE101',
    );
    expect(missing.error_description).toBe('Not exist client_id []');
  });

  it('a code is bound to its client: another registered client cannot redeem it', async () => {
    const { url } = await startSandbox();
    const { code, verifier } = await codeWithPkce(url);
    await expectKakaoError(
      await exchange(url, {
        client_id: PUBLIC_CLIENT_ID,
        client_secret: undefined,
        code,
        code_verifier: verifier,
      }),
      400,
      'invalid_grant',
      'KOE320',
    );
  });

  it('a code expires 10 minutes after it was issued', async () => {
    const clock = testClock();
    const { url } = await startSandbox({ clock });
    const early = await codeWithPkce(url);
    const late = await codeWithPkce(url);
    clock.advance(10 * 60 * 1000 - 1);
    expect((await exchange(url, { code: early.code, code_verifier: early.verifier })).status).toBe(200);
    clock.advance(1);
    await expectKakaoError(
      await exchange(url, { code: late.code, code_verifier: late.verifier }),
      400,
      'invalid_grant',
      'KOE320',
    );
  });

  it('grant_type: missing is invalid_request, unknown is unsupported_grant_type', async () => {
    const { url } = await startSandbox();
    await expectKakaoError(await exchange(url, { grant_type: undefined }), 400, 'invalid_request', 'KOE001');
    await expectKakaoError(
      await exchange(url, { grant_type: 'password' }),
      400,
      'unsupported_grant_type',
      'KOE001',
    );
  });

  it('a JSON body is refused: the endpoint takes application/x-www-form-urlencoded only', async () => {
    const { url } = await startSandbox();
    const { code, verifier } = await codeWithPkce(url);
    const res = await fetch(`${url}/kakao/kauth/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uri: REDIRECT_URI,
        code,
        code_verifier: verifier,
      }),
    });
    await expectKakaoError(res, 400, 'invalid_request', 'KOE001');
  });

  it('an unparseable media type gets a Kakao-shaped error too', async () => {
    const { url } = await startSandbox();
    const res = await fetch(`${url}/kakao/kauth/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<grant_type>authorization_code</grant_type>',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as KakaoOAuthError).error_code).toBe('KOE001');
  });

  it('a repeated parameter is invalid_request', async () => {
    const { url } = await startSandbox();
    const body = `grant_type=authorization_code&client_id=${CLIENT_ID}&client_id=${PUBLIC_CLIENT_ID}&code=x`;
    const res = await fetch(`${url}/kakao/kauth/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    await expectKakaoError(res, 400, 'invalid_request', 'KOE001');
  });
});
