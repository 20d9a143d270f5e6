/**
 * docs/security.md F3: after logout, logout-all or refresh-token reuse, every process that verifies
 * access tokens locally refuses that session's token within 1 s — withAuth, getViewer (and so
 * withAuthSSR and the verify remote, which go through the same authenticate), even when the token
 * is in the process's verified cache and a fresh token of the session sits in Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noResponse, startTwoProcesses, type TwoProcesses } from './harness.js';

/** Two server processes (separate Redis connections, verified caches and revocation lists). */
let site: TwoProcesses;

beforeAll(async () => {
  site = await startTwoProcesses();
});

afterAll(async () => {
  await site?.close();
});

async function login() {
  const tokens = await site.env.api.signUp('지우');
  await site.one.auth.startSession(noResponse(), tokens);
  return tokens;
}

const viewer = async (cookies: Record<string, string>) => ({ status: await site.viewerStatus(cookies) });
const apiStatus = (cookies: Record<string, string>) => site.apiStatus(cookies);

/** Milliseconds until `refused()` holds, polling every 20 ms; fails past 3 s. */
async function delayUntil(refused: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 3_000) {
    if (await refused()) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('still accepted after 3 s');
}

const bearer = (path: string, accessToken: string) =>
  fetch(`${site.env.api.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
  });

describe('instant revocation in local mode (F3)', () => {
  it('logout: another process refuses the access token within 1 s (API route and page)', async () => {
    const tokens = await login();
    const cookies = { mfv_at: tokens.accessToken, mfv_sid: tokens.sessionId };
    // Warm: verified and cached by the second process.
    expect(await apiStatus(cookies)).toBe(200);
    expect((await viewer(cookies)).status).toBe('signed-in');
    expect((await bearer('/auth/logout', tokens.accessToken)).status).toBe(204);
    const delay = await delayUntil(async () => (await apiStatus(cookies)) === 401);
    expect(delay).toBeLessThan(1_000);
    expect((await viewer(cookies)).status).toBe('anonymous');
    // The Redis record (with a fresh token of the session) is gone, not handed out.
    expect(await site.one.auth.store.get(tokens.sessionId)).toBeNull();
    console.info(`revocation delay after logout: ${delay.toFixed(0)} ms`);
  });

  it('logout-all: the access token alone (no session cookie) is refused within 1 s', async () => {
    const tokens = await login();
    const cookies = { mfv_at: tokens.accessToken };
    expect((await viewer(cookies)).status).toBe('signed-in');
    expect((await bearer('/auth/logout-all', tokens.accessToken)).status).toBe(204);
    const delay = await delayUntil(async () => (await viewer(cookies)).status === 'anonymous');
    expect(delay).toBeLessThan(1_000);
  });

  it('refresh-token reuse: the whole session, new access token included, is refused within 1 s', async () => {
    const tokens = await login();
    const refresh = (refreshToken: string) =>
      fetch(`${site.env.api.url}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    const rotated = (await (await refresh(tokens.refreshToken)).json()) as { accessToken: string };
    const cookies = { mfv_at: rotated.accessToken };
    expect((await viewer(cookies)).status).toBe('signed-in');
    // The old refresh token again (no grace window here): reuse, the family is revoked.
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
    const delay = await delayUntil(async () => (await viewer(cookies)).status === 'anonymous');
    expect(delay).toBeLessThan(1_000);
  });

  it('the api away: what was revoked stays refused, other sessions keep working (no 503 from the list)', async () => {
    const kept = await login();
    const gone = await login();
    expect((await viewer({ mfv_at: kept.accessToken })).status).toBe('signed-in');
    expect((await bearer('/auth/logout', gone.accessToken)).status).toBe(204);
    await delayUntil(async () => (await viewer({ mfv_at: gone.accessToken })).status === 'anonymous');
    await site.env.api.close();
    await new Promise((r) => setTimeout(r, 600));
    expect((await viewer({ mfv_at: gone.accessToken })).status).toBe('anonymous');
    expect((await viewer({ mfv_at: kept.accessToken })).status).toBe('signed-in');
  });
});
