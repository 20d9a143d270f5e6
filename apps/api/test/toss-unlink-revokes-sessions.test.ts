import { randomInt } from 'node:crypto';
import { expect, it } from 'vitest';
import type { SignedInResponse } from '@mfv/api-contract';
import { bearer, describeEachDriver, FakeClock, refresh, service, signUp } from './support/harness.js';
import { consentsFor } from '@mfv/api-contract';

const freshUserKey = (): string => String(randomInt(10 ** 9, 2 ** 47));

describeEachDriver('provider unlink revokes the linked member’s sessions', (ctx) => {
  type App = Awaited<ReturnType<typeof ctx.makeApp>>;
  const tossLogin = (app: App, userKey: string) =>
    app.inject({ method: 'POST', url: '/auth/login/toss', headers: service, payload: { userKey } });
  const revoke = (app: App, payload: unknown, headers: Record<string, string> = service) =>
    app.inject({
      method: 'POST',
      url: '/auth/identities/revoke-sessions',
      headers,
      payload: payload as object,
    });

  async function tossMember(app: App, userKey: string): Promise<SignedInResponse> {
    const ticket = (await tossLogin(app, userKey)).json().signupTicket as string;
    const res = await app.inject({
      method: 'POST',
      url: '/users',
      headers: service,
      payload: { signupTicket: ticket, nickname: '토스회원', consents: consentsFor() },
    });
    return res.json();
  }

  it('ends every session of the member linked to toss:<userKey>, and no one else’s', async () => {
    const app = await ctx.makeApp();
    const userKey = freshUserKey();
    const phone = await tossMember(app, userKey);
    const laptop = (await tossLogin(app, userKey)).json() as SignedInResponse;
    const stranger = await signUp(app);
    const otherToss = await tossMember(app, freshUserKey());

    const res = await revoke(app, { provider: 'toss', subject: userKey });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      linked: true,
      revokedSessionIds: [phone.sessionId, laptop.sessionId].sort(),
      cancelledSignupTickets: 0,
    });

    for (const s of [phone, laptop]) {
      const verify = await app.inject({
        method: 'POST',
        url: '/auth/verify',
        headers: bearer(s.accessToken),
      });
      expect(verify.json().code).toBe('SESSION_REVOKED');
      expect((await refresh(app, s.refreshToken)).json().code).toBe('REFRESH_REVOKED');
    }
    for (const s of [stranger, otherToss]) {
      const verify = await app.inject({
        method: 'POST',
        url: '/auth/verify',
        headers: bearer(s.accessToken),
      });
      expect(verify.statusCode).toBe(200);
    }

    // Idempotent: a second callback finds nothing live; the member can sign in again afterwards.
    expect((await revoke(app, { provider: 'toss', subject: userKey })).json()).toEqual({
      linked: true,
      revokedSessionIds: [],
      cancelledSignupTickets: 0,
    });
    const back = await tossLogin(app, userKey);
    expect(back.json()).toMatchObject({ status: 'signedIn', user: { id: phone.user.id } });
  });

  it('an identity nobody is linked to answers linked:false; an open signup ticket for it is spent', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const userKey = freshUserKey();
    const { signupTicket } = (await tossLogin(app, userKey)).json();

    const res = await revoke(app, { provider: 'toss', subject: userKey });
    expect(res.json()).toEqual({ linked: false, revokedSessionIds: [], cancelledSignupTickets: 1 });
    // The person withdrew consent mid-signup: the form can no longer create the member.
    const late = await app.inject({
      method: 'POST',
      url: '/users',
      headers: service,
      payload: { signupTicket, nickname: '늦은가입', consents: consentsFor() },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('SIGNUP_TICKET_USED');

    // Unknown identity: nothing to do, still 200 (Toss may call for people who never signed up).
    expect((await revoke(app, { provider: 'toss', subject: freshUserKey() })).json()).toEqual({
      linked: false,
      revokedSessionIds: [],
      cancelledSignupTickets: 0,
    });
  });

  it('expired signup tickets are left alone (they are dead already)', async () => {
    const clock = new FakeClock();
    const app = await ctx.makeApp({ clock });
    const userKey = freshUserKey();
    await tossLogin(app, userKey);
    clock.advanceSeconds(601);
    expect((await revoke(app, { provider: 'toss', subject: userKey })).json().cancelledSignupTickets).toBe(0);
  });

  it('requires the service credential and a valid body', async () => {
    const app = await ctx.makeApp();
    const member = await tossMember(app, freshUserKey());
    const subject = freshUserKey();
    expect((await revoke(app, { provider: 'toss', subject }, {})).json().code).toBe(
      'SERVICE_CREDENTIAL_MISSING',
    );
    expect((await revoke(app, { provider: 'toss', subject }, { 'x-internal-token': 'x' })).json().code).toBe(
      'SERVICE_CREDENTIAL_INVALID',
    );
    // A user's own access token is not the service credential.
    expect((await revoke(app, { provider: 'toss', subject }, bearer(member.accessToken))).statusCode).toBe(
      401,
    );
    for (const payload of [
      {},
      { provider: 'toss' },
      { subject },
      { provider: 'naver', subject },
      { provider: 'toss', subject: '' },
      { provider: 'toss', subject: 'x'.repeat(65) },
      { provider: 'toss', subject: 410000001 },
      { provider: 'toss', subject, referrer: 'UNLINK' },
    ]) {
      const res = await revoke(app, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
