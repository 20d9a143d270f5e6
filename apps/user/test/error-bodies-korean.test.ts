/**
 * Review finding: the user app's API routes answer some refusals with English or "~습니다"
 * messages, while the house rule (docs/security.md F7: `{code, message}` with a Korean message) and
 * the site's one tone (~요) hold for every other refusal. Each row is a request a browser or an
 * attacker can send; each answer must be `{code, message}` with a Korean ~요 sentence.
 * The route files themselves behind Next's API resolver, over real HTTP, with the environment
 * `pnpm start` reads (sandbox, api on PGlite, redis-server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, serve, type Served } from './support/serve';
import { ORIGIN, startWorld, type World, routeEnv } from './toss-kit';

const KOREAN_SENTENCE = /[가-힣].*요\.$/;

let world: World;
let served: Served;
let base: string;
const saved = { ...process.env };

beforeAll(async () => {
  world = await startWorld();
  Object.assign(process.env, routeEnv(world, 'user-error-bodies-cookie-secret-0123456789'));
  served = await serve(
    apiRoutes({
      '/user/api/auth/csrf': (await import('../src/pages/api/auth/csrf')).default,
      '/user/api/signup': (await import('../src/pages/api/signup')).default,
      '/user/api/logout': (await import('../src/pages/api/logout')).default,
      '/user/api/logout-all': (await import('../src/pages/api/logout-all')).default,
      '/user/api/me': (await import('../src/pages/api/me')).default,
      '/user/api/toss/unlink': (await import('../src/pages/api/toss/unlink')).default,
    }),
  );
  base = served.base;
}, 90_000);

afterAll(async () => {
  await served?.close();
  await world?.close();
  process.env = saved;
});

/** A browser's cookies and the CSRF token its page fetched. */
async function browser(): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${base}/user/api/auth/csrf`);
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return { cookie, token: ((await res.json()) as { token: string }).token };
}

async function expectKoreanError(res: Response, status: number | 'any 4xx'): Promise<void> {
  if (status === 'any 4xx') expect(Math.floor(res.status / 100)).toBe(4);
  else expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { code: unknown; message: unknown };
  expect(body).toEqual({ code: expect.any(String), message: expect.stringMatching(KOREAN_SENTENCE) });
}

describe('user API refusals speak Korean, in the ~요 tone', () => {
  it.each([['[]'], ['null'], ['{"nickname":1}'], ['{"nickname":"a\\u0000b","agree":true}']])(
    'POST /user/api/signup with %s → 400 with a Korean message (not the schema’s English)',
    async (body) => {
      const { cookie, token } = await browser();
      const res = await fetch(`${base}/user/api/signup`, {
        method: 'POST',
        headers: { cookie, origin: ORIGIN, 'x-csrf-token': token, 'content-type': 'application/json' },
        body,
      });
      await expectKoreanError(res, 400);
    },
  );

  it.each(['/user/api/signup', '/user/api/logout', '/user/api/logout-all'])(
    'GET %s → 4xx with a Korean message (not "POST only")',
    async (path) => {
      await expectKoreanError(await fetch(`${base}${path}`), 'any 4xx');
    },
  );

  it('POST /user/api/toss/unlink without credentials → 401 with a Korean message', async () => {
    const res = await fetch(`${base}/user/api/toss/unlink`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await expectKoreanError(res, 401);
  });

  it('a cross-site POST → 403 in the ~요 tone (not "~아닙니다.")', async () => {
    const { cookie, token } = await browser();
    const res = await fetch(`${base}/user/api/logout`, {
      method: 'POST',
      headers: {
        cookie,
        origin: 'https://evil.example',
        'x-csrf-token': token,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    await expectKoreanError(res, 403);
  });

  it('GET /user/api/me signed out → 401 in the ~요 tone (not "~필요합니다.")', async () => {
    await expectKoreanError(await fetch(`${base}/user/api/me`), 401);
  });
});
