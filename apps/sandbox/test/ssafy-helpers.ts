/**
 * The platform's side of SSAFY Verify for the emulator's tests: PKCE and requests written here
 * directly, JWTs checked with `jose` (not the emulator's signer, not the platform's client).
 */
import { createHash, randomBytes } from 'node:crypto';
import { type SandboxOptions } from '../src/app.js';
import { startSandbox, type TestClock } from './helpers.js';

export const SSAFY_PUBLIC_CLIENT = 'test-ssafy-public';
export const SSAFY_CONFIDENTIAL_CLIENT = 'test-ssafy-confidential';
export const SSAFY_SECRET = 'test-ssafy-secret-0123456789';
export const SSAFY_REDIRECT_URI = 'http://127.0.0.1:8080/verify/ssafy/callback';
export const SSAFY_OTHER_REDIRECT_URI = 'http://127.0.0.1:8080/verify/ssafy/other';
export const ALL_SCOPES = [
  'ssafy.verify',
  'ssafy.affiliation',
  'ssafy.name',
  'ssafy.profile_image',
  'ssafy.mattermost_id',
];

export function ssafyOptions(
  extra: Partial<NonNullable<SandboxOptions['ssafy']>> = {},
): NonNullable<SandboxOptions['ssafy']> {
  return {
    clients: [
      {
        clientId: SSAFY_PUBLIC_CLIENT,
        redirectUris: [SSAFY_REDIRECT_URI, SSAFY_OTHER_REDIRECT_URI],
        name: '테스트 앱',
      },
      { clientId: SSAFY_CONFIDENTIAL_CLIENT, clientSecret: SSAFY_SECRET, redirectUris: [SSAFY_REDIRECT_URI] },
    ],
    ...extra,
  };
}

export async function startSsafy(
  extra: Partial<NonNullable<SandboxOptions['ssafy']>> = {},
  clock?: TestClock,
) {
  return startSandbox({ ssafy: ssafyOptions(extra), ...(clock ? { clock } : {}) });
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url') };
}

export interface AuthorizeParams {
  client_id?: string;
  redirect_uri?: string;
  scope?: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: string;
}

export function authorizeUrl(base: string, params: AuthorizeParams): string {
  const url = new URL(`${base}/ssafy/verify/authorize`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

export interface SsafyPage {
  readonly html: string;
  readonly cookie: string;
  readonly requestId: string;
  readonly nonce: string;
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`page has no hidden ${name}`);
  return match[1];
}

export async function openSsafyPage(url: string): Promise<SsafyPage> {
  const res = await fetch(url, { redirect: 'manual' });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`authorize answered ${res.status}: ${html.slice(0, 300)}`);
  return {
    html,
    cookie: (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '',
    requestId: hidden(html, 'request_id'),
    nonce: hidden(html, 'nonce'),
  };
}

export function decide(
  base: string,
  fields: Record<string, string | undefined>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.append(k, v);
  return fetch(`${base}/ssafy/verify/authorize/decision`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

export interface Verified {
  readonly callback: URLSearchParams;
  readonly verifier: string;
  readonly state: string;
}

/** authorize → pick `persona` → the callback's query parameters. */
export async function verifyAs(
  base: string,
  persona: string,
  options: { clientId?: string; scopes?: string[]; redirectUri?: string; action?: 'verify' | 'cancel' } = {},
): Promise<Verified> {
  const { verifier, challenge } = pkce();
  const state = randomBytes(16).toString('base64url');
  const page = await openSsafyPage(
    authorizeUrl(base, {
      client_id: options.clientId ?? SSAFY_PUBLIC_CLIENT,
      redirect_uri: options.redirectUri ?? SSAFY_REDIRECT_URI,
      scope: (options.scopes ?? ALL_SCOPES).join(' '),
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }),
  );
  const res = await decide(
    base,
    { request_id: page.requestId, nonce: page.nonce, persona, action: options.action ?? 'verify' },
    { cookie: page.cookie },
  );
  const location = res.headers.get('location');
  if (res.status !== 303 || location === null)
    throw new Error(`decision answered ${res.status}: ${await res.text()}`);
  return { callback: new URL(location).searchParams, verifier, state };
}

export function exchange(
  base: string,
  fields: Record<string, string | undefined>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.append(k, v);
  return fetch(`${base}/ssafy/verify/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

export function exchangeFields(v: Verified, extra: Record<string, string | undefined> = {}) {
  return {
    grant_type: 'verification_code',
    code: v.callback.get('code') ?? undefined,
    code_verifier: v.verifier,
    redirect_uri: SSAFY_REDIRECT_URI,
    client_id: SSAFY_PUBLIC_CLIENT,
    ...extra,
  };
}

/** A full verification for `persona`: the verification_token. */
export async function tokenFor(base: string, persona: string, scopes?: string[]): Promise<string> {
  const v = await verifyAs(base, persona, scopes ? { scopes } : {});
  const res = await exchange(base, exchangeFields(v));
  if (res.status !== 200) throw new Error(`token answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { verification_token: string }).verification_token;
}
