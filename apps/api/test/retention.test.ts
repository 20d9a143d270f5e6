import { randomBytes } from 'node:crypto';
import { inject, expect, it } from 'vitest';
import type { ApiApp } from '../src/app.js';
import { migrate, openPg, type Db } from '../src/db/index.js';
import { RETENTION_SECONDS } from '../src/services/retention.js';
import {
  DEFAULT_SETTINGS,
  describeEachDriver,
  FakeClock,
  freshKakaoId,
  refresh,
  service,
  signUp,
} from './support/harness.js';
import { createVerification, identityResult } from './support/verifications.js';
import { consentsFor } from '@mfv/api-contract';

const DAY_MS = 86_400_000;
const RT_TTL_MS = DEFAULT_SETTINGS.refreshTokenTtlSeconds * 1000;

describeEachDriver('retention: what has been dead for a day is deleted, nothing live', (ctx) => {
  /**
   * The sweep deletes by time across whole tables, and on Postgres the run's database is shared
   * by every test file: each test gets a schema of its own there (PGlite is per file already).
   */
  async function isolatedDb(): Promise<Db> {
    if (ctx.driver === 'pglite') return ctx.db;
    const schema = `retention_${randomBytes(4).toString('hex')}`;
    await ctx.db.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(inject('pgUrl')!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const db = await openPg(url.toString());
    await migrate(db);
    return db;
  }
  const count = async (db: Db, sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0]!.n);

  it('refresh tokens and sessions: expired ones go a day after their end; a live session keeps its spent tokens', async () => {
    const db = await isolatedDb();
    const clock = new FakeClock();
    const app: ApiApp = await ctx.makeApp({ db, clock });
    const live = await signUp(app);
    const abandoned = await signUp(app);
    const loggedOut = await signUp(app);
    await app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { authorization: `Bearer ${loggedOut.accessToken}` },
    });

    // The live session refreshes every 10 days; the others are left alone.
    let rt = live.refreshToken;
    const spent = [rt];
    for (let day = 10; day <= 30; day += 10) {
      clock.advance(10 * DAY_MS);
      const res = await refresh(app, rt);
      expect(res.statusCode).toBe(200);
      rt = res.json().refreshToken;
      spent.push(rt);
    }
    // Now: 30 days in. The first tokens ended on day 14 (< day 29, the cutoff); the live session's
    // tokens of days 10, 20 and 30 end on days 24 (gone), 34 and 44.
    expect(RETENTION_SECONDS).toBe(86_400);
    expect(RT_TTL_MS).toBe(14 * DAY_MS);
    const swept = await app.services.retention.sweep();
    expect(swept).toEqual({
      rehomedVerifications: 0,
      signupTickets: 3, // the three signups' tickets (used, expired after 10 minutes)
      refreshTokens: 4, // live: day 0 and day 10; abandoned and logged-out: day 0
      tokenFamilies: 2, // abandoned and logged-out: nothing left to renew them
    });
    expect(await count(db, 'token_families WHERE id = $1', [live.sessionId])).toBe(1);
    expect(await count(db, 'refresh_tokens WHERE family_id = $1', [live.sessionId])).toBe(2);

    // The live session goes on; its spent token of day 20 (not ended yet) is still caught as reuse
    // once the grace window of its rotation has passed.
    expect((await refresh(app, rt)).statusCode).toBe(200);
    clock.advance((DEFAULT_SETTINGS.refreshGraceSeconds + 1) * 1000);
    expect((await refresh(app, spent[2]!)).json().code).toBe('REFRESH_REUSED');
    // The swept sessions are simply unknown now.
    expect((await refresh(app, abandoned.refreshToken)).json().code).toBe('REFRESH_INVALID');

    // A second sweep finds nothing more.
    expect(Object.values(await app.services.retention.sweep()).every((n) => n === 0)).toBe(true);
  });

  it('signup tickets: an abandoned signup goes with its verification; a used one hands its verification to the member', async () => {
    const db = await isolatedDb();
    const clock = new FakeClock();
    const app: ApiApp = await ctx.makeApp({ db, clock });
    const pending = async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/auth/login/kakao',
        headers: service,
        payload: { kakaoId: freshKakaoId() },
      });
      return res.json().signupTicket as string;
    };
    const verify = async (ticket: string, di: string, phone: string) => {
      const res = await createVerification(app, {
        ...identityResult({
          ci: `CI-${di}`.padEnd(88, 'c'),
          di: `DI-${di}`.padEnd(64, 'd'),
          phone,
          verifiedAt: clock.now().toISOString(),
        }),
        owner: { signupTicket: ticket },
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };

    const usedTicket = await pending();
    const kept = await verify(usedTicket, 'kept', '01041000001');
    const created = await app.inject({
      method: 'POST',
      url: '/users',
      headers: service,
      payload: { signupTicket: usedTicket, nickname: '민준', consents: consentsFor() },
    });
    const member = created.json();
    const abandonedTicket = await pending();
    const dropped = await verify(abandonedTicket, 'dropped', '01041000002');

    // Within the day after the tickets ended: nothing goes.
    clock.advance(DAY_MS - 60_000);
    expect((await app.services.retention.sweep()).signupTickets).toBe(0);

    clock.advance(2 * 60_000 + 10 * 60_000);
    const swept = await app.services.retention.sweep();
    expect(swept).toMatchObject({ rehomedVerifications: 1, signupTickets: 2 });
    const rows = (
      await db.query<{ id: string; user_id: string | null }>('SELECT id, user_id FROM verifications')
    ).rows;
    expect(rows).toEqual([{ id: kept, user_id: member.user.id }]);
    expect(rows.map((r) => r.id)).not.toContain(dropped);

    // The member still holds the person: another account is refused the same DI.
    const other = await signUp(app);
    const again = await app.inject({
      method: 'POST',
      url: '/verifications',
      headers: service,
      payload: {
        provider: 'mobile-ok',
        serviceType: 'telcoAuth',
        ci: 'CI-kept'.padEnd(88, 'c'),
        di: 'DI-kept'.padEnd(64, 'd'),
        name: '김민준',
        birthday: '19900315',
        gender: 'male',
        nation: 'domestic',
        phone: '01041000001',
        verifiedAt: clock.now().toISOString(),
        owner: { userId: other.user.id },
      },
    });
    expect(again.json().code).toBe('VERIFICATION_ALREADY_REGISTERED');
  });

  it('an SSAFY record of a used signup follows the member; the member keeps the sub', async () => {
    const db = await isolatedDb();
    const clock = new FakeClock();
    const app: ApiApp = await ctx.makeApp({ db, clock });
    const subject = randomBytes(32).toString('base64url');
    const ssafy = (owner: object) =>
      app.inject({
        method: 'POST',
        url: '/verifications',
        headers: service,
        payload: {
          provider: 'ssafy',
          serviceType: 'ssafy.verify',
          subject,
          cohort: '13',
          campus: '서울',
          verifiedAt: clock.now().toISOString(),
          owner,
        },
      });
    const login = await app.inject({
      method: 'POST',
      url: '/auth/login/kakao',
      headers: service,
      payload: { kakaoId: freshKakaoId() },
    });
    const ticket = login.json().signupTicket as string;
    const stored = await ssafy({ signupTicket: ticket });
    expect(stored.statusCode).toBe(201);
    const member = (
      await app.inject({
        method: 'POST',
        url: '/users',
        headers: service,
        payload: { signupTicket: ticket, nickname: '민준', consents: consentsFor() },
      })
    ).json();

    clock.advance(DAY_MS + 11 * 60_000);
    expect(await app.services.retention.sweep()).toMatchObject({ rehomedVerifications: 1, signupTickets: 1 });
    const rows = (
      await db.query<{ id: string; user_id: string | null; subject: string }>(
        'SELECT id, user_id, subject FROM verifications WHERE subject = $1',
        [subject],
      )
    ).rows;
    expect(rows).toEqual([{ id: stored.json().id, user_id: member.user.id, subject }]);

    const other = await signUp(app);
    expect((await ssafy({ userId: other.user.id })).json().code).toBe('VERIFICATION_ALREADY_REGISTERED');
    expect((await ssafy({ userId: member.user.id })).statusCode).toBe(201);
  });
});
