import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * PKCE, the authorization server's half (RFC 7636). Written here independently of the
 * platform's client code (docs/sandbox.md: a mistake made the same way on both sides would
 * pass every test).
 */

/** RFC 7636 §4.2: S256 challenges are BASE64URL(SHA256(verifier)) without padding: 43 characters. */
export const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** RFC 7636 §4.1: code_verifier = 43*128unreserved. */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * RFC 7636 §4.2/§4.3: `plain` is the default method when the request sends a code_challenge
 * without code_challenge_method; its challenge is the verifier itself (43–128 unreserved).
 */
export const DEFAULT_CHALLENGE_METHOD = 'plain';
export const PLAIN_CHALLENGE = CODE_VERIFIER;

/** RFC 7636 §4.6: plain compares the verifier with the challenge; S256 its hash. */
export function verifyChallenge(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  if (method === 'S256') return verifyS256(verifier, challenge);
  if (!CODE_VERIFIER.test(verifier)) return false;
  const a = Buffer.from(verifier, 'ascii');
  const b = Buffer.from(challenge, 'ascii');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 7636 §4.6: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) == code_challenge. */
export function verifyS256(verifier: string, challenge: string): boolean {
  if (!CODE_VERIFIER.test(verifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'), 'ascii');
  const expected = Buffer.from(challenge, 'ascii');
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
