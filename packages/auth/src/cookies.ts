import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The cookie policy, in one place (docs/auth.md): HttpOnly, SameSite=Lax,
 * Path=/, Secure except on http://localhost, and the `__Host-` prefix whenever Secure (it
 * forbids a Domain attribute and requires Path=/, so no subdomain can plant or read them).
 */
export interface CookiePolicy {
  secure: boolean;
}

export function cookiePolicyFor(publicOrigin: string): CookiePolicy {
  return { secure: new URL(publicOrigin).protocol === 'https:' };
}

const BASE_NAMES = {
  /** Access token (JWT); Max-Age = its lifetime. */
  accessToken: 'mfv_at',
  /** Session id: the key under which Redis holds the refresh token. */
  session: 'mfv_sid',
  /** CSRF token (signed double-submit; see csrf.ts). */
  csrf: 'mfv_csrf',
  /** Pre-session id, binding CSRF tokens before a login exists. */
  preSession: 'mfv_pre',
  /** Sealed OAuth state + PKCE verifier during a provider login. */
  oauth: 'mfv_oauth',
  /** Sealed signup ticket between a provider login and the signup form. */
  signup: 'mfv_signup',
  /**
   * The browser's identity-verification transaction (verify remote, any provider): an opaque
   * random handle; Redis holds the transaction under its SHA-256, for 10 minutes.
   */
  verifyTx: 'mfv_vtx',
} as const;

export type CookieName = keyof typeof BASE_NAMES;

export function cookieName(policy: CookiePolicy, name: CookieName): string {
  return policy.secure ? `__Host-${BASE_NAMES[name]}` : BASE_NAMES[name];
}

export function serializeCookie(
  policy: CookiePolicy,
  name: CookieName,
  value: string,
  maxAgeSeconds: number,
): string {
  const parts = [
    `${cookieName(policy, name)}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (policy.secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearCookie(policy: CookiePolicy, name: CookieName): string {
  return serializeCookie(policy, name, '', 0);
}

/** Adds Set-Cookie values without dropping ones already set on the response. */
export function appendSetCookie(res: ServerResponse, cookies: string[]): void {
  if (cookies.length === 0) return;
  const existing = res.getHeader('set-cookie');
  const list =
    existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  res.setHeader('set-cookie', [...list, ...cookies]);
}

/** Parses the Cookie header (Next's `req.cookies` is not there in every context). */
export function readCookies(req: IncomingMessage): Record<string, string> {
  const header = req.headers.cookie;
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const key = part.slice(0, index).trim();
    if (!key || key in out) continue;
    try {
      out[key] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // a malformed value is as good as no cookie
    }
  }
  return out;
}

export function readCookie(req: IncomingMessage, policy: CookiePolicy, name: CookieName): string | undefined {
  const value = readCookies(req)[cookieName(policy, name)];
  return value === undefined || value === '' ? undefined : value;
}
