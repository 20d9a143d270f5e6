import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendSetCookie, readCookie, serializeCookie } from './cookies.js';
import { hmac, randomId, safeEqual } from './crypto.js';
import type { AuthConfig } from './env.js';
import { AuthError } from './errors.js';

/**
 * CSRF for state-changing routes (POST/PUT/PATCH/DELETE), two independent checks:
 *  1. Origin: the request's `Origin` is the site's public origin, or (no Origin) the browser
 *     says `Sec-Fetch-Site: same-origin`. A request with neither is refused.
 *  2. Signed double-submit token (OWASP): token = random "." HMAC(key, binding "." random), where
 *     binding is the session id (or a pre-session id before login). It is set as an HttpOnly
 *     cookie and handed to the page's script by GET …/api/auth/csrf; the request must echo it in
 *     `x-csrf-token`, equal to the cookie, with a valid HMAC for *this* session — a token from
 *     another session or a planted cookie does not verify.
 */
export const CSRF_HEADER = 'x-csrf-token';
const CSRF_COOKIE_MAX_AGE_S = 12 * 60 * 60;
const PRE_SESSION_MAX_AGE_S = 12 * 60 * 60;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafeMethod(method: string | undefined): boolean {
  return UNSAFE_METHODS.has((method ?? 'GET').toUpperCase());
}

export function csrfToken(config: AuthConfig, binding: string, random = randomId(18)): string {
  return `${random}.${hmac(config.keys.csrf, `${binding}.${random}`)}`;
}

function tokenMatchesBinding(config: AuthConfig, token: string, binding: string): boolean {
  const [random, mac, extra] = token.split('.');
  if (!random || !mac || extra !== undefined) return false;
  return safeEqual(mac, hmac(config.keys.csrf, `${binding}.${random}`));
}

/** The value CSRF tokens are bound to: the session id, else a pre-session id (set if missing). */
export function csrfBinding(
  config: AuthConfig,
  req: IncomingMessage,
  res?: ServerResponse,
): string | undefined {
  const sid = readCookie(req, config.cookie, 'session');
  if (sid) return sid;
  const pre = readCookie(req, config.cookie, 'preSession');
  if (pre || !res) return pre;
  const created = randomId(18);
  appendSetCookie(res, [serializeCookie(config.cookie, 'preSession', created, PRE_SESSION_MAX_AGE_S)]);
  return created;
}

export function checkOrigin(config: AuthConfig, req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    if (origin !== config.publicOrigin) throw new AuthError('CSRF_ORIGIN');
    return;
  }
  if (req.headers['sec-fetch-site'] !== 'same-origin') throw new AuthError('CSRF_ORIGIN');
}

export function checkCsrf(config: AuthConfig, req: IncomingMessage): void {
  checkOrigin(config, req);
  const header = req.headers[CSRF_HEADER];
  const sent = Array.isArray(header) ? header[0] : header;
  const cookie = readCookie(req, config.cookie, 'csrf');
  const binding = csrfBinding(config, req);
  if (
    !sent ||
    !cookie ||
    !binding ||
    !safeEqual(sent, cookie) ||
    !tokenMatchesBinding(config, sent, binding)
  ) {
    throw new AuthError('CSRF_TOKEN');
  }
}

/**
 * GET handler body for `…/api/auth/csrf`: issues a token bound to the current session (or a
 * fresh pre-session), sets the cookie, returns the token for the page's script. Safe to call
 * from any app: every app shares the key.
 */
export function issueCsrf(config: AuthConfig, req: IncomingMessage, res: ServerResponse): string {
  const binding = csrfBinding(config, req, res) as string;
  const existing = readCookie(req, config.cookie, 'csrf');
  const token =
    existing && tokenMatchesBinding(config, existing, binding) ? existing : csrfToken(config, binding);
  appendSetCookie(res, [serializeCookie(config.cookie, 'csrf', token, CSRF_COOKIE_MAX_AGE_S)]);
  return token;
}
