import { describe, expect, it } from 'vitest';
import {
  CLIENT_ID,
  REDIRECT_URI,
  authorizeUrl,
  defaultAuthorizeParams,
  pkcePair,
  startSandbox,
} from './helpers.js';

/** An authorize request that must end on an error page: never a redirect, whatever it names. */
async function expectErrorPage(url: string, koe: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  const html = await res.text();
  expect(res.status).toBe(400);
  expect(res.headers.get('location')).toBeNull();
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(html).toContain(`data-error-code="${koe}"`);
  return html;
}

describe('GET /oauth/authorize validation', () => {
  it('missing client_id → KOE001 page', async () => {
    const { url } = await startSandbox();
    await expectErrorPage(authorizeUrl(url, defaultAuthorizeParams({ client_id: undefined })), 'KOE001');
  });

  it('unknown client_id → KOE101 page', async () => {
    const { url } = await startSandbox();
    await expectErrorPage(
      authorizeUrl(url, defaultAuthorizeParams({ client_id: 'not-registered' })),
      'KOE101',
    );
  });

  it('reflected values are escaped on error pages', async () => {
    const { url } = await startSandbox();
    const html = await expectErrorPage(
      authorizeUrl(url, defaultAuthorizeParams({ client_id: '<script>alert(1)</script>' })),
      'KOE101',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('unregistered redirect_uri → KOE006 page, no redirect to it', async () => {
    const { url } = await startSandbox();
    const evil = 'https://attacker.example/steal';
    const html = await expectErrorPage(
      authorizeUrl(url, defaultAuthorizeParams({ redirect_uri: evil })),
      'KOE006',
    );
    expect(html).not.toMatch(/<a |http-equiv="refresh"|<script/i);
  });

  it('redirect_uri must match exactly: a trailing slash or another port is unregistered', async () => {
    const { url } = await startSandbox();
    await expectErrorPage(
      authorizeUrl(url, defaultAuthorizeParams({ redirect_uri: `${REDIRECT_URI}/` })),
      'KOE006',
    );
    await expectErrorPage(
      authorizeUrl(url, defaultAuthorizeParams({ redirect_uri: REDIRECT_URI.replace(':8080', ':8081') })),
      'KOE006',
    );
  });

  it('missing redirect_uri → KOE006 page', async () => {
    const { url } = await startSandbox();
    await expectErrorPage(authorizeUrl(url, defaultAuthorizeParams({ redirect_uri: undefined })), 'KOE006');
  });

  it('response_type other than code → KOE201 page', async () => {
    const { url } = await startSandbox();
    await expectErrorPage(authorizeUrl(url, defaultAuthorizeParams({ response_type: 'token' })), 'KOE201');
    await expectErrorPage(authorizeUrl(url, defaultAuthorizeParams({ response_type: undefined })), 'KOE201');
  });

  it('PKCE: an unknown method, a method without a challenge, or a malformed challenge → KOE001 page', async () => {
    const { url } = await startSandbox();
    const { challenge } = pkcePair();
    await expectErrorPage(
      authorizeUrl(url, defaultAuthorizeParams({ code_challenge: challenge, code_challenge_method: 'S512' })),
      'KOE001',
    );
    await expectErrorPage(
      authorizeUrl(url, defaultAuthorizeParams({ code_challenge_method: 'S256' })),
      'KOE001',
    );
    await expectErrorPage(
      authorizeUrl(
        url,
        defaultAuthorizeParams({ code_challenge: 'too-short', code_challenge_method: 'S256' }),
      ),
      'KOE001',
    );
    // plain (also the RFC 7636 §4.3 default): the challenge is a verifier, 43–128 unreserved.
    await expectErrorPage(
      authorizeUrl(url, defaultAuthorizeParams({ code_challenge: 'too-short' })),
      'KOE001',
    );
  });

  it('a scope the app has not configured → KOE205 page', async () => {
    const { url } = await startSandbox();
    await expectErrorPage(
      authorizeUrl(url, defaultAuthorizeParams({ scope: 'account_email,talk_message' })),
      'KOE205',
    );
  });

  it('an unknown prompt value → KOE001 page', async () => {
    const { url } = await startSandbox();
    await expectErrorPage(authorizeUrl(url, defaultAuthorizeParams({ prompt: 'sometimes' })), 'KOE001');
  });

  it('a repeated parameter → KOE001 page', async () => {
    const { url } = await startSandbox();
    const twice = `${authorizeUrl(url, defaultAuthorizeParams())}&client_id=${CLIENT_ID}`;
    await expectErrorPage(twice, 'KOE001');
  });

  it('an oversized state → KOE001 page', async () => {
    const { url } = await startSandbox();
    await expectErrorPage(authorizeUrl(url, defaultAuthorizeParams({ state: 'x'.repeat(2049) })), 'KOE001');
  });

  it('prompt=none: no Kakao session in the sandbox → login_required at the registered URI', async () => {
    const { url } = await startSandbox();
    const res = await fetch(authorizeUrl(url, defaultAuthorizeParams({ prompt: 'none', state: 's1' })), {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(
      `${REDIRECT_URI}?error=login_required&error_description=user%20authentication%20required.&state=s1`,
    );
  });

  it('a valid request renders the consent page with anti-framing and no-store headers', async () => {
    const { url } = await startSandbox();
    const res = await fetch(
      authorizeUrl(url, defaultAuthorizeParams({ scope: 'account_email', prompt: 'login' })),
      { redirect: 'manual' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^sandbox_kakao_browser=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict$/);
  });
});
