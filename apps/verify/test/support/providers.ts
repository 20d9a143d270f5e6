/**
 * The person's step at the provider, over HTTP against the real sandbox — what the browser does
 * between our start route and our callback: KCB's page (form POST, persona, 본인확인 완료 or 취소)
 * and SSAFY's hosted popup (what `ssafyVerify.verify()` does: a PKCE pair, the authorize page,
 * the decision, the redirect to the registered redirect URI).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { KcbStartResponse } from '../../src/providers/kcb/rules';
import { PUBLIC_ORIGIN, SSAFY_CLIENT_ID, SSAFY_REDIRECT_URI } from './harness';

function hidden(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`page has no hidden ${name}: ${html.slice(0, 300)}`);
  return match[1];
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

/**
 * POSTs our start answer's form to KCB's page, then submits it as `persona` (or 취소). Returns the
 * URL KCB sends the browser to: the registered return URL with `?svc_tkn=`.
 */
export async function kcbUserStep(start: KcbStartResponse, persona: string | 'cancel'): Promise<URL> {
  const page = await fetch(start.action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form(start.fields),
  });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`KCB page answered ${page.status}: ${html.slice(0, 300)}`);
  const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const fields: Record<string, string> = {
    request_id: hidden(html, 'request_id'),
    nonce: hidden(html, 'nonce'),
    action: persona === 'cancel' ? 'cancel' : 'confirm',
  };
  if (persona !== 'cancel') fields.persona = persona;
  const done = await fetch(`${start.action}/confirm`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: form(fields),
  });
  const location = done.headers.get('location');
  if (done.status !== 303 || location === null) {
    throw new Error(`KCB confirm answered ${done.status}: ${(await done.text()).slice(0, 300)}`);
  }
  return new URL(location);
}

/** A URL of the public site as a path our test server answers. */
export function sitePath(url: URL | string): string {
  const u = typeof url === 'string' ? new URL(url, PUBLIC_ORIGIN) : url;
  if (u.origin !== PUBLIC_ORIGIN) throw new Error(`not a URL of the site: ${u.origin}`);
  return `${u.pathname}${u.search}`;
}

export interface SsafyCallback {
  code: string | null;
  state: string | null;
  iss: string | null;
  error: string | null;
  errorCode: string | null;
  requestId: string | null;
  /** The verifier the SDK would hand back with the callback. */
  codeVerifier: string;
}

/** RFC 7636: 64 characters of the unreserved set, as the hosted SDK makes them. */
function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url') };
}

/**
 * What `ssafyVerify.verify({clientId, redirectUri, scopes, waitForCallback: true})` does (with `state`
 * standing for the one the SDK makes for itself),
 * with the person choosing `persona` (or 취소) on the issuer's page.
 */
export async function ssafyUserStep(
  issuer: string,
  state: string,
  persona: string | 'cancel',
  options: { scopes?: string[]; clientId?: string; redirectUri?: string } = {},
): Promise<SsafyCallback> {
  const { verifier, challenge } = pkce();
  const authorize = new URL(`${issuer}/verify/authorize`);
  authorize.searchParams.set('client_id', options.clientId ?? SSAFY_CLIENT_ID);
  authorize.searchParams.set('redirect_uri', options.redirectUri ?? SSAFY_REDIRECT_URI);
  authorize.searchParams.set('scope', (options.scopes ?? ['ssafy.verify', 'ssafy.affiliation']).join(' '));
  authorize.searchParams.set('state', state);
  authorize.searchParams.set('code_challenge', challenge);
  authorize.searchParams.set('code_challenge_method', 'S256');
  return { ...(await ssafyDecide(authorize, persona)), codeVerifier: verifier };
}

/**
 * On the issuer's page at `authorize` (an authorize URL made by anyone: the SDK, our full-page
 * start), the person chooses `persona` (or 취소): the callback's query as the redirect URI gets it.
 */
export async function ssafyDecide(
  authorize: URL | string,
  persona: string | 'cancel',
): Promise<Omit<SsafyCallback, 'codeVerifier'>> {
  const page = await fetch(authorize, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${html.slice(0, 300)}`);
  const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const fields: Record<string, string> = {
    request_id: hidden(html, 'request_id'),
    nonce: hidden(html, 'nonce'),
    action: persona === 'cancel' ? 'cancel' : 'verify',
  };
  if (persona !== 'cancel') fields.persona = persona;
  const decision = new URL('decision', `${new URL(authorize).toString().split('?')[0]}/`);
  const decided = await fetch(decision, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: form(fields),
  });
  const location = decided.headers.get('location');
  if (decided.status !== 303 || location === null) {
    throw new Error(`decision answered ${decided.status}: ${(await decided.text()).slice(0, 300)}`);
  }
  const q = new URL(location).searchParams;
  return {
    code: q.get('code'),
    state: q.get('state'),
    iss: q.get('iss'),
    error: q.get('error'),
    errorCode: q.get('error_code'),
    requestId: q.get('request_id'),
  };
}
