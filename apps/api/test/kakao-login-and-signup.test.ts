import { expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  bearer,
  describeEachDriver,
  FakeClock,
  freshKakaoId,
  service,
  TEST_INTERNAL_TOKEN,
} from './support/harness.js';
import { consentsFor } from '@mfv/api-contract';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describeEachDriver('Kakao login and signup', (ctx) => {
  const login = (
    app: Awaited<ReturnType<typeof ctx.makeApp>>,
    payload: object,
    headers: Record<string, string> = service,
  ) => app.inject({ method: 'POST', url: '/auth/login/kakao', headers, payload });
  const createUser = (
    app: Awaited<ReturnType<typeof ctx.makeApp>>,
    payload: object,
    headers: Record<string, string> = service,
  ) => app.inject({ method: 'POST', url: '/users', headers, payload });

  it('unknown identity → needsSignup with a ticket and the Kakao profile; signup → tokens; next login → signedIn', async () => {
    const app = await ctx.makeApp();
    const kakaoId = freshKakaoId();
    const first = await login(app, {
      kakaoId,
      nickname: '카카오 프렌즈',
      email: 'friend@example.com',
      profileImageUrl: 'https://k.kakaocdn.net/p.jpg',
    });
    expect(first.statusCode).toBe(200);
    const needs = first.json();
    expect(needs).toEqual({
      status: 'needsSignup',
      signupTicket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      profile: { nickname: '카카오 프렌즈', email: 'friend@example.com' },
    });
    // Stored hashed only.
    const stored = await ctx.db.query('SELECT 1 FROM signup_tickets WHERE ticket_hash = $1', [
      sha256(needs.signupTicket),
    ]);
    expect(stored.rows).toHaveLength(1);

    const created = await createUser(app, {
      signupTicket: needs.signupTicket,
      nickname: '  새싹  ',
      consents: consentsFor(),
    });
    expect(created.statusCode).toBe(200);
    const session = created.json();
    expect(session).toMatchObject({ status: 'signedIn', user: { nickname: '새싹' }, expiresIn: 900 });
    expect(session.accessToken).toEqual(expect.any(String));
    expect(session.refreshToken).toEqual(expect.any(String));

    const me = await app.inject({ method: 'GET', url: '/users/me', headers: bearer(session.accessToken) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: session.user.id,
      nickname: '새싹',
      email: 'friend@example.com',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const second = await login(app, { kakaoId: Number(kakaoId) }); // numeric ids work too
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({
      status: 'signedIn',
      user: { id: session.user.id, nickname: '새싹' },
    });
    expect(second.json().sessionId).not.toBe(session.sessionId);

    const identity = await ctx.db.query<{ provider: string; subject: string; user_id: string }>(
      'SELECT provider, subject, user_id FROM identities WHERE user_id = $1',
      [session.user.id],
    );
    expect(identity.rows).toEqual([{ provider: 'kakao', subject: kakaoId, user_id: session.user.id }]);
  });

  it('GET /users/me omits email when Kakao gave none', async () => {
    const app = await ctx.makeApp();
    const ticket = (await login(app, { kakaoId: freshKakaoId() })).json();
    expect(ticket.profile).toEqual({});
    const s = (
      await createUser(app, { signupTicket: ticket.signupTicket, nickname: 'x', consents: consentsFor() })
    ).json();
    const me = (await app.inject({ method: 'GET', url: '/users/me', headers: bearer(s.accessToken) })).json();
    expect(Object.keys(me).sort()).toEqual(['createdAt', 'id', 'nickname']);
  });

  it('a signup ticket is single use: the second use is 409 SIGNUP_TICKET_USED', async () => {
    const app = await ctx.makeApp();
    const { signupTicket } = (await login(app, { kakaoId: freshKakaoId() })).json();
    expect(
      (await createUser(app, { signupTicket, nickname: '하나', consents: consentsFor() })).statusCode,
    ).toBe(200);
    const again = await createUser(app, { signupTicket, nickname: '둘', consents: consentsFor() });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ code: 'SIGNUP_TICKET_USED', message: expect.any(String) });
  });

  it('concurrent signups with one ticket create exactly one member', async () => {
    const app = await ctx.makeApp();
    const kakaoId = freshKakaoId();
    const { signupTicket } = (await login(app, { kakaoId })).json();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        createUser(app, { signupTicket, nickname: '동시', consents: consentsFor() }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    const n = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM identities WHERE provider = 'kakao' AND subject = $1",
      [kakaoId],
    );
    expect(n.rows[0]?.n).toBe(1);
  });

  it('a second ticket for an identity that signed up meanwhile is refused with IDENTITY_ALREADY_LINKED', async () => {
    const app = await ctx.makeApp();
    const kakaoId = freshKakaoId();
    const t1 = (await login(app, { kakaoId })).json().signupTicket;
    const t2 = (await login(app, { kakaoId })).json().signupTicket;
    expect(
      (await createUser(app, { signupTicket: t1, nickname: '먼저', consents: consentsFor() })).statusCode,
    ).toBe(200);
    const late = await createUser(app, { signupTicket: t2, nickname: '나중', consents: consentsFor() });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('IDENTITY_ALREADY_LINKED');
  });

  it('a signup ticket expires after 10 minutes (SIGNUP_TICKET_EXPIRED)', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const t1 = (await login(app, { kakaoId: freshKakaoId() })).json().signupTicket;
    const t2 = (await login(app, { kakaoId: freshKakaoId() })).json().signupTicket;
    clock.advanceSeconds(599);
    expect(
      (await createUser(app, { signupTicket: t1, nickname: '제때', consents: consentsFor() })).statusCode,
    ).toBe(200);
    clock.advanceSeconds(1);
    const expired = await createUser(app, { signupTicket: t2, nickname: '늦음', consents: consentsFor() });
    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toEqual({ code: 'SIGNUP_TICKET_EXPIRED', message: expect.any(String) });
  });

  it('an unknown ticket is 400 SIGNUP_TICKET_INVALID', async () => {
    const app = await ctx.makeApp();
    const res = await createUser(app, {
      signupTicket: 'A'.repeat(43),
      nickname: '누구',
      consents: consentsFor(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('SIGNUP_TICKET_INVALID');
  });

  it('validates the nickname: trimmed, 1–20 characters, no control characters', async () => {
    const app = await ctx.makeApp();
    const ticket = async () => (await login(app, { kakaoId: freshKakaoId() })).json().signupTicket as string;
    const bad: [unknown, RegExp][] = [
      ['', /must not be empty/],
      ['    ', /must not be empty/],
      ['가'.repeat(21), /at most 20 characters/],
      ['a'.repeat(21), /at most 20 characters/],
      ['tab\there', /control characters/],
      [42, /must be a string/],
      [undefined, /must be a string/],
    ];
    const t = await ticket();
    for (const [nickname, message] of bad) {
      const res = await createUser(app, { signupTicket: t, nickname, consents: consentsFor() });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().issues[0].path).toBe('body.nickname');
      expect(res.json().message).toMatch(message);
    }
    // The ticket was not consumed by the refused attempts; 20 Hangul syllables (or 20 emoji) fit.
    const ok = await createUser(app, {
      signupTicket: t,
      nickname: ` ${'가'.repeat(20)} `,
      consents: consentsFor(),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.nickname).toBe('가'.repeat(20));
    const emoji = await createUser(app, {
      signupTicket: await ticket(),
      nickname: '😀'.repeat(20),
      consents: consentsFor(),
    });
    expect(emoji.statusCode).toBe(200);
  });

  it('requires a list of consents and a signupTicket string', async () => {
    const app = await ctx.makeApp();
    for (const [payload, path] of [
      [{ signupTicket: 'x', nickname: 'a', consents: true }, 'body.consents'],
      [{ signupTicket: 'x', nickname: 'a' }, 'body.consents'],
      [
        { signupTicket: 'x', nickname: 'a', consents: [{ item: 'newsletter', version: '2026-01-01' }] },
        'body.consents.0.item',
      ],
      [
        { signupTicket: 'x', nickname: 'a', consents: [{ item: 'terms', version: 'v1' }] },
        'body.consents.0.version',
      ],
      [{ signupTicket: 'x', nickname: 'a', consents: [...consentsFor(), ...consentsFor()] }, 'body.consents'],
      [{ nickname: 'a', consents: consentsFor() }, 'body.signupTicket'],
      [{ signupTicket: '', nickname: 'a', consents: consentsFor() }, 'body.signupTicket'],
    ] as const) {
      const res = await createUser(app, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it('validates the Kakao login body', async () => {
    const app = await ctx.makeApp();
    const bad: [object, string][] = [
      [{}, 'body.kakaoId'],
      [{ kakaoId: 'abc' }, 'body.kakaoId'],
      [{ kakaoId: '0123' }, 'body.kakaoId'],
      [{ kakaoId: -5 }, 'body.kakaoId'],
      [{ kakaoId: 1.5 }, 'body.kakaoId'],
      [{ kakaoId: '1'.repeat(21) }, 'body.kakaoId'],
      [{ kakaoId: '1', email: 'not-an-email' }, 'body.email'],
      [{ kakaoId: '1', profileImageUrl: 'javascript:alert(1)' }, 'body.profileImageUrl'],
      [{ kakaoId: '1', nickname: 'n'.repeat(101) }, 'body.nickname'],
    ];
    for (const [payload, path] of bad) {
      const res = await login(app, payload);
      expect({ payload, status: res.statusCode }).toEqual({ payload, status: 400 });
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it('both service routes require the service credential, by header or as a bearer token', async () => {
    const app = await ctx.makeApp();
    const body = { kakaoId: freshKakaoId() };
    const missing = await login(app, body, {});
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('SERVICE_CREDENTIAL_MISSING');
    const wrong: Record<string, string>[] = [
      { 'x-internal-token': 'wrong' },
      { 'x-internal-token': `${TEST_INTERNAL_TOKEN}x` },
      { authorization: `Bearer ${TEST_INTERNAL_TOKEN.slice(0, -1)}` },
    ];
    for (const headers of wrong) {
      const res = await login(app, body, headers);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('SERVICE_CREDENTIAL_INVALID');
    }
    const users = await createUser(app, { signupTicket: 'x', nickname: 'a', consents: consentsFor() }, {});
    expect(users.json().code).toBe('SERVICE_CREDENTIAL_MISSING');
    // Authentication precedes validation: an invalid body without a credential is a 401, not a 400.
    expect((await login(app, {}, { 'x-internal-token': 'wrong' })).statusCode).toBe(401);

    expect((await login(app, body, { authorization: `Bearer ${TEST_INTERNAL_TOKEN}` })).statusCode).toBe(200);
    expect((await login(app, body, { 'x-internal-token': TEST_INTERNAL_TOKEN })).statusCode).toBe(200);
  });

  it('a user access token is not a service credential', async () => {
    const app = await ctx.makeApp();
    const { signupTicket } = (await login(app, { kakaoId: freshKakaoId() })).json();
    const s = (await createUser(app, { signupTicket, nickname: '사용자', consents: consentsFor() })).json();
    const res = await login(app, { kakaoId: freshKakaoId() }, bearer(s.accessToken));
    expect(res.json().code).toBe('SERVICE_CREDENTIAL_INVALID');
  });
});
