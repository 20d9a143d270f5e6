import { createHash, createHmac, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { consentsFor, VERIFICATION_TICKET_TTL_SECONDS } from '@mfv/api-contract';
import {
  describeEachDriver,
  FakeClock,
  service,
  signUp,
  TEST_CI_KEY,
  TEST_INTERNAL_TOKEN,
} from './support/harness.js';
import {
  createVerification,
  identityResult,
  pendingSignup,
  redeemVerification,
} from './support/verifications.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A person as a provider reports them; DI and CI unique per test. */
const person = identityResult;

describeEachDriver('verification hand-off', (ctx) => {
  const create = createVerification;
  const redeem = redeemVerification;

  it('F6: with an owner given, only the record’s owner redeems; anyone else sees an unknown ticket, which stays unspent', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const stranger = await signUp(app);
    const signup = await pendingSignup(app);
    const ticket = (await create(app, { ...person(), owner: { userId: member.user.id } })).json().ticket;
    const redeemAs = (owner: object) =>
      app.inject({
        method: 'POST',
        url: '/verifications/redeem',
        headers: service,
        payload: { ticket, owner },
      });
    for (const owner of [{ userId: stranger.user.id }, { signupTicket: signup.ticket }]) {
      const refused = await redeemAs(owner);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().code).toBe('VERIFICATION_TICKET_INVALID');
    }
    const mine = await redeemAs({ userId: member.user.id });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().attachedTo).toBe('member');

    const signupTicket = (await create(app, { ...person(), owner: { signupTicket: signup.ticket } })).json()
      .ticket;
    const bySignup = await app.inject({
      method: 'POST',
      url: '/verifications/redeem',
      headers: service,
      payload: { ticket: signupTicket, owner: { signupTicket: signup.ticket } },
    });
    expect(bySignup.statusCode).toBe(200);
  });

  it('a member: stored with the member, one-time ticket redeems once to masked fields only', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const record = person({ isAdult: true });
    const res = await create(app, { ...record, owner: { userId: member.user.id } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      ticketExpiresAt: expect.any(String),
    });
    expect(Date.parse(body.ticketExpiresAt) - Date.now()).toBeGreaterThan(
      (VERIFICATION_TICKET_TTL_SECONDS - 5) * 1000,
    );

    // The minimal record, the member as owner, the ticket as a digest only.
    const row = (
      await ctx.db.query<Record<string, unknown>>('SELECT * FROM verifications WHERE id = $1', [body.id])
    ).rows[0]!;
    expect(row).toMatchObject({
      provider: 'mobile-ok',
      service_type: 'telcoAuth',
      user_id: member.user.id,
      signup_ticket_hash: null,
      // The person as the keyed hash of the CI; the CI itself is not kept (no column holds it).
      ci_hash: createHmac('sha256', TEST_CI_KEY).update(record.ci).digest('hex'),
      di: record.di,
      name: '김민준',
      birthday: '19900315',
      gender: 'male',
      nation: 'domestic',
      phone: '01041000001',
      is_adult: true,
      ticket_hash: sha256(body.ticket),
      ticket_redeemed_at: null,
    });
    expect(row).not.toHaveProperty('ci');
    expect(Object.values(row)).not.toContain(body.ticket);
    expect(JSON.stringify(row)).not.toContain(record.ci);

    const first = await redeem(app, body.ticket);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      provider: 'mobile-ok',
      serviceType: 'telcoAuth',
      maskedName: '김*준',
      maskedPhone: '010-****-0001',
      isAdult: true,
      identity: true,
      verifiedAt: new Date(record.verifiedAt).toISOString(),
      attachedTo: 'member',
    });
    for (const secret of [record.ci, record.di, record.phone, record.birthday, record.name]) {
      expect(first.body).not.toContain(secret);
    }

    const again = await redeem(app, body.ticket);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('VERIFICATION_TICKET_USED');
  });

  it('an unknown ticket is 404, an expired one 410; neither reveals anything', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const member = await signUp(app);
    const unknown = await redeem(app, randomBytes(32).toString('base64url'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: 'VERIFICATION_TICKET_INVALID', message: expect.any(String) });

    const { ticket } = (await create(app, { ...person(), owner: { userId: member.user.id } })).json();
    clock.advanceSeconds(VERIFICATION_TICKET_TTL_SECONDS);
    const expired = await redeem(app, ticket);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toEqual({ code: 'VERIFICATION_TICKET_EXPIRED', message: expect.any(String) });
  });

  it('a person (CI) who belongs to another member → 409 VERIFICATION_ALREADY_REGISTERED; the same member may verify again', async () => {
    const app = await ctx.makeApp();
    const owner = await signUp(app);
    const other = await signUp(app);
    const record = person();
    expect((await create(app, { ...record, owner: { userId: owner.user.id } })).statusCode).toBe(201);

    const taken = await create(app, { ...record, owner: { userId: other.user.id } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({ code: 'VERIFICATION_ALREADY_REGISTERED', message: expect.any(String) });
    expect(
      (await ctx.db.query('SELECT 1 FROM verifications WHERE user_id = $1', [other.user.id])).rows,
    ).toHaveLength(0);

    const again = await create(app, {
      ...record,
      serviceType: 'telcoAuth-LMS',
      owner: { userId: owner.user.id },
    });
    expect(again.statusCode).toBe(201);
  });

  it('a member verified as one person cannot attach another person (409 VERIFICATION_PERSON_MISMATCH)', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    expect((await create(app, { ...person(), owner: { userId: member.user.id } })).statusCode).toBe(201);
    const someoneElse = await create(app, {
      ...person({ name: '이서연', phone: '01041000002' }),
      owner: { userId: member.user.id },
    });
    expect(someoneElse.statusCode).toBe(409);
    expect(someoneElse.json().code).toBe('VERIFICATION_PERSON_MISMATCH');
  });

  it('a pending signup: attached to the ticket, follows the member it becomes, and blocks a second account', async () => {
    const app = await ctx.makeApp();
    const record = person();
    const signup = await pendingSignup(app);
    const res = await create(app, { ...record, owner: { signupTicket: signup.ticket } });
    expect(res.statusCode).toBe(201);
    const row = (
      await ctx.db.query<{ user_id: string | null; signup_ticket_hash: string }>(
        'SELECT user_id, signup_ticket_hash FROM verifications WHERE id = $1',
        [res.json().id],
      )
    ).rows[0]!;
    expect(row).toEqual({ user_id: null, signup_ticket_hash: sha256(signup.ticket) });
    expect((await redeem(app, res.json().ticket)).json().attachedTo).toBe('signup');

    // The same login, retried (a new ticket for the same Kakao identity): still the same person.
    const retried = await pendingSignup(app, signup.kakaoId);
    expect((await create(app, { ...record, owner: { signupTicket: retried.ticket } })).statusCode).toBe(201);

    // Someone else, mid-signup with another login, cannot claim the same person.
    const rival = await pendingSignup(app);
    const rivalRes = await create(app, { ...record, owner: { signupTicket: rival.ticket } });
    expect(rivalRes.statusCode).toBe(409);
    expect(rivalRes.json().code).toBe('VERIFICATION_ALREADY_REGISTERED');

    // The signup completes: the person now belongs to that member.
    const created = await app.inject({
      method: 'POST',
      url: '/users',
      headers: service,
      payload: { signupTicket: signup.ticket, nickname: '민준', consents: consentsFor() },
    });
    expect(created.statusCode).toBe(200);
    const member = created.json();
    // The member verifying again is fine; another member is refused.
    expect((await create(app, { ...record, owner: { userId: member.user.id } })).statusCode).toBe(201);
    const other = await signUp(app);
    expect((await create(app, { ...record, owner: { userId: other.user.id } })).json().code).toBe(
      'VERIFICATION_ALREADY_REGISTERED',
    );
    // And the used ticket cannot take another verification.
    const used = await create(app, { ...person(), owner: { signupTicket: signup.ticket } });
    expect(used.statusCode).toBe(409);
    expect(used.json().code).toBe('SIGNUP_TICKET_USED');
  });

  it('an abandoned signup (ticket expired unused) no longer holds the person', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const record = person();
    const abandoned = await pendingSignup(app);
    expect((await create(app, { ...record, owner: { signupTicket: abandoned.ticket } })).statusCode).toBe(
      201,
    );
    const member = await signUp(app);
    expect((await create(app, { ...record, owner: { userId: member.user.id } })).statusCode).toBe(409);
    clock.advanceSeconds(601);
    expect((await create(app, { ...record, owner: { userId: member.user.id } })).statusCode).toBe(201);
    // An expired ticket cannot take a new verification.
    const late = await create(app, { ...person(), owner: { signupTicket: abandoned.ticket } });
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('SIGNUP_TICKET_EXPIRED');
  });

  it('owner errors: unknown member 404, unknown ticket 400', async () => {
    const app = await ctx.makeApp();
    const noUser = await create(app, {
      ...person(),
      owner: { userId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(noUser.statusCode).toBe(404);
    expect(noUser.json().code).toBe('USER_NOT_FOUND');
    const noTicket = await create(app, { ...person(), owner: { signupTicket: 'nope' } });
    expect(noTicket.statusCode).toBe(400);
    expect(noTicket.json().code).toBe('SIGNUP_TICKET_INVALID');
  });

  it('SMS 소유인증 (possession only): phone without CI/DI/name, never "already registered"', async () => {
    const app = await ctx.makeApp();
    const a = await signUp(app);
    const b = await signUp(app);
    const ownership = {
      provider: 'mobile-ok',
      serviceType: 'SMSAuth',
      phone: '01041000010',
      verifiedAt: new Date().toISOString(),
    };
    const first = await create(app, { ...ownership, owner: { userId: a.user.id } });
    expect(first.statusCode).toBe(201);
    expect((await create(app, { ...ownership, owner: { userId: b.user.id } })).statusCode).toBe(201);
    const redeemed = (await redeem(app, first.json().ticket)).json();
    expect(redeemed).toEqual({
      provider: 'mobile-ok',
      serviceType: 'SMSAuth',
      maskedPhone: '010-****-0010',
      identity: false,
      verifiedAt: expect.any(String),
      attachedTo: 'member',
    });
  });

  it('an identity result without birthday, gender and nation (KCB may leave them out): stored, redeemed as identity', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const record = {
      ...person({ provider: 'kcb', serviceType: 'phone-popup' }),
      birthday: undefined,
      gender: undefined,
      nation: undefined,
    };
    const created = await create(app, { ...record, owner: { userId: member.user.id } });
    expect(created.statusCode, created.body).toBe(201);
    const row = (
      await ctx.db.query<{ name: string; birthday: string | null; gender: string | null }>(
        'SELECT name, birthday, gender FROM verifications WHERE id = $1',
        [created.json().id],
      )
    ).rows[0];
    expect(row).toEqual({ name: '김민준', birthday: null, gender: null });
    expect((await redeem(app, created.json().ticket)).json()).toMatchObject({
      provider: 'kcb',
      maskedName: '김*준',
      identity: true,
    });
  });

  it('validation: each rule has its 400, with every failed field named', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const owner = { userId: member.user.id };
    const cases: [object, string[]][] = [
      [{ ...person(), name: undefined, owner }, ['body.name']],
      [
        { ...person(), ci: undefined, di: undefined, name: undefined, owner },
        ['body.birthday', 'body.gender', 'body.nation'],
      ],
      [{ ...person(), ci: undefined, owner }, ['body.ci']],
      [{ ...person(), phone: '010-4100-0001', owner }, ['body.phone']],
      [{ ...person(), birthday: '1990315', owner }, ['body.birthday']],
      [{ ...person(), gender: 'M', owner }, ['body.gender']],
      [{ ...person(), nation: 'korea', owner }, ['body.nation']],
      [{ ...person(), provider: 'pass', owner }, ['body.provider']],
      [{ ...person(), serviceType: 'telco auth', owner }, ['body.serviceType']],
      [{ ...person(), verifiedAt: 'yesterday', owner }, ['body.verifiedAt']],
      [{ ...person(), isAdult: 'Y', owner }, ['body.isAdult']],
      [{ ...person(), rrn: '9003151234567', owner }, ['body']],
      [{ ...person(), owner: { userId: member.user.id, signupTicket: 'x' } }, ['body.owner']],
      [{ ...person(), owner: { userId: 'not-a-uuid' } }, ['body.owner']],
      [{ ...person() }, ['body.owner']],
    ];
    for (const [payload, paths] of cases) {
      const res = await create(app, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      const reported = (body.issues as { path: string }[]).map((i) => i.path);
      for (const path of paths)
        expect(
          reported.some((p) => p.startsWith(path)),
          `${path} in ${reported}`,
        ).toBe(true);
    }
    for (const ticket of ['', 'x'.repeat(513), 42]) {
      const res = await redeem(app, ticket);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('server-to-server only: no or a wrong service credential is 401 on both routes', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const payload = { ...person(), owner: { userId: member.user.id } };
    const none = await create(app, payload, {});
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('SERVICE_CREDENTIAL_MISSING');
    const wrong = await create(app, payload, { 'x-internal-token': `${TEST_INTERNAL_TOKEN}x` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('SERVICE_CREDENTIAL_INVALID');
    // A member's access token is not the service credential.
    const asMember = await create(app, payload, { authorization: `Bearer ${member.accessToken}` });
    expect(asMember.statusCode).toBe(401);
    expect((await redeem(app, 'x', {})).statusCode).toBe(401);
    expect(
      (await ctx.db.query('SELECT 1 FROM verifications WHERE user_id = $1', [member.user.id])).rows,
    ).toHaveLength(0);
  });

  // PGlite is embedded in one process: two instances sharing it need Postgres.
  if (ctx.driver === 'postgres')
    it('two api instances attaching one person to two members at once: exactly one wins', async () => {
      const first = await ctx.makeApp();
      const second = await ctx.makeApp({ db: await ctx.openSecondDb() });
      const record = person();
      const members = await Promise.all([signUp(first), signUp(first), signUp(first), signUp(first)]);
      const results = await Promise.all(
        members.map((m, i) => create(i % 2 ? second : first, { ...record, owner: { userId: m.user.id } })),
      );
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([201, 409, 409, 409]);
      const rows = await ctx.db.query('SELECT DISTINCT user_id FROM verifications WHERE di = $1', [
        record.di,
      ]);
      expect(rows.rows).toHaveLength(1);
    });
});
