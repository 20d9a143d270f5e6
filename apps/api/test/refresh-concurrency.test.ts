import { expect, it } from 'vitest';
import { describeEachDriver, FakeClock, refresh, signUp, TickingClock } from './support/harness.js';

const CONCURRENT = 20;

describeEachDriver('concurrent refreshes with one token', (ctx) => {
  it(`${CONCURRENT} simultaneous refreshes rotate exactly once and all get the same successor`, async () => {
    const app = await ctx.makeApp({ clock: new TickingClock() });
    const s0 = await signUp(app);

    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, () => refresh(app, s0.refreshToken)),
    );

    expect(results.map((r) => r.statusCode)).toEqual(Array(CONCURRENT).fill(200));
    const successors = new Set(results.map((r) => r.json().refreshToken as string));
    expect(successors.size).toBe(1);
    const [successor] = [...successors];
    expect(successor).not.toBe(s0.refreshToken);

    const rows = await ctx.db.query<{ generation: number; spent: boolean }>(
      'SELECT generation, spent_at IS NOT NULL AS spent FROM refresh_tokens WHERE family_id = $1 ORDER BY generation',
      [s0.sessionId],
    );
    expect(rows.rows).toEqual([
      { generation: 0, spent: true },
      { generation: 1, spent: false },
    ]);
    const family = await ctx.db.query<{ revoked_at: Date | null }>(
      'SELECT revoked_at FROM token_families WHERE id = $1',
      [s0.sessionId],
    );
    expect(family.rows[0]?.revoked_at).toBeNull();

    // And the one successor keeps working.
    expect((await refresh(app, successor!)).statusCode).toBe(200);
  });

  // PGlite is embedded in one process: two instances sharing it need Postgres.
  if (ctx.driver === 'postgres')
    it('two api instances (separate connection pools) refreshing one token at once rotate exactly once', async () => {
      const clock = new TickingClock();
      const first = await ctx.makeApp({ clock });
      const second = await ctx.makeApp({ db: await ctx.openSecondDb(), clock });
      const s0 = await signUp(first);

      const results = await Promise.all(
        Array.from({ length: CONCURRENT }, (_, i) => refresh(i % 2 === 0 ? first : second, s0.refreshToken)),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(CONCURRENT).fill(200));
      expect(new Set(results.map((r) => r.json().refreshToken)).size).toBe(1);
      const n = await ctx.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM refresh_tokens WHERE family_id = $1',
        [s0.sessionId],
      );
      expect(n.rows[0]?.n).toBe(2);
    });

  it('an instance whose clock is slightly behind (or that waited for the lock) still sees a retry, not reuse', async () => {
    const ahead = new FakeClock();
    const behind = new FakeClock(ahead.now().getTime() - 50);
    const first = await ctx.makeApp({ clock: ahead });
    const second = await ctx.makeApp({ clock: behind });
    const s0 = await signUp(first);
    const s1 = (await refresh(first, s0.refreshToken)).json();
    const retry = await refresh(second, s0.refreshToken);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().refreshToken).toBe(s1.refreshToken);
  });

  it('concurrent refreshes of different sessions do not interfere', async () => {
    const app = await ctx.makeApp();
    const sessions = await Promise.all(Array.from({ length: 5 }, () => signUp(app)));
    const results = await Promise.all(sessions.map((s) => refresh(app, s.refreshToken)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(5).fill(200));
    expect(new Set(results.map((r) => r.json().refreshToken)).size).toBe(5);
  });
});
