/**
 * Every KCB failure the sandbox can inject, through the callback: the browser lands on the fail
 * page (or the popup page) with the typed error's code, the transaction is over, and the code
 * has its Korean message. Also KCB unreachable or refusing our credentials at start.
 */
import {
  KCB_MALFORMED,
  KCB_NEW_MEMBER,
  KCB_RESULT_ERROR,
  KCB_SLOW,
  KCB_WRONG_KEY,
} from '@mfv/sandbox/kcb-personas';
import { describe, expect, it } from 'vitest';
import type { KcbStartResponse } from '../src/providers/kcb/rules';
import { KCB_MESSAGES, type KcbFailureCode } from '../src/providers/kcb/errors';
import type { TestBrowser } from './support/browser';
import { freePortUrl, PROVIDER_TIMEOUT_MS, startVerifyServer } from './support/harness';
import { startVerifyStack } from './support/stack';
import { kcbUserStep, sitePath } from './support/providers';

const stack = startVerifyStack();
const member = stack.member;

async function start(browser: TestBrowser, body: Record<string, unknown> = {}) {
  const answer = await browser.post<KcbStartResponse>('/verify/api/kcb/start', body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

describe('faults at popup-result and on KCB’s page → the typed error on the fail page', () => {
  it.each<[string, string, KcbFailureCode]>([
    // KCB's failure codes are not public: the sandbox's B302 (취소) and B900 share one message.
    ['취소 on KCB’s page (sandbox rsp_cd B302)', 'cancel', 'KCB_RESULT_ERROR'],
    ['rsp_cd B900 (KCB system error)', KCB_RESULT_ERROR.id, 'KCB_RESULT_ERROR'],
    ['an answer that is not JSON', KCB_MALFORMED.id, 'KCB_BAD_RESPONSE'],
    ['fields under another key (bad decrypt)', KCB_WRONG_KEY.id, 'KCB_DECRYPT_FAILED'],
    [`an answer later than the ${PROVIDER_TIMEOUT_MS} ms bound (timeout)`, KCB_SLOW.id, 'KCB_TIMEOUT'],
  ])('%s (persona %s) → %s, transaction over', async (_, persona, code) => {
    const browser = await member();
    const form = await start(browser);
    const back = await kcbUserStep(form, persona);
    const started = performance.now();
    const answer = await browser.navigate(sitePath(back));
    // Bounded: the slow persona answers after 2 s; the client gives up at its timeout.
    expect(performance.now() - started).toBeLessThan(PROVIDER_TIMEOUT_MS + 1_000);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/verify/kcb/fail?code=${code}`);
    expect(KCB_MESSAGES[code]).toMatch(/[가-힣]/);
    expect(browser.cookies.get('mfv_vtx')).toBeUndefined();
    const again = await browser.navigate(sitePath(back));
    expect(again.location).toBe('/verify/kcb/fail?code=KCB_TX_NOT_FOUND');
  });

  it('the popup variant lands on the popup page with the code', async () => {
    const browser = await member();
    const form = await start(browser, { successUrl: '/verify/kcb/done', failUrl: '/verify/kcb/done' });
    const back = await kcbUserStep(form, KCB_WRONG_KEY.id);
    const answer = await browser.navigate(sitePath(back));
    expect(answer.location).toBe('/verify/kcb/done?code=KCB_DECRYPT_FAILED');
  });

  it('the callback before the person finished on KCB’s page (sandbox rsp_cd B301) → KCB_RESULT_ERROR', async () => {
    const browser = await member();
    const form = await start(browser);
    const early = await browser.navigate(
      `/verify/kcb/callback?svc_tkn=${encodeURIComponent(form.fields.svc_tkn)}`,
    );
    expect(early.location).toBe('/verify/kcb/fail?code=KCB_RESULT_ERROR');
  });

  it('KCB no longer knows the svc_tkn (its 10 minutes ran out there: sandbox rsp_cd B300) → KCB_RESULT_ERROR', async () => {
    const browser = await member();
    const form = await start(browser);
    const back = await kcbUserStep(form, KCB_NEW_MEMBER.id);
    stack.infra.sandboxClock.advance(11 * 60_000);
    try {
      const late = await browser.navigate(sitePath(back));
      expect(late.location).toBe('/verify/kcb/fail?code=KCB_RESULT_ERROR');
    } finally {
      stack.infra.sandboxClock.advance(-11 * 60_000);
    }
  });
});

describe('KCB unreachable or refusing us at start', () => {
  it('nothing listening at the API base → 503 KCB_UNAVAILABLE with Retry-After; no transaction', async () => {
    const down = await startVerifyServer(stack.infra, {
      kcb: { apiBaseUrl: `${await freePortUrl()}/kcb/api` },
    });
    try {
      const browser = await member(down);
      const answer = await browser.post('/verify/api/kcb/start', {});
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).not.toBeNull();
      expect(answer.body).toEqual({
        code: 'KCB_UNAVAILABLE',
        message: KCB_MESSAGES.KCB_UNAVAILABLE,
        restart: true,
      });
      expect(browser.cookies.get('mfv_vtx')).toBeUndefined();
    } finally {
      await down.close();
    }
  });

  it('our client secret refused by the token endpoint → 503 KCB_NOT_CONFIGURED', async () => {
    const wrong = await startVerifyServer(stack.infra, { kcb: { clientSecret: 'not-the-secret' } });
    try {
      const browser = await member(wrong);
      const answer = await browser.post('/verify/api/kcb/start', {});
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({
        code: 'KCB_NOT_CONFIGURED',
        message: KCB_MESSAGES.KCB_NOT_CONFIGURED,
      });
    } finally {
      await wrong.close();
    }
  });

  it('the OAuth client token is fetched once and reused across transactions', async () => {
    const server = await startVerifyServer(stack.infra);
    try {
      const browser = await member(server);
      const before = stack.infra.sandbox.app.sandbox.kcb?.state.accessTokens.size ?? 0;
      await start(browser);
      await start(browser);
      const form = await start(browser);
      expect((stack.infra.sandbox.app.sandbox.kcb?.state.accessTokens.size ?? 0) - before).toBe(1);
      const back = await kcbUserStep(form, KCB_NEW_MEMBER.id);
      expect(back.searchParams.get('svc_tkn')).toBe(form.fields.svc_tkn);
    } finally {
      await server.close();
    }
  });
});
