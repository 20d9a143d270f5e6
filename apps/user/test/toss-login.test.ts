import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unseal } from '@mfv/auth';
import { completeTossLogin, startTossLogin, type TossLoginDeps } from '../src/server/toss-login';
import { LOGIN_MESSAGES } from '../src/server/messages';
import { appLogin, captureLogs, exchange, Jar, startWorld, type World } from './toss-kit';

let world: World;
let deps: TossLoginDeps;

beforeAll(async () => {
  world = await startWorld();
  deps = world.deps();
}, 60_000);

afterAll(async () => {
  await world?.close();
});

/** "토스로 로그인" → the app's start route → the appLogin URL (with the state) and the browser's jar. */
function start(returnTo = '/notices', d: TossLoginDeps = deps) {
  const jar = new Jar();
  const ex = exchange(jar, { returnTo });
  const location = startTossLogin(d, ex.req, ex.res);
  ex.commit();
  return { jar, location };
}

async function callback(jar: Jar, query: Record<string, string>, d: TossLoginDeps = deps) {
  const ex = exchange(jar, query);
  const outcome = await completeTossLogin(d, ex.req, ex.res, query);
  ex.commit();
  return outcome;
}

/** The whole flow for `persona`: start → appLogin → callback. */
async function login(persona: string, d: TossLoginDeps = deps) {
  const { jar, location } = start('/notices', d);
  const query = await appLogin(location, persona);
  return { jar, query, outcome: await callback(jar, query, d) };
}

describe('Toss login in the user remote (sandbox over mTLS, real api and Redis)', () => {
  it('start: seals the state in an HttpOnly cookie and sends the browser to appLogin with it', () => {
    const jar = new Jar();
    const ex = exchange(jar, { returnTo: 'https://evil.example/' });
    const location = new URL(startTossLogin(deps, ex.req, ex.res));
    expect(`${location.origin}${location.pathname}`).toBe(`${world.sandbox.url}/toss/app-login`);
    const state = location.searchParams.get('state');
    expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const [cookie] = ex.setCookies();
    expect(cookie).toMatch(/^mfv_toss_login=[^;]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
    ex.commit();
    const sealed = jar.cookies.get('mfv_toss_login')!;
    expect(sealed).not.toContain(state);
    // A foreign returnTo is replaced by "/" before it is sealed.
    expect(unseal(world.auth.config.keys.seal, 'oauth:toss', sealed)).toEqual({ state, returnTo: '/' });
  });

  it('a new person: generate-token + login-me over mTLS → signup ticket, nickname suggested from the name', async () => {
    const logs = captureLogs();
    let result;
    try {
      result = await login('lee-seoyeon');
    } finally {
      logs.restore();
    }
    const { jar, query, outcome } = result;
    expect(outcome).toEqual({ kind: 'redirect', destination: '/user/signup' });
    expect(jar.cookies.has('mfv_toss_login')).toBe(false); // single use
    expect(jar.cookies.has('mfv_sid')).toBe(false);
    const signup = unseal<{ ticket: string; returnTo: string; nickname?: string }>(
      world.auth.config.keys.seal,
      'signup',
      jar.cookies.get('mfv_signup')!,
    );
    expect(signup).toEqual({ ticket: expect.any(String), returnTo: '/notices', nickname: '이서연' });

    // The signup form's POST (api side): the member is linked to toss:<userKey>, nothing else stored.
    const created = await fetch(`${world.api.url}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.api.internalToken}` },
      body: JSON.stringify({ signupTicket: signup!.ticket, nickname: '서연', agreeTerms: true }),
    });
    expect(created.status).toBe(200);

    // Nothing personal or secret in the log lines: no name, userKey, code, state or ticket.
    const text = logs.text();
    for (const secret of ['이서연', '410000002', query.authorizationCode!, query.state!, signup!.ticket]) {
      expect(text).not.toContain(secret);
    }
    expect(logs.lines.some((l) => l.msg === 'signup started' && l.provider === 'toss')).toBe(true);
  });

  it('a returning member: signed in — session in Redis, cookies set, back to returnTo', async () => {
    const { jar, outcome } = await login('lee-seoyeon');
    expect(outcome).toEqual({ kind: 'redirect', destination: '/notices' });
    const sid = jar.cookies.get('mfv_sid');
    expect(sid).toBeDefined();
    expect(jar.cookies.get('mfv_at')).toMatch(/^eyJ/);
    const record = await world.auth.store.get(sid!);
    expect(record).toMatchObject({ refreshToken: expect.any(String), userId: expect.any(String) });
    // The access token names the member by the nickname chosen at signup.
    const payload = JSON.parse(
      Buffer.from(jar.cookies.get('mfv_at')!.split('.')[1]!, 'base64url').toString(),
    );
    expect(payload.nickname).toBe('서연');
  });

  it('a person who shares nothing but the name still signs up (no other field is needed)', async () => {
    const { jar, outcome } = await login('oh-jiwon');
    expect(outcome).toEqual({ kind: 'redirect', destination: '/user/signup' });
    const signup = unseal<{ nickname?: string }>(
      world.auth.config.keys.seal,
      'signup',
      jar.cookies.get('mfv_signup')!,
    );
    expect(signup?.nickname).toBe('오지원');
  });

  it('a reused authorizationCode → invalid_grant with its Korean message (a fresh state does not help)', async () => {
    const first = await login('tran-thi-lan');
    expect(first.outcome.kind).toBe('redirect');
    // A new login in the same browser, but the old code replayed against the new state.
    const { jar, location } = start();
    const state = new URL(location).searchParams.get('state')!;
    const replay = await callback(jar, { ...first.query, state });
    expect(replay).toEqual({
      kind: 'error',
      code: 'invalid_grant',
      status: 400,
      message: '로그인 정보가 만료되었거나 이미 사용되었어요. 토스 로그인을 다시 진행해 주세요.',
    });
  });

  it('login-me fields with a broken GCM tag: refused cleanly, nobody signed in, a clear message', async () => {
    const { jar, outcome } = await login('min-harin');
    expect(outcome).toEqual({
      kind: 'error',
      code: 'TOSS_DECRYPT_FAILED',
      status: 502,
      message: LOGIN_MESSAGES.TOSS_DATA_INVALID,
    });
    expect(jar.cookies.has('mfv_sid')).toBe(false);
    expect(jar.cookies.has('mfv_signup')).toBe(false);
  });

  it('the wrong AAD in the app’s configuration: the same clean refusal', async () => {
    const wrongAad = world.deps({ TOSS_DECRYPT_AAD: 'not-the-console-aad' });
    const { jar, outcome } = await login('kim-minjun', wrongAad);
    expect(outcome).toMatchObject({
      kind: 'error',
      code: 'TOSS_DECRYPT_FAILED',
      message: LOGIN_MESSAGES.TOSS_DATA_INVALID,
    });
    expect(jar.cookies.has('mfv_signup')).toBe(false);
    // And the wrong key.
    const wrongKey = world.deps({ TOSS_DECRYPT_KEY: Buffer.alloc(32, 1).toString('base64') });
    expect((await login('kim-minjun', wrongKey)).outcome).toMatchObject({ code: 'TOSS_DECRYPT_FAILED' });
  });

  it('Toss failing upstream: login-me 500 and a generate-token body that is not JSON get their messages', async () => {
    expect((await login('kwak-doha')).outcome).toMatchObject({
      kind: 'error',
      code: 'INTERNAL_ERROR',
      status: 502,
      message: '토스 로그인 처리 중 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
    });
    expect((await login('pyo-jaehyun')).outcome).toMatchObject({
      kind: 'error',
      code: 'TOSS_INVALID_JSON',
      status: 502,
    });
  });

  it('refuses a callback without this browser’s state, with another state, or without a code', async () => {
    const { query } = { query: await appLogin(start().location, 'kim-minjun') };
    // No cookie at all (another browser, or the cookie expired).
    expect(await callback(new Jar(), query)).toMatchObject({ code: 'LOGIN_EXPIRED', status: 400 });

    const other = start();
    expect(await callback(other.jar, query)).toMatchObject({ code: 'LOGIN_STATE_MISMATCH' });
    // The state cookie is single use: a second callback in that browser has none.
    expect(await callback(other.jar, query)).toMatchObject({ code: 'LOGIN_EXPIRED' });

    const fresh = start();
    const state = new URL(fresh.location).searchParams.get('state')!;
    expect(await callback(fresh.jar, { state, referrer: 'sandbox' })).toMatchObject({ code: 'LOGIN_FAILED' });
    const again = start();
    const state2 = new URL(again.location).searchParams.get('state')!;
    expect(
      await callback(again.jar, {
        state: state2,
        authorizationCode: query.authorizationCode!,
        referrer: 'EVIL',
      }),
    ).toMatchObject({ code: 'LOGIN_FAILED' });

    // A tampered cookie is as good as none.
    const tampered = start();
    const sealed = tampered.jar.cookies.get('mfv_toss_login')!;
    tampered.jar.cookies.set('mfv_toss_login', `${sealed.slice(0, -2)}AA`);
    expect(
      await callback(tampered.jar, {
        ...query,
        state: new URL(tampered.location).searchParams.get('state')!,
      }),
    ).toMatchObject({ code: 'LOGIN_EXPIRED' });
  });

  it('the person closed the login sheet → back to the login page, quietly, keeping returnTo', async () => {
    const { jar, location } = start('/notice?tab=unread');
    const state = new URL(location).searchParams.get('state')!;
    expect(await callback(jar, { error: 'user_cancelled', state })).toEqual({
      kind: 'redirect',
      destination: '/user/login?returnTo=%2Fnotice%3Ftab%3Dunread',
    });
    // A cancel with another browser's state (or none) keeps nothing of this one: home.
    const other = start('/notice');
    expect(await callback(other.jar, { error: 'user_cancelled', state: 'not-mine' })).toEqual({
      kind: 'redirect',
      destination: '/user/login?returnTo=%2F',
    });
    // Any other error from the sheet is still a failure.
    const third = start('/notice');
    expect(await callback(third.jar, { error: 'server_error' })).toMatchObject({
      kind: 'error',
      code: 'LOGIN_FAILED',
    });
  });

  it('the api away → SERVICE_UNAVAILABLE (503); the Toss code is spent but nothing half-done remains', async () => {
    const down = {
      ...deps,
      auth: { ...deps.auth, config: { ...deps.auth.config, apiUrl: 'http://127.0.0.1:9' } },
    } as TossLoginDeps;
    const { jar, outcome } = await login('kim-minjun', down);
    expect(outcome).toMatchObject({ kind: 'error', code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(jar.cookies.has('mfv_sid')).toBe(false);
  });

  it('Toss login disabled (TOSS_LOGIN_ENABLED=false): start refuses, callback answers 404', async () => {
    const off = world.deps({ TOSS_LOGIN_ENABLED: 'false' });
    expect(() => start('/', off)).toThrow(/disabled/);
    expect(
      await callback(new Jar(), { state: 'x', authorizationCode: 'y', referrer: 'sandbox' }, off),
    ).toMatchObject({
      code: 'TOSS_UNAVAILABLE',
      status: 404,
    });
  });
});
