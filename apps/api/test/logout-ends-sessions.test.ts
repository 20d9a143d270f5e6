import { expect, it } from 'vitest';
import { bearer, describeEachDriver, freshKakaoId, logIn, refresh, signUp } from './support/harness.js';

describeEachDriver('logout', (ctx) => {
  it('POST /auth/logout ends that session only: its access token fails /auth/verify, other sessions live on', async () => {
    const app = await ctx.makeApp();
    const kakaoId = freshKakaoId();
    const phone = await signUp(app, { kakaoId });
    const laptop = await logIn(app, kakaoId);
    expect(laptop.sessionId).not.toBe(phone.sessionId);
    expect(laptop.user.id).toBe(phone.user.id);

    const out = await app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(phone.accessToken) });
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');

    const verifyPhone = await app.inject({
      method: 'POST',
      url: '/auth/verify',
      headers: bearer(phone.accessToken),
    });
    expect(verifyPhone.statusCode).toBe(401);
    expect(verifyPhone.json()).toEqual({ code: 'SESSION_REVOKED', message: expect.any(String) });
    const me = await app.inject({ method: 'GET', url: '/users/me', headers: bearer(phone.accessToken) });
    expect(me.json().code).toBe('SESSION_REVOKED');
    expect((await refresh(app, phone.refreshToken)).json().code).toBe('REFRESH_REVOKED');

    const verifyLaptop = await app.inject({
      method: 'POST',
      url: '/auth/verify',
      headers: bearer(laptop.accessToken),
    });
    expect(verifyLaptop.statusCode).toBe(200);
    expect((await refresh(app, laptop.refreshToken)).statusCode).toBe(200);

    // Logging out twice is refused (the token's session is gone), never a 500.
    const again = await app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: bearer(phone.accessToken),
    });
    expect(again.statusCode).toBe(401);
  });

  it('POST /auth/logout-all ends every session of the user and no one else’s', async () => {
    const app = await ctx.makeApp();
    const kakaoId = freshKakaoId();
    const a = await signUp(app, { kakaoId });
    const b = await logIn(app, kakaoId);
    const c = await logIn(app, kakaoId);
    const stranger = await signUp(app);

    const out = await app.inject({ method: 'POST', url: '/auth/logout-all', headers: bearer(b.accessToken) });
    expect(out.statusCode).toBe(204);

    for (const s of [a, b, c]) {
      const v = await app.inject({ method: 'POST', url: '/auth/verify', headers: bearer(s.accessToken) });
      expect(v.json().code).toBe('SESSION_REVOKED');
      expect((await refresh(app, s.refreshToken)).json().code).toBe('REFRESH_REVOKED');
    }
    const v = await app.inject({
      method: 'POST',
      url: '/auth/verify',
      headers: bearer(stranger.accessToken),
    });
    expect(v.statusCode).toBe(200);

    // A new login after logout-all works.
    const fresh = await logIn(app, kakaoId);
    expect(
      (await app.inject({ method: 'POST', url: '/auth/verify', headers: bearer(fresh.accessToken) }))
        .statusCode,
    ).toBe(200);
  });

  it('logout endpoints require a valid access token', async () => {
    const app = await ctx.makeApp();
    for (const url of ['/auth/logout', '/auth/logout-all']) {
      expect((await app.inject({ method: 'POST', url })).json().code).toBe('TOKEN_MISSING');
      expect((await app.inject({ method: 'POST', url, headers: bearer('x.y.z') })).json().code).toBe(
        'TOKEN_INVALID',
      );
    }
  });
});
