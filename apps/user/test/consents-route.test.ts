/**
 * POST /user/api/signup and POST /user/api/consents — the route files behind Next's API resolver,
 * over real HTTP, with the sandbox (emulated Toss app + partner API over mTLS), the api (PGlite) and
 * a redis-server: a Toss login leaves the signup ticket, the signup sends each consent item with
 * its document version, 내 정보 gives and withdraws the optional one. The api's own records are
 * read back from its database.
 */
import { CONSENT_ITEMS, consentItem, consentsFor, type ConsentItemId } from '@mfv/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, serve, type Served } from './support/serve';
import { appLogin, ORIGIN, startWorld, type World, routeEnv } from './toss-kit';

const KOREAN_SENTENCE = /[가-힣].*요\.$/;
const REQUIRED = CONSENT_ITEMS.filter((i) => i.required).map((i) => i.id);
const MARKETING = consentItem('marketing');

let world: World;
let served: Served;
let base: string;
const saved = { ...process.env };
let nextIp = 1;

beforeAll(async () => {
  world = await startWorld();
  // Before the routes' first request: the runtime reads the environment once.
  Object.assign(process.env, routeEnv(world, 'user-consents-route-cookie-secret-0123456789'));
  served = await serve(
    apiRoutes({
      '/user/api/login/toss': (await import('../src/pages/api/login/toss')).default,
      '/user/api/auth/csrf': (await import('../src/pages/api/auth/csrf')).default,
      '/user/api/signup': (await import('../src/pages/api/signup')).default,
      '/user/api/consents': (await import('../src/pages/api/consents')).default,
    }),
  );
  base = served.base;
}, 90_000);

afterAll(async () => {
  await served?.close();
  await world?.close();
  process.env = saved;
});

/** A browser: its cookies, its address, and the CSRF token of its current session. */
class Browser {
  readonly cookies = new Map<string, string>();
  readonly ip = `198.51.100.${nextIp++}`;
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const value = pair!.slice(at + 1);
      if (value === '' || /Max-Age=0/i.test(line)) this.cookies.delete(pair!.slice(0, at));
      else this.cookies.set(pair!.slice(0, at), value);
    }
  }
  async csrf(): Promise<string> {
    const res = await fetch(`${base}/user/api/auth/csrf`, {
      headers: { cookie: this.header(), 'x-forwarded-for': this.ip },
    });
    this.take(res);
    return ((await res.json()) as { token: string }).token;
  }
  async post(
    path: string,
    body: unknown,
    options: { token?: string; origin?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = {
      cookie: this.header(),
      'x-forwarded-for': this.ip,
      'content-type': 'application/json',
      accept: 'application/json',
      origin: options.origin ?? ORIGIN,
    };
    if (options.token !== undefined) headers['x-csrf-token'] = options.token;
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    this.take(res);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  /** The Toss login of `persona`, who is not a member: leaves the sealed signup ticket. */
  async loginAsNewPerson(persona: string): Promise<void> {
    const answer = await appLogin(world.sandbox.url, persona);
    const login = await this.post('/user/api/login/toss', answer, { token: await this.csrf() });
    expect(login.body).toEqual({ redirectTo: '/user/signup' });
  }
  async signUp(consents: unknown, nickname = '동의하는사람') {
    return this.post('/user/api/signup', { nickname, consents }, { token: await this.csrf() });
  }
}

/** The api's records of the member behind `nickname`, oldest first. */
async function recordsOf(nickname: string) {
  return (
    await world.api.db.query<{
      item: string;
      required: boolean;
      version: string;
      agreed: boolean;
      recorded_at: Date;
    }>(
      `SELECT c.item, c.required, c.version, c.agreed, c.recorded_at
         FROM consent_records c JOIN users u ON u.id = c.user_id
        WHERE u.nickname = $1 ORDER BY c.id`,
      [nickname],
    )
  ).rows;
}

describe('POST /user/api/signup: each consent item', () => {
  it.each(REQUIRED)(
    'refuses a signup without [필수] %s (400, Korean, names the item); the ticket stays usable',
    async (id) => {
      const browser = new Browser();
      await browser.loginAsNewPerson('oh-jiwon');
      const refused = await browser.signUp(consentsFor([...REQUIRED.filter((r) => r !== id), 'marketing']));
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ code: 'CONSENT_REQUIRED', message: consentItem(id).missing });
      expect(refused.body.message).toMatch(KOREAN_SENTENCE);
      // Still in the signup form: the sealed ticket was not dropped.
      expect(browser.cookies.has('mfv_signup')).toBe(true);
    },
  );

  it('refuses the old single checkbox body, an outdated version and a bad body — in Korean, never a 500', async () => {
    const browser = new Browser();
    await browser.loginAsNewPerson('oh-jiwon');
    const token = await browser.csrf();
    for (const body of [
      { nickname: '옛날', agreeTerms: true },
      { nickname: '옛날', consents: 'all' },
      { nickname: '', consents: consentsFor() },
      { nickname: '옛날', consents: [{ item: 'newsletter', version: '2026-01-01' }] },
    ]) {
      const answer = await browser.post('/user/api/signup', body, { token });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.code).toBe('INVALID_SIGNUP');
      expect(answer.body.message).toMatch(KOREAN_SENTENCE);
    }
    const old = consentsFor().map((c) => (c.item === 'privacy' ? { ...c, version: '2025-06-01' } : c));
    const outdated = await browser.post('/user/api/signup', { nickname: '옛날', consents: old }, { token });
    expect(outdated.status).toBe(409);
    expect(outdated.body.code).toBe('CONSENT_OUTDATED');
    expect(outdated.body.message).toMatch(KOREAN_SENTENCE);
  });

  it('refuses without CSRF', async () => {
    const browser = new Browser();
    await browser.loginAsNewPerson('oh-jiwon');
    const answer = await browser.post('/user/api/signup', { nickname: '토큰없음', consents: consentsFor() });
    expect(answer.status).toBe(403);
  });

  it('every required item: signed up, and the api recorded each item with its version and time', async () => {
    const browser = new Browser();
    await browser.loginAsNewPerson('oh-jiwon');
    const before = Date.now();
    const ok = await browser.signUp(consentsFor(), '필수만');
    expect(ok.status).toBe(200);
    const rows = await recordsOf('필수만');
    expect(rows.map((r) => [r.item, r.required, r.version, r.agreed])).toEqual(
      REQUIRED.map((id) => [id, true, consentItem(id).version, true]),
    );
    for (const r of rows) expect(r.recorded_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});

describe('POST /user/api/consents: 내 정보 gives and withdraws the optional item', () => {
  let member: Browser;
  const NICKNAME = '마케팅동의';

  beforeAll(async () => {
    member = new Browser();
    await member.loginAsNewPerson('lee-seoyeon');
    const ok = await member.signUp(consentsFor([...REQUIRED, 'marketing']), NICKNAME);
    expect(ok.status).toBe(200);
    expect(member.cookies.has('mfv_signup')).toBe(false);
  }, 30_000);

  const change = async (
    item: ConsentItemId | string,
    agreed: unknown,
    version: unknown = MARKETING.version,
  ) => member.post('/user/api/consents', { item, agreed, version }, { token: await member.csrf() });

  it('withdraws, then gives again: each change answered and recorded with its time', async () => {
    const withdrawn = await change('marketing', false);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      item: 'marketing',
      required: false,
      agreed: false,
      version: MARKETING.version,
    });
    expect(Date.parse(String(withdrawn.body.recordedAt))).toBeGreaterThan(Date.now() - 60_000);

    const given = await change('marketing', true);
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ agreed: true });

    const marketing = (await recordsOf(NICKNAME)).filter((r) => r.item === 'marketing');
    expect(marketing.map((r) => r.agreed)).toEqual([true, false, true]);
    const times = marketing.map((r) => r.recorded_at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('refuses a [필수] item (409), an outdated version (409) and a bad body (400), each in Korean', async () => {
    const required = await change('terms', false, consentItem('terms').version);
    expect(required.status).toBe(409);
    expect(required.body.code).toBe('CONSENT_NOT_OPTIONAL');
    expect(required.body.message).toMatch(KOREAN_SENTENCE);

    const outdated = await change('marketing', false, '2020-01-01');
    expect(outdated.status).toBe(409);
    expect(outdated.body.code).toBe('CONSENT_OUTDATED');

    for (const [item, agreed, version] of [
      ['newsletter', false, MARKETING.version],
      ['marketing', 'no', MARKETING.version],
      ['marketing', false, 5],
    ] as const) {
      const bad = await change(item, agreed, version);
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ code: 'INVALID_CONSENT', message: '선택한 내용을 확인해 주세요.' });
    }
  });

  it('needs CSRF and a session; only POST', async () => {
    const token = await member.csrf();
    const body = { item: 'marketing', agreed: false, version: MARKETING.version };
    expect((await member.post('/user/api/consents', body)).status).toBe(403);
    expect(
      (await member.post('/user/api/consents', body, { token, origin: 'https://evil.example' })).status,
    ).toBe(403);

    const stranger = new Browser();
    const anonymous = await stranger.post('/user/api/consents', body, { token: await stranger.csrf() });
    expect(anonymous.status).toBe(401);

    const get = await fetch(`${base}/user/api/consents`, {
      headers: { cookie: member.header(), 'x-forwarded-for': member.ip },
    });
    expect(get.status).toBe(405);
    // None of the refused requests changed anything.
    const last = (await recordsOf(NICKNAME)).filter((r) => r.item === 'marketing').at(-1);
    expect(last?.agreed).toBe(true);
  });
});
