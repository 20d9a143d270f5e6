/**
 * "모든 기기에서 로그아웃" (logout-all) through the real path — `endSession(auth, res, true)` in one
 * server process, as the user app's POST /user/api/logout-all calls it — and every device of the
 * member refused by ANOTHER process (its own verified-token cache and revocation list, local
 * mode) within 1 s: the device that logged out and a second device, with and without the session
 * cookie, on an API route behind withAuth and on a page (getViewer). The gap is the revocation
 * poll (every 250 ms) plus its round trip; each round's delay is printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenSet } from '@mfv/api-contract';
import { REVOCATION_POLL_MS } from '../src/revocations.js';
import { cookieHeader, noResponse, startTwoProcesses, type TwoProcesses } from './harness.js';
import { consentsFor } from '@mfv/api-contract';

let site: TwoProcesses;

beforeAll(async () => {
  site = await startTwoProcesses();
});

afterAll(async () => {
  await site?.close();
});

let kakaoIds = 7_100_000_000 + (process.pid % 1000) * 1000;

/** One member signed in on two devices (two sessions), both stored as the login route stores them. */
async function memberOnTwoDevices(): Promise<[TokenSet, TokenSet]> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${site.env.api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${site.env.api.internalToken}` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const kakaoId = String(kakaoIds++);
  const first = await post('/auth/login/kakao', { kakaoId });
  const phone = (await post('/users', {
    signupTicket: first.signupTicket,
    nickname: '지우',
    consents: consentsFor(),
  })) as unknown as TokenSet;
  const laptop = (await post('/auth/login/kakao', { kakaoId })) as unknown as TokenSet & { status: string };
  expect(laptop.status).toBe('signedIn');
  for (const tokens of [phone, laptop]) await site.one.auth.startSession(noResponse(), tokens);
  return [phone, laptop];
}

type Cookies = Record<string, string>;
const apiStatus = (cookies: Cookies) => site.apiStatus(cookies);
const viewerStatus = (cookies: Cookies) => site.viewerStatus(cookies);

describe('logout-all (모든 기기에서 로그아웃): another process refuses every device within 1 s', () => {
  it('three rounds, each measured from the moment endSession returned', async () => {
    const delays: number[] = [];
    for (let round = 0; round < 3; round++) {
      const [phone, laptop] = await memberOnTwoDevices();
      const browsers: Cookies[] = [
        { mfv_at: phone.accessToken, mfv_sid: phone.sessionId },
        { mfv_at: laptop.accessToken, mfv_sid: laptop.sessionId },
        { mfv_at: laptop.accessToken },
      ];
      // Warm: the other process has verified (and cached) both devices' tokens.
      for (const cookies of browsers) {
        expect(await apiStatus(cookies)).toBe(200);
        expect(await viewerStatus(cookies)).toBe('signed-in');
      }

      // The phone presses "모든 기기에서 로그아웃" in process one.
      const pressed = site.one.auth.authenticate(
        { headers: { cookie: cookieHeader(browsers[0]!) } } as never,
        noResponse(),
        false,
      );
      await site.one.auth.endSession(await pressed, noResponse(), true);
      const ended = performance.now();

      let delay = Number.POSITIVE_INFINITY;
      while (performance.now() - ended < 3_000) {
        const answers = await Promise.all(
          browsers.flatMap((cookies) => [apiStatus(cookies), viewerStatus(cookies)]),
        );
        if (answers.every((a) => a === 401 || a === 'anonymous')) {
          delay = performance.now() - ended;
          break;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      delays.push(delay);
      // And it stays refused: the laptop's Redis record (a refreshable session) is gone too.
      expect(await apiStatus(browsers[1]!)).toBe(401);
      expect(await site.two.auth.store.get(laptop.sessionId)).toBeNull();
    }
    console.info(
      `logout-all → refused by the other process after ${delays.map((d) => d.toFixed(0)).join(', ')} ms (poll every ${REVOCATION_POLL_MS} ms)`,
    );
    for (const delay of delays) expect(delay).toBeLessThan(1_000);
  }, 60_000);
});
