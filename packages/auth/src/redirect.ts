import { APPS, NEXT_APPS } from '@mfv/topology';

/**
 * Redirect targets must be paths on this site: a `returnTo` that an attacker controls must
 * never send the browser elsewhere (open redirect) or to a non-page (an API route, the
 * server bundles). Everything that is not exactly a same-origin page path becomes `fallback`.
 */
const PAGE_PREFIXES = NEXT_APPS.map((app) => APPS[app].basePath || '/');
const NON_PAGE = [/^\/_next\//, /^\/[^/]+\/_next\//, /^\/api(\/|$)/, /^\/[^/]+\/api(\/|$)/];
const MAX_LENGTH = 512;
const ORIGIN = 'http://mfv.invalid';

function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x1f || code === 0x7f) return true;
  }
  return false;
}

/**
 * Checks the path *after* URL resolution (red-team finding F2): resolving dot segments can
 * turn `/.//evil.example` or `/%2e//evil.example` into `//evil.example`, a network path. The
 * decoded path is resolved once more, so an encoded slash (`/.%2F/evil.example`) that a later
 * decode would turn into one is refused as well.
 */
function isSingleSlashPath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  if (decoded.includes('\\') || hasControlCharacters(decoded)) return false;
  try {
    const again = new URL(decoded, ORIGIN);
    return again.origin === ORIGIN && !again.pathname.startsWith('//');
  } catch {
    return false;
  }
}

export function safeReturnTo(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  // Only a single leading slash: `//host`, `/\host` and `\\host` are network paths to browsers.
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  // No control characters or whitespace (browsers strip some of them, turning `/\t/evil` into `//evil`).
  if (hasControlCharacters(value) || /\s/.test(value)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  if (decoded.startsWith('//') || decoded.includes('\\') || hasControlCharacters(decoded)) return fallback;
  // Resolve against a dummy origin: anything that escapes it was not a plain path.
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  const path = url.pathname;
  if (!isSingleSlashPath(path)) return fallback;
  if (NON_PAGE.some((pattern) => pattern.test(path))) return fallback;
  const owned = PAGE_PREFIXES.some(
    (prefix) => prefix === '/' || path === prefix || path.startsWith(prefix + '/'),
  );
  if (!owned) return fallback;
  return `${path}${url.search}${url.hash}`;
}
