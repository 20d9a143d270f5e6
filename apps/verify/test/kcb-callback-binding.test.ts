/**
 * KCB through the verify API against the real sandbox, api and Redis: the callback belongs to the
 * browser that started it, yields one result used once, and sends the browser only to our own
 * allowlisted pages — with a one-time ticket, never the person's data, in the URL.
 */
import {
  KCB_DIGIT_CODES,
  KCB_EXISTING_MEMBER,
  KCB_MINIMAL_RESULT,
  KCB_NEW_MEMBER,
  KCB_PLAIN_RESULT,
  KCB_RARE_SYLLABLE,
  KCB_FOREIGNER,
  KCB_UTF8_NAME,
} from '@mfv/sandbox/kcb-personas';
import { describe, expect, it } from 'vitest';
import type { KcbStartResponse } from '../src/providers/kcb/rules';
import { KCB_MESSAGES } from '../src/providers/kcb/errors';
import { transactionKeys } from '../src/core/transactions';
import { signingUpBrowser, TestBrowser } from './support/browser';
import {
  KCB_MEMBER_CODE,
  KCB_RETURN_URL,
  kcbTwin,
  PUBLIC_ORIGIN,
  startVerifyServer,
} from './support/harness';
import { startVerifyStack } from './support/stack';
import { kcbUserStep, sitePath } from './support/providers';

const POPUP = kcbTwin(KCB_EXISTING_MEMBER, 'popup');
const FULL_PAGE = kcbTwin(KCB_NEW_MEMBER, 'full-page');
const RARE = kcbTwin(KCB_RARE_SYLLABLE, 'rare');
const REPLAYED = kcbTwin(KCB_EXISTING_MEMBER, 'replayed');
const VICTIM = kcbTwin(KCB_NEW_MEMBER, 'victim');
const INTRUDER = kcbTwin(KCB_FOREIGNER, 'intruder');
const SIGNUP = kcbTwin(KCB_NEW_MEMBER, 'signup');
const RACER = kcbTwin(KCB_EXISTING_MEMBER, 'racer');
const LATE = kcbTwin(KCB_NEW_MEMBER, 'late');
/** The popup-result shapes public integrations accept (docs/providers/kcb.md, "Result fields"). */
const WIRE_VARIANTS = [
  kcbTwin(KCB_PLAIN_RESULT, 'wire'),
  kcbTwin(KCB_UTF8_NAME, 'wire'),
  kcbTwin(KCB_DIGIT_CODES, 'wire'),
  kcbTwin(KCB_MINIMAL_RESULT, 'wire'),
];

const stack = startVerifyStack({
  kcbPersonas: [POPUP, FULL_PAGE, RARE, REPLAYED, VICTIM, INTRUDER, SIGNUP, RACER, LATE, ...WIRE_VARIANTS],
});

const member = () => stack.member();

async function start(browser: TestBrowser, body: Record<string, unknown> = {}) {
  const answer = await browser.post<KcbStartResponse>('/verify/api/kcb/start', body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/** start → KCB's page as `persona` → our callback; answers where the callback sent the browser. */
async function verifyWith(browser: TestBrowser, persona: string, body: Record<string, unknown> = {}) {
  const form = await start(browser, body);
  const back = await kcbUserStep(form, persona);
  const answer = await browser.navigate(sitePath(back));
  expect(answer.status).toBe(303);
  return { form, back, location: new URL(answer.location ?? '', PUBLIC_ORIGIN), answer };
}

function piiOf(persona: typeof POPUP): string[] {
  return [
    persona.name,
    encodeURIComponent(persona.name),
    persona.phone,
    persona.birthdate,
    'SANDBOX+FAKE',
    encodeURIComponent('SANDBOX+FAKE'),
  ];
}

describe('start', () => {
  it('answers the form for KCB’s page and nothing else: no key material, the return URL fixed', async () => {
    const browser = await member();
    const form = await start(browser);
    expect(Object.keys(form).sort()).toEqual(['action', 'expiresAt', 'fields', 'method']);
    expect(form.action).toBe(`${stack.infra.sandbox.url}/kcb/safe/CommonSvl`);
    expect(form.method).toBe('POST');
    expect(Object.keys(form.fields).sort()).toEqual(['idcf_mbr_com_cd', 'svc_tkn', 'tc']);
    expect(form.fields.idcf_mbr_com_cd).toBe(KCB_MEMBER_CODE);
    expect(Date.parse(form.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    // Redis holds the field key sealed, never as its hex.
    const handle = browser.cookies.get('mfv_vtx');
    expect(handle).toBeDefined();
    const raw = await stack.verify.redisClient.get(transactionKeys(stack.verify.keys, handle!).tx);
    const tx = JSON.parse(raw ?? '{}') as { provider: string; data: Record<string, string> };
    expect(tx.provider).toBe('kcb');
    expect(Object.keys(tx.data).sort()).toEqual(
      ['encIv', 'failPath', 'rqstSvcTxSeqno', 'sealedKey', 'successPath', 'svcTkn'].sort(),
    );
    expect(tx.data.sealedKey).not.toMatch(/^[0-9a-f]{32,64}$/i);
    expect(tx.data.svcTkn).toBe(form.fields.svc_tkn);
    // KCB returns to the configured callback whatever the client asked for.
    const back = await kcbUserStep(form, 'cancel');
    expect(`${back.origin}${back.pathname}`).toBe(KCB_RETURN_URL);
  });

  it('needs a member or a pending signup (401), and CSRF (403)', async () => {
    const anonymous = new TestBrowser(stack.verify.url);
    const refused = await anonymous.post('/verify/api/kcb/start', {});
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'VERIFICATION_LOGIN_REQUIRED' });
    const browser = await member();
    const forged = await browser.send('POST', '/verify/api/kcb/start', {}, { origin: PUBLIC_ORIGIN });
    expect(forged.status).toBe(403);
    const wrongMethod = await browser.send('GET', '/verify/api/kcb/start', undefined);
    expect(wrongMethod.status).toBe(405);
  });

  it.each([
    ['another origin', { successUrl: 'https://evil.example/verify/kcb/result' }],
    ['a network path', { successUrl: '//evil.example/verify/kcb/result' }],
    ['a backslash path', { successUrl: '/\\evil.example/verify/kcb/result' }],
    ['a scheme', { successUrl: 'javascript:alert(1)' }],
    ['a page off the list', { successUrl: '/verify/mok' }],
    ['dot segments leaving the list', { successUrl: '/verify/kcb/result/../../user/profile' }],
    ['a query', { successUrl: '/verify/kcb/result?next=https://evil.example' }],
    ['a fragment', { failUrl: '/verify/kcb/fail#x' }],
    ['an API route', { successUrl: '/verify/api/kcb/start' }],
    ['a success page as fail page', { failUrl: '/verify/kcb/result' }],
    ['another port of this host', { failUrl: 'http://localhost:8081/verify/kcb/fail' }],
  ])('refuses %s as a return page (no open redirect): 400 KCB_RETURN_URL_NOT_ALLOWED', async (_, body) => {
    const browser = await member();
    const answer = await browser.post('/verify/api/kcb/start', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      code: 'KCB_RETURN_URL_NOT_ALLOWED',
      message: KCB_MESSAGES.KCB_RETURN_URL_NOT_ALLOWED,
    });
    expect(browser.cookies.get('mfv_vtx')).toBeUndefined();
  });

  it('refuses unknown fields and non-strings (400 INVALID_INPUT)', async () => {
    const browser = await member();
    for (const body of [{ returnUrl: 'https://evil.example' }, { successUrl: 42 }]) {
      const answer = await browser.post('/verify/api/kcb/start', body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'INVALID_INPUT' });
    }
  });
});

describe('popup-result shapes public integrations accept', () => {
  it.each(WIRE_VARIANTS.map((p) => [p.summary, p] as const))(
    '%s → verified, the name read right',
    async (_, persona) => {
      const browser = await member();
      const { location } = await verifyWith(browser, persona.id);
      expect(location.pathname, location.search).toBe('/verify/kcb/result');
      const ticket = location.searchParams.get('ticket')!;
      const result = await browser.post('/verify/api/verification/result', { ticket });
      expect(result.status).toBe(200);
      const chars = Array.from(persona.name);
      expect(result.body).toMatchObject({
        provider: 'kcb',
        maskedName: `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`,
        maskedPhone: `010-****-${persona.phone.slice(-4)}`,
        identity: true,
      });
    },
  );
});

describe('the callback (popup and full page)', () => {
  it('popup: 303 to the popup page with a one-time ticket; it redeems to masked fields once', async () => {
    const browser = await member();
    const { location, back } = await verifyWith(browser, POPUP.id, {
      successUrl: '/verify/kcb/done',
      failUrl: `${PUBLIC_ORIGIN}/verify/kcb/done`,
    });
    expect(location.pathname).toBe('/verify/kcb/done');
    expect([...location.searchParams.keys()]).toEqual(['ticket']);
    for (const url of [location.href, back.href, ...browser.urls])
      for (const secret of piiOf(POPUP)) expect(url).not.toContain(secret);
    // The transaction and its cookie are gone.
    expect(browser.cookies.get('mfv_vtx')).toBeUndefined();
    const ticket = location.searchParams.get('ticket')!;
    const result = await browser.post('/verify/api/verification/result', { ticket });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      provider: 'kcb',
      serviceType: 'phone-popup',
      maskedName: '김*준',
      maskedPhone: `010-****-${POPUP.phone.slice(-4)}`,
      identity: true,
      attachedTo: 'member',
    });
    // A replayed ticket: spent.
    const again = await browser.post('/verify/api/verification/result', { ticket });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'RESULT_USED' });
  });

  it('full page: the default pages; a CP949-only syllable arrives intact; a signup owns the result', async () => {
    const { browser } = await signingUpBrowser(stack.verify.url, stack.infra.api, stack.verify.auth);
    const { location } = await verifyWith(browser, RARE.id);
    expect(location.pathname).toBe('/verify/kcb/result');
    const ticket = location.searchParams.get('ticket')!;
    const result = await browser.post('/verify/api/verification/result', { ticket });
    expect(result.body).toMatchObject({ provider: 'kcb', maskedName: '남*샾', attachedTo: 'signup' });
    // The same person again from another signup: the api refuses a person (CI hash) that is taken.
    const other = await signingUpBrowser(stack.verify.url, stack.infra.api, stack.verify.auth);
    const second = await verifyWith(other.browser, RARE.id);
    expect(second.location.pathname).toBe('/verify/kcb/fail');
    expect(second.location.searchParams.get('code')).toBe('VERIFICATION_ALREADY_REGISTERED');
  });

  it('absolute same-origin return URLs are accepted and kept as paths', async () => {
    const browser = await member();
    const { location } = await verifyWith(browser, FULL_PAGE.id, {
      successUrl: `${PUBLIC_ORIGIN}/verify/kcb/result`,
      failUrl: `${PUBLIC_ORIGIN}/verify/kcb/fail`,
    });
    expect(location.origin).toBe(PUBLIC_ORIGIN);
    expect(location.pathname).toBe('/verify/kcb/result');
  });

  it('a replayed callback URL finds no transaction: fail page, KCB_TX_NOT_FOUND', async () => {
    const browser = await member();
    const { back, location } = await verifyWith(browser, REPLAYED.id);
    expect(location.pathname).toBe('/verify/kcb/result');
    const replay = await browser.navigate(sitePath(back));
    expect(replay.status).toBe(303);
    expect(replay.location).toBe('/verify/kcb/fail?code=KCB_TX_NOT_FOUND');
  });

  it('a foreign svc_tkn (another browser’s) is refused and leaves both transactions usable', async () => {
    const victim = await member();
    const intruder = await member();
    const victimForm = await start(victim, { successUrl: '/verify/kcb/done', failUrl: '/verify/kcb/done' });
    const intruderForm = await start(intruder);
    const intruderBack = await kcbUserStep(intruderForm, INTRUDER.id);
    // The intruder gets the victim's browser to open the callback with the intruder's token.
    const forged = await victim.navigate(sitePath(intruderBack));
    expect(forged.status).toBe(303);
    expect(forged.location).toBe('/verify/kcb/done?code=KCB_SVC_TKN_MISMATCH');
    // Nothing was spent: each browser completes its own verification.
    const victimBack = await kcbUserStep(victimForm, VICTIM.id);
    const ok = await victim.navigate(sitePath(victimBack));
    expect(ok.location).toMatch(/^\/verify\/kcb\/done\?ticket=[A-Za-z0-9_-]+$/);
    const intruderOwn = await intruder.navigate(sitePath(intruderBack));
    expect(intruderOwn.location).toMatch(/^\/verify\/kcb\/result\?ticket=/);
  });

  it('no transaction cookie, a missing or malformed svc_tkn: KCB_TX_NOT_FOUND / KCB_SVC_TKN_MISMATCH', async () => {
    const stranger = new TestBrowser(stack.verify.url);
    const none = await stranger.navigate('/verify/kcb/callback?svc_tkn=abc');
    expect(none.location).toBe('/verify/kcb/fail?code=KCB_TX_NOT_FOUND');
    const browser = await member();
    await start(browser);
    const missing = await browser.navigate('/verify/api/kcb/callback');
    expect(missing.location).toBe('/verify/kcb/fail?code=KCB_SVC_TKN_MISMATCH');
    const twice = await browser.navigate('/verify/api/kcb/callback?svc_tkn=a&svc_tkn=b');
    expect(twice.location).toBe('/verify/kcb/fail?code=KCB_SVC_TKN_MISMATCH');
    expect(missing.headers.get('referrer-policy')).toBe('no-referrer');
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });

  it('the signup expired meanwhile: the result is not kept (SIGNUP_EXPIRED on the fail page)', async () => {
    const { browser } = await signingUpBrowser(stack.verify.url, stack.infra.api, stack.verify.auth);
    const form = await start(browser);
    const back = await kcbUserStep(form, SIGNUP.id);
    // The signup cookie is gone by the time KCB sends the browser back.
    for (const name of [...browser.cookies.keys()]) if (name.includes('signup')) browser.cookies.delete(name);
    const answer = await browser.navigate(sitePath(back));
    expect(answer.location).toBe('/verify/kcb/fail?code=VERIFICATION_LOGIN_REQUIRED');
  });

  it('two callbacks at once (a double navigation): exactly one result, the other finds none', async () => {
    const browser = await member();
    const form = await start(browser);
    const back = await kcbUserStep(form, RACER.id);
    const answers = await Promise.all([browser.navigate(sitePath(back)), browser.navigate(sitePath(back))]);
    const locations = answers.map((a) => a.location ?? '').sort();
    expect(locations[0]).toBe('/verify/kcb/fail?code=KCB_TX_NOT_FOUND');
    expect(locations[1]).toMatch(/^\/verify\/kcb\/result\?ticket=/);
  });

  it('a transaction past its lifetime is gone: KCB_TX_NOT_FOUND', async () => {
    const short = await startVerifyServer(stack.infra, { store: { ttlMs: 1_000 } });
    try {
      const browser = await stack.member(short);
      const answer = await browser.post<KcbStartResponse>('/verify/api/kcb/start', {});
      expect(answer.status).toBe(200);
      const back = await kcbUserStep(answer.body, LATE.id);
      await new Promise((r) => setTimeout(r, 1_200));
      const late = await browser.navigate(sitePath(back));
      expect(late.location).toBe('/verify/kcb/fail?code=KCB_TX_NOT_FOUND');
    } finally {
      await short.close();
    }
  });
});
