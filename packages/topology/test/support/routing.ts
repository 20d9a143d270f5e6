/**
 * fast-check arbitraries and oracles for routing property tests (topology and proxy tests;
 * exported as `@mfv/topology/testing` from `test/support/`, never built into dist nor imported by
 * runtime code).
 */
import fc from 'fast-check';
import { APPS, NEXT_APPS } from '../../src/apps.js';
import { blockedPrefixes } from '../../src/routes.js';

/**
 * Red-team finding F1: a path routed as one thing and served as another. The pieces below are
 * the spellings that differ between nginx, our normaliser and WHATWG URL (what http-proxy-3
 * and Next parse with): backslashes, encoded dots/slashes, fragments, doubled slashes. The
 * redirect property test of `@mfv/auth` builds its return paths from them too.
 */
export const PATH_PIECES: readonly string[] = [
  '/',
  '//',
  '\\',
  '.',
  '..',
  '%2e',
  '%2E',
  '.%2e',
  '%2e%2e',
  '%5c',
  '%5C',
  '%2f',
  '%2F',
  '#',
  '%23',
  '_next',
  '%5Fnext',
  '%5fnext',
  'static',
  'ssr',
  '%73sr',
  'SSR',
  'chunks',
  'server',
  'remoteEntry.js',
  'x',
  '%',
  '%00',
  '%25',
  ';',
  '@',
  ':',
  '~',
  '%C3%A9',
  '%C0%AF',
  '?',
  ...NEXT_APPS.map((app) => APPS[app].basePath.slice(1)).filter(Boolean),
];

const BASES = NEXT_APPS.map((app) => APPS[app].basePath);
const SEPARATORS = [
  '/',
  '//',
  '\\',
  '%5c',
  '%5C',
  '%2f',
  '%2F',
  '/./',
  '/x/../',
  '/x\\..\\',
  '\\.\\',
  '/%2e/',
];
const DETOURS = ['', '/x/..', '/x\\..', '/x%5c..', '/%2e%2e', '/.%2e', '/.', '\\.', '#/..', '/%2E%2E/x/..'];

/** Free-form paths from the pieces. */
const loosePath = fc
  .array(fc.constantFrom(...PATH_PIECES), { minLength: 1, maxLength: 12 })
  .map((pieces) => '/' + pieces.join(''));

/** Paths shaped like a server bundle URL under some base path, spelled every which way. */
const bundleLikePath = fc
  .tuple(
    fc.constantFrom(...BASES),
    fc.array(fc.constantFrom(...SEPARATORS), { minLength: 4, maxLength: 4 }),
    fc.constantFrom('_next', '%5Fnext', '%5fnext', '_NEXT'),
    fc.constantFrom(...DETOURS),
    fc.constantFrom('ssr', '%73sr', 'ss%72', 'chunks'),
    fc.constantFrom('remoteEntry.js', '__federation_expose_UserMenu.js', ''),
  )
  .map(
    ([base, [s1, s2, s3, s4], next, detour, ssr, file]) =>
      `${base}${s1}${next}${s2}static${detour}${s3}${ssr}${s4}${file}`,
  )
  .map((path) => (path.startsWith('/') ? path : '/' + path));

/** Request paths for property tests of the proxies' routing. */
export const rawPath = fc.oneof(bundleLikePath, loosePath);

const BASE = 'http://origin.invalid';

/** The path http-proxy-3 forwards for a request URL (its getPath/toURL); null if it cannot parse it. */
export function forwardedPath(url: string): string | null {
  try {
    return new URL(url.startsWith('//') ? BASE + url : url, BASE).pathname;
  } catch {
    return null;
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Whether a path (as WHATWG URL resolved it, maybe still encoded) lands in a server bundle folder. */
export function inBlockedFolder(path: string): boolean {
  return [path, safeDecode(path)].some((p) =>
    blockedPrefixes().some((prefix) => p.startsWith(prefix) || p === prefix.slice(0, -1)),
  );
}
