import { describe, expect, it } from 'vitest';
import { EXISTING_MEMBER } from '../src/personas.js';
import { loginAs, startSandbox, testClock, userMe } from './helpers.js';

async function expectKapi401(res: Response, msg: string): Promise<void> {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await res.json()).toEqual({ msg, code: -401 });
}

describe('GET /v2/user/me authentication', () => {
  it('an unknown bearer token → 401 "this access token does not exist"', async () => {
    const { url } = await startSandbox();
    await expectKapi401(await userMe(url, 'not-a-real-token'), 'this access token does not exist');
  });

  it('no Authorization header → 401 "no authentication key!"', async () => {
    const { url } = await startSandbox();
    await expectKapi401(await fetch(`${url}/kakao/kapi/v2/user/me`), 'no authentication key!');
  });

  it('a non-Bearer scheme → 401 "no authentication key!"', async () => {
    const { url } = await startSandbox();
    const res = await fetch(`${url}/kakao/kapi/v2/user/me`, {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    await expectKapi401(res, 'no authentication key!');
  });

  it('an access token past its 21599 s lifetime → 401 "this access token does not exist"', async () => {
    const clock = testClock();
    const { url } = await startSandbox({ clock });
    const token = await loginAs(url, EXISTING_MEMBER.id);
    clock.advance(21_599 * 1000 - 1);
    expect((await userMe(url, String(token.access_token))).status).toBe(200);
    clock.advance(1);
    await expectKapi401(await userMe(url, String(token.access_token)), 'this access token does not exist');
  });

  it('POST works like GET, as Kakao allows both', async () => {
    const { url } = await startSandbox();
    const token = await loginAs(url, EXISTING_MEMBER.id);
    const res = await userMe(url, String(token.access_token), { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: number }).id).toBe(EXISTING_MEMBER.kakao.id);
  });
});
