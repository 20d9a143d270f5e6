/**
 * One person, one member, Kakao first (docs/auth.md "One person, one member"): a Kakao login that
 * reports the person's CI (`kakao_account.ci`) of someone who already is a member goes to the link
 * page — never a second account, never a refusal — and the link page proves the existing account
 * with the way it signs in: Toss (inside the Toss app) for a member who joined with Toss, Kakao for
 * a Kakao member. The route files and pages behind real HTTP, the sandbox's Kakao (consent page,
 * token, user/me) and Toss (mTLS), the real api (PGlite) and a redis-server; nothing mocked.
 */
import type { GetServerSideProps } from 'next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, serve, type Served } from './support/serve';
import { consentsFor } from '@mfv/api-contract';
import type { SignupState } from '../src/server/signup-state';
import { unseal } from '@mfv/auth';
import { MOK_PERSONAS, sandboxCi } from '@mfv/sandbox';
import {
  EXISTING_MEMBER,
  KAKAO_CI_DECLINED,
  KAKAO_CI_TOSS_PERSON,
  KAKAO_CI_VERIFIED_PERSON,
} from '@mfv/sandbox/personas';
import {
  appLogin,
  captureLogs,
  KAKAO_TEST_CLIENT_ID,
  KAKAO_TEST_REDIRECT_URI,
  ORIGIN,
  startWorld,
  type World,
  routeEnv,
} from './toss-kit';

/** The world's own auth (toss-kit.ts) reads what the routes seal: the same secret. */
const COOKIE_SECRET = 'user-toss-test-cookie-secret-0123456789';

let world: World;
let served: Served;
let base: string;
const saved = { ...process.env };
let nextIp = 1;

beforeAll(async () => {
  world = await startWorld();
  // Before the first request: the runtime reads the environment once.
  Object.assign(process.env, routeEnv(world, COOKIE_SECRET), {
    KAKAO_CLIENT_ID: KAKAO_TEST_CLIENT_ID,
    KAKAO_AUTHORIZE_BASE_URL: `${world.sandbox.url}/kakao/kauth`,
    KAKAO_TOKEN_BASE_URL: `${world.sandbox.url}/kakao/kauth`,
    KAKAO_API_BASE_URL: `${world.sandbox.url}/kakao/kapi`,
    KAKAO_REDIRECT_URI: KAKAO_TEST_REDIRECT_URI,
    TOSS_LOGIN_ENABLED: 'true',
  });
  const api = apiRoutes({
    '/user/api/login/kakao': (await import('../src/pages/api/login/kakao')).default,
    '/user/api/login/toss': (await import('../src/pages/api/login/toss')).default,
    '/user/api/auth/csrf': (await import('../src/pages/api/auth/csrf')).default,
  });
  const pages = new Map<string, GetServerSideProps>([
    ['/user/login/kakao/callback', (await import('../src/pages/login/kakao/callback')).getServerSideProps],
    ['/user/link', (await import('../src/pages/link')).getServerSideProps],
  ]);
  served = await serve((req, res) => {
    const url = new URL(req.url ?? '/', 'http://user.test');
    const query = Object.fromEntries(url.searchParams);
    const page = pages.get(url.pathname);
    if (page === undefined) {
      api(req, res);
      return;
    }
    void Promise.resolve(page({ req, res, query, resolvedUrl: url.pathname } as never)).then(
      (result) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(result));
      },
      (error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      },
    );
  });
  base = served.base;
}, 90_000);

afterAll(async () => {
  await served?.close();
  await world?.close();
  process.env = saved;
});

interface PageResult {
  redirect?: { destination: string };
  props?: Record<string, unknown>;
}

/** One person's browser: the site's cookies, the sandbox's, and a client address of its own. */
class Browser {
  readonly cookies = new Map<string, string>();
  private readonly sandboxCookies = new Map<string, string>();
  readonly ip = `198.51.100.${nextIp++}`;

  private static take(jar: Map<string, string>, res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const value = pair!.slice(at + 1);
      if (value === '' || /Max-Age=0/i.test(line)) jar.delete(pair!.slice(0, at));
      else jar.set(pair!.slice(0, at), value);
    }
  }
  private static header(jar: Map<string, string>) {
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private site(path: string, init: RequestInit = {}) {
    return fetch(`${base}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { cookie: Browser.header(this.cookies), 'x-forwarded-for': this.ip, ...init.headers },
    }).then((res) => (Browser.take(this.cookies, res), res));
  }

  async page(path: string): Promise<PageResult> {
    return (await (await this.site(path)).json()) as PageResult;
  }

  /** "카카오로 로그인" (or, with `link`, the link page's Kakao button) as `persona` on Kakao's consent page. */
  async kakao(persona: string, options: { link?: boolean; returnTo?: string } = {}): Promise<PageResult> {
    const query = new URLSearchParams({ returnTo: options.returnTo ?? '/notices' });
    if (options.link) query.set('link', '1');
    const start = await this.site(`/user/api/login/kakao?${query}`);
    expect(start.status).toBe(302);
    const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    Browser.take(this.sandboxCookies, consent);
    const html = await consent.text();
    const hidden = (name: string) =>
      new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)![1]!;
    const agreed = await fetch(`${world.sandbox.url}/kakao/kauth/oauth/consent`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: Browser.header(this.sandboxCookies),
      },
      body: new URLSearchParams({
        request_id: hidden('request_id'),
        nonce: hidden('nonce'),
        persona,
        action: 'consent',
      }),
    });
    const callback = new URL(agreed.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(KAKAO_TEST_REDIRECT_URI);
    return this.page(`${callback.pathname}${callback.search}`);
  }

  /** The Toss button inside the Toss app: appLogin's answer posted with this browser's CSRF token. */
  async toss(persona: string, body: Record<string, unknown> = {}) {
    const csrf = await this.site('/user/api/auth/csrf');
    const { token } = (await csrf.json()) as { token: string };
    const answer = await appLogin(world.sandbox.url, persona);
    const res = await this.site('/user/api/login/toss', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-csrf-token': token },
      body: JSON.stringify({ ...answer, returnTo: '/notices', ...body }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  signup(): SignupState | null {
    const sealed = this.cookies.get('mfv_signup');
    if (sealed === undefined) return null;
    return unseal<SignupState>(world.auth.config.keys.seal, 'signup', decodeURIComponent(sealed));
  }

  async member(): Promise<string | undefined> {
    const sid = this.cookies.get('mfv_sid');
    return sid === undefined ? undefined : (await world.auth.store.get(decodeURIComponent(sid)))?.userId;
  }

  /** Finishes the pending signup (the signup form's POST /users, at the api). */
  async finishSignup(nickname: string): Promise<string> {
    const res = await fetch(`${world.api.url}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.api.internalToken}` },
      body: JSON.stringify({ signupTicket: this.signup()!.ticket, nickname, consents: consentsFor() }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { user: { id: string } }).user.id;
  }
}

const identitiesOf = async (userId: string) =>
  (
    await world.api.db.query<{ provider: string }>(
      'SELECT provider FROM identities WHERE user_id = $1 ORDER BY provider',
      [userId],
    )
  ).rows.map((r) => r.provider);

const storedEverything = async () =>
  JSON.stringify([
    (await world.api.db.query('SELECT * FROM users')).rows,
    (await world.api.db.query('SELECT * FROM signup_tickets')).rows,
    (await world.api.db.query('SELECT * FROM verifications')).rows,
  ]);

describe('a Kakao login of a person who already is a member', () => {
  it('joined with Toss: the link page offers Toss; the Toss sign-in links Kakao; Kakao then signs in to that member', async () => {
    const logs = captureLogs();
    try {
      // 쩐티란 joins with Toss (login-me reports her CI).
      const joining = new Browser();
      expect((await joining.toss(KAKAO_CI_TOSS_PERSON.id)).body).toEqual({ redirectTo: '/user/signup' });
      const tossMember = await joining.finishSignup('란');

      // Later, in an ordinary browser, she logs in with Kakao, which shares the same CI.
      const browser = new Browser();
      const offered = await browser.kakao(KAKAO_CI_TOSS_PERSON.id);
      expect(offered.redirect?.destination).toBe('/user/link');
      expect(await browser.member()).toBeUndefined();
      expect(browser.signup()).toMatchObject({
        returnTo: '/notices',
        existingAccount: { providers: ['toss'] },
      });
      expect(JSON.stringify(browser.signup())).not.toMatch(/ci/i);

      const link = await browser.page('/user/link');
      expect(link.props).toEqual({ kakao: false, toss: true, tossOpenUrl: null, returnTo: '/notices' });

      // She opens the service in the Toss app and taps "토스로 로그인하고 연결하기".
      const proved = await browser.toss(KAKAO_CI_TOSS_PERSON.id, { link: true });
      expect(proved).toEqual({ status: 200, body: { redirectTo: '/notices' } });
      expect(await browser.member()).toBe(tossMember);
      expect(browser.signup()).toBeNull();
      expect(await identitiesOf(tossMember)).toEqual(['kakao', 'toss']);

      // From now on Kakao signs in to the same member.
      const again = new Browser();
      expect((await again.kakao(KAKAO_CI_TOSS_PERSON.id)).redirect?.destination).toBe('/notices');
      expect(await again.member()).toBe(tossMember);

      // Her CI (every sandbox CI starts so) is stored nowhere and never logged.
      expect(await storedEverything()).not.toContain('SANDBOX+FAKE+CI');
      expect(logs.text()).not.toContain('SANDBOX+FAKE+CI');
    } finally {
      logs.restore();
    }
  });

  it('verified (mobile-ok) by a Kakao member: the link page offers Kakao; signing in to that account links the new one', async () => {
    // A Kakao member (김민준's Kakao account, which reports no CI) verified as 송지우 with mobile-ok.
    const first = new Browser();
    expect((await first.kakao(EXISTING_MEMBER.id)).redirect?.destination).toBe('/user/signup');
    const member = await first.finishSignup('민준');
    const jiwoo = MOK_PERSONAS.find((p) => p.id === KAKAO_CI_VERIFIED_PERSON.id)!;
    const verified = await fetch(`${world.api.url}/verifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.api.internalToken}` },
      body: JSON.stringify({
        provider: 'mobile-ok',
        serviceType: 'telcoAuth',
        ci: sandboxCi(jiwoo),
        di: `DI-${jiwoo.id}`.padEnd(64, 'd'),
        name: jiwoo.name,
        birthday: jiwoo.birthday,
        gender: jiwoo.gender === '1' ? 'male' : 'female',
        nation: 'domestic',
        phone: jiwoo.phone,
        verifiedAt: new Date().toISOString(),
        owner: { userId: member },
      }),
    });
    expect(verified.status, await verified.clone().text()).toBe(201);

    // 송지우's own Kakao account (it reports her CI): offered the account that verified as her.
    const browser = new Browser();
    expect((await browser.kakao(KAKAO_CI_VERIFIED_PERSON.id)).redirect?.destination).toBe('/user/link');
    expect((await browser.page('/user/link')).props).toEqual({
      kakao: true,
      toss: false,
      tossOpenUrl: null,
      returnTo: '/notices',
    });
    // "카카오로 로그인하고 연결하기": the existing account's Kakao login, link=1.
    const linked = await browser.kakao(EXISTING_MEMBER.id, { link: true });
    expect(linked.redirect?.destination).toBe('/notices');
    expect(await browser.member()).toBe(member);
    expect(browser.signup()).toBeNull();
    const kakaoIds = await world.api.db.query<{ subject: string }>(
      `SELECT subject FROM identities WHERE user_id = $1 AND provider = 'kakao' ORDER BY subject`,
      [member],
    );
    expect(kakaoIds.rows.map((r) => r.subject)).toEqual(
      [String(EXISTING_MEMBER.kakao.id), String(KAKAO_CI_VERIFIED_PERSON.kakao.id)].sort(),
    );
    const later = new Browser();
    expect((await later.kakao(KAKAO_CI_VERIFIED_PERSON.id)).redirect?.destination).toBe('/notices');
    expect(await later.member()).toBe(member);
  });

  it('a person who does not share the CI with the app goes to the usual signup, no offer', async () => {
    const browser = new Browser();
    expect((await browser.kakao(KAKAO_CI_DECLINED.id)).redirect?.destination).toBe('/user/signup');
    expect(browser.signup()?.existingAccount).toBeUndefined();
    expect((await browser.page('/user/link')).redirect?.destination).toBe('/user/signup');
  });

  it('the Toss link request is checked like any Toss login: a bad `link` value is a 400 in Korean', async () => {
    const browser = new Browser();
    const res = await browser.toss('yoon-seojin', { link: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'INVALID_TOSS_LOGIN',
      message: expect.stringMatching(/[가-힣].*요\.$/),
    });
  });
});
