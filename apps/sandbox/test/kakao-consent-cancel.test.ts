import { describe, expect, it } from 'vitest';
import { EXISTING_MEMBER } from '../src/personas.js';
import {
  REDIRECT_URI,
  authorizeUrl,
  defaultAuthorizeParams,
  openConsent,
  startSandbox,
  submitConsent,
} from './helpers.js';

describe('cancel on the consent page', () => {
  it('redirects with access_denied in Kakao’s documented shape, and issues no code', async () => {
    const { url } = await startSandbox();
    const page = await openConsent(authorizeUrl(url, defaultAuthorizeParams({ state: 'xyz' })));
    const res = await submitConsent(
      url,
      { request_id: page.requestId, nonce: page.nonce, action: 'cancel' },
      { cookie: page.cookie },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(
      `${REDIRECT_URI}?error=access_denied&error_description=User%20denied%20access&state=xyz`,
    );
  });

  it('omits state when the authorize request had none', async () => {
    const { url } = await startSandbox();
    const page = await openConsent(authorizeUrl(url, defaultAuthorizeParams({ state: undefined })));
    const res = await submitConsent(
      url,
      { request_id: page.requestId, nonce: page.nonce, action: 'cancel' },
      { cookie: page.cookie },
    );
    expect(res.headers.get('location')).toBe(
      `${REDIRECT_URI}?error=access_denied&error_description=User%20denied%20access`,
    );
  });

  it('ends the request: consenting with the same form afterwards is refused', async () => {
    const { url } = await startSandbox();
    const page = await openConsent(authorizeUrl(url, defaultAuthorizeParams()));
    const form = { request_id: page.requestId, nonce: page.nonce };
    await submitConsent(url, { ...form, action: 'cancel' }, { cookie: page.cookie });
    const again = await submitConsent(
      url,
      { ...form, persona: EXISTING_MEMBER.id, action: 'consent' },
      { cookie: page.cookie },
    );
    expect(again.status).toBe(400);
    expect(again.headers.get('location')).toBeNull();
  });
});
