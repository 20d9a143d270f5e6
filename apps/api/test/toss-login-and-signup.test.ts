import { randomInt } from 'node:crypto';
import { expect, it } from 'vitest';
import { bearer, describeEachDriver, freshKakaoId, service, signUp } from './support/harness.js';
import { consentsFor } from '@mfv/api-contract';

/** A Toss userKey no other test uses (int64 in Toss's API, a decimal string on our wire). */
const freshUserKey = (): string => String(randomInt(10 ** 9, 2 ** 47));

describeEachDriver('Toss login and signup', (ctx) => {
  const login = (
    app: Awaited<ReturnType<typeof ctx.makeApp>>,
    payload: unknown,
    headers: Record<string, string> = service,
  ) => app.inject({ method: 'POST', url: '/auth/login/toss', headers, payload: payload as object });
  const createUser = (app: Awaited<ReturnType<typeof ctx.makeApp>>, payload: object) =>
    app.inject({ method: 'POST', url: '/users', headers: service, payload });

  it('unknown userKey → needsSignup (no profile); signup links toss:<userKey>; next login → signedIn', async () => {
    const app = await ctx.makeApp();
    const userKey = freshUserKey();
    const first = await login(app, { userKey });
    expect(first.statusCode).toBe(200);
    const needs = first.json();
    expect(needs).toEqual({
      status: 'needsSignup',
      signupTicket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      profile: {},
    });
    const ticketRow = await ctx.db.query<{ provider: string; subject: string; nickname: string | null }>(
      "SELECT provider, subject, nickname FROM signup_tickets WHERE provider = 'toss' AND subject = $1",
      [userKey],
    );
    // Nothing but the subject is stored for Toss: no name, no e-mail.
    expect(ticketRow.rows).toEqual([{ provider: 'toss', subject: userKey, nickname: null }]);

    const created = await createUser(app, {
      signupTicket: needs.signupTicket,
      nickname: '토스친구',
      consents: consentsFor(),
    });
    expect(created.statusCode).toBe(200);
    const session = created.json();
    expect(session).toMatchObject({ status: 'signedIn', user: { nickname: '토스친구' } });
    const me = (
      await app.inject({ method: 'GET', url: '/users/me', headers: bearer(session.accessToken) })
    ).json();
    expect(Object.keys(me).sort()).toEqual(['createdAt', 'id', 'nickname']);

    const again = await login(app, { userKey });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      status: 'signedIn',
      user: { id: session.user.id, nickname: '토스친구' },
    });
    expect(again.json().sessionId).not.toBe(session.sessionId);

    const identities = await ctx.db.query<{ provider: string; subject: string }>(
      'SELECT provider, subject FROM identities WHERE user_id = $1',
      [session.user.id],
    );
    expect(identities.rows).toEqual([{ provider: 'toss', subject: userKey }]);
  });

  it('a Toss userKey and a Kakao id with the same digits are different people', async () => {
    const app = await ctx.makeApp();
    const digits = freshKakaoId();
    const kakaoMember = await signUp(app, { kakaoId: digits, nickname: '카카오' });
    const toss = await login(app, { userKey: digits });
    expect(toss.json().status).toBe('needsSignup');
    const tossMember = (
      await createUser(app, {
        signupTicket: toss.json().signupTicket,
        nickname: '토스',
        consents: consentsFor(),
      })
    ).json();
    expect(tossMember.user.id).not.toBe(kakaoMember.user.id);
  });

  it('requires the service credential', async () => {
    const app = await ctx.makeApp();
    const missing = await login(app, { userKey: freshUserKey() }, {});
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('SERVICE_CREDENTIAL_MISSING');
    const wrong = await login(app, { userKey: freshUserKey() }, { 'x-internal-token': 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('SERVICE_CREDENTIAL_INVALID');
  });

  it('validates userKey: a canonical non-negative int64 decimal string, nothing else in the body', async () => {
    const app = await ctx.makeApp();
    const bad: unknown[] = [
      {},
      { userKey: 410000001 }, // a JSON number cannot carry every int64 exactly
      { userKey: '' },
      { userKey: '-1' },
      { userKey: '0410' }, // leading zero: "410" and "0410" would be two identities
      { userKey: '12a' },
      { userKey: ' 12' },
      { userKey: '9223372036854775808' }, // int64 max + 1
      { userKey: '1'.repeat(20) },
      { userKey: '410000001', name: '김민준' }, // personal fields are refused, not dropped silently
      { userKey: '410000001', phone: '01012345678' },
    ];
    for (const payload of bad) {
      const res = await login(app, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    for (const userKey of ['0', '9223372036854775807']) {
      expect((await login(app, { userKey })).statusCode).toBe(200);
    }
  });
});
