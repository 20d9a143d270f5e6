import { createDecipheriv } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { FAULT_HEADER } from '../src/faults.js';
import {
  TOSS_EXISTING_MEMBER,
  TOSS_FOREIGNER,
  TOSS_LOGIN_ME_ERROR,
  TOSS_MALFORMED_TOKEN,
  TOSS_NAME_ONLY,
  TOSS_NEW_MEMBER,
  TOSS_PERSONAS,
  TOSS_TAMPERED_FIELDS,
  type TossPersona,
} from '../src/providers/toss/personas.js';
import { sandboxCi } from '../src/sandbox-identity.js';
import { TEST_APPS, testClock } from './helpers.js';
import {
  LOGIN_API,
  TOSS_AAD,
  TOSS_KEY,
  appLogin,
  openField,
  startToss,
  testCerts,
  tokensFor,
  tossOptions,
  tossRequest,
} from './toss-helpers.js';

beforeAll(async () => {
  await testCerts();
}, 60_000);

function me(mtls: string, accessToken: string, headers: Record<string, string> = {}) {
  return tossRequest(mtls, `${LOGIN_API}/login-me`, {
    headers: { authorization: `Bearer ${accessToken}`, ...headers },
  });
}

describe("Toss WebView bridge emulator (the app's side of appLogin())", () => {
  it('bridge.js plays the app: constants for getOperationalEnvironment, appLogin answered through the emitter', async () => {
    const { url } = await startToss();
    const res = await fetch(`${url}/toss/bridge.js?persona=${TOSS_EXISTING_MEMBER.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const script = await res.text();
    expect(script).toContain('"getOperationalEnvironment":"sandbox"');
    expect(script).toContain(`${url}/toss/bridge/app-login`);
    expect(script).toContain('window.ReactNativeWebView');
  });

  it('refuses an unknown persona or outcome; cancel and error need no persona', async () => {
    const { url } = await startToss();
    expect((await fetch(`${url}/toss/bridge.js?persona=nobody`)).status).toBe(400);
    expect((await fetch(`${url}/toss/bridge.js`)).status).toBe(400);
    expect(
      (await fetch(`${url}/toss/bridge.js?persona=${TOSS_EXISTING_MEMBER.id}&outcome=maybe`)).status,
    ).toBe(400);
    for (const outcome of ['cancel', 'error']) {
      const res = await fetch(`${url}/toss/bridge.js?outcome=${outcome}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`const OUTCOME = "${outcome}"`);
    }
  });

  it('the login sheet mints a single-use authorizationCode with referrer=sandbox, readable cross-origin', async () => {
    const { url, mtls } = await startToss();
    const res = await fetch(`${url}/toss/bridge/app-login`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://localhost:8080' },
      body: JSON.stringify({ persona: TOSS_EXISTING_MEMBER.id }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { authorizationCode: string; referrer: string };
    expect(body.authorizationCode).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.referrer).toBe('sandbox');
    const exchange = () =>
      tossRequest(mtls, `${LOGIN_API}/generate-token`, {
        body: { authorizationCode: body.authorizationCode, referrer: body.referrer },
      });
    expect((await exchange()).status).toBe(200);
    expect((await exchange()).status).not.toBe(200);
    const unknown = await fetch(`${url}/toss/bridge/app-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'nobody' }),
    });
    expect(unknown.status).toBe(400);
  });
});

describe('Toss generate-token, refresh-token, login-me', () => {
  it("generate-token answers Toss's envelope: Bearer, access and refresh token, expiresIn, scope", async () => {
    const { url, mtls } = await startToss();
    const q = await appLogin(url, TOSS_EXISTING_MEMBER.id);
    const res = await tossRequest(mtls, `${LOGIN_API}/generate-token`, {
      body: { authorizationCode: q.get('authorizationCode'), referrer: 'sandbox' },
    });
    expect(res.status).toBe(200);
    expect(res.json.resultType).toBe('SUCCESS');
    expect(res.json.success).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: '3600',
      scope: 'user_name,user_phone,user_birthday,user_ci,user_gender,user_nationality,user_email,user_key',
    });
  });

  it('login-me: userKey, scope, agreedTerms and AES-256-GCM fields that open with the configured key and AAD', async () => {
    const { url, mtls } = await startToss();
    const tokens = await tokensFor(url, mtls, TOSS_EXISTING_MEMBER.id);
    const res = await me(mtls, tokens.accessToken);
    expect(res.status).toBe(200);
    const s = res.json.success as Record<string, unknown>;
    expect(s).toMatchObject({
      userKey: 410000001,
      agreedTerms: ['terms_service', 'terms_privacy', 'terms_marketing'],
      di: null,
    });
    expect(String(s.scope).split(',')).toContain('user_key');
    const open = (name: string) => openField(String(s[name]));
    expect(open('name')).toBe('김민준');
    expect(open('phone')).toBe('01041000001');
    expect(open('birthday')).toBe('19900315');
    expect(open('gender')).toBe('MALE');
    expect(open('nationality')).toBe('LOCAL');
    expect(open('email')).toBe('minjun.kim@example.com');
    expect(open('ci')).toBe(sandboxCi('kim-minjun'));
    // Layout: 12-byte IV first, 16-byte tag last.
    const raw = Buffer.from(String(s.name), 'base64');
    expect(raw.length).toBe(12 + Buffer.byteLength('김민준') + 16);
  });

  it('a wrong AAD, a wrong key or a changed tag does not open', async () => {
    const { url, mtls } = await startToss();
    const tokens = await tokensFor(url, mtls, TOSS_EXISTING_MEMBER.id);
    const name = String(((await me(mtls, tokens.accessToken)).json.success as Record<string, unknown>).name);
    expect(() => openField(name, TOSS_KEY, `${TOSS_AAD}x`)).toThrow();
    expect(() => openField(name, Buffer.alloc(32, 8), TOSS_AAD)).toThrow();
    const raw = Buffer.from(name, 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => openField(raw.toString('base64'))).toThrow();
    // Sanity: the unchanged value does open.
    expect(openField(name)).toBe('김민준');
  });

  it('fields the user did not agree to, and an email the account lacks, are null', async () => {
    const { url, mtls } = await startToss();
    const only = (await me(mtls, (await tokensFor(url, mtls, TOSS_NAME_ONLY.id)).accessToken)).json
      .success as Record<string, unknown>;
    expect(openField(String(only.name))).toBe('오지원');
    for (const f of ['phone', 'birthday', 'ci', 'gender', 'nationality', 'email']) expect(only[f]).toBeNull();
    expect(only.scope).toBe('user_name,user_key');
    const noMail = (await me(mtls, (await tokensFor(url, mtls, TOSS_NEW_MEMBER.id)).accessToken)).json
      .success as Record<string, unknown>;
    expect(noMail.email).toBeNull();
    expect(openField(String(noMail.gender))).toBe('FEMALE');
    const foreign = (await me(mtls, (await tokensFor(url, mtls, TOSS_FOREIGNER.id)).accessToken)).json
      .success as Record<string, unknown>;
    expect(openField(String(foreign.nationality))).toBe('FOREIGNER');
  });

  it('a reused authorization code → 400 invalid_grant, and the tokens issued from it are revoked', async () => {
    const { url, mtls } = await startToss();
    const q = await appLogin(url, TOSS_EXISTING_MEMBER.id);
    const body = { authorizationCode: q.get('authorizationCode'), referrer: 'sandbox' };
    const first = await tossRequest(mtls, `${LOGIN_API}/generate-token`, { body });
    const access = (first.json.success as { accessToken: string }).accessToken;
    expect((await me(mtls, access)).status).toBe(200);
    const again = await tossRequest(mtls, `${LOGIN_API}/generate-token`, { body });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({
      resultType: 'FAIL',
      error: { errorCode: 'invalid_grant', reason: expect.any(String) },
    });
    expect((await me(mtls, access)).status).toBe(401);
  });

  it('an expired authorization code (10 minutes) → invalid_grant', async () => {
    const clock = testClock();
    const { url, mtls } = await startToss({}, clock);
    const q = await appLogin(url, TOSS_EXISTING_MEMBER.id);
    clock.advance(10 * 60 * 1000);
    const res = await tossRequest(mtls, `${LOGIN_API}/generate-token`, {
      body: { authorizationCode: q.get('authorizationCode'), referrer: 'sandbox' },
    });
    expect(res.status).toBe(400);
    expect((res.json.error as { errorCode: string }).errorCode).toBe('invalid_grant');
  });

  it("a referrer other than the code's → invalid_grant (and the code is spent)", async () => {
    const { url, mtls } = await startToss();
    const q = await appLogin(url, TOSS_EXISTING_MEMBER.id);
    const code = q.get('authorizationCode');
    const wrong = await tossRequest(mtls, `${LOGIN_API}/generate-token`, {
      body: { authorizationCode: code, referrer: 'DEFAULT' },
    });
    expect((wrong.json.error as { errorCode: string }).errorCode).toBe('invalid_grant');
    const right = await tossRequest(mtls, `${LOGIN_API}/generate-token`, {
      body: { authorizationCode: code, referrer: 'sandbox' },
    });
    expect(right.status).toBe(400);
  });

  it('missing fields → 400 INVALID_PARAMETER', async () => {
    const { mtls } = await startToss();
    const res = await tossRequest(mtls, `${LOGIN_API}/generate-token`, { body: { authorizationCode: 'x' } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ resultType: 'FAIL', error: { errorCode: 'INVALID_PARAMETER' } });
  });

  it('refresh-token gives a new access token; an unknown one → invalid_grant; both expire on time', async () => {
    const clock = testClock();
    const { url, mtls } = await startToss({}, clock);
    const tokens = await tokensFor(url, mtls, TOSS_EXISTING_MEMBER.id);
    clock.advance(3600 * 1000);
    expect((await me(mtls, tokens.accessToken)).status).toBe(401);
    const refreshed = await tossRequest(mtls, `${LOGIN_API}/refresh-token`, {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    const next = refreshed.json.success as { accessToken: string; refreshToken: string };
    expect(next.accessToken).not.toBe(tokens.accessToken);
    expect(next.refreshToken).toBe(tokens.refreshToken);
    expect((await me(mtls, next.accessToken)).status).toBe(200);
    const unknown = await tossRequest(mtls, `${LOGIN_API}/refresh-token`, { body: { refreshToken: 'nope' } });
    expect((unknown.json.error as { errorCode: string }).errorCode).toBe('invalid_grant');
    clock.advance(14 * 24 * 3600 * 1000);
    const late = await tossRequest(mtls, `${LOGIN_API}/refresh-token`, {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(late.status).toBe(400);
  });

  it('login-me without a bearer or with an unknown one → 401 invalid_token', async () => {
    const { mtls } = await startToss();
    const none = await tossRequest(mtls, `${LOGIN_API}/login-me`);
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ resultType: 'FAIL', error: { errorCode: 'invalid_token' } });
    expect((await me(mtls, 'unknown')).status).toBe(401);
  });
});

describe('Toss faults', () => {
  it('tamper persona: every field fails to open with the right key and AAD', async () => {
    const { url, mtls } = await startToss();
    const s = (await me(mtls, (await tokensFor(url, mtls, TOSS_TAMPERED_FIELDS.id)).accessToken)).json
      .success as Record<string, unknown>;
    for (const f of ['name', 'phone', 'birthday', 'ci', 'gender', 'nationality', 'email']) {
      expect(() => openField(String(s[f]))).toThrow();
    }
  });

  it("login-me error persona answers 500 in Toss's envelope", async () => {
    const { url, mtls } = await startToss();
    const res = await me(mtls, (await tokensFor(url, mtls, TOSS_LOGIN_ME_ERROR.id)).accessToken);
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ resultType: 'FAIL', error: { errorCode: 'INTERNAL_ERROR' } });
  });

  it('malformed persona: generate-token answers 200 with a body that does not parse', async () => {
    const { url, mtls } = await startToss();
    const q = await appLogin(url, TOSS_MALFORMED_TOKEN.id);
    const res = await tossRequest(mtls, `${LOGIN_API}/generate-token`, {
      body: { authorizationCode: q.get('authorizationCode'), referrer: 'sandbox' },
    });
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text) as unknown).toThrow();
  });

  it('header faults reach the mTLS listener: tamper on login-me, status on generate-token', async () => {
    const { url, mtls } = await startToss();
    const tokens = await tokensFor(url, mtls, TOSS_EXISTING_MEMBER.id);
    const s = (await me(mtls, tokens.accessToken, { [FAULT_HEADER]: 'tamper' })).json.success as Record<
      string,
      unknown
    >;
    expect(() => openField(String(s.name))).toThrow();
    const res = await tossRequest(mtls, `${LOGIN_API}/generate-token`, {
      body: { authorizationCode: 'x', referrer: 'sandbox' },
      headers: { [FAULT_HEADER]: 'status:503' },
    });
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ resultType: 'FAIL', error: { errorCode: 'INTERNAL_ERROR' } });
  });

  it('refuses at startup a persona fault the step does not support', async () => {
    const bad: TossPersona = {
      ...TOSS_EXISTING_MEMBER,
      id: 'x',
      userKey: 1,
      faults: { generateToken: 'tamper' },
    };
    const options = await tossOptions({ personas: [bad] });
    expect(() => buildApp({ kakao: TEST_APPS, toss: options })).toThrow(/toss\.faults\.generateToken/);
    const all = buildApp({ kakao: TEST_APPS, toss: { ...(await tossOptions()), personas: TOSS_PERSONAS } });
    expect(all.sandbox.toss?.ctx.personas.size).toBe(TOSS_PERSONAS.length);
    await all.close();
  });

  it('the sealing really is AES-256-GCM with a 12-byte IV (decrypted here by hand)', async () => {
    const { url, mtls } = await startToss();
    const s = (await me(mtls, (await tokensFor(url, mtls, TOSS_EXISTING_MEMBER.id)).accessToken)).json
      .success as Record<string, unknown>;
    const raw = Buffer.from(String(s.birthday), 'base64');
    const d = createDecipheriv('aes-256-gcm', TOSS_KEY, raw.subarray(0, 12));
    d.setAAD(Buffer.from(TOSS_AAD));
    d.setAuthTag(raw.subarray(-16));
    expect(Buffer.concat([d.update(raw.subarray(12, -16)), d.final()]).toString()).toBe('19900315');
  });
});

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

const servers: { close(cb: () => void): void }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** The platform's unlink callback, recording what Toss (the sandbox) sent. */
async function platformCallback(status = 200) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/toss/unlink` };
}

function unlink(base: string, body: unknown) {
  return fetch(`${base}/toss/admin/unlink`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('Toss unlink callback trigger (POST /toss/admin/unlink)', () => {
  const basicAuth = { user: 'toss-callback', password: 'p@ss:word' };

  it("calls the configured callback with Basic auth and {userKey, referrer}; revokes the user's tokens", async () => {
    const platform = await platformCallback();
    const { url, mtls } = await startToss({ unlink: { url: platform.url, basicAuth } });
    const tokens = await tokensFor(url, mtls, TOSS_EXISTING_MEMBER.id);
    const res = await unlink(url, { userKey: TOSS_EXISTING_MEMBER.userKey, referrer: 'WITHDRAWAL_TERMS' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      delivered: true,
      status: 200,
      referrer: 'WITHDRAWAL_TERMS',
      revokedTokens: 2,
    });
    expect(platform.received).toHaveLength(1);
    const call = platform.received[0];
    expect(call?.method).toBe('POST');
    expect(call?.authorization).toBe(`Basic ${Buffer.from('toss-callback:p@ss:word').toString('base64')}`);
    expect(call?.contentType).toBe('application/json');
    expect(JSON.parse(call?.body ?? '')).toEqual({
      userKey: TOSS_EXISTING_MEMBER.userKey,
      referrer: 'WITHDRAWAL_TERMS',
    });
    expect((await me(mtls, tokens.accessToken)).status).toBe(401);
  });

  it('GET mode sends userKey and referrer as query parameters', async () => {
    const platform = await platformCallback();
    const { url } = await startToss({ unlink: { url: platform.url, basicAuth, method: 'GET' } });
    expect((await unlink(url, { userKey: 7, referrer: 'UNLINK' })).status).toBe(200);
    expect(platform.received[0]?.method).toBe('GET');
    expect(platform.received[0]?.url).toBe('/toss/unlink?userKey=7&referrer=UNLINK');
  });

  it('reports a platform that answers 500 as not delivered (502)', async () => {
    const platform = await platformCallback(500);
    const { url } = await startToss({ unlink: { url: platform.url, basicAuth } });
    const res = await unlink(url, { userKey: 7, referrer: 'WITHDRAWAL_TOSS' });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ delivered: false, status: 500 });
  });

  it('refuses a bad referrer or userKey (400), and answers 409 without a configured URL', async () => {
    const platform = await platformCallback();
    const { url } = await startToss({ unlink: { url: platform.url, basicAuth } });
    expect((await unlink(url, { userKey: 7, referrer: 'LOGOUT' })).status).toBe(400);
    expect((await unlink(url, { userKey: '7', referrer: 'UNLINK' })).status).toBe(400);
    expect(platform.received).toHaveLength(0);
    const bare = await startToss();
    expect((await unlink(bare.url, { userKey: 7, referrer: 'UNLINK' })).status).toBe(409);
  });
});
