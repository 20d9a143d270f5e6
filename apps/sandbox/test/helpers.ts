import { createHash, randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import { type SandboxOptions } from '../src/app.js';
import { type RunningSandbox, startServer } from '../src/lifecycle.js';

export const CLIENT_ID = 'test-kakao-client';
export const CLIENT_SECRET = 'test-kakao-secret-0123456789';
export const PUBLIC_CLIENT_ID = 'test-public-client';
export const REDIRECT_URI = 'http://127.0.0.1:8080/user/login/kakao/callback';
export const REDIRECT_URI_WITH_QUERY = 'http://127.0.0.1:8080/cb?from=kakao';

/** Two apps: a confidential one (client secret) and a public one (PKCE only). */
export const TEST_APPS: SandboxOptions['kakao'] = {
  apps: [
    {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [REDIRECT_URI, REDIRECT_URI_WITH_QUERY],
      name: '테스트 앱',
    },
    { clientId: PUBLIC_CLIENT_ID, redirectUris: [REDIRECT_URI] },
  ],
};

export interface TestClock {
  (): number;
  advance(ms: number): void;
}

export function testClock(start = Date.parse('2026-03-02T09:00:00Z')): TestClock {
  let now = start;
  const clock = (() => now) as TestClock;
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A real server on 127.0.0.1:<free port>, closed after the test. */
export async function startSandbox(overrides: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const sandbox = await startServer({ host: '127.0.0.1', port: 0, kakao: TEST_APPS, ...overrides });
  running.push(sandbox);
  return sandbox;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url') };
}

export function authorizeUrl(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(`${base}/kakao/kauth/oauth/authorize`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.append(k, v);
  return url.toString();
}

export interface ConsentPage {
  readonly response: Response;
  readonly html: string;
  /** `name=value` of the browser cookie, ready for a Cookie header. */
  readonly cookie: string;
  readonly requestId: string;
  readonly nonce: string;
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`consent page has no hidden ${name}`);
  return match[1];
}

/** GET the authorize URL as a browser would, and read the form out of the page. */
export async function openConsent(url: string, init: RequestInit = {}): Promise<ConsentPage> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const html = await response.text();
  if (response.status !== 200)
    throw new Error(`authorize answered ${response.status}: ${html.slice(0, 500)}`);
  const setCookie = response.headers.getSetCookie()[0];
  if (setCookie === undefined) throw new Error('authorize set no cookie');
  return {
    response,
    html,
    cookie: setCookie.split(';')[0] ?? '',
    requestId: hidden(html, 'request_id'),
    nonce: hidden(html, 'nonce'),
  };
}

export function defaultAuthorizeParams(extra: Record<string, string | undefined> = {}) {
  return {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    state: 'state-123',
    ...extra,
  };
}

/** POST the consent form (as the page's own form would, unless told otherwise). */
export async function submitConsent(
  base: string,
  fields: Record<string, string | undefined>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.append(k, v);
  return fetch(`${base}/kakao/kauth/oauth/consent`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

/** Authorize → consent as `persona` → the callback's query parameters. */
export async function authorizeAs(
  base: string,
  persona: string,
  params: Record<string, string | undefined> = defaultAuthorizeParams(),
): Promise<URLSearchParams> {
  const page = await openConsent(authorizeUrl(base, params));
  const res = await submitConsent(
    base,
    { request_id: page.requestId, nonce: page.nonce, persona, action: 'consent' },
    { cookie: page.cookie },
  );
  const location = res.headers.get('location');
  if (res.status !== 302 || location === null)
    throw new Error(`consent answered ${res.status}: ${await res.text()}`);
  return new URL(location).searchParams;
}

export async function postToken(
  base: string,
  fields: Record<string, string | undefined>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.append(k, v);
  return fetch(`${base}/kakao/kauth/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', ...headers },
    body,
  });
}

/** A full login for `persona` with the confidential test app; returns the token response. */
export async function loginAs(base: string, persona: string): Promise<Record<string, unknown>> {
  const { verifier, challenge } = pkcePair();
  const query = await authorizeAs(
    base,
    persona,
    defaultAuthorizeParams({ code_challenge: challenge, code_challenge_method: 'S256' }),
  );
  const res = await postToken(base, {
    grant_type: 'authorization_code',
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uri: REDIRECT_URI,
    code: query.get('code') ?? '',
    code_verifier: verifier,
  });
  if (res.status !== 200) throw new Error(`token answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export function userMe(base: string, accessToken: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}/kakao/kapi/v2/user/me`, {
    ...init,
    headers: {
      authorization: `Bearer ${accessToken}`,
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}
