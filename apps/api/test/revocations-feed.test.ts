import { expect, it } from 'vitest';
import {
  bearer,
  describeEachDriver,
  freshKakaoId,
  logIn,
  signUp,
  TEST_INTERNAL_TOKEN,
} from './support/harness.js';

/** GET /auth/revocations: what local verifiers poll to refuse revoked sessions at once (docs/security.md F3). */
describeEachDriver('revocations feed', (ctx) => {
  it('lists sessions revoked since `since`, for the service credential only', async () => {
    const app = await ctx.makeApp();
    const kakaoId = freshKakaoId();
    const phone = await signUp(app, { kakaoId });
    const laptop = await logIn(app, kakaoId);
    const feed = (since?: number, token: string | null = TEST_INTERNAL_TOKEN) =>
      app.inject({
        method: 'GET',
        url: `/auth/revocations${since === undefined ? '' : `?since=${since}`}`,
        headers: token ? bearer(token) : {},
      });

    const anonymous = await feed(undefined, null);
    expect(anonymous.statusCode).toBe(401);
    // A member's access token is not the service credential: session ids are not for members.
    expect((await feed(undefined, phone.accessToken)).statusCode).toBe(401);

    const before = await feed();
    expect(before.statusCode).toBe(200);
    expect(before.headers['cache-control']).toBe('no-store');
    const { now, sessions } = before.json() as { now: number; sessions: string[] };
    expect(sessions).not.toContain(phone.sessionId);

    await app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(phone.accessToken) });
    const after = (await feed(now - 1000)).json() as { sessions: string[]; accessTokenTtlSeconds: number };
    expect(after.sessions).toContain(phone.sessionId);
    expect(after.sessions).not.toContain(laptop.sessionId);
    expect(after.accessTokenTtlSeconds).toBeGreaterThan(0);

    // `since` far in the past is clamped to one access-token lifetime (plus skew), not a full dump.
    expect((await feed(0)).statusCode).toBe(200);
    expect((await feed(-5)).statusCode).toBe(400);
  });
});
