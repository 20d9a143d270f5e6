import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ApiApp } from '../src/app.js';
import { consentsFor, type SignedInResponse, verificationStatusSchema } from '@mfv/api-contract';
import { bearer, describeEachDriver, FakeClock, freshKakaoId, service, signUp } from './support/harness.js';
import { identityResult, pendingSignup } from './support/verifications.js';

/**
 * GET /verifications/me: the signed-in member's lasting verification status, as pages show it
 * (docs/architecture.md "Identity verification"). Only the kind, the masked name, whether the person
 * is an adult today and when — never CI, DI, phone, birth date or the SSAFY subject.
 */

const unique = () => randomBytes(8).toString('hex');

/** A mobile-ok identity result (CI/DI, name …) for 이서연. */
const identity = (overrides: Record<string, unknown> = {}) =>
  identityResult({
    name: '이서연',
    birthday: '19950722',
    gender: 'female',
    phone: '01041000002',
    verifiedAt: '2026-12-03T01:00:00.000Z',
    ...overrides,
  });

/** A mobile-ok SMS 소유인증 result: the phone only. */
const possession = (overrides: Record<string, unknown> = {}) => ({
  provider: 'mobile-ok',
  serviceType: 'SMSAuth',
  phone: '01041000002',
  verifiedAt: '2026-12-04T01:00:00.000Z',
  ...overrides,
});

const ssafy = (overrides: Record<string, unknown> = {}) => ({
  provider: 'ssafy',
  serviceType: 'ssafy.verify',
  subject: `sub-${unique()}`,
  cohort: '13',
  campus: '서울',
  mattermostId: 'k1m1nj00n0000000000000000a',
  verifiedAt: '2026-12-02T01:00:00.000Z',
  ...overrides,
});

describeEachDriver('GET /verifications/me', (ctx) => {
  const create = async (app: ApiApp, record: object, owner: object) => {
    const res = await app.inject({
      method: 'POST',
      url: '/verifications',
      headers: service,
      payload: { ...record, owner },
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const statusOf = async (app: ApiApp, member: SignedInResponse) => {
    const res = await app.inject({
      method: 'GET',
      url: '/verifications/me',
      headers: bearer(member.accessToken),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    // The body is exactly the contract (strict: no other field may slip out).
    return verificationStatusSchema.parse(res.json());
  };
  const loginTicket = async (app: ApiApp, kakaoId?: string) => (await pendingSignup(app, kakaoId)).ticket;
  const completeSignup = async (app: ApiApp, signupTicket: string): Promise<SignedInResponse> => {
    const res = await app.inject({
      method: 'POST',
      url: '/users',
      headers: service,
      payload: { signupTicket, nickname: '서연', consents: consentsFor() },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('a member who never verified: verified false; without an access token: 401 JSON', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    expect(await statusOf(app, member)).toEqual({ verified: false });

    const anonymous = await app.inject({ method: 'GET', url: '/verifications/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'TOKEN_MISSING', message: expect.any(String) });
  });

  it('a phone identity verification: kind, masked name and when — nothing else of the record', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    const record = identity();
    await create(app, record, { userId: member.user.id });

    const res = await app.inject({
      method: 'GET',
      url: '/verifications/me',
      headers: bearer(member.accessToken),
    });
    expect(res.json()).toEqual({
      verified: true,
      kind: 'phone-identity',
      maskedName: '이*연',
      adult: true,
      verifiedAt: '2026-12-03T01:00:00.000Z',
    });
    for (const secret of [record.ci, record.di, record.name, record.phone, record.birthday, 'mobile-ok'])
      expect(res.body).not.toContain(secret);
  });

  it('SMS 소유인증 alone: possession, no name; SSAFY: no subject, cohort, campus or Mattermost id', async () => {
    const app = await ctx.makeApp();
    const phoneOnly = await signUp(app);
    await create(app, possession(), { userId: phoneOnly.user.id });
    expect(await statusOf(app, phoneOnly)).toEqual({
      verified: true,
      kind: 'phone-possession',
      verifiedAt: '2026-12-04T01:00:00.000Z',
    });

    const student = await signUp(app);
    const record = ssafy();
    await create(app, record, { userId: student.user.id });
    const res = await app.inject({
      method: 'GET',
      url: '/verifications/me',
      headers: bearer(student.accessToken),
    });
    expect(res.json()).toEqual({ verified: true, kind: 'ssafy', verifiedAt: '2026-12-02T01:00:00.000Z' });
    for (const secret of [record.subject, record.mattermostId, '서울'])
      expect(res.body).not.toContain(secret);
  });

  it('the strongest kind wins (identity, then SSAFY, then possession), the newest within a kind', async () => {
    const app = await ctx.makeApp();
    const member = await signUp(app);
    await create(app, possession({ verifiedAt: '2026-12-05T00:00:00.000Z' }), { userId: member.user.id });
    expect(await statusOf(app, member)).toMatchObject({ kind: 'phone-possession' });

    await create(app, ssafy({ verifiedAt: '2026-12-01T00:00:00.000Z' }), { userId: member.user.id });
    expect(await statusOf(app, member)).toMatchObject({ kind: 'ssafy' });

    const { ci, di } = identity();
    await create(app, identity({ ci, di, verifiedAt: '2026-11-30T00:00:00.000Z' }), {
      userId: member.user.id,
    });
    await create(app, identity({ ci, di, name: '이서연', verifiedAt: '2026-12-02T09:30:00.000Z' }), {
      userId: member.user.id,
    });
    expect(await statusOf(app, member)).toEqual({
      verified: true,
      kind: 'phone-identity',
      maskedName: '이*연',
      adult: true,
      verifiedAt: '2026-12-02T09:30:00.000Z',
    });
  });

  it('a verification made during signup counts once the signup is done; one of an abandoned signup never does', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });

    // Verified while signing up, then signed up with that ticket: the member is verified.
    const ticket = await loginTicket(app);
    await create(app, identity(), { signupTicket: ticket });
    const member = await completeSignup(app, ticket);
    expect(await statusOf(app, member)).toMatchObject({ verified: true, kind: 'phone-identity' });

    // Verified while signing up, but the ticket expired unused; a later signup of the same
    // identity (a new ticket, no verification) is not verified by the abandoned one.
    const kakaoId = freshKakaoId();
    const abandoned = await loginTicket(app, kakaoId);
    await create(app, identity(), { signupTicket: abandoned });
    clock.advanceSeconds(601);
    const later = await completeSignup(app, await loginTicket(app, kakaoId));
    expect(await statusOf(app, later)).toEqual({ verified: false });
  });

  it("one member's verification never shows for another", async () => {
    const app = await ctx.makeApp();
    const verified = await signUp(app);
    const other = await signUp(app);
    await create(app, identity(), { userId: verified.user.id });
    expect(await statusOf(app, other)).toEqual({ verified: false });
  });

  it('adult: from the birth date on the day asked, in Korea (민법 만 19세) — not from what the page asked', async () => {
    // 2026-12-06 23:59 KST: someone born on 2007-12-07 is 18 for one more minute.
    const clock = new FakeClock(Date.parse('2026-12-06T14:59:00.000Z'));
    const app = await ctx.makeApp({ clock });
    const member = await signUp(app);
    await create(app, identity({ birthday: '20071207', verifiedAt: '2026-12-06T01:00:00.000Z' }), {
      userId: member.user.id,
    });
    expect(await statusOf(app, member)).toMatchObject({ kind: 'phone-identity', adult: false });
    // Midnight in Korea (15:00 UTC): the 19th birthday, with nothing verified again.
    clock.advanceSeconds(60);
    expect(await statusOf(app, member)).toMatchObject({ kind: 'phone-identity', adult: true });

    // No birth date in the record (KCB may omit it): adulthood is not claimed either way.
    const noBirthday = await signUp(app);
    await create(
      app,
      identity({
        provider: 'kcb',
        serviceType: 'kcb.phone',
        birthday: undefined,
        gender: undefined,
        nation: undefined,
      }),
      {
        userId: noBirthday.user.id,
      },
    );
    const status = await statusOf(app, noBirthday);
    expect(status).toMatchObject({ verified: true, kind: 'phone-identity' });
    expect(status).not.toHaveProperty('adult');
  });
});
