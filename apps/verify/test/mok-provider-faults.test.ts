/**
 * Every kind of fault the sandbox injects (delay, status, malformed, code, tamper, drop, hang),
 * set per persona the way a browser flow meets it: each ends in the catalogue's customer message
 * within a bounded time, with 503 + Retry-After when mobile-ok is unavailable; never a 500 or a stack.
 * Then our own dependencies: Redis down, the key file missing, the api unreachable.
 */
import {
  MOK_CARRIER_OUTAGE,
  MOK_CONFIRM_HANG,
  MOK_CONFIRM_MALFORMED,
  MOK_SLOW,
  MOK_SMS_USER,
  MOK_TAMPERED_RESULT,
  type MokPersona,
} from '@mfv/sandbox/mok-personas';
import { startRedisServer } from '@mfv/testkit/redis';
import { describe, expect, it } from 'vitest';
import type { Answer } from './support/browser';
import { startAndRequest } from './support/flows';
import { customerMessage } from '../src/providers/mobile-ok/errors';
import { MOK_TIMEOUT_MS, startVerifyServer, twin } from './support/harness';
import { startVerifyStack } from './support/stack';

/** What the person reads for a code: the guide's §8 customer message in the site's words. */
const message = customerMessage;
/** A provider call is cut at MOK_TIMEOUT_MS; the answer follows at once. */
const BOUND_MS = MOK_TIMEOUT_MS + 1_500;

const STATUS_503 = twin(MOK_SMS_USER, 'status-503', { faults: { confirm: 'status:503' } });
const STATUS_400 = twin(MOK_SMS_USER, 'status-400', { faults: { confirm: 'status:400' } });
const DROP = twin(MOK_SMS_USER, 'drop', { faults: { confirm: 'drop' } });
const TOO_SLOW = twin(MOK_SMS_USER, 'too-slow', { faults: { confirm: `delay:${MOK_TIMEOUT_MS + 2_000}` } });
const CODE_AT_CONFIRM = twin(MOK_SMS_USER, 'code-9999', { faults: { confirm: 'code:9999' } });
const RESEND_NOT_SENT = twin(MOK_SMS_USER, 'resend-4012', { faults: { resend: 'code:4012' } });
const SLOW = twin(MOK_SLOW, 'slow');
const TAMPERED = twin(MOK_TAMPERED_RESULT, 'tampered');
const HANG = twin(MOK_CONFIRM_HANG, 'hang');
const MALFORMED = twin(MOK_CONFIRM_MALFORMED, 'malformed');
const OUTAGE = twin(MOK_CARRIER_OUTAGE, 'outage');
const DEPENDENCIES = twin(MOK_SMS_USER, 'deps');

const stack = startVerifyStack({
  personas: [
    STATUS_503,
    STATUS_400,
    DROP,
    TOO_SLOW,
    CODE_AT_CONFIRM,
    RESEND_NOT_SENT,
    SLOW,
    TAMPERED,
    HANG,
    MALFORMED,
    OUTAGE,
    DEPENDENCIES,
  ],
});
const member = stack.member;

async function confirmWithFault(persona: MokPersona): Promise<Answer> {
  const browser = await member();
  await startAndRequest(browser, 'sms', persona);
  return browser.post('/verify/api/mok/confirm', { authNumber: persona.otp });
}

function expectUnavailable(res: Answer, body: Record<string, unknown>) {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(res.body).toEqual(body);
}

describe('each injected fault kind → its customer message, in bounded time', () => {
  it('code (code:4008 at auth/request): the guide message for 4008, 503 + Retry-After, the transaction kept ("잠시후 다시")', async () => {
    const browser = await member();
    await browser.post('/verify/api/mok/start', { service: 'sms' });
    const res = await browser.post('/verify/api/mok/request', {
      carrier: OUTAGE.carrier,
      name: OUTAGE.name,
      phone: OUTAGE.phone,
      birthday: OUTAGE.birthday,
      gender: OUTAGE.gender,
      nation: OUTAGE.nation,
    });
    expect(res.ms).toBeLessThan(BOUND_MS);
    expectUnavailable(res, {
      code: 'MOK_RESULT',
      message: '선택하신 본인확인 서비스와 연결에 실패했어요. 잠시후 다시 시도해 주세요.',
      resultCode: '4008',
      restart: false,
      retryClass: 'retry-same-step',
      requestsRemaining: 2,
    });
  });

  it('code (code:9999 at confirm/request): the "unknown error" message ("잠시 후 다시"), 503 + Retry-After, the transaction kept', async () => {
    const res = await confirmWithFault(CODE_AT_CONFIRM);
    expectUnavailable(res, {
      code: 'MOK_RESULT',
      message: message('9999'),
      resultCode: '9999',
      restart: false,
      retryClass: 'retry-same-step',
      retryRemaining: 2,
    });
  });

  it('code at a step the person can repeat (4012 at auth/resend): the message, and the code sent before still works', async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms', RESEND_NOT_SENT);
    const res = await browser.post('/verify/api/mok/resend');
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      code: 'MOK_RESULT',
      message: message('4012'),
      resultCode: '4012',
      restart: false,
      retryClass: 'retry-same-step',
      resendRemaining: 3,
    });
    expect((await browser.post('/verify/api/mok/confirm', { authNumber: RESEND_NOT_SENT.otp })).status).toBe(
      200,
    );
  });

  it('status (HTTP 503 from mobile-ok): unavailable, 503 + Retry-After', async () => {
    const res = await confirmWithFault(STATUS_503);
    expect(res.ms).toBeLessThan(BOUND_MS);
    expectUnavailable(res, {
      code: 'MOK_RESULT',
      message: message('9999'),
      resultCode: '9999',
      restart: false,
      retryClass: 'retry-same-step',
      retryRemaining: 2,
    });
  });

  it('status (HTTP 400 from mobile-ok): its code 9998 and message', async () => {
    const res = await confirmWithFault(STATUS_400);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      code: 'MOK_RESULT',
      message: message('9998'),
      resultCode: '9998',
      restart: true,
      retryClass: 'final',
    });
  });

  it('malformed (not JSON): 502 with the "unknown error" message', async () => {
    const res = await confirmWithFault(MALFORMED);
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ code: 'MOK_BAD_RESPONSE', message: message('9999'), restart: true });
  });

  it('tamper (wrong hash in encryptMOKResult): refused, the integrity message (6028), nothing stored', async () => {
    const res = await confirmWithFault(TAMPERED);
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ code: 'MOK_RESULT_TAMPERED', message: message('6028'), restart: true });
  });

  it('drop (connection destroyed): unavailable, the connection-failure message, 503 + Retry-After', async () => {
    const res = await confirmWithFault(DROP);
    expect(res.ms).toBeLessThan(BOUND_MS);
    expectUnavailable(res, { code: 'MOK_UNAVAILABLE', message: message('4008'), restart: true });
  });

  it('hang (never answers): cut at the client timeout, 503 + Retry-After', async () => {
    const res = await confirmWithFault(HANG);
    expect(res.ms).toBeGreaterThanOrEqual(MOK_TIMEOUT_MS - 100);
    expect(res.ms).toBeLessThan(BOUND_MS);
    expectUnavailable(res, { code: 'MOK_UNAVAILABLE', message: message('4008'), restart: true });
  });

  it('delay beyond the timeout: the same as a hang', async () => {
    const res = await confirmWithFault(TOO_SLOW);
    expect(res.ms).toBeLessThan(BOUND_MS);
    expectUnavailable(res, { code: 'MOK_UNAVAILABLE', message: message('4008'), restart: true });
  });

  it('delay within the timeout (every step 2 s late): the flow completes', async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms', SLOW);
    const res = await browser.post('/verify/api/mok/confirm', { authNumber: SLOW.otp });
    expect(res.status).toBe(200);
    expect(res.ms).toBeGreaterThanOrEqual(1_900);
    expect(res.ms).toBeLessThan(BOUND_MS);
  });
});

describe('our own dependencies', () => {
  it('Redis down: 503 + Retry-After with REDIS_UNAVAILABLE, never a 500', async () => {
    const redis = await startRedisServer();
    const server = await startVerifyServer(stack.infra, { redisUrl: redis.url });
    try {
      const browser = await member(server);
      await redis.stop();
      const res = await browser.post('/verify/api/mok/start', { service: 'sms' });
      expect(res.ms).toBeLessThan(5_000);
      expectUnavailable(res, {
        code: 'REDIS_UNAVAILABLE',
        message: '잠시 후 다시 시도해 주세요. 서비스가 일시적으로 응답하지 않아요.',
      });
    } finally {
      await server.close();
      await redis.stop();
    }
  });

  it('the key file missing: 503 MOK_NOT_CONFIGURED; the path and no key material in the answer', async () => {
    const server = await startVerifyServer(stack.infra, { mok: { keyFile: '/nonexistent/mok_keyInfo.dat' } });
    try {
      const browser = await member(server);
      const res = await browser.post('/verify/api/mok/start', { service: 'sms' });
      expectUnavailable(res, {
        code: 'MOK_NOT_CONFIGURED',
        message: '본인확인 서비스를 지금 사용할 수 없어요. 잠시 후 다시 시도해 주세요.',
      });
      expect(JSON.stringify(res.body)).not.toContain('nonexistent');
    } finally {
      await server.close();
    }
  });

  it('a wrong key file password: 503 MOK_NOT_CONFIGURED as well', async () => {
    const server = await startVerifyServer(stack.infra, { mok: { keyPassword: 'not-the-password' } });
    try {
      const browser = await member(server);
      const res = await browser.post('/verify/api/mok/start', { service: 'sms' });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'MOK_NOT_CONFIGURED' });
    } finally {
      await server.close();
    }
  });

  it('the api unreachable at the hand-off: 503 + Retry-After, and the person is told to try later', async () => {
    const browser = await member();
    await startAndRequest(browser, 'sms', DEPENDENCIES);
    // The session is checked locally (JWKS cached); the hand-off needs the api itself.
    const original = stack.verify.auth.config.apiUrl;
    (stack.verify.auth.config as { apiUrl: string }).apiUrl = 'http://127.0.0.1:9';
    try {
      const res = await browser.post('/verify/api/mok/confirm', { authNumber: DEPENDENCIES.otp });
      expect(res.ms).toBeLessThan(BOUND_MS);
      expectUnavailable(res, {
        code: 'SERVICE_UNAVAILABLE',
        message: '잠시 후 다시 시도해 주세요. 서비스가 일시적으로 응답하지 않아요.',
      });
    } finally {
      (stack.verify.auth.config as { apiUrl: string }).apiUrl = original;
    }
  });
});
