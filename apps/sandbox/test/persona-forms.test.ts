import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../src/personas.js';
import { KCB_PERSONAS } from '../src/providers/kcb/personas.js';
import { SSAFY_PERSONAS } from '../src/providers/ssafy/personas.js';
import {
  authorizeUrl as kakaoAuthorizeUrl,
  defaultAuthorizeParams,
  openConsent,
  startSandbox,
} from './helpers.js';
import { TEST_KCB, kcbToken, openKcbPage, popupStart } from './kcb-helpers.js';
import {
  SSAFY_PUBLIC_CLIENT,
  SSAFY_REDIRECT_URI,
  authorizeUrl,
  openSsafyPage,
  pkce,
  ssafyOptions,
} from './ssafy-helpers.js';
import { tossOptions } from './toss-helpers.js';

/**
 * The persona picker of every provider page (Kakao's consent page, KCB's page, SSAFY Verify's
 * verification page, Toss's appLogin sheet) is one helper (src/persona-form.ts): the same form,
 * the same browser binding and the same checks, in the same order, on each page.
 */
interface OpenedForm {
  readonly requestId: string;
  readonly nonce: string;
  readonly cookie: string;
  readonly html: string;
}

interface PersonaPage {
  readonly name: string;
  readonly open: (base: string) => Promise<OpenedForm>;
  readonly submitPath: string;
  readonly verb: string;
  readonly personaIds: readonly string[];
  /** The status of a decision that goes back to the platform. */
  readonly back: number;
}

const PAGES: readonly PersonaPage[] = [
  {
    name: 'Kakao consent page',
    open: (base) => openConsent(kakaoAuthorizeUrl(base, defaultAuthorizeParams())),
    submitPath: '/kakao/kauth/oauth/consent',
    verb: 'consent',
    personaIds: PERSONAS.map((p) => p.id),
    back: 302,
  },
  {
    name: "KCB's page",
    open: async (base) => {
      const tx = await popupStart(base, await kcbToken(base));
      return openKcbPage(base, tx.svc_tkn);
    },
    submitPath: '/kcb/safe/CommonSvl/confirm',
    verb: 'confirm',
    personaIds: KCB_PERSONAS.map((p) => p.id),
    back: 303,
  },
  {
    name: 'SSAFY Verify page',
    open: (base) =>
      openSsafyPage(
        authorizeUrl(base, {
          client_id: SSAFY_PUBLIC_CLIENT,
          redirect_uri: SSAFY_REDIRECT_URI,
          scope: 'ssafy.verify',
          state: 'state-0123456789',
          code_challenge: pkce().challenge,
          code_challenge_method: 'S256',
        }),
      ),
    submitPath: '/ssafy/verify/authorize/decision',
    verb: 'verify',
    personaIds: SSAFY_PERSONAS.map((p) => p.id),
    back: 303,
  },
];

async function sandbox(): Promise<string> {
  const running = await startSandbox({ kcb: TEST_KCB, ssafy: ssafyOptions(), toss: await tossOptions() });
  return running.url;
}

function post(base: string, path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

function fields(form: OpenedForm, page: PersonaPage, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    request_id: form.requestId,
    nonce: form.nonce,
    persona: page.personaIds[0] ?? '',
    action: page.verb,
    ...extra,
  }).toString();
}

describe.each(PAGES)('the persona picker: $name', (page) => {
  it('lists every persona of the provider, the first one checked, and binds the browser', async () => {
    const base = await sandbox();
    const form = await page.open(base);
    const listed = [...form.html.matchAll(/name="persona"\s+value="([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(page.personaIds);
    expect(form.html).toMatch(/name="persona"\s+value="[^"]+"\s+checked/);
    expect(form.cookie).toMatch(/^sandbox_[a-z]+_browser=[A-Za-z0-9_-]{43}$/);
  });

  it('refuses forgeries in order, each with its status, and spends nothing', async () => {
    const base = await sandbox();
    const form = await page.open(base);
    const cookie = { cookie: form.cookie };
    const cases: [string, string, Record<string, string>, number][] = [
      ['a named foreign origin', fields(form, page), { ...cookie, origin: 'https://evil.example' }, 403],
      ['a repeated field', `${fields(form, page)}&nonce=${form.nonce}`, cookie, 400],
      ['an unknown request', fields(form, page, { request_id: 'nope' }), cookie, 400],
      ['another nonce', fields(form, page, { nonce: 'forged' }), cookie, 403],
      ['no browser cookie', fields(form, page), {}, 403],
      ['an unknown action', fields(form, page, { action: 'approve-all' }), cookie, 400],
      ['an unknown persona', fields(form, page, { persona: 'nobody' }), cookie, 400],
    ];
    for (const [what, body, headers, status] of cases) {
      const res = await post(base, page.submitPath, body, headers);
      expect({ what, status: res.status, location: res.headers.get('location') }).toEqual({
        what,
        status,
        location: null,
      });
    }
    const json = await fetch(`${base}${page.submitPath}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', ...cookie },
      body: JSON.stringify({ request_id: form.requestId, nonce: form.nonce }),
    });
    expect(json.status).toBe(400);
    // Nothing above spent the form: it still goes through once, and only once.
    const done = await post(base, page.submitPath, fields(form, page), cookie);
    expect(done.status).toBe(page.back);
    expect(done.headers.get('location')).not.toBeNull();
    const replay = await post(base, page.submitPath, fields(form, page), cookie);
    expect(replay.status).toBe(400);
  });

  it('cancel goes back to the platform once', async () => {
    const base = await sandbox();
    const form = await page.open(base);
    const cancel = fields(form, page, { action: 'cancel' });
    const first = await post(base, page.submitPath, cancel, { cookie: form.cookie });
    expect(first.status).toBe(page.back);
    const again = await post(base, page.submitPath, cancel, { cookie: form.cookie });
    expect(again.status).toBe(400);
  });
});
