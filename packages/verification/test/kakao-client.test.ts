import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPkcePair,
  kakaoAuthorizeUrl,
  KakaoError,
  KAKAO_USER_MESSAGES,
  processKakaoTokenResponse,
  processKakaoUserMeResponse,
  requestKakaoToken,
  requestKakaoUserMe,
  type KakaoConfig,
} from '../src/kakao/index.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => res.end('{}');
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    answer(req, res);
  });
});
let config: KakaoConfig;

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config = {
    clientId: 'client-1',
    clientSecret: 'secret-1',
    authorizeBaseUrl: 'http://localhost:4100/kakao/kauth',
    tokenBaseUrl: `${base}/kakao/kauth`,
    apiBaseUrl: `${base}/kakao/kapi/`,
    redirectUri: 'http://localhost:8080/user/login/kakao/callback',
    timeoutMs: 300,
  };
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('Kakao login client', () => {
  it('builds the authorize URL under the configured base with state and PKCE S256', () => {
    const pkce = createPkcePair();
    expect(createHash('sha256').update(pkce.verifier).digest('base64url')).toBe(pkce.challenge);
    const url = new URL(kakaoAuthorizeUrl(config, { state: 'st', codeChallenge: pkce.challenge }));
    expect(`${url.origin}${url.pathname}`).toBe('http://localhost:4100/kakao/kauth/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-1',
      redirect_uri: 'http://localhost:8080/user/login/kakao/callback',
      response_type: 'code',
      state: 'st',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    });
  });

  it('posts the token request form (with verifier and secret) and reads user/me with Bearer', async () => {
    requests = [];
    answer = (req, res) =>
      res.end(
        req.url === '/kakao/kauth/oauth/token'
          ? JSON.stringify({ token_type: 'bearer', access_token: 'kat', expires_in: 21599 })
          : JSON.stringify({ id: 4100000001, kakao_account: { profile: { nickname: '김민준' } } }),
      );
    const tokens = await processKakaoTokenResponse(
      await requestKakaoToken(config, { code: 'c1', codeVerifier: 'v1' }),
    );
    expect(tokens).toEqual({ accessToken: 'kat', expiresIn: 21599 });
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/kakao/kauth/oauth/token' });
    expect(Object.fromEntries(new URLSearchParams(requests[0]!.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-1',
      redirect_uri: config.redirectUri,
      code: 'c1',
      code_verifier: 'v1',
      client_secret: 'secret-1',
    });
    const me = await processKakaoUserMeResponse(await requestKakaoUserMe(config, 'kat'));
    expect(me).toEqual({ kakaoId: '4100000001', nickname: '김민준' });
    expect(requests[1]).toMatchObject({ method: 'GET', url: '/kakao/kapi/v2/user/me' });
    expect(requests[1]!.headers.authorization).toBe('Bearer kat');
  });

  it('a silent Kakao fails within the bound as KAKAO_UNAVAILABLE', async () => {
    answer = () => {};
    const started = Date.now();
    await expect(requestKakaoToken(config, { code: 'c', codeVerifier: 'v' })).rejects.toMatchObject({
      code: 'KAKAO_UNAVAILABLE',
    });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it.each([
    [
      json(400, {
        error: 'invalid_grant',
        error_description: 'authorization code not found',
        error_code: 'KOE320',
      }),
      'KAKAO_INVALID_GRANT',
      'KOE320',
    ],
    [json(401, { error: 'invalid_client', error_code: 'KOE010' }), 'KAKAO_OAUTH_ERROR', 'KOE010'],
    [json(503, { msg: 'down' }), 'KAKAO_UNAVAILABLE', undefined],
    [new Response('not json', { status: 200 }), 'KAKAO_INVALID_RESPONSE', undefined],
    [json(200, { token_type: 'bearer', expires_in: 10 }), 'KAKAO_INVALID_RESPONSE', undefined],
    [json(200, { access_token: 'x' }), 'KAKAO_INVALID_RESPONSE', undefined],
  ])('token response %# → %s', async (res, code, providerCode) => {
    const error = await processKakaoTokenResponse(res).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KakaoError);
    expect(error).toMatchObject({ code, providerCode });
  });

  it('keeps only a valid, verified email and a non-default profile image', async () => {
    expect(
      await processKakaoUserMeResponse(
        json(200, {
          id: 1,
          kakao_account: {
            profile: { nickname: 'a', profile_image_url: 'http://img', is_default_image: false },
            email: 'a@example.com',
            is_email_valid: true,
            is_email_verified: true,
          },
        }),
      ),
    ).toEqual({ kakaoId: '1', nickname: 'a', email: 'a@example.com', profileImageUrl: 'http://img' });
    expect(
      await processKakaoUserMeResponse(
        json(200, {
          id: 2,
          kakao_account: {
            email: 'b@example.com',
            is_email_valid: true,
            is_email_verified: false,
            profile: { is_default_image: true, profile_image_url: 'x' },
          },
        }),
      ),
    ).toEqual({ kakaoId: '2' });
  });

  it('reads kakao_account.ci when Kakao gave it, and only then (ci_needs_agreement alone is no CI)', async () => {
    const ci = `SANDBOX+FAKE+CI+${'A'.repeat(72)}`;
    expect(
      await processKakaoUserMeResponse(
        json(200, {
          id: 3,
          kakao_account: { ci_needs_agreement: false, ci, ci_authenticated_at: '2024-03-01T00:00:00Z' },
        }),
      ),
    ).toEqual({ kakaoId: '3', ci });
    expect(
      await processKakaoUserMeResponse(json(200, { id: 4, kakao_account: { ci_needs_agreement: true } })),
    ).toEqual({ kakaoId: '4' });
    expect(
      await processKakaoUserMeResponse(
        json(200, { id: 5, kakao_account: { ci: '', ci_needs_agreement: false } }),
      ),
    ).toEqual({ kakaoId: '5' });
    expect(
      await processKakaoUserMeResponse(json(200, { id: 6, kakao_account: { ci: 'C'.repeat(257) } })),
    ).toEqual({ kakaoId: '6' });
  });

  it.each([
    [json(401, { msg: 'this access token does not exist', code: -401 }), 'KAKAO_UNAUTHORIZED'],
    [json(200, { kakao_account: {} }), 'KAKAO_INVALID_RESPONSE'],
    [json(500, {}), 'KAKAO_UNAVAILABLE'],
  ])('user/me response %# → %s', async (res, code) => {
    await expect(processKakaoUserMeResponse(res)).rejects.toMatchObject({ code });
  });
});

describe('Kakao messages for people', () => {
  it('speak the site’s one tone (~요): every sentence ends in 요, none in the formal 니다', () => {
    const codes = Object.keys(KAKAO_USER_MESSAGES);
    expect(codes.length).toBe(6);
    for (const [code, message] of Object.entries(KAKAO_USER_MESSAGES)) {
      expect(message, code).not.toMatch(/니다/);
      for (const sentence of message.split(/(?<=\.)\s+/)) expect(sentence, code).toMatch(/요\.$/);
    }
  });
});
