import type { NextApiRequest, NextApiResponse } from 'next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, createAuth, createRevocationList, unseal } from '@mfv/auth';
import type { TossLoginDeps } from '../src/server/toss-login';
import { basicAuthMatches, createTossUnlinkHandler, type TossUnlinkDeps } from '../src/server/toss-unlink';
import {
  captureLogs,
  exchange,
  Jar,
  serveApi,
  startWorld,
  TEST_UNLINK,
  tossLoginAs,
  type World,
} from './toss-kit';
import { consentsFor } from '@mfv/api-contract';

let world: World;
let deps: TossLoginDeps;
let unlinkDeps: () => TossUnlinkDeps;
let endpoint: { url: string; close(): Promise<void> };
let handler: (req: NextApiRequest, res: NextApiResponse) => unknown = () => undefined;

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
const GOOD = basic(TEST_UNLINK.user, TEST_UNLINK.password);

beforeAll(async () => {
  // The route over real HTTP, so the sandbox can call it the way Toss calls the platform.
  endpoint = await serveApi((req, res) => handler(req, res));
  world = await startWorld({ unlinkUrl: () => `${endpoint.url}/user/api/toss/unlink` });
  deps = world.deps();
  unlinkDeps = () => ({ auth: world.auth, settings: deps.settings });
  handler = createTossUnlinkHandler(() => unlinkDeps());
}, 60_000);

afterAll(async () => {
  await world?.close();
  await endpoint?.close();
});

async function signIn(persona: string): Promise<Jar> {
  const jar = new Jar();
  const { outcome } = await tossLoginAs(deps, world.sandbox.url, jar, persona);
  if (outcome.kind === 'ok' && outcome.redirectTo === '/user/signup') {
    // First time: the signup form (api side), then sign in again.
    const state = unseal<{ ticket: string }>(
      world.auth.config.keys.seal,
      'signup',
      jar.cookies.get('mfv_signup')!,
    );
    const res = await fetch(`${world.api.url}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.api.internalToken}` },
      body: JSON.stringify({ signupTicket: state!.ticket, nickname: persona, consents: consentsFor() }),
    });
    if (!res.ok) throw new Error(`signup ${res.status}`);
    return signIn(persona);
  }
  if (outcome.kind !== 'ok') throw new Error(`login failed: ${outcome.code}`);
  return jar;
}

function trigger(body: unknown) {
  return fetch(`${world.sandbox.url}/toss/admin/unlink`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const unlinkCall = (init: { method?: string; auth?: string; body?: unknown; query?: string }) =>
  fetch(`${endpoint.url}/user/api/toss/unlink${init.query ?? ''}`, {
    method: init.method ?? 'POST',
    headers: {
      ...(init.auth !== undefined ? { authorization: init.auth } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });

describe('Toss unlink callback', () => {
  it('the sandbox’s unlink trigger → the callback (Basic auth) → every session of that member ends', async () => {
    const phone = await signIn('kim-minjun');
    const laptop = await signIn('kim-minjun');
    const other = await signIn('tran-thi-lan');
    const sids = [phone, laptop].map((j) => j.cookies.get('mfv_sid')!);
    for (const sid of sids) expect(await world.auth.store.get(sid)).not.toBeNull();

    const logs = captureLogs();
    let res: Response;
    try {
      res = await trigger({ userKey: 410000001, referrer: 'UNLINK' });
    } finally {
      logs.restore();
    }
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ delivered: true, status: 200, referrer: 'UNLINK' });

    // The Redis records are gone and the api refuses the sessions at once …
    for (const sid of sids) expect(await world.auth.store.get(sid)).toBeNull();
    for (const jar of [phone, laptop]) {
      const verify = await fetch(`${world.api.url}/auth/verify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jar.cookies.get('mfv_at')}` },
      });
      expect((await verify.json()).code).toBe('SESSION_REVOKED');
    }
    // … so an app asking the api (AUTH_MODE=remote) sees the person signed out now (local mode, with
    // its revocation list, within a second: the next test).
    const remote = createAuth({ config: { ...world.auth.config, mode: 'remote' }, store: world.auth.store });
    const ex = exchange(phone);
    await expect(remote.authenticate(ex.req, ex.res, false)).rejects.toBeInstanceOf(AuthError);

    // Someone else's session is untouched.
    expect(await world.auth.store.get(other.cookies.get('mfv_sid')!)).not.toBeNull();
    const otherEx = exchange(other);
    await expect(remote.authenticate(otherEx.req, otherEx.res, false)).resolves.toMatchObject({
      nickname: 'tran-thi-lan',
    });

    // The log says what happened, with counts and no userKey.
    const line = logs.lines.find((l) => l.msg === 'toss unlink');
    // Three sessions: the one the signup opened, then phone and laptop.
    expect(line).toMatchObject({
      referrer: 'UNLINK',
      linked: true,
      revokedSessions: 3,
      droppedSessionRecords: 3,
    });
    expect(logs.text()).not.toContain('410000001');
  });

  it('local mode: every process refuses the member’s access tokens within 1 s of the callback (cached tokens, pages, token alone)', async () => {
    // Another server process: its own verified-token cache and revocation list (AUTH_MODE=local).
    const revocations = createRevocationList(world.auth.config);
    const other = createAuth({ config: world.auth.config, store: world.auth.store, revocations });
    try {
      const jar = await signIn('lee-seoyeon');
      const tokenOnly = new Jar();
      tokenOnly.cookies.set('mfv_at', jar.cookies.get('mfv_at')!);
      const accepted = async (auth: typeof other, cookies: Jar) => {
        const { req, res } = exchange(cookies);
        return auth.authenticate(req, res, false).then(
          () => true,
          (error: unknown) => {
            if (error instanceof AuthError) return false;
            throw error;
          },
        );
      };
      // Warm: verified once, so both processes answer from their caches from now on.
      for (const auth of [world.auth, other]) {
        expect(await accepted(auth, jar)).toBe(true);
        expect(await accepted(auth, tokenOnly)).toBe(true);
      }
      const page = exchange(jar);
      expect((await other.getViewer(page.req, page.res)).status).toBe('signed-in');

      const res = await trigger({ userKey: 410000002, referrer: 'UNLINK' });
      expect((await res.json()).delivered).toBe(true);
      const answered = performance.now();
      let delay = Number.POSITIVE_INFINITY;
      while (performance.now() - answered < 3_000) {
        const still = await Promise.all(
          [world.auth, other].flatMap((auth) => [accepted(auth, jar), accepted(auth, tokenOnly)]),
        );
        if (still.every((ok) => !ok)) {
          delay = performance.now() - answered;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(delay).toBeLessThan(1_000);
      const after = exchange(jar);
      expect((await other.getViewer(after.req, after.res)).status).toBe('anonymous');
      console.info(`local-mode refusal after the Toss unlink callback: ${delay.toFixed(0)} ms`);
    } finally {
      revocations.stop();
    }
  });

  it('each referrer (UNLINK, WITHDRAWAL_TERMS, WITHDRAWAL_TOSS) is accepted; unknown people get 200 too', async () => {
    for (const referrer of ['WITHDRAWAL_TERMS', 'WITHDRAWAL_TOSS']) {
      const jar = await signIn('oh-jiwon');
      const res = await trigger({ userKey: 410000003, referrer });
      expect((await res.json()).delivered).toBe(true);
      expect(await world.auth.store.get(jar.cookies.get('mfv_sid')!)).toBeNull();
    }
    const nobody = await unlinkCall({ auth: GOOD, body: { userKey: 987654321, referrer: 'UNLINK' } });
    expect(nobody.status).toBe(200);
    expect(await nobody.json()).toEqual({ ok: true });
  });

  it('GET with query parameters (the console’s other option) works the same', async () => {
    const jar = await signIn('lee-seoyeon');
    const res = await unlinkCall({ method: 'GET', auth: GOOD, query: '?userKey=410000002&referrer=UNLINK' });
    expect(res.status).toBe(200);
    expect(await world.auth.store.get(jar.cookies.get('mfv_sid')!)).toBeNull();
  });

  it('refuses callers without the console’s Basic credentials (401 + WWW-Authenticate), before reading the body', async () => {
    const jar = await signIn('lee-seoyeon');
    for (const auth of [
      undefined,
      '',
      basic(TEST_UNLINK.user, 'wrong-password'),
      basic('someone-else', TEST_UNLINK.password),
      basic(TEST_UNLINK.user, `${TEST_UNLINK.password}x`),
      basic(TEST_UNLINK.user, TEST_UNLINK.password.slice(0, -1)),
      `Bearer ${Buffer.from(`${TEST_UNLINK.user}:${TEST_UNLINK.password}`).toString('base64')}`,
      'Basic !!!not-base64!!!',
      GOOD.toLowerCase(),
    ]) {
      const res = await unlinkCall({ auth, body: { userKey: 410000002, referrer: 'UNLINK' } });
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    // A malformed body without credentials is still 401, not 400.
    expect((await unlinkCall({ body: { nope: true } })).status).toBe(401);
    // Nothing happened to the session.
    expect(await world.auth.store.get(jar.cookies.get('mfv_sid')!)).not.toBeNull();

    // The sandbox configured with other credentials: Toss would see the platform refuse.
    const wrong = createTossUnlinkHandler(() => ({
      auth: world.auth,
      settings: () => ({
        ...(deps.settings() as Extract<ReturnType<typeof deps.settings>, { enabled: true }>),
        unlink: { user: 'x', password: 'y' },
      }),
    }));
    const previous = handler;
    handler = wrong;
    try {
      const res = await trigger({ userKey: 410000002, referrer: 'UNLINK' });
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ delivered: false, status: 401 });
    } finally {
      handler = previous;
    }
  });

  it('basicAuthMatches compares the whole user:password in constant time', () => {
    const expected = { user: 'a', password: 'b:c' };
    expect(basicAuthMatches(basic('a', 'b:c'), expected)).toBe(true);
    expect(basicAuthMatches(`basic   ${Buffer.from('a:b:c').toString('base64')}`, expected)).toBe(true);
    expect(basicAuthMatches(basic('a', 'b'), expected)).toBe(false);
    expect(basicAuthMatches(basic('a:b', 'c'), { user: 'a', password: 'b:d' })).toBe(false);
    expect(basicAuthMatches(undefined, expected)).toBe(false);
  });

  it('validates the body: userKey a non-negative int64, referrer one of the three', async () => {
    for (const body of [
      {},
      { userKey: 410000002 },
      { referrer: 'UNLINK' },
      { userKey: -1, referrer: 'UNLINK' },
      { userKey: 1.5, referrer: 'UNLINK' },
      { userKey: '12a', referrer: 'UNLINK' },
      { userKey: '9223372036854775808', referrer: 'UNLINK' },
      { userKey: 410000002, referrer: 'unlink' },
      { userKey: 410000002, referrer: 'LOGOUT' },
      { userKey: [410000002], referrer: 'UNLINK' },
    ]) {
      const res = await unlinkCall({ auth: GOOD, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).code).toBe('INVALID_UNLINK');
    }
    expect((await unlinkCall({ method: 'GET', auth: GOOD, query: '?userKey=1' })).status).toBe(400);
    // int64 as a string is accepted (larger than a JSON number can carry exactly).
    expect(
      (await unlinkCall({ auth: GOOD, body: { userKey: '9223372036854775807', referrer: 'UNLINK' } })).status,
    ).toBe(200);
  });

  it('malformed, oversized or non-JSON bodies: 400 / 413 / 415 as JSON {code, message} (F7)', async () => {
    const raw = (body: string, type = 'application/json') =>
      fetch(`${endpoint.url}/user/api/toss/unlink`, {
        method: 'POST',
        headers: { authorization: GOOD, 'content-type': type },
        body,
      });
    for (const [res, status, code] of [
      [await raw('{"userKey": 1,'), 400, 'INVALID_JSON'],
      [
        await raw(JSON.stringify({ userKey: 1, referrer: 'UNLINK', pad: 'x'.repeat(4096) })),
        413,
        'BODY_TOO_LARGE',
      ],
      [
        await raw('userKey=1&referrer=UNLINK', 'application/x-www-form-urlencoded'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
    ] as const) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe(code);
      expect(body.message).toMatch(/요/);
    }
  });

  it('other methods: 405 with Allow', async () => {
    const res = await unlinkCall({ method: 'PUT', auth: GOOD, body: { userKey: 1, referrer: 'UNLINK' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
  });

  it('the api away: 503 with Retry-After (Toss retries); Toss login disabled: 404', async () => {
    const previous = handler;
    try {
      handler = createTossUnlinkHandler(() => ({
        auth: { ...world.auth, config: { ...world.auth.config, apiUrl: 'http://127.0.0.1:9' } },
        settings: deps.settings,
      }));
      const down = await unlinkCall({ auth: GOOD, body: { userKey: 410000002, referrer: 'UNLINK' } });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('3');

      handler = createTossUnlinkHandler(() => ({ auth: world.auth, settings: () => ({ enabled: false }) }));
      expect((await unlinkCall({ auth: GOOD, body: { userKey: 1, referrer: 'UNLINK' } })).status).toBe(404);
    } finally {
      handler = previous;
    }
  });
});
