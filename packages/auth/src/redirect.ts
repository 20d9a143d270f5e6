import { APPS, NEXT_APPS } from '@mfv/topology';

/**
 * Redirect targets must be paths on this site: a `returnTo` that an attacker controls must
 * never send the browser elsewhere (open redirect) or to a non-page (an API route, the
 * server bundles). Everything that is not exactly a same-origin page path becomes `fallback`.
 */
const PAGE_PREFIXES = NEXT_APPS.map((app) => APPS[app].basePath || '/');
const NON_PAGE = [/^\/_next\//, /^\/[^/]+\/_next\//, /^\/api(\/|$)/, /^\/[^/]+\/api(\/|$)/];
const MAX_LENGTH = 512;

function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x1f || code === 0x7f) return true;
  }
  return false;
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
    url = new URL(value, 'http://mfv.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://mfv.invalid') return fallback;
  const path = url.pathname;
  if (NON_PAGE.some((pattern) => pattern.test(path))) return fallback;
  const owned = PAGE_PREFIXES.some(
    (prefix) => prefix === '/' || path === prefix || path.startsWith(prefix + '/'),
  );
  if (!owned) return fallback;
  return `${path}${url.search}${url.hash}`;
}
