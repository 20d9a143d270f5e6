import { describe, expect, it } from 'vitest';
import { EXISTING_MEMBER, NEW_MEMBER, NO_EMAIL_CONSENT } from '../src/personas.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  PUBLIC_CLIENT_ID,
  REDIRECT_URI,
  REDIRECT_URI_WITH_QUERY,
  authorizeAs,
  authorizeUrl,
  defaultAuthorizeParams,
  loginAs,
  openConsent,
  pkcePair,
  postToken,
  startSandbox,
  submitConsent,
  testClock,
  userMe,
} from './helpers.js';

describe('Kakao login, end to end over HTTP', () => {
  it('existing member: consent page → redirect with code and state → token with PKCE → user/me', async () => {
    const { url } = await startSandbox();
    const { verifier, challenge } = pkcePair();

    const page = await openConsent(
      authorizeUrl(url, defaultAuthorizeParams({ code_challenge: challenge, code_challenge_method: 'S256' })),
    );
    expect(page.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toContain('lang="ko"');
    expect(page.html).toContain('동의하고 계속하기');
    expect(page.html).toContain('취소');
    expect(page.html).toContain(EXISTING_MEMBER.name);
    expect(page.html).toContain(NEW_MEMBER.name);
    // No external assets: nothing is loaded from another origin.
    expect(page.html).not.toMatch(/(src|href)="https?:/);

    const consent = await submitConsent(
      url,
      { request_id: page.requestId, nonce: page.nonce, persona: EXISTING_MEMBER.id, action: 'consent' },
      { cookie: page.cookie },
    );
    expect(consent.status).toBe(302);
    const location = new URL(consent.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('state-123');
    const code = location.searchParams.get('code');
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const tokenRes = await postToken(url, {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: REDIRECT_URI,
      code: code ?? '',
      code_verifier: verifier,
    });
    expect(tokenRes.status).toBe(200);
    expect(tokenRes.headers.get('content-type')).toMatch(/^application\/json/);
    expect(tokenRes.headers.get('cache-control')).toBe('no-store');
    const token = (await tokenRes.json()) as Record<string, unknown>;
    expect(token).toEqual({
      token_type: 'bearer',
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expires_in: 21599,
      refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      refresh_token_expires_in: 5183999,
      scope: 'profile_nickname profile_image account_email',
    });

    const me = await userMe(url, String(token.access_token));
    expect(me.status).toBe(200);
    const body = (await me.json()) as Record<string, unknown>;
    const origin = new URL(url).host;
    const image = `http://${origin}/kakao/cdn/dn/${EXISTING_MEMBER.id}/img_640x640.svg`;
    const thumbnail = `http://${origin}/kakao/cdn/dn/${EXISTING_MEMBER.id}/img_110x110.svg`;
    expect(body).toEqual({
      id: 4100000001,
      connected_at: '2024-03-01T00:00:00Z',
      properties: { nickname: '민준', profile_image: image, thumbnail_image: thumbnail },
      kakao_account: {
        profile_nickname_needs_agreement: false,
        profile_image_needs_agreement: false,
        profile: {
          nickname: '민준',
          thumbnail_image_url: thumbnail,
          profile_image_url: image,
          is_default_image: false,
          is_default_nickname: false,
        },
        has_email: true,
        email_needs_agreement: false,
        is_email_valid: true,
        is_email_verified: true,
        email: 'minjun.kim@example.com',
      },
    });

    const picture = await fetch(image);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await picture.text()).toContain('민');
  });

  it('new member: a fixed Kakao id, connected_at is the moment of first consent, default picture', async () => {
    const clock = testClock(Date.parse('2026-05-05T10:20:30.456Z'));
    const { url } = await startSandbox({ clock });
    const token = await loginAs(url, NEW_MEMBER.id);
    clock.advance(5_000);
    const body = (await (await userMe(url, String(token.access_token))).json()) as {
      id: number;
      connected_at: string;
      kakao_account: { email: string; profile: { is_default_image: boolean; profile_image_url: string } };
    };
    expect(body.id).toBe(4100000002);
    expect(body.connected_at).toBe('2026-05-05T10:20:30Z');
    expect(body.kakao_account.email).toBe('seoyeon.lee@example.com');
    expect(body.kakao_account.profile.is_default_image).toBe(true);
    expect(body.kakao_account.profile.profile_image_url).toContain('/kakao/cdn/dn/default/img_640x640.svg');
  });

  it('persona without email consent: no email fields, email_needs_agreement true, no account_email scope', async () => {
    const { url } = await startSandbox();
    const token = await loginAs(url, NO_EMAIL_CONSENT.id);
    expect(token.scope).toBe('profile_nickname profile_image');
    const body = (await (await userMe(url, String(token.access_token))).json()) as {
      id: number;
      kakao_account: Record<string, unknown>;
    };
    expect(body.id).toBe(4100000003);
    expect(body.kakao_account.has_email).toBe(true);
    expect(body.kakao_account.email_needs_agreement).toBe(true);
    expect(body.kakao_account).not.toHaveProperty('email');
    expect(body.kakao_account).not.toHaveProperty('is_email_valid');
    expect(body.kakao_account).not.toHaveProperty('is_email_verified');
  });

  it('public client without a secret, with PKCE, no state: the callback carries only the code', async () => {
    const { url } = await startSandbox();
    const { verifier, challenge } = pkcePair();
    const query = await authorizeAs(url, EXISTING_MEMBER.id, {
      client_id: PUBLIC_CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect([...query.keys()]).toEqual(['code']);
    const res = await postToken(url, {
      grant_type: 'authorization_code',
      client_id: PUBLIC_CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      code: query.get('code') ?? '',
      code_verifier: verifier,
    });
    expect(res.status).toBe(200);
  });

  it('confidential client without PKCE: the client secret alone is enough', async () => {
    const { url } = await startSandbox();
    const query = await authorizeAs(url, EXISTING_MEMBER.id);
    const res = await postToken(url, {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: REDIRECT_URI,
      code: query.get('code') ?? '',
    });
    expect(res.status).toBe(200);
  });

  it('a registered redirect URI with its own query keeps it and gets code and state appended', async () => {
    const { url } = await startSandbox();
    const page = await openConsent(
      authorizeUrl(url, defaultAuthorizeParams({ redirect_uri: REDIRECT_URI_WITH_QUERY, state: 'a b&c' })),
    );
    const res = await submitConsent(
      url,
      { request_id: page.requestId, nonce: page.nonce, persona: EXISTING_MEMBER.id, action: 'consent' },
      { cookie: page.cookie },
    );
    const location = res.headers.get('location') ?? '';
    expect(location.startsWith(`${REDIRECT_URI_WITH_QUERY}&code=`)).toBe(true);
    expect(location).toContain('&state=a%20b%26c');
    expect(new URL(location).searchParams.get('from')).toBe('kakao');
  });
});
