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
    const value = decodeValue(part.slice(index + 1).trim());
    // a malformed value is as good as no cookie
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function decodeValue(raw: string): string | undefined {
  // Most values (JWTs, ids) have nothing to decode.
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

export function readCookie(req: IncomingMessage, policy: CookiePolicy, name: CookieName): string | undefined {
  const [value] = readNamedCookies(req.headers.cookie, [cookieName(policy, name)]);
  return value;
}

/**
 * The values of `names` (full cookie names, at most 31) in one pass over a Cookie header, each
 * as `readCookie` answers it: the first well-formed occurrence wins, an empty value is no cookie.
 * What the request hot path uses (withAuth reads two cookies on every request): no string is
 * made for a cookie that is not asked for.
 */
export function readNamedCookies(
  header: string | undefined,
  names: readonly string[],
): (string | undefined)[] {
  const values = new Array<string | undefined>(names.length).fill(undefined);
  if (!header) return values;
  const all = 2 ** names.length - 1;
  let found = 0;
  let start = 0;
  while (found !== all && start < header.length) {
    let end = header.indexOf(';', start);
    if (end < 0) end = header.length;
    const eq = header.indexOf('=', start);
    if (eq >= 0 && eq < end) {
      // The key, trimmed as String#trim would, without making the string.
      let from = start;
      while (from < eq && isTrimmed(header.charCodeAt(from))) from += 1;
      let to = eq;
      while (to > from && isTrimmed(header.charCodeAt(to - 1))) to -= 1;
      for (let i = 0; i < names.length; i += 1) {
        const name = names[i]!;
        if ((found & (1 << i)) !== 0 || to - from !== name.length || !header.startsWith(name, from)) continue;
        const value = decodeValue(header.slice(eq + 1, end).trim());
        if (value !== undefined) {
          found |= 1 << i;
          values[i] = value === '' ? undefined : value;
        }
        break;
      }
    }
    start = end + 1;
  }
  return values;
}

/** Whether String#trim removes this UTF-16 code unit (JS whitespace and line terminators = `\s`). */
function isTrimmed(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && /\s/.test(String.fromCharCode(code));
}
