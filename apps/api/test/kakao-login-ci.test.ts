import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { expect, it } from 'vitest';
import { consentsFor } from '@mfv/api-contract';
import type { ApiApp } from '../src/app.js';
import { describeEachDriver, freshKakaoId, service, signUp, TEST_CI_KEY } from './support/harness.js';

/**
 * A Kakao login that reports the person's CI (`kakao_account.ci`, for an app granted the 연계정보
 * consent item): the same person as a member who joined with Toss, or who verified with mobile-ok
 * or KCB, is offered to link — never a second account, never a refusal (docs/auth.md "One person,
 * one member"). The api keeps only the keyed hash.
 */

const hmac = (ci: string) => createHmac('sha256', TEST_CI_KEY).update(ci).digest('hex');
const newCi = () => `CI-${randomBytes(12).toString('hex')}`.padEnd(88, 'c');
const newDi = () => `DI-${randomBytes(12).toString('hex')}`.padEnd(64, 'd');
const freshUserKey = () => String(randomInt(10 ** 9, 2 ** 47));

describeEachDriver('kakao login with a CI', (ctx) => {
  const post = (app: ApiApp, url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: service, payload });
  const kakaoLogin = (app: ApiApp, kakaoId: string, ci?: string) =>
    post(app, '/auth/login/kakao', ci === undefined ? { kakaoId } : { kakaoId, ci, nickname: '카카오닉' });
  const tossLogin = (app: ApiApp, userKey: string, ci?: string) =>
    post(app, '/auth/login/toss', ci === undefined ? { userKey } : { userKey, ci });
  const signupWith = (app: ApiApp, signupTicket: string) =>
    post(app, '/users', { signupTicket, nickname: '가입닉', consents: consentsFor() });
  const stored = async () =>
    JSON.stringify([
      (await ctx.db.query('SELECT * FROM users')).rows,
      (await ctx.db.query('SELECT * FROM signup_tickets')).rows,
      (await ctx.db.query('SELECT * FROM verifications')).rows,
    ]);

  it('a person who joined with Toss logs in with Kakao first: offered the Toss account, linked, one member', async () => {
    const app = await ctx.makeApp();
    const ci = newCi();
    const userKey = freshUserKey();
    const joined = await tossLogin(app, userKey, ci);
    const tossMember = (await signupWith(app, joined.json().signupTicket)).json();

    const kakaoId = freshKakaoId();
    const offer = await kakaoLogin(app, kakaoId, ci);
    expect(offer.statusCode, offer.body).toBe(200);
    expect(offer.json()).toMatchObject({ status: 'needsSignup', existingAccount: { providers: ['toss'] } });

    // The person proves the Toss account (signs in with Toss), then the Kakao login joins it.
    const proven = await tossLogin(app, userKey, ci);
    expect(proven.json()).toMatchObject({ status: 'signedIn', user: { id: tossMember.user.id } });
    const linked = await post(app, '/auth/link', {
      signupTicket: offer.json().signupTicket,
      userId: tossMember.user.id,
    });
    expect(linked.json()).toEqual({ linked: true, provider: 'kakao' });
    expect((await kakaoLogin(app, kakaoId, ci)).json()).toMatchObject({
      status: 'signedIn',
      user: { id: tossMember.user.id },
    });
    expect(await stored()).not.toContain(ci);
  });

  it('a person a Kakao member verified with mobile-ok logs in with another Kakao account: offered that account', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const ci = newCi();
    const verified = await post(app, '/verifications', {
      provider: 'mobile-ok',
      serviceType: 'telcoAuth',
      ci,
      di: newDi(),
      name: '송지우',
      birthday: '19880101',
      gender: 'male',
      nation: 'domestic',
      phone: '01041000003',
      verifiedAt: new Date().toISOString(),
      owner: { userId: member.user.id },
    });
    expect(verified.statusCode, verified.body).toBe(201);

    const offer = await kakaoLogin(app, freshKakaoId(), ci);
    expect(offer.json()).toMatchObject({ status: 'needsSignup', existingAccount: { providers: ['kakao'] } });
    // The ticket remembers the person (hash only) and whom it offered.
    const ticket = await ctx.db.query<{ ci_hash: string; link_user_id: string }>(
      'SELECT ci_hash, link_user_id FROM signup_tickets WHERE ci_hash = $1',
      [hmac(ci)],
    );
    expect(ticket.rows).toEqual([{ ci_hash: hmac(ci), link_user_id: member.user.id }]);
  });

  it("a Kakao member whose person is not known yet learns it from the login's CI; a new person signs up as them", async () => {
    const app = await ctx.makeApp();
    const kakaoId = freshKakaoId();
    const member = await signUp(app, { kakaoId });
    const ci = newCi();
    expect((await kakaoLogin(app, kakaoId, ci)).json().status).toBe('signedIn');
    expect((await ctx.db.query('SELECT ci_hash FROM users WHERE id = $1', [member.user.id])).rows[0]).toEqual(
      {
        ci_hash: hmac(ci),
      },
    );

    const other = newCi();
    const fresh = await kakaoLogin(app, freshKakaoId(), other);
    expect(fresh.json().existingAccount).toBeUndefined();
    const created = (await signupWith(app, fresh.json().signupTicket)).json();
    expect(
      (await ctx.db.query('SELECT ci_hash FROM users WHERE id = $1', [created.user.id])).rows[0],
    ).toEqual({
      ci_hash: hmac(other),
    });
  });

  it('refuses a malformed CI with a 400 {code, message}', async () => {
    const app = await ctx.makeApp();
    const res = await post(app, '/auth/login/kakao', { kakaoId: freshKakaoId(), ci: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(res.body).not.toContain('stack');
  });
});
