/**
 * docs/security.md F4: one member started 150 verifications in 3.6 s and sent 12 SMS to an
 * arbitrary number in under a second. Limits per member, per phone number and per client IP,
 * counted in Redis: two verify runtimes (separate Redis connections, nothing shared in memory)
 * draw on the same counters.
 */
import { MOK_SMS_USER } from '@mfv/sandbox/mok-personas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, createRedis } from '@mfv/redis';
import { RateLimits, type LimitTable } from '../src/core/limits';
import { signedInBrowser, TestBrowser, type Answer } from './support/browser';
import { formForService } from './support/flows';
import {
  freePortUrl,
  startInfra,
  startVerifyServer,
  twin,
  type Infra,
  type VerifyServer,
} from './support/harness';

const TARGET = twin(MOK_SMS_USER, 'rl-target');
const OWN = twin(MOK_SMS_USER, 'rl-own');

const generous = { points: 1000, durationSeconds: 600 };
const TABLE: LimitTable = {
  start: { member: { points: 4, durationSeconds: 600 }, ip: generous },
  send: { phone: { points: 3, durationSeconds: 600 }, member: generous, ip: generous },
  call: { member: generous, ip: generous },
  confirm: { member: generous, ip: generous },
  redeem: { ip: { points: 2, durationSeconds: 600 } },
};

let infra: Infra;
let one: VerifyServer;
let two: VerifyServer;

beforeAll(async () => {
  infra = await startInfra({ personas: [TARGET, OWN] });
  const limits = { table: TABLE, prefix: `rl-test-${process.pid}-${Date.now()}` };
  [one, two] = await Promise.all([
    startVerifyServer(infra, { limits }),
    startVerifyServer(infra, { limits }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([one?.close(), two?.close()]);
  await infra?.stop();
});

function expectLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/초 뒤에 다시/) });
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
}

describe('rate limits (F4), shared by every verify runtime through Redis', () => {
  it('SMS sends to one phone number: limited across members and runtimes', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i++) {
      const server = i % 2 === 0 ? one : two;
      const { browser } = await signedInBrowser(server.url, infra.api, server.auth);
      const start = await browser.post('/verify/api/mok/start', { service: 'sms' });
      expect(start.status).toBe(200);
      answers.push(await browser.post('/verify/api/mok/request', formForService('sms', TARGET)));
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429]);
    expectLimited(answers[3] as Answer);
    // Another number is not affected.
    const { browser } = await signedInBrowser(two.url, infra.api, two.auth);
    await browser.post('/verify/api/mok/start', { service: 'sms' });
    expect((await browser.post('/verify/api/mok/request', formForService('sms', OWN))).status).toBe(200);
  }, 60_000);

  it('verification starts per member: the fifth start in the window answers 429, on either runtime', async () => {
    const { browser: atOne } = await signedInBrowser(one.url, infra.api, one.auth);
    // The same member's browser talking to the other runtime (same cookies).
    const atTwo = new TestBrowser(two.url);
    for (const [name, value] of atOne.cookies) atTwo.cookies.set(name, value);
    const answers: Answer[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push(await (i % 2 === 0 ? atOne : atTwo).post('/verify/api/mok/start', { service: 'sms' }));
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429, 429]);
    expectLimited(answers[4] as Answer);
  }, 60_000);

  it('ticket redemptions per client IP (the last X-Forwarded-For hop our proxy added)', async () => {
    const { browser } = await signedInBrowser(one.url, infra.api, one.auth);
    browser.headers['x-forwarded-for'] = '198.51.100.7';
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await browser.post('/verify/api/verification/result', { ticket: 'x'.repeat(43) })).status,
      );
    }
    expect(statuses).toEqual([404, 404, 429]);
    // A spoofed first hop does not buy a fresh bucket: only the last hop counts.
    browser.headers['x-forwarded-for'] = '203.0.113.1, 198.51.100.7';
    expectLimited(await browser.post('/verify/api/verification/result', { ticket: 'x'.repeat(43) }));
    // Another address is not affected.
    browser.headers['x-forwarded-for'] = '198.51.100.8';
    expect((await browser.post('/verify/api/verification/result', { ticket: 'x'.repeat(43) })).status).toBe(
      404,
    );
  }, 60_000);

  it('Redis away: the limits still hold, per process, from memory (no 500, no free pass)', async () => {
    const down = createRedis((await freePortUrl()).replace('http', 'redis'), { logger: null });
    try {
      const limits = new RateLimits(down, TABLE, 'rl-down');
      await limits.consume('redeem', { ip: '192.0.2.1' });
      await limits.consume('redeem', { ip: '192.0.2.1' });
      await expect(limits.consume('redeem', { ip: '192.0.2.1' })).rejects.toMatchObject({
        status: 429,
        code: 'RATE_LIMITED',
      });
    } finally {
      await closeRedis(down).catch(() => undefined);
    }
  });
});
