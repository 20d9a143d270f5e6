import { describe, expect, it } from 'vitest';
import { EXISTING_MEMBER } from '../src/personas.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  PUBLIC_CLIENT_ID,
  loginAs,
  postToken,
  startSandbox,
  testClock,
  userMe,
} from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;

function refresh(
  url: string,
  refreshToken: string | undefined,
  fields: Record<string, string | undefined> = {},
) {
  return postToken(url, {
    grant_type: 'refresh_token',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    refresh_token: refreshToken,
    ...fields,
  });
}

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error_code: string }).error_code;
}

describe('POST /oauth/token (refresh_token)', () => {
  it('issues a new access token; with more than a month left, no new refresh token and the old one stays valid', async () => {
    const { url } = await startSandbox();
    const login = await loginAs(url, EXISTING_MEMBER.id);
    const res = await refresh(url, String(login.refresh_token));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ token_type: 'bearer', access_token: expect.any(String), expires_in: 21599 });
    expect(body.access_token).not.toBe(login.access_token);
    expect((await userMe(url, String(body.access_token))).status).toBe(200);
    expect((await refresh(url, String(login.refresh_token))).status).toBe(200);
  });

  it('with less than a month left, returns a new refresh token and retires the old one', async () => {
    const clock = testClock();
    const { url } = await startSandbox({ clock });
    const login = await loginAs(url, EXISTING_MEMBER.id);
    clock.advance(31 * DAY);
    const res = await refresh(url, String(login.refresh_token));
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      token_type: 'bearer',
      access_token: expect.any(String),
      expires_in: 21599,
      refresh_token: expect.any(String),
      refresh_token_expires_in: 5183999,
    });
    const old = await refresh(url, String(login.refresh_token));
    expect(old.status).toBe(400);
    expect(await errorCode(old)).toBe('KOE322');
    expect((await refresh(url, String(body.refresh_token))).status).toBe(200);
  });

  it('an expired refresh token is invalid_grant KOE322', async () => {
    const clock = testClock();
    const { url } = await startSandbox({ clock });
    const login = await loginAs(url, EXISTING_MEMBER.id);
    clock.advance(5_183_999 * 1000);
    const res = await refresh(url, String(login.refresh_token));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'expired_or_invalid_refresh_token',
      error_code: 'KOE322',
    });
  });

  it('an unknown refresh token is KOE322, a missing one KOE319', async () => {
    const { url } = await startSandbox();
    expect(await errorCode(await refresh(url, 'never-issued'))).toBe('KOE322');
    const missing = await refresh(url, undefined);
    expect(missing.status).toBe(400);
    expect(await errorCode(missing)).toBe('KOE319');
  });

  it('a refresh token is bound to its client', async () => {
    const { url } = await startSandbox();
    const login = await loginAs(url, EXISTING_MEMBER.id);
    const res = await refresh(url, String(login.refresh_token), {
      client_id: PUBLIC_CLIENT_ID,
      client_secret: undefined,
    });
    expect(await errorCode(res)).toBe('KOE322');
  });

  it('client authentication applies to refresh too', async () => {
    const { url } = await startSandbox();
    const login = await loginAs(url, EXISTING_MEMBER.id);
    const res = await refresh(url, String(login.refresh_token), { client_secret: 'wrong' });
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('KOE010');
  });
});
