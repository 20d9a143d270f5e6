/**
 * The verification hand-off as the verify remote drives it (docs/auth.md "One person, one member"):
 * results posted to POST /verifications, tickets redeemed, signups waiting for a verification —
 * shared by the tests of the hand-off, SSAFY records and the verification status.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { ApiApp } from '../../src/app.js';
import { freshKakaoId, service } from './harness.js';

/** POST /verifications (the verify remote's internal call unless other headers are given). */
export const createVerification = (app: ApiApp, payload: object, headers: Record<string, string> = service) =>
  app.inject({ method: 'POST', url: '/verifications', headers, payload });

/** POST /verifications/redeem */
export const redeemVerification = (app: ApiApp, ticket: unknown, headers: Record<string, string> = service) =>
  app.inject({ method: 'POST', url: '/verifications/redeem', headers, payload: { ticket } });

/** A Kakao login of someone new: the signup waits, with its ticket. */
export async function pendingSignup(app: ApiApp, kakaoId = freshKakaoId()) {
  const res = await app.inject({
    method: 'POST',
    url: '/auth/login/kakao',
    headers: service,
    payload: { kakaoId },
  });
  expect(res.json().status).toBe('needsSignup');
  return { kakaoId, ticket: res.json().signupTicket as string };
}

/** A mobile-ok identity result (본인확인) for 김민준 unless overridden; CI and DI unique per call. */
export function identityResult(overrides: Record<string, unknown> = {}) {
  const id = randomBytes(8).toString('hex');
  return {
    provider: 'mobile-ok',
    serviceType: 'telcoAuth',
    ci: `CI-${id}`.padEnd(88, 'c'),
    di: `DI-${id}`.padEnd(64, 'd'),
    name: '김민준',
    birthday: '19900315',
    gender: 'male',
    nation: 'domestic',
    phone: '01041000001',
    verifiedAt: new Date().toISOString(),
    ...overrides,
  };
}
