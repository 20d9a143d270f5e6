/**
 * The transaction belongs to one browser, lives 10 minutes and yields one result, used once
 * (guide §7's mandatory checks): replays, another browser's result, expired provider tokens, stale
 * results, concurrent steps, CSRF on every route and every body rule.
 */
import { MOK_LMS_USER, MOK_PASS_ADULT, MOK_SLOW, MOK_SMS_USER } from '@mfv/sandbox/mok-personas';
import { describe, expect, it } from 'vitest';
import { transactionKeys } from '../src/core/transactions';
import { TestBrowser } from './support/browser';
import { formForService, startAndRequest } from './support/flows';
import { customerMessage } from '../src/providers/mobile-ok/errors';
import { PUBLIC_ORIGIN, startVerifyServer, twin, type VerifyServer } from './support/harness';
import { startVerifyStack } from './support/stack';

/** What the person reads for a code: the guide's §8 customer message in the site's words. */
const message = customerMessage;

const REPLAYED = twin(MOK_SMS_USER, 'replayed');
const VICTIM = twin(MOK_SMS_USER, 'victim');
const INTRUDER = twin(MOK_LMS_USER, 'intruder');
const LATE = twin(MOK_SMS_USER, 'late');
const STALE = twin(MOK_SMS_USER, 'stale');
const RACER = twin(MOK_SLOW, 'racer');
const TTL = twin(MOK_SMS_USER, 'ttl');
const SHORT = twin(MOK_SMS_USER, 'short');
const FORM = twin(MOK_SMS_USER, 'form');
const OTHER_TAB = twin(MOK_SMS_USER, 'other-tab');

const stack = startVerifyStack({
  personas: [REPLAYED, VICTIM, INTRUDER, LATE, STALE, RACER, TTL, SHORT, FORM, OTHER_TAB],
});
const member = stack.member;

/** The Redis key of a browser's transaction: the store keeps it under the cookie's SHA-256 (a hash tag). */
function txKey(server: VerifyServer, browser: TestBrowser): string {
  const handle = browser.cookies.get('mfv_vtx');
  if (handle === undefined) throw new Error('no transaction cookie');
  return transactionKeys(server.keys, handle).tx;
}

describe('one result, used once', () => {
  it('confirm again after success: 410, nothing handed off twice; the ticket redeems once', async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms', REPLAYED);
    const key = txKey(stack.verify, browser);
    const ok = await browser.post('/verify/api/mok/confirm', { authNumber: REPLAYED.otp });
    expect(ok.status).toBe(200);
    expect(await stack.verify.redisClient.get(key)).toBeNull();
    const replay = await browser.post('/verify/api/mok/confirm', { authNumber: REPLAYED.otp });
    expect(replay.status).toBe(410);
    expect(replay.body).toEqual({
      code: 'MOK_TX_NOT_FOUND',
      message: '진행 중인 본인확인이 없거나 이미 끝났어요. 처음부터 다시 시도해 주세요.',
      restart: true,
    });
    const { ticket } = ok.body as { ticket: string };
    expect((await browser.post('/verify/api/verification/result', { ticket })).status).toBe(200);
    const second = await browser.post('/verify/api/verification/result', { ticket });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'RESULT_USED' });
    const unknown = await browser.post('/verify/api/verification/result', { ticket: 'x'.repeat(43) });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'RESULT_NOT_FOUND' });
  });

  it("a result from another browser's transaction is refused (clientTxId differs) and stored for nobody", async () => {
    const victim = await member();
    const intruder = await member();
    await startAndRequest(victim, 'sms', VICTIM);
    await startAndRequest(intruder, 'lms', INTRUDER);
    // The intruder's transaction is made to carry the victim's current provider token (and key).
    const victimTx = JSON.parse((await stack.verify.redisClient.get(txKey(stack.verify, victim)))!);
    const intruderKey = txKey(stack.verify, intruder);
    const intruderTx = JSON.parse((await stack.verify.redisClient.get(intruderKey))!);
    intruderTx.data = {
      ...intruderTx.data,
      token: victimTx.data.token,
      publicKey: victimTx.data.publicKey,
      service: 'sms',
    };
    await stack.verify.redisClient.set(intruderKey, JSON.stringify(intruderTx), 'KEEPTTL');

    const res = await intruder.post('/verify/api/mok/confirm', { authNumber: VICTIM.otp });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      code: 'MOK_RESULT_MISMATCH',
      message: message('5015'),
      restart: true,
    });
    expect(JSON.stringify(res.body)).not.toContain('ticket');
    // Nothing was stored for the intruder: the victim's person is still free for another member.
    const someoneElse = await member();
    await startAndRequest(someoneElse, 'sms', VICTIM);
    const claim = await someoneElse.post('/verify/api/mok/confirm', { authNumber: VICTIM.otp });
    expect(claim.status).toBe(200);
  });

  it('another browser (no cookie of this transaction) reaches nothing', async () => {
    const owner = await member();
    await startAndRequest(owner, 'sms', OTHER_TAB);
    const stranger = await member();
    for (const [path, body] of [
      ['/verify/api/mok/confirm', { authNumber: OTHER_TAB.otp }],
      ['/verify/api/mok/resend', {}],
      ['/verify/api/mok/call', {}],
      ['/verify/api/mok/request', formForService('sms', OTHER_TAB)],
    ] as const) {
      const res = await stranger.post(path, body);
      expect(res.status, path).toBe(410);
      expect(res.body).toMatchObject({ code: 'MOK_TX_NOT_FOUND' });
    }
    // A forged handle is no better.
    stranger.cookies.set('mfv_vtx', 'A'.repeat(43));
    expect((await stranger.post('/verify/api/mok/confirm', { authNumber: OTHER_TAB.otp })).status).toBe(410);
    // The owner is unaffected.
    expect((await owner.post('/verify/api/mok/confirm', { authNumber: OTHER_TAB.otp })).status).toBe(200);
  });
});

describe('time limits', () => {
  it("the provider's token expires 10 minutes after token/get (5033): the guide's message, start again", async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms', LATE);
    stack.infra.sandboxClock.advance(10 * 60_000);
    try {
      const res = await browser.post('/verify/api/mok/confirm', { authNumber: LATE.otp });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        code: 'MOK_RESULT',
        message: '유효시간이 만료됐어요. 처음부터 다시 시도해 주세요.',
        resultCode: '5033',
        restart: true,
        retryClass: 'restart',
      });
    } finally {
      stack.infra.sandboxClock.advance(-10 * 60_000);
    }
  });

  it('a result issued more than 10 minutes ago is refused (guide §7) and stored for nobody', async () => {
    const skewed = await startVerifyServer(stack.infra, {
      now: () => new Date(Date.now() + 10 * 60_000 + 5_000),
    });
    try {
      const browser = await member(skewed);
      await startAndRequest(browser, 'sms', STALE);
      const res = await browser.post('/verify/api/mok/confirm', { authNumber: STALE.otp });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({ code: 'MOK_RESULT_EXPIRED', message: message('5033'), restart: true });
    } finally {
      await skewed.close();
    }
    // Not stored: the same person verifies fine for another member.
    const other = await member();
    await startAndRequest(other, 'sms', STALE);
    expect((await other.post('/verify/api/mok/confirm', { authNumber: STALE.otp })).status).toBe(200);
  });

  it('the transaction lives 10 minutes in Redis and in an HttpOnly cookie', async () => {
    const browser = await member();
    const start = await browser.post('/verify/api/mok/start', { service: 'sms' });
    const setCookie = start.headers.getSetCookie().find((c) => c.startsWith('mfv_vtx='));
    expect(setCookie).toMatch(/^mfv_vtx=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
    const ttl = await stack.verify.redisClient.pttl(txKey(stack.verify, browser));
    expect(ttl).toBeGreaterThan(595_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
    expect(Date.parse((start.body as { expiresAt: string }).expiresAt) - Date.now()).toBeGreaterThan(595_000);
    // Redis holds no readable personal data: the entered name, phone and birthday are sealed.
    await browser.post('/verify/api/mok/request', formForService('sms', TTL));
    const raw = (await stack.verify.redisClient.get(txKey(stack.verify, browser)))!;
    for (const secret of [TTL.name, TTL.phone, TTL.birthday]) expect(raw).not.toContain(secret);
  });

  it('after its TTL the transaction is gone: 410, start again', async () => {
    const short = await startVerifyServer(stack.infra, { store: { ttlMs: 1_000 } });
    try {
      const browser = await member(short);
      await startAndRequest(browser, 'sms', SHORT);
      await new Promise((r) => setTimeout(r, 1_200));
      const res = await browser.post('/verify/api/mok/confirm', { authNumber: SHORT.otp });
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ code: 'MOK_TX_NOT_FOUND', restart: true });
    } finally {
      await short.close();
    }
  });
});

describe('one step at a time', () => {
  it('a second confirm while the first is with the provider: 409 busy; the first succeeds', async () => {
    const browser = await member();
    const started = await browser.post('/verify/api/mok/start', { service: 'sms' });
    expect(started.status).toBe(200);
    const requested = await browser.post('/verify/api/mok/request', formForService('sms', RACER));
    expect(requested.status).toBe(200);
    const first = browser.post('/verify/api/mok/confirm', { authNumber: RACER.otp });
    await new Promise((r) => setTimeout(r, 300));
    const second = await browser.post('/verify/api/mok/confirm', { authNumber: RACER.otp });
    expect(second.status).toBe(409);
    expect(second.body).toEqual({
      code: 'MOK_TX_BUSY',
      message: '이전 요청을 처리하고 있어요. 잠시 후 다시 시도해 주세요.',
    });
    expect((await first).status).toBe(200);
  });
});

describe('CSRF and methods on every state-changing route', () => {
  const routes = [
    '/verify/api/mok/start',
    '/verify/api/mok/request',
    '/verify/api/mok/resend',
    '/verify/api/mok/call',
    '/verify/api/mok/confirm',
    '/verify/api/verification/result',
  ];

  it('no token → 403 CSRF_TOKEN; a forged token → 403; another Origin → 403 CSRF_ORIGIN; GET → 405', async () => {
    const browser = await member();
    const csrf = (await browser.get<{ token: string }>('/verify/api/auth/csrf')).body.token;
    for (const path of routes) {
      const none = await browser.send('POST', path, {}, { origin: PUBLIC_ORIGIN });
      expect(none.status, path).toBe(403);
      expect(none.body).toMatchObject({ code: 'CSRF_TOKEN' });
      const forged = await browser.send(
        'POST',
        path,
        {},
        { origin: PUBLIC_ORIGIN, 'x-csrf-token': `${csrf}x` },
      );
      expect(forged.status, path).toBe(403);
      const foreign = await browser.send(
        'POST',
        path,
        {},
        { origin: 'https://evil.example', 'x-csrf-token': csrf },
      );
      expect(foreign.status, path).toBe(403);
      expect(foreign.body).toMatchObject({ code: 'CSRF_ORIGIN' });
      const get = await browser.get(path);
      expect(get.status, path).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
    }
  });

  it('signed out (signing up or not), the pre-session CSRF binding protects the routes the same way', async () => {
    const browser = new TestBrowser(stack.verify.url);
    const none = await browser.send(
      'POST',
      '/verify/api/mok/start',
      { service: 'sms' },
      { origin: PUBLIC_ORIGIN },
    );
    expect(none.status).toBe(403);
    const withToken = await browser.post('/verify/api/mok/start', { service: 'sms' });
    expect(withToken.status).toBe(401); // past CSRF: nobody to attach a result to
  });
});

describe('bodies (zod) and the form rules, each with its 400', () => {
  it('strict bodies: unknown fields, wrong types, an unknown service', async () => {
    const browser = await member();
    for (const [path, body] of [
      ['/verify/api/mok/start', { service: 'kakao' }],
      ['/verify/api/mok/start', { service: 'sms', clientTxId: 'MFV0000000000000000000' }],
      ['/verify/api/mok/start', {}],
      ['/verify/api/mok/request', { name: 1, phone: '01041000002' }],
      ['/verify/api/mok/confirm', { authNumber: 123456 }],
      ['/verify/api/mok/confirm', { authNumber: '1'.repeat(21) }],
      ['/verify/api/mok/resend', { count: 3 }],
      ['/verify/api/verification/result', { ticket: '' }],
    ] as const) {
      const res = await browser.post(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_INPUT', message: '입력한 내용을 확인해 주세요.' });
    }
  });

  it('each form rule (carrier, name, phone, birthday, gender, nation, usage code) → 400 naming the field; the transaction survives', async () => {
    const browser = await member();
    expect((await browser.post('/verify/api/mok/start', { service: 'sms' })).status).toBe(200);
    const good = formForService('sms', FORM);
    const cases: [Record<string, unknown>, string][] = [
      [{ carrier: 'SKB' }, 'carrier'],
      [{ carrier: undefined }, 'carrier'],
      [{ name: '   ' }, 'name'],
      [{ name: '가'.repeat(51) }, 'name'],
      [{ phone: '0212345678' }, 'phone'],
      [{ phone: '010123' }, 'phone'],
      [{ birthday: '19901332' }, 'birthday'],
      [{ birthday: '18991231' }, 'birthday'],
      [{ birthday: '29990101' }, 'birthday'],
      [{ birthday: undefined }, 'birthday'],
      [{ gender: '3' }, 'gender'],
      [{ nation: '2' }, 'nation'],
      [{ usageCode: '01006' }, 'usageCode'],
    ];
    for (const [change, field] of cases) {
      const res = await browser.post('/verify/api/mok/request', { ...good, ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect((res.body as { fields: Record<string, string> }).fields).toHaveProperty(
        field,
        expect.stringMatching(/[가-힣]/),
      );
    }
    // Adult checks are for SMS only: refused for LMS.
    await browser.post('/verify/api/mok/start', { service: 'lms' });
    const adultLms = await browser.post('/verify/api/mok/request', { ...good, usageCode: '01016' });
    expect(adultLms.status).toBe(400);
    expect(adultLms.body).toMatchObject({ fields: { usageCode: expect.any(String) } });
    // The same transaction, corrected: accepted.
    const fixed = await browser.post('/verify/api/mok/request', good);
    expect(fixed.status).toBe(200);
  });

  it('request twice on one transaction: the second is out of order', async () => {
    const browser = await member();
    await startAndRequest(browser, 'pass', MOK_PASS_ADULT);
    const again = await browser.post('/verify/api/mok/request', formForService('pass', MOK_PASS_ADULT));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'MOK_STEP_INVALID' });
  });
});
