import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unseal } from '@mfv/auth';
import { completeTossLogin, type TossLoginDeps } from '../src/server/toss-login';
import { LOGIN_MESSAGES } from '../src/server/messages';
import { appLogin, captureLogs, exchange, Jar, startWorld, tossLoginAs, type World } from './toss-kit';
import { consentsFor } from '@mfv/api-contract';

let world: World;
let deps: TossLoginDeps;

beforeAll(async () => {
  world = await startWorld();
  deps = world.deps();
}, 60_000);

afterAll(async () => {
  await world?.close();
});

/** The whole flow for `persona`: appLogin() in the emulated app → the server half, returnTo /notices. */
async function login(persona: string, d: TossLoginDeps = deps, returnTo = '/notices') {
  const jar = new Jar();
  const { answer, outcome } = await tossLoginAs(d, world.sandbox.url, jar, persona, returnTo);
  return { jar, query: answer, outcome };
}

/** The server half with a given body, in a fresh browser. */
async function post(body: Parameters<typeof completeTossLogin>[3], d: TossLoginDeps = deps) {
  const jar = new Jar();
  const ex = exchange(jar);
  const outcome = await completeTossLogin(d, ex.req, ex.res, body);
  ex.commit();
  return { jar, outcome };
}

describe('Toss login in the user remote (sandbox over mTLS, real api and Redis)', () => {
  it('a new person: generate-token + login-me over mTLS → signup ticket, nickname suggested from the name', async () => {
    const logs = captureLogs();
    let result;
    try {
      result = await login('lee-seoyeon');
    } finally {
      logs.restore();
    }
    const { jar, query, outcome } = result;
    expect(outcome).toEqual({ kind: 'ok', redirectTo: '/user/signup' });
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
      body: JSON.stringify({ signupTicket: signup!.ticket, nickname: '서연', consents: consentsFor() }),
    });
    expect(created.status).toBe(200);

    // Nothing personal or secret in the log lines: no name, userKey, code or ticket.
    const text = logs.text();
    for (const secret of ['이서연', '410000002', query.authorizationCode, signup!.ticket]) {
      expect(text).not.toContain(secret);
    }
    expect(logs.lines.some((l) => l.msg === 'signup started' && l.provider === 'toss')).toBe(true);
  });

  it('a returning member: signed in — session in Redis, cookies set, back to returnTo', async () => {
    const { jar, outcome } = await login('lee-seoyeon');
    expect(outcome).toEqual({ kind: 'ok', redirectTo: '/notices' });
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
    expect(outcome).toEqual({ kind: 'ok', redirectTo: '/user/signup' });
    const signup = unseal<{ nickname?: string }>(
      world.auth.config.keys.seal,
      'signup',
      jar.cookies.get('mfv_signup')!,
    );
    expect(signup?.nickname).toBe('오지원');
  });

  it('a reused authorizationCode → invalid_grant with its Korean message (another browser does not help)', async () => {
    const first = await login('tran-thi-lan');
    expect(first.outcome.kind).toBe('ok');
    const replay = await post({ ...first.query, returnTo: '/notices' });
    expect(replay.outcome).toEqual({
      kind: 'error',
      code: 'invalid_grant',
      status: 400,
      message: '로그인 정보가 만료되었거나 이미 사용되었어요. 토스 로그인을 다시 진행해 주세요.',
    });
    expect(replay.jar.cookies.has('mfv_sid')).toBe(false);
  });

  it('returnTo is kept only as a same-origin path; a foreign one becomes "/"', async () => {
    expect((await login('lee-seoyeon', deps, 'https://evil.example/')).outcome).toEqual({
      kind: 'ok',
      redirectTo: '/',
    });
    expect((await login('lee-seoyeon', deps, '//evil.example/x')).outcome).toEqual({
      kind: 'ok',
      redirectTo: '/',
    });
    expect((await login('lee-seoyeon', deps, '/notice?tab=unread')).outcome).toEqual({
      kind: 'ok',
      redirectTo: '/notice?tab=unread',
    });
  });

  it('the referrer appLogin returned goes to generate-token unchanged: another one spends the code', async () => {
    const answer = await appLogin(world.sandbox.url, 'kim-minjun');
    expect(answer.referrer).toBe('sandbox');
    expect((await post({ ...answer, referrer: 'DEFAULT' })).outcome).toMatchObject({
      kind: 'error',
      code: 'invalid_grant',
      status: 400,
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

  it('the api away → SERVICE_UNAVAILABLE (503); the Toss code is spent but nothing half-done remains', async () => {
    const down = {
      ...deps,
      auth: { ...deps.auth, config: { ...deps.auth.config, apiUrl: 'http://127.0.0.1:9' } },
    } as TossLoginDeps;
    const { jar, outcome } = await login('kim-minjun', down);
    expect(outcome).toMatchObject({ kind: 'error', code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(jar.cookies.has('mfv_sid')).toBe(false);
  });

  it('Toss login disabled (TOSS_LOGIN_ENABLED=false): the exchange is refused before any call to Toss', async () => {
    const off = world.deps({ TOSS_LOGIN_ENABLED: 'false' });
    const answer = await appLogin(world.sandbox.url, 'kim-minjun');
    expect((await post(answer, off)).outcome).toMatchObject({ code: 'TOSS_UNAVAILABLE', status: 503 });
    // The code was not spent: Toss was never called.
    expect((await post(answer)).outcome).toMatchObject({ kind: 'ok' });
  });
});
