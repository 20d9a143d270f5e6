import { describe, expect, it } from 'vitest';
import { cookieName, cookiePolicyFor, serializeCookie } from '../src/cookies.js';
import { deriveCookieKeys, seal, unseal } from '../src/crypto.js';

describe('cookie policy', () => {
  it('on http://localhost: plain names, no Secure', () => {
    const policy = cookiePolicyFor('http://localhost:8080');
    expect(serializeCookie(policy, 'accessToken', 'v', 900)).toBe(
      'mfv_at=v; Path=/; Max-Age=900; HttpOnly; SameSite=Lax',
    );
  });

  it('on https: __Host- prefix and Secure, never a Domain', () => {
    const policy = cookiePolicyFor('https://www.example.kr');
    const cookie = serializeCookie(policy, 'session', 'sid', 100.9);
    expect(cookie).toBe('__Host-mfv_sid=sid; Path=/; Max-Age=100; HttpOnly; SameSite=Lax; Secure');
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookieName(policy, 'csrf')).toBe('__Host-mfv_csrf');
  });
});

describe('sealed cookies', () => {
  const keys = deriveCookieKeys('a-test-secret-that-is-long-enough-0123');

  it('round-trips a value for its purpose until it expires', () => {
    const sealed = seal(keys.seal, 'oauth', { state: 's', verifier: 'v' }, 1000, 1_000_000);
    expect(unseal(keys.seal, 'oauth', sealed, 1_000_500)).toEqual({ state: 's', verifier: 'v' });
    expect(unseal(keys.seal, 'oauth', sealed, 1_001_001)).toBeNull();
  });

  it('refuses another purpose, a tampered value and another key', () => {
    const sealed = seal(keys.seal, 'oauth', { a: 1 }, 60_000);
    expect(unseal(keys.seal, 'signup', sealed)).toBeNull();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[14] = bytes[14]! ^ 1;
    expect(unseal(keys.seal, 'oauth', bytes.toString('base64url'))).toBeNull();
    expect(
      unseal(deriveCookieKeys('another-secret-that-is-long-enough-012').seal, 'oauth', sealed),
    ).toBeNull();
    expect(unseal(keys.seal, 'oauth', 'short')).toBeNull();
  });

  it('derives distinct keys per purpose', () => {
    expect(keys.csrf.equals(keys.seal)).toBe(false);
  });
});
