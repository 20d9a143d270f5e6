import { describe, expect, it } from 'vitest';
import { EXISTING_MEMBER } from '../src/personas.js';
import {
  authorizeUrl,
  defaultAuthorizeParams,
  openConsent,
  startSandbox,
  submitConsent,
  testClock,
} from './helpers.js';

async function freshPage(url: string) {
  return openConsent(authorizeUrl(url, defaultAuthorizeParams()));
}

function consentFields(
  page: { requestId: string; nonce: string },
  overrides: Record<string, string | undefined> = {},
) {
  return {
    request_id: page.requestId,
    nonce: page.nonce,
    persona: EXISTING_MEMBER.id,
    action: 'consent',
    ...overrides,
  };
}

async function expectRefused(res: Response, status: number): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('location')).toBeNull();
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
}

describe('consent form CSRF protection', () => {
  it('accepts the form with its own nonce, its browser cookie and a same-origin Origin', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    const res = await submitConsent(url, consentFields(page), {
      cookie: page.cookie,
      origin: new URL(url).origin,
    });
    expect(res.status).toBe(302);
  });

  it('accepts `Origin: null` (Chromium sends it for a form on a no-referrer page); nonce and cookie decide', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    const res = await submitConsent(url, consentFields(page), { cookie: page.cookie, origin: 'null' });
    expect(res.status).toBe(302);
    const other = await freshPage(url);
    await expectRefused(await submitConsent(url, consentFields(other), { origin: 'null' }), 403);
  });

  it('refuses a POST without the nonce', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    await expectRefused(
      await submitConsent(url, consentFields(page, { nonce: undefined }), { cookie: page.cookie }),
      403,
    );
  });

  it('refuses a POST with another nonce', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    const other = await freshPage(url);
    await expectRefused(
      await submitConsent(url, consentFields(page, { nonce: other.nonce }), { cookie: page.cookie }),
      403,
    );
  });

  it('refuses the right nonce without the browser cookie (e.g. a nonce fetched by someone else)', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    await expectRefused(await submitConsent(url, consentFields(page)), 403);
  });

  it('refuses the right nonce with another browser’s cookie', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    const otherBrowser = await freshPage(url);
    expect(otherBrowser.cookie).not.toBe(page.cookie);
    await expectRefused(await submitConsent(url, consentFields(page), { cookie: otherBrowser.cookie }), 403);
  });

  it('refuses a cross-site Origin even with nonce and cookie', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    await expectRefused(
      await submitConsent(url, consentFields(page), {
        cookie: page.cookie,
        origin: 'https://attacker.example',
      }),
      403,
    );
  });

  it('the nonce is single use: replaying a submitted form is refused', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    expect((await submitConsent(url, consentFields(page), { cookie: page.cookie })).status).toBe(302);
    await expectRefused(await submitConsent(url, consentFields(page), { cookie: page.cookie }), 400);
  });

  it('a rejected attempt does not spend the form: the user can still consent', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    await expectRefused(
      await submitConsent(url, consentFields(page, { nonce: 'guess' }), { cookie: page.cookie }),
      403,
    );
    await expectRefused(
      await submitConsent(url, consentFields(page, { persona: 'nobody' }), { cookie: page.cookie }),
      400,
    );
    await expectRefused(
      await submitConsent(url, consentFields(page, { action: 'maybe' }), { cookie: page.cookie }),
      400,
    );
    expect((await submitConsent(url, consentFields(page), { cookie: page.cookie })).status).toBe(302);
  });

  it('only the form encoding is accepted (a JSON body with the right values is refused)', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    const res = await fetch(`${url}/kakao/kauth/oauth/consent`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', cookie: page.cookie },
      body: JSON.stringify(consentFields(page)),
    });
    await expectRefused(res, 400);
  });

  it('an unknown request id is refused', async () => {
    const { url } = await startSandbox();
    const page = await freshPage(url);
    await expectRefused(
      await submitConsent(url, consentFields(page, { request_id: 'unknown' }), { cookie: page.cookie }),
      400,
    );
  });

  it('a consent page older than 10 minutes can no longer be submitted', async () => {
    const clock = testClock();
    const { url } = await startSandbox({ clock });
    const page = await freshPage(url);
    clock.advance(10 * 60 * 1000);
    await expectRefused(await submitConsent(url, consentFields(page), { cookie: page.cookie }), 400);
  });

  it('the same browser keeps its cookie across pages, and each page has its own nonce', async () => {
    const { url } = await startSandbox();
    const first = await freshPage(url);
    const second = await openConsent(authorizeUrl(url, defaultAuthorizeParams()), {
      headers: { cookie: first.cookie },
    });
    expect(second.cookie).toBe(first.cookie);
    expect(second.nonce).not.toBe(first.nonce);
    // Both forms work from that browser.
    expect((await submitConsent(url, consentFields(first), { cookie: first.cookie })).status).toBe(302);
    expect((await submitConsent(url, consentFields(second), { cookie: first.cookie })).status).toBe(302);
  });
});
