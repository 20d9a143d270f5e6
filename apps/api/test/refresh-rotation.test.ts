import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { expect, it } from 'vitest';
import { refreshResponseSchema } from '@mfv/api-contract';
import { describeEachDriver, FakeClock, refresh, signUp } from './support/harness.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describeEachDriver('refresh rotation', (ctx) => {
  it('rotates on every refresh: a new opaque 256-bit token, same session, new access token', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const s0 = await signUp(app, { nickname: '회전' });
    expect(s0.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // base64url of 32 bytes

    clock.advanceSeconds(60);
    const r1 = await refresh(app, s0.refreshToken);
    expect(r1.statusCode).toBe(200);
    expect(r1.headers['cache-control']).toBe('no-store');
    const s1 = refreshResponseSchema.parse(r1.json());
    expect(Object.keys(r1.json()).sort()).toEqual(
      ['accessToken', 'expiresIn', 'refreshExpiresIn', 'refreshToken', 'sessionId', 'user'].sort(),
    );
    expect(s1.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s1.refreshToken).not.toBe(s0.refreshToken);
    expect(s1.sessionId).toBe(s0.sessionId);
    expect(s1.user).toEqual({ id: s0.user.id, nickname: '회전' });
    expect(s1.expiresIn).toBe(900);
    expect(s1.refreshExpiresIn).toBe(14 * 86_400);
    expect(decodeJwt(s1.accessToken).iat).toBe(decodeJwt(s0.accessToken).iat! + 60);

    clock.advanceSeconds(60);
    const s2 = (await refresh(app, s1.refreshToken)).json();
    expect(s2.refreshToken).not.toBe(s1.refreshToken);
    expect(s2.sessionId).toBe(s0.sessionId);
  });

  it('stores refresh tokens only as SHA-256 digests', async () => {
    const app = await ctx.makeApp();
    const s0 = await signUp(app);
    const s1 = (await refresh(app, s0.refreshToken)).json();
    const rows = (
      await ctx.db.query<Record<string, unknown>>(
        'SELECT * FROM refresh_tokens WHERE family_id = $1 ORDER BY generation',
        [s0.sessionId],
      )
    ).rows;
    expect(rows.map((r) => r.token_hash)).toEqual([sha256(s0.refreshToken), sha256(s1.refreshToken)]);
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(s0.refreshToken);
    expect(everything).not.toContain(s1.refreshToken); // the sealed copy is encrypted
  });

  it('refuses an unknown token with REFRESH_INVALID', async () => {
    const app = await ctx.makeApp();
    for (const token of ['A'.repeat(43), 'short', 'has spaces and is long enough to be the right size!!']) {
      const res = await refresh(app, token);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'REFRESH_INVALID', message: expect.any(String) });
    }
  });

  it('refuses an expired token with REFRESH_EXPIRED (lifetime is configurable)', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock, settings: { refreshTokenTtlSeconds: 3_600 } });
    const s0 = await signUp(app);
    expect(s0.refreshExpiresIn).toBe(3_600);
    clock.advanceSeconds(3_599);
    const stillValid = await refresh(app, s0.refreshToken);
    expect(stillValid.statusCode).toBe(200);
    clock.advanceSeconds(3_600);
    const res = await refresh(app, stillValid.json().refreshToken);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('REFRESH_EXPIRED');
  });

  it('refuses a token of a logged-out session with REFRESH_REVOKED', async () => {
    const app = await ctx.makeApp();
    const s0 = await signUp(app);
    const out = await app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { authorization: `Bearer ${s0.accessToken}` },
    });
    expect(out.statusCode).toBe(204);
    const res = await refresh(app, s0.refreshToken);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('REFRESH_REVOKED');
  });

  it('validates the body: refreshToken is a required non-empty string', async () => {
    const app = await ctx.makeApp();
    const cases: [unknown, string][] = [
      [{}, 'body.refreshToken'],
      [{ refreshToken: '' }, 'body.refreshToken'],
      [{ refreshToken: 42 }, 'body.refreshToken'],
      [{ refreshToken: 'x'.repeat(513) }, 'body.refreshToken'],
    ];
    for (const [payload, path] of cases) {
      const res = await app.inject({ method: 'POST', url: '/auth/refresh', payload: payload as object });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path }] });
      expect(res.json().message).toMatch(/^body\.refreshToken: /);
    }
  });
});
