import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInResponse } from '@mfv/api-contract';
import { unseal } from '@mfv/auth';
import { sandboxCi, type MokPersona } from '@mfv/sandbox';
import { MOK_PASS_ADULT, MOK_SMS_USER } from '@mfv/sandbox/mok-personas';
import { linkAfterSignIn } from '../src/server/account-link';
import type { TossLoginDeps } from '../src/server/toss-login';
import type { SignupState } from '../src/server/signup-state';
import { exchange, Jar, startWorld, tossLoginAs, type World } from './toss-kit';
import { consentsFor } from '@mfv/api-contract';

/**
 * One person, one member (docs/auth.md "One person, one member"): a person who signed up with
 * Kakao and verified their identity logs in with Toss — login-me's CI is theirs — and is offered
 * to link the Toss login to that account instead of getting a second one. The sandbox's Toss
 * (over mTLS), the real api and Redis.
 */

let world: World;
let deps: TossLoginDeps;

beforeAll(async () => {
  world = await startWorld();
  deps = world.deps();
}, 60_000);

afterAll(async () => {
  await world?.close();
});

async function tossLogin(persona: string) {
  const jar = new Jar();
  const { outcome } = await tossLoginAs(deps, world.sandbox.url, jar, persona, '/notices');
  return { jar, outcome };
}

/** A member who signed up with Kakao and verified their identity as `persona` with mobile-ok. */
async function verifiedKakaoMember(persona: MokPersona): Promise<SignedInResponse> {
  const member = await world.api.signUp('민준');
  const res = await fetch(`${world.api.url}/verifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.api.internalToken}` },
    body: JSON.stringify({
      provider: 'mobile-ok',
      serviceType: 'telcoAuth',
      ci: sandboxCi(persona),
      di: `DI-${persona.id}`.padEnd(64, 'd'),
      name: persona.name,
      birthday: persona.birthday,
      gender: persona.gender === '1' ? 'male' : 'female',
      nation: 'domestic',
      phone: persona.phone,
      verifiedAt: new Date().toISOString(),
      owner: { userId: member.user.id },
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return member;
}

const signupOf = (jar: Jar) =>
  unseal<SignupState>(world.auth.config.keys.seal, 'signup', jar.cookies.get('mfv_signup')!);

const sessionUser = async (jar: Jar) => (await world.auth.store.get(jar.cookies.get('mfv_sid')!))?.userId;

describe('linking a Toss login to the member who already is that person', () => {
  it('offered on the link page; signing in to the existing account links it; Toss then signs in to that member', async () => {
    // The same person at both providers (the sandbox's one registry of people): the same CI.
    const member = await verifiedKakaoMember(MOK_PASS_ADULT);

    const first = await tossLogin('kim-minjun');
    expect(first.outcome).toEqual({ kind: 'ok', redirectTo: '/user/link' });
    expect(first.jar.cookies.has('mfv_sid')).toBe(false);
    expect(signupOf(first.jar)).toMatchObject({
      returnTo: '/notices',
      existingAccount: { providers: ['kakao'] },
    });

    // Someone signed in to another account cannot take this login.
    const stranger = await world.api.signUp('남');
    const wrong = exchange(first.jar);
    expect(await linkAfterSignIn(world.auth, wrong.req, wrong.res, stranger.user.id, 'test')).toBe('refused');

    // The person proves the existing account (a Kakao sign-in started from the link page).
    const again = await tossLogin('kim-minjun');
    expect(again.outcome).toEqual({ kind: 'ok', redirectTo: '/user/link' });
    const proved = exchange(again.jar);
    expect(await linkAfterSignIn(world.auth, proved.req, proved.res, member.user.id, 'test')).toBe('linked');
    proved.commit();
    expect(again.jar.cookies.has('mfv_signup')).toBe(false);

    // From now on "토스로 로그인" is the Kakao member: one account, two ways in.
    const signedIn = await tossLogin('kim-minjun');
    expect(signedIn.outcome).toEqual({ kind: 'ok', redirectTo: '/notices' });
    expect(await sessionUser(signedIn.jar)).toBe(member.user.id);
    const ways = await world.api.db.query<{ provider: string }>(
      'SELECT provider FROM identities WHERE user_id = $1 ORDER BY provider',
      [member.user.id],
    );
    expect(ways.rows.map((r) => r.provider)).toEqual(['kakao', 'toss']);
    // The CI itself is stored nowhere.
    const stored = JSON.stringify([
      (await world.api.db.query('SELECT * FROM verifications')).rows,
      (await world.api.db.query('SELECT * FROM users')).rows,
      (await world.api.db.query('SELECT * FROM signup_tickets')).rows,
    ]);
    expect(stored).not.toContain(sandboxCi(MOK_PASS_ADULT));
  });

  it('declining: the usual signup makes a separate member; a login without a known person goes straight to signup', async () => {
    const member = await verifiedKakaoMember(MOK_SMS_USER);
    const offered = await tossLogin('lee-seoyeon');
    expect(offered.outcome).toEqual({ kind: 'ok', redirectTo: '/user/link' });
    const created = await fetch(`${world.api.url}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.api.internalToken}` },
      body: JSON.stringify({
        signupTicket: signupOf(offered.jar)!.ticket,
        nickname: '서연',
        consents: consentsFor(),
      }),
    });
    expect(created.status).toBe(200);
    const separate = (await created.json()) as SignedInResponse;
    expect(separate.user.id).not.toBe(member.user.id);

    // Nobody is this person yet: the signup form, no offer.
    const fresh = await tossLogin('yoon-seojin');
    expect(fresh.outcome).toEqual({ kind: 'ok', redirectTo: '/user/signup' });
    expect(signupOf(fresh.jar)!.existingAccount).toBeUndefined();
  });
});
