import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ApiApp } from '../src/app.js';
import { describeEachDriver, FakeClock, service, signUp } from './support/harness.js';
import { createVerification, pendingSignup, redeemVerification } from './support/verifications.js';
import { consentsFor } from '@mfv/api-contract';

/** An SSAFY Verify result as the verify remote hands it off; the pairwise `sub` unique per call. */
function ssafy(overrides: Record<string, unknown> = {}) {
  return {
    provider: 'ssafy',
    serviceType: 'ssafy.verify',
    subject: randomBytes(32).toString('base64url'),
    cohort: '13',
    campus: '서울',
    verifiedAt: new Date().toISOString(),
    ...overrides,
  };
}

describeEachDriver('SSAFY Verify records', (ctx) => {
  const create = (app: ApiApp, payload: object) => createVerification(app, payload);
  const redeem = (app: ApiApp, ticket: unknown) => redeemVerification(app, ticket);
  const row = async (id: string) =>
    (await ctx.db.query<Record<string, unknown>>('SELECT * FROM verifications WHERE id = $1', [id])).rows[0]!;

  it('a member: only sub, cohort, campus and when are stored; redeem shows cohort and campus, never the sub', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const record = ssafy({ mattermostId: 'k1m1nj00n0000000000000000a' });
    const res = await create(app, { ...record, owner: { userId: member.user.id } });
    expect(res.statusCode, res.body).toBe(201);
    const { id, ticket } = res.json();

    expect(await row(id)).toMatchObject({
      provider: 'ssafy',
      service_type: 'ssafy.verify',
      user_id: member.user.id,
      signup_ticket_hash: null,
      subject: record.subject,
      cohort: '13',
      campus: '서울',
      mattermost_id: 'k1m1nj00n0000000000000000a',
      verified_at: new Date(record.verifiedAt),
      phone: null,
      ci_hash: null,
      di: null,
      name: null,
      birthday: null,
      gender: null,
      nation: null,
      is_adult: null,
    });

    const redeemed = await redeem(app, ticket);
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.json()).toEqual({
      provider: 'ssafy',
      serviceType: 'ssafy.verify',
      cohort: '13',
      campus: '서울',
      identity: false,
      verifiedAt: new Date(record.verifiedAt).toISOString(),
      attachedTo: 'member',
    });
    expect(redeemed.body).not.toContain(record.subject);
    expect(redeemed.body).not.toContain('k1m1nj00n');
  });

  it('without cohort, campus or Mattermost id: stored as NULL, absent from the redeemed fields', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const record = ssafy({ cohort: undefined, campus: undefined });
    const res = await create(app, { ...record, owner: { userId: member.user.id } });
    expect(res.statusCode, res.body).toBe(201);
    expect(await row(res.json().id)).toMatchObject({ cohort: null, campus: null, mattermost_id: null });
    expect(Object.keys((await redeem(app, res.json().ticket)).json()).sort()).toEqual([
      'attachedTo',
      'identity',
      'provider',
      'serviceType',
      'verifiedAt',
    ]);
  });

  it('a pending signup: attached to its ticket, and the member it becomes holds the sub', async () => {
    const app = await ctx.makeApp();
    const record = ssafy({ cohort: '14', campus: '대전' });
    const signup = await pendingSignup(app);
    const res = await create(app, { ...record, owner: { signupTicket: signup.ticket } });
    expect(res.statusCode, res.body).toBe(201);
    expect(await row(res.json().id)).toMatchObject({ user_id: null, subject: record.subject });
    expect((await redeem(app, res.json().ticket)).json()).toMatchObject({
      provider: 'ssafy',
      cohort: '14',
      campus: '대전',
      attachedTo: 'signup',
    });

    // Another login mid-signup cannot claim the same SSAFY member.
    const rival = await pendingSignup(app);
    const rivalRes = await create(app, { ...record, owner: { signupTicket: rival.ticket } });
    expect(rivalRes.statusCode).toBe(409);
    expect(rivalRes.json().code).toBe('VERIFICATION_ALREADY_REGISTERED');

    const created = await app.inject({
      method: 'POST',
      url: '/users',
      headers: service,
      payload: { signupTicket: signup.ticket, nickname: '서연', consents: consentsFor() },
    });
    expect(created.statusCode).toBe(200);
    const member = created.json();
    expect((await create(app, { ...record, owner: { userId: member.user.id } })).statusCode).toBe(201);
    const other = await signUp(app);
    const taken = await create(app, { ...record, owner: { userId: other.user.id } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('VERIFICATION_ALREADY_REGISTERED');
  });

  it('the same sub on another account → 409 VERIFICATION_ALREADY_REGISTERED; the same member may verify again', async () => {
    const app = await ctx.makeApp();
    const owner = await signUp(app);
    const other = await signUp(app);
    const record = ssafy();
    expect((await create(app, { ...record, owner: { userId: owner.user.id } })).statusCode).toBe(201);

    const taken = await create(app, { ...record, owner: { userId: other.user.id } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({ code: 'VERIFICATION_ALREADY_REGISTERED', message: expect.any(String) });
    expect(
      (await ctx.db.query('SELECT 1 FROM verifications WHERE user_id = $1', [other.user.id])).rows,
    ).toHaveLength(0);

    const again = await create(app, { ...record, campus: '구미', owner: { userId: owner.user.id } });
    expect(again.statusCode).toBe(201);
    // A sub is not a DI: a phone verification of the other member is unaffected.
    const phone = await create(app, {
      provider: 'mobile-ok',
      serviceType: 'SMSAuth',
      phone: '01041000020',
      verifiedAt: new Date().toISOString(),
      owner: { userId: other.user.id },
    });
    expect(phone.statusCode).toBe(201);
  });

  it('a member verified as one SSAFY member cannot attach another (409 VERIFICATION_PERSON_MISMATCH)', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    expect((await create(app, { ...ssafy(), owner: { userId: member.user.id } })).statusCode).toBe(201);
    const someoneElse = await create(app, { ...ssafy(), owner: { userId: member.user.id } });
    expect(someoneElse.statusCode).toBe(409);
    expect(someoneElse.json().code).toBe('VERIFICATION_PERSON_MISMATCH');
  });

  it('an abandoned signup (ticket expired unused) no longer holds the sub', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const record = ssafy();
    const abandoned = await pendingSignup(app);
    expect((await create(app, { ...record, owner: { signupTicket: abandoned.ticket } })).statusCode).toBe(
      201,
    );
    const member = await signUp(app);
    expect((await create(app, { ...record, owner: { userId: member.user.id } })).statusCode).toBe(409);
    clock.advanceSeconds(601);
    expect((await create(app, { ...record, owner: { userId: member.user.id } })).statusCode).toBe(201);
  });

  it('validation: an SSAFY record carries no phone data, a phone verification needs its phone', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const owner = { userId: member.user.id };
    const cases: [object, string[]][] = [
      [{ ...ssafy(), phone: '01041000001', owner }, ['body']],
      [{ ...ssafy(), di: 'DI'.padEnd(64, 'd'), owner }, ['body']],
      [{ ...ssafy(), name: '김민준', owner }, ['body']],
      [{ ...ssafy(), subject: undefined, owner }, ['body.subject']],
      [{ ...ssafy(), subject: '', owner }, ['body.subject']],
      [{ ...ssafy(), subject: 's'.repeat(256), owner }, ['body.subject']],
      [{ ...ssafy(), serviceType: 'telcoAuth', owner }, ['body.serviceType']],
      [{ ...ssafy(), cohort: 13, owner }, ['body.cohort']],
      [{ ...ssafy(), campus: '', owner }, ['body.campus']],
      [{ ...ssafy(), mattermostId: 'm'.repeat(256), owner }, ['body.mattermostId']],
      [{ ...ssafy(), verifiedAt: 'now', owner }, ['body.verifiedAt']],
      [{ ...ssafy() }, ['body.owner']],
      [
        { provider: 'mobile-ok', serviceType: 'telcoAuth', verifiedAt: new Date().toISOString(), owner },
        ['body.phone'],
      ],
      [
        {
          provider: 'kcb',
          serviceType: 'popup',
          subject: 'x',
          phone: '01041000001',
          verifiedAt: new Date().toISOString(),
          owner,
        },
        ['body'],
      ],
      [{ ...ssafy(), provider: 'pass', owner }, ['body.provider']],
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
    expect(
      (await ctx.db.query('SELECT 1 FROM verifications WHERE user_id = $1', [member.user.id])).rows,
    ).toHaveLength(0);
  });

  it('the table refuses a mixed row even past the contract (CHECK)', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const insert = (provider: string, phone: string | null, subject: string | null) =>
      ctx.db.query(
        `INSERT INTO verifications (id, provider, service_type, user_id, phone, subject, verified_at, created_at,
                                    ticket_hash, ticket_expires_at)
         VALUES (gen_random_uuid(), $1, 'x', $2, $3, $4, now(), now(), $5, now())`,
        [provider, member.user.id, phone, subject, randomBytes(16).toString('hex')],
      );
    await expect(insert('ssafy', '01041000001', 'sub')).rejects.toThrow(/verifications_provider_shape/);
    await expect(insert('ssafy', null, null)).rejects.toThrow(/verifications_provider_shape/);
    await expect(insert('mobile-ok', null, null)).rejects.toThrow(/verifications_provider_shape/);
    await expect(insert('kcb', '01041000001', 'sub')).rejects.toThrow(/verifications_provider_shape/);
    await expect(insert('ssafy', null, 'sub')).resolves.toBeDefined();
    await expect(insert('kcb', '01041000001', null)).resolves.toBeDefined();
  });

  // PGlite is embedded in one process: two instances sharing it need Postgres.
  if (ctx.driver === 'postgres')
    it('two api instances attaching one sub to two members at once: exactly one wins', async () => {
      const first = await ctx.makeApp();
      const second = await ctx.makeApp({ db: await ctx.openSecondDb() });
      const record = ssafy();
      const members = await Promise.all([signUp(first), signUp(first), signUp(first), signUp(first)]);
      const results = await Promise.all(
        members.map((m, i) => create(i % 2 ? second : first, { ...record, owner: { userId: m.user.id } })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
      const rows = await ctx.db.query('SELECT DISTINCT user_id FROM verifications WHERE subject = $1', [
        record.subject,
      ]);
      expect(rows.rows).toHaveLength(1);
    });
});
