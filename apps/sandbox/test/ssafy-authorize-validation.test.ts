import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SSAFY_EXISTING_MEMBER } from '../src/providers/ssafy/personas.js';
import {
  SSAFY_PUBLIC_CLIENT,
  SSAFY_REDIRECT_URI,
  authorizeUrl,
  decide,
  openSsafyPage,
  pkce,
  startSsafy,
  type AuthorizeParams,
} from './ssafy-helpers.js';

function params(extra: AuthorizeParams = {}): AuthorizeParams {
  return {
    client_id: SSAFY_PUBLIC_CLIENT,
    redirect_uri: SSAFY_REDIRECT_URI,
    scope: 'ssafy.verify ssafy.affiliation',
    state: 'state-0123456789',
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
    ...extra,
  };
}

describe('SSAFY Verify GET /verify/authorize', () => {
  it('renders the verification page (persona choice, 취소) with page security headers', async () => {
    const { url } = await startSsafy();
    const res = await fetch(authorizeUrl(url, params()));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('김민준');
    expect(html).toContain('취소');
    expect(html).toContain('기수·캠퍼스');
  });

  it.each([
    ['an unknown client_id', { client_id: 'nobody' }],
    ['no client_id', { client_id: undefined }],
    ['an unregistered redirect_uri', { redirect_uri: 'http://127.0.0.1:8080/evil' }],
    ['a redirect_uri that only starts like a registered one', { redirect_uri: `${SSAFY_REDIRECT_URI}/x` }],
    ['no redirect_uri', { redirect_uri: undefined }],
  ])('answers an error page, never a redirect, for %s', async (_what, extra) => {
    const { url } = await startSsafy();
    const res = await fetch(authorizeUrl(url, params(extra)), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it.each([
    ['no state', { state: undefined }, 'invalid_request', 'INVALID_REQUEST'],
    ['a too short state', { state: 'abc' }, 'invalid_request', 'INVALID_REQUEST'],
    [
      'no PKCE',
      { code_challenge: undefined, code_challenge_method: undefined },
      'invalid_request',
      'INVALID_REQUEST',
    ],
    ['PKCE plain', { code_challenge_method: 'plain' }, 'invalid_request', 'INVALID_REQUEST'],
    ['a malformed challenge', { code_challenge: 'short' }, 'invalid_request', 'INVALID_REQUEST'],
    ['no ssafy.verify', { scope: 'ssafy.name' }, 'invalid_scope', 'INVALID_SCOPE'],
    ['an unknown scope', { scope: 'ssafy.verify openid' }, 'invalid_scope', 'INVALID_SCOPE'],
  ])('redirects an error for %s', async (_what, extra, error, code) => {
    const { url } = await startSsafy();
    const res = await fetch(authorizeUrl(url, params(extra)), { redirect: 'manual' });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(SSAFY_REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('error_code')).toBe(code);
    expect(location.searchParams.get('request_id')).toMatch(/[0-9a-f-]{36}/);
    expect(location.searchParams.get('iss')).toBe(`${url}/ssafy`);
    expect(location.searchParams.get('code')).toBeNull();
  });
});

describe("SSAFY Verify decision POST (the page's own form) CSRF", () => {
  it("refuses a forged nonce, a missing cookie, a cross-site Origin; accepts the page's own form once", async () => {
    const { url } = await startSsafy();
    const page = await openSsafyPage(authorizeUrl(url, params()));
    const fields = {
      request_id: page.requestId,
      nonce: page.nonce,
      persona: SSAFY_EXISTING_MEMBER.id,
      action: 'verify',
    };
    expect((await decide(url, { ...fields, nonce: 'forged' }, { cookie: page.cookie })).status).toBe(403);
    expect((await decide(url, fields)).status).toBe(403);
    expect((await decide(url, fields, { cookie: page.cookie, origin: 'http://evil.example' })).status).toBe(
      403,
    );
    // Browsers send Origin "null" on this form's POST (the page's Referrer-Policy is no-referrer).
    expect((await decide(url, fields, { cookie: page.cookie, origin: 'null' })).status).toBe(303);
    expect((await decide(url, fields, { cookie: page.cookie })).status).toBe(400);
  });
});

describe('SSAFY Verify hosted SDK script', () => {
  it('is served as JavaScript and parses', async () => {
    const { url } = await startSsafy();
    const res = await fetch(`${url}/ssafy/sdk/ssafy-verify.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const source = await res.text();
    expect(() => new Script(source)).not.toThrow();
    expect(source).toContain(JSON.stringify(`${url}/ssafy`));
  });

  it('checks origins on both sides and never posts to "*"', async () => {
    const { url } = await startSsafy();
    const source = await (await fetch(`${url}/ssafy/sdk/ssafy-verify.js`)).text();
    // Opener: only its popup, only the redirect URI's origin, only this request's state.
    expect(source).toContain('if (event.source !== popup) return;');
    expect(source).toContain('if (event.origin !== redirectOrigin) return;');
    expect(source).toContain('if (data.state !== state) return;');
    // Popup: targetOrigin is the page's own origin, and nothing else is accepted.
    expect(source).toContain('if (target !== window.location.origin)');
    expect(source).toMatch(/window\.opener\.postMessage\(\s*\{[\s\S]*?\},\s*target,\s*\)/);
    expect(source).not.toMatch(/postMessage\([^)]*['"]\*['"]/);
    expect(source).toContain("'code_challenge_method', 'S256'");
  });
});
