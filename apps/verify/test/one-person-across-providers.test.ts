/**
 * One person, whichever provider identifies them (docs/auth.md "One person, one member"): a
 * member verified with PASS (mobile-ok) verifies again with KCB. The sandbox gives a person the
 * same CI at every provider and a DI per provider (as real providers do), so the hand-off must
 * match people by CI — the api's keyed hash of it — not by DI. Real sandbox over HTTP, real Redis,
 * the real api.
 */
import { KCB_EXISTING_MEMBER, KCB_NEW_MEMBER } from '@mfv/sandbox/kcb-personas';
import { MOK_PASS_ADULT } from '@mfv/sandbox/mok-personas';
import { describe, expect, it } from 'vitest';
import type { KcbStartResponse } from '../src/providers/kcb/rules';
import type { TestBrowser } from './support/browser';
import { confirmUntilDone, startAndRequest } from './support/flows';
import { kcbTwin, PUBLIC_ORIGIN, twin } from './support/harness';
import { startVerifyStack } from './support/stack';
import { kcbUserStep, sitePath } from './support/providers';

// One person at both providers: the same id (the sandbox derives CI from it), name and phone.
const AT_MOBILE_OK = twin(MOK_PASS_ADULT, 'across');
const AT_KCB = { ...kcbTwin(KCB_EXISTING_MEMBER, 'across'), id: AT_MOBILE_OK.id, phone: AT_MOBILE_OK.phone };
// Someone else, at KCB.
const SOMEONE_ELSE = kcbTwin(KCB_NEW_MEMBER, 'across-other');

const stack = startVerifyStack({ personas: [AT_MOBILE_OK], kcbPersonas: [AT_KCB, SOMEONE_ELSE] });

async function passVerification(browser: TestBrowser): Promise<string> {
  const requested = await startAndRequest(browser, 'pass', AT_MOBILE_OK);
  expect(requested.body).toEqual({ next: 'pass' });
  const confirmed = await confirmUntilDone(browser, {}, 20_000);
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  return (confirmed.body as { ticket: string }).ticket;
}

async function kcbVerification(browser: TestBrowser, persona: string): Promise<URL> {
  const form = await browser.post<KcbStartResponse>('/verify/api/kcb/start', {});
  expect(form.status, JSON.stringify(form.body)).toBe(200);
  const back = await kcbUserStep(form.body, persona);
  const answer = await browser.navigate(sitePath(back));
  expect(answer.status).toBe(303);
  return new URL(answer.location ?? '', PUBLIC_ORIGIN);
}

describe('one person across providers, through the verify API', () => {
  it('verified with PASS, then with KCB as the same person: accepted and recorded as KCB; another person is still refused', async () => {
    const browser = await stack.member();
    const passTicket = await passVerification(browser);
    const pass = await browser.post('/verify/api/verification/result', { ticket: passTicket });
    expect(pass.body).toMatchObject({ provider: 'mobile-ok', maskedName: '김*준', identity: true });

    // Before: 409 VERIFICATION_PERSON_MISMATCH ("이 계정은 다른 명의로 본인확인되어 있습니다"), KCB's
    // DI being another than mobile-ok's.
    const kcb = await kcbVerification(browser, AT_KCB.id);
    expect(kcb.pathname, kcb.href).toBe('/verify/kcb/result');
    const result = await browser.post('/verify/api/verification/result', {
      ticket: kcb.searchParams.get('ticket'),
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      provider: 'kcb',
      maskedName: '김*준',
      identity: true,
      attachedTo: 'member',
    });

    // Someone else at KCB: still "verified as another person".
    const other = await kcbVerification(browser, SOMEONE_ELSE.id);
    expect(other.pathname).toBe('/verify/kcb/fail');
    expect(other.searchParams.get('code')).toBe('VERIFICATION_PERSON_MISMATCH');
  });

  it('the same person on a second member, through the other provider: "already registered"', async () => {
    const browser = await stack.member();
    // AT_KCB belongs to the member of the first test (through mobile-ok, another DI).
    const kcb = await kcbVerification(browser, AT_KCB.id);
    expect(kcb.pathname).toBe('/verify/kcb/fail');
    expect(kcb.searchParams.get('code')).toBe('VERIFICATION_ALREADY_REGISTERED');
  });
});
