import { expect, it } from 'vitest';
import { bearer, describeEachDriver, FakeClock, refresh, signUp } from './support/harness.js';

/** RFC 9700 §4.14.2: a spent refresh token presented again revokes the whole family. */
describeEachDriver('refresh-token reuse detection', (ctx) => {
  it('a spent token presented after the grace window revokes the family (REFRESH_REUSED)', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const s0 = await signUp(app);
    const s1 = (await refresh(app, s0.refreshToken)).json();

    clock.advanceSeconds(11);
    const reuse = await refresh(app, s0.refreshToken);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toEqual({ code: 'REFRESH_REUSED', message: expect.any(String) });

    // The legitimate holder's current token is dead too, and so is the session's access token.
    const current = await refresh(app, s1.refreshToken);
    expect(current.statusCode).toBe(401);
    expect(current.json().code).toBe('REFRESH_REVOKED');
    const verify = await app.inject({ method: 'POST', url: '/auth/verify', headers: bearer(s1.accessToken) });
    expect(verify.statusCode).toBe(401);
    expect(verify.json().code).toBe('SESSION_REVOKED');

    const family = (
      await ctx.db.query<{ revoked_reason: string }>(
        'SELECT revoked_reason FROM token_families WHERE id = $1',
        [s0.sessionId],
      )
    ).rows[0];
    expect(family?.revoked_reason).toBe('reuse');
  });

  it('a retry of the immediate predecessor within the grace window returns the same successor, again and again', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const s0 = await signUp(app);
    const s1 = (await refresh(app, s0.refreshToken)).json();

    clock.advanceSeconds(3);
    const retry1 = await refresh(app, s0.refreshToken);
    expect(retry1.statusCode).toBe(200);
    expect(retry1.json().refreshToken).toBe(s1.refreshToken);
    expect(retry1.json().sessionId).toBe(s1.sessionId);
    expect(retry1.json().refreshExpiresIn).toBe(s1.refreshExpiresIn - 3);

    clock.advanceSeconds(7); // exactly at the end of the 10 s window: still a retry
    const retry2 = await refresh(app, s0.refreshToken);
    expect(retry2.statusCode).toBe(200);
    expect(retry2.json().refreshToken).toBe(s1.refreshToken);

    // No extra token was minted by the retries: the family is still two generations long.
    const count = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM refresh_tokens WHERE family_id = $1',
      [s0.sessionId],
    );
    expect(count.rows[0]?.n).toBe(2);

    // The successor itself still rotates normally.
    const s2 = await refresh(app, s1.refreshToken);
    expect(s2.statusCode).toBe(200);
    expect(s2.json().refreshToken).not.toBe(s1.refreshToken);
  });

  it('a retry of the predecessor one second after the grace window revokes the family', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const s0 = await signUp(app);
    const s1 = (await refresh(app, s0.refreshToken)).json();
    clock.advance(10_001);
    const late = await refresh(app, s0.refreshToken);
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('REFRESH_REUSED');
    expect((await refresh(app, s1.refreshToken)).json().code).toBe('REFRESH_REVOKED');
  });

  it('the grace window is configurable (here 2 s)', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock, settings: { refreshGraceSeconds: 2 } });
    const s0 = await signUp(app);
    await refresh(app, s0.refreshToken);
    clock.advanceSeconds(3);
    expect((await refresh(app, s0.refreshToken)).json().code).toBe('REFRESH_REUSED');
  });

  it('with a grace window of 0 any second presentation is reuse', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock, settings: { refreshGraceSeconds: 0 } });
    const s0 = await signUp(app);
    await refresh(app, s0.refreshToken);
    const sealed = await ctx.db.query<{ successor_sealed: string | null }>(
      'SELECT successor_sealed FROM refresh_tokens WHERE family_id = $1 AND generation = 0',
      [s0.sessionId],
    );
    expect(sealed.rows[0]?.successor_sealed).toBeNull();
    expect((await refresh(app, s0.refreshToken)).json().code).toBe('REFRESH_REUSED');
  });

  it('a token two generations back revokes the family even inside the grace window (never an older successor)', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const s0 = await signUp(app);
    const s1 = (await refresh(app, s0.refreshToken)).json();
    const s2 = (await refresh(app, s1.refreshToken)).json();

    const older = await refresh(app, s0.refreshToken); // same instant: well within grace
    expect(older.statusCode).toBe(401);
    expect(older.json().code).toBe('REFRESH_REUSED');
    expect((await refresh(app, s2.refreshToken)).json().code).toBe('REFRESH_REVOKED');
    expect((await refresh(app, s1.refreshToken)).json().code).toBe('REFRESH_REVOKED');
  });

  it('keeps the sealed successor only on the immediate predecessor and only during the grace window', async () => {
    // A clock in the past: the purge below must not touch rows other suites (sharing the Postgres
    // database, running in parallel) created around the real "now".
    const clock = new FakeClock(Date.parse('2001-01-01T00:00:00Z'));
    const app = await ctx.makeApp({ clock });
    const s0 = await signUp(app);
    const s1 = (await refresh(app, s0.refreshToken)).json();
    const sealedByGeneration = async () =>
      (
        await ctx.db.query<{ generation: number; sealed: boolean }>(
          `SELECT generation, successor_sealed IS NOT NULL AS sealed
             FROM refresh_tokens WHERE family_id = $1 ORDER BY generation`,
          [s0.sessionId],
        )
      ).rows.map((r) => [r.generation, r.sealed]);

    expect(await sealedByGeneration()).toEqual([
      [0, true],
      [1, false],
    ]);
    await refresh(app, s1.refreshToken);
    expect(await sealedByGeneration()).toEqual([
      [0, false],
      [1, true],
      [2, false],
    ]);

    clock.advanceSeconds(5);
    expect(await app.services.refreshTokens.purgeExpiredSeals()).toBe(0);
    clock.advanceSeconds(6);
    expect(await app.services.refreshTokens.purgeExpiredSeals()).toBeGreaterThanOrEqual(1);
    expect(await sealedByGeneration()).toEqual([
      [0, false],
      [1, false],
      [2, false],
    ]);
  });

  it('the running app wipes sealed successors on a timer once the grace window has passed', async () => {
    const clock = new FakeClock(Date.parse('2002-02-02T00:00:00Z')); // see above: stay clear of other suites' rows
    const app = await ctx.makeApp({ clock, sealSweepIntervalMs: 20 });
    await app.ready();
    const s0 = await signUp(app);
    await refresh(app, s0.refreshToken);
    const sealedCount = async () =>
      (
        await ctx.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM refresh_tokens WHERE family_id = $1 AND successor_sealed IS NOT NULL',
          [s0.sessionId],
        )
      ).rows[0]?.n;
    await new Promise((r) => setTimeout(r, 100));
    expect(await sealedCount()).toBe(1); // still inside the grace window
    clock.advanceSeconds(11);
    await expect.poll(sealedCount, { timeout: 5_000, interval: 25 }).toBe(0);
  });

  it('revoking a family wipes every sealed successor in it', async () => {
    const app = await ctx.makeApp();
    const s0 = await signUp(app);
    const s1 = (await refresh(app, s0.refreshToken)).json();
    await app.inject({ method: 'POST', url: '/auth/logout', headers: bearer(s1.accessToken) });
    const sealed = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM refresh_tokens WHERE family_id = $1 AND successor_sealed IS NOT NULL',
      [s0.sessionId],
    );
    expect(sealed.rows[0]?.n).toBe(0);
    // …so even the immediate predecessor within grace is refused.
    expect((await refresh(app, s0.refreshToken)).json().code).toBe('REFRESH_REVOKED');
  });

  it('a retry cannot be answered by an instance with another seal secret (it fails closed, no token leaks)', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const other = await ctx.makeApp({ clock, sealSecret: 'another-seal-secret-0123456789abcdef0123456789' });
    const s0 = await signUp(app);
    await refresh(app, s0.refreshToken);
    const res = await refresh(other, s0.refreshToken);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: 'Internal error' });
  });
});
