import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ApiApp } from '../src/app.js';
import { createCiKeyring } from '../src/identity/ci-hash.js';
import { bearer, describeEachDriver, freshKakaoId, service, signUp, TEST_CI_KEY } from './support/harness.js';
import { identityResult } from './support/verifications.js';
import { consentsFor } from '@mfv/api-contract';

/**
 * One person, one member, whichever provider identifies them (docs/auth.md "One person, one
 * member"). CI (연계정보) is the same for a person at mobile-ok, KCB and Toss; DI differs by provider.
 * The api matches the keyed hash of the CI and never keeps the CI.
 */

const hmac = (key: string, ci: string) => createHmac('sha256', key).update(ci).digest('hex');
const newCi = () => `CI-${randomBytes(12).toString('hex')}`.padEnd(88, 'c');
const newDi = () => `DI-${randomBytes(12).toString('hex')}`.padEnd(64, 'd');
const freshUserKey = () => String(randomInt(10 ** 9, 2 ** 47));

/** One person's identity result as `provider` reports it: same CI everywhere, a DI of its own. */
const result = (provider: 'mobile-ok' | 'kcb', ci: string, di = newDi()) =>
  identityResult({ provider, serviceType: provider === 'kcb' ? 'kcb.phone' : 'telcoAuth', ci, di });

describeEachDriver('one person across providers', (ctx) => {
  const create = (app: ApiApp, record: object, owner: object) =>
    app.inject({ method: 'POST', url: '/verifications', headers: service, payload: { ...record, owner } });
  const tossLogin = (app: ApiApp, userKey: string, ci?: string) =>
    app.inject({
      method: 'POST',
      url: '/auth/login/toss',
      headers: service,
      payload: ci === undefined ? { userKey } : { userKey, ci },
    });
  const link = (app: ApiApp, signupTicket: string, userId: string) =>
    app.inject({ method: 'POST', url: '/auth/link', headers: service, payload: { signupTicket, userId } });
  const signupWith = (app: ApiApp, signupTicket: string, nickname = '토스닉') =>
    app.inject({
      method: 'POST',
      url: '/users',
      headers: service,
      payload: { signupTicket, nickname, consents: consentsFor() },
    });
  /** Every stored value of the tables that hold people, as one string. */
  const everything = async () =>
    JSON.stringify([
      (await ctx.db.query('SELECT * FROM verifications')).rows,
      (await ctx.db.query('SELECT * FROM users')).rows,
      (await ctx.db.query('SELECT * FROM signup_tickets')).rows,
    ]);

  it('a member verified with PASS (mobile-ok) verifies again with KCB: accepted, recorded as KCB', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const ci = newCi();
    expect((await create(app, result('mobile-ok', ci), { userId: member.user.id })).statusCode).toBe(201);
    // The same person at KCB: the same CI, another DI (DI is per site and provider).
    const kcb = await create(app, result('kcb', ci), { userId: member.user.id });
    expect(kcb.statusCode, kcb.body).toBe(201);
    const rows = (
      await ctx.db.query<{ provider: string; ci_hash: string }>(
        'SELECT provider, ci_hash FROM verifications WHERE user_id = $1 ORDER BY created_at, provider',
        [member.user.id],
      )
    ).rows;
    expect(rows.map((r) => r.provider).sort()).toEqual(['kcb', 'mobile-ok']);
    expect(new Set(rows.map((r) => r.ci_hash))).toEqual(new Set([hmac(TEST_CI_KEY, ci)]));
    expect((await ctx.db.query('SELECT ci_hash FROM users WHERE id = $1', [member.user.id])).rows[0]).toEqual(
      { ci_hash: hmac(TEST_CI_KEY, ci) },
    );
    expect(await everything()).not.toContain(ci);
  });

  it('a different person at another provider is still refused (VERIFICATION_PERSON_MISMATCH)', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    expect((await create(app, result('mobile-ok', newCi()), { userId: member.user.id })).statusCode).toBe(
      201,
    );
    const other = await create(app, result('kcb', newCi()), { userId: member.user.id });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('VERIFICATION_PERSON_MISMATCH');
  });

  it('the same person on another member, through another provider (another DI): VERIFICATION_ALREADY_REGISTERED', async () => {
    const app = await ctx.makeApp();
    const first = await signUp(app);
    const second = await signUp(app);
    const ci = newCi();
    expect((await create(app, result('mobile-ok', ci), { userId: first.user.id })).statusCode).toBe(201);
    const taken = await create(app, result('kcb', ci), { userId: second.user.id });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('VERIFICATION_ALREADY_REGISTERED');
    // … and so is a signup in progress.
    const pending = await app.inject({
      method: 'POST',
      url: '/auth/login/kakao',
      headers: service,
      payload: { kakaoId: freshKakaoId() },
    });
    const mid = await create(app, result('kcb', ci), { signupTicket: pending.json().signupTicket });
    expect(mid.json().code).toBe('VERIFICATION_ALREADY_REGISTERED');
  });

  it('a Toss login of a person who already is a member (login-me CI): the offer to link, then one member', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const ci = newCi();
    expect((await create(app, result('mobile-ok', ci), { userId: member.user.id })).statusCode).toBe(201);

    const userKey = freshUserKey();
    const first = await tossLogin(app, userKey, ci);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'needsSignup', existingAccount: { providers: ['kakao'] } });
    const ticket = first.json().signupTicket as string;

    // Only the member offered: someone else signed in cannot take this login.
    const stranger = await signUp(app);
    const refused = await link(app, ticket, stranger.user.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('LINK_NOT_OFFERED');

    const linked = await link(app, ticket, member.user.id);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toEqual({ linked: true, provider: 'toss' });
    // The ticket is spent: it can neither link again nor make a second member.
    expect((await link(app, ticket, member.user.id)).json().code).toBe('SIGNUP_TICKET_USED');
    expect((await signupWith(app, ticket)).json().code).toBe('SIGNUP_TICKET_USED');

    // From now on Toss signs in to the same member.
    const again = await tossLogin(app, userKey, ci);
    expect(again.json()).toMatchObject({ status: 'signedIn', user: { id: member.user.id } });
    const identities = await ctx.db.query<{ provider: string }>(
      'SELECT provider FROM identities WHERE user_id = $1 ORDER BY provider',
      [member.user.id],
    );
    expect(identities.rows.map((r) => r.provider)).toEqual(['kakao', 'toss']);
    const status = await app.inject({
      method: 'GET',
      url: '/verifications/me',
      headers: bearer(again.json().accessToken),
    });
    expect(status.json()).toMatchObject({ verified: true, kind: 'phone-identity' });
    expect(await everything()).not.toContain(ci);
  });

  it('declining the offer signs up a separate member who is not that person', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const ci = newCi();
    expect((await create(app, result('kcb', ci), { userId: member.user.id })).statusCode).toBe(201);
    const offer = await tossLogin(app, freshUserKey(), ci);
    expect(offer.json().existingAccount).toEqual({ providers: ['kakao'] });
    const separate = await signupWith(app, offer.json().signupTicket);
    expect(separate.statusCode).toBe(200);
    const second = separate.json();
    expect(second.user.id).not.toBe(member.user.id);
    expect((await ctx.db.query('SELECT ci_hash FROM users WHERE id = $1', [second.user.id])).rows[0]).toEqual(
      { ci_hash: null },
    );
    // The separate member cannot verify as that person: one person, one member.
    const verify = await create(app, result('mobile-ok', ci), { userId: second.user.id });
    expect(verify.json().code).toBe('VERIFICATION_ALREADY_REGISTERED');
  });

  it('a member who signed up with Toss is the person login-me named: a Kakao member verifying as them is refused, they cannot verify as someone else', async () => {
    const app = await ctx.makeApp();
    const ci = newCi();
    const login = await tossLogin(app, freshUserKey(), ci);
    expect(login.json()).toMatchObject({ status: 'needsSignup' });
    expect(login.json().existingAccount).toBeUndefined();
    const tossMember = (await signupWith(app, login.json().signupTicket)).json();
    expect(
      (await ctx.db.query('SELECT ci_hash FROM users WHERE id = $1', [tossMember.user.id])).rows[0],
    ).toEqual({ ci_hash: hmac(TEST_CI_KEY, ci) });

    const kakaoMember = await signUp(app);
    const taken = await create(app, result('mobile-ok', ci), { userId: kakaoMember.user.id });
    expect(taken.json().code).toBe('VERIFICATION_ALREADY_REGISTERED');

    const other = await create(app, result('mobile-ok', newCi()), { userId: tossMember.user.id });
    expect(other.json().code).toBe('VERIFICATION_PERSON_MISMATCH');
    expect((await create(app, result('kcb', ci), { userId: tossMember.user.id })).statusCode).toBe(201);
  });

  it('a Toss login without CI (no consent) behaves as before: a plain signup ticket', async () => {
    const app = await ctx.makeApp();
    const res = await tossLogin(app, freshUserKey());
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('needsSignup');
    expect(res.json().existingAccount).toBeUndefined();
  });

  it('key rotation: a person stored under the previous key still matches, and is re-keyed', async () => {
    const oldKey = TEST_CI_KEY;
    const newKey = 'rotated-identity-ci-key-0123456789abcdef0123456789';
    const before = await ctx.makeApp();
    const member = await signUp(before);
    const ci = newCi();
    expect((await create(before, result('mobile-ok', ci), { userId: member.user.id })).statusCode).toBe(201);

    const after = await ctx.makeApp({ ciKeys: createCiKeyring(newKey, oldKey) });
    const rival = await signUp(after);
    expect((await create(after, result('kcb', ci), { userId: rival.user.id })).json().code).toBe(
      'VERIFICATION_ALREADY_REGISTERED',
    );
    expect((await create(after, result('kcb', ci), { userId: member.user.id })).statusCode).toBe(201);
    const hashes = await ctx.db.query<{ ci_hash: string }>(
      'SELECT DISTINCT ci_hash FROM verifications WHERE user_id = $1',
      [member.user.id],
    );
    expect(hashes.rows).toEqual([{ ci_hash: hmac(newKey, ci) }]);
    expect((await ctx.db.query('SELECT ci_hash FROM users WHERE id = $1', [member.user.id])).rows[0]).toEqual(
      { ci_hash: hmac(newKey, ci) },
    );
  });
});
