import { describe, expect, it } from 'vitest';
import {
  blockedPrefixes,
  canonicalRequestUrl,
  decideRoute,
  normalizePath,
  routeTable,
} from '../src/routes.js';

describe('routes table', () => {
  it('lists every app once, most specific prefix first, the shell catch-all last', () => {
    const table = routeTable();
    expect(table.map((r) => r.app).sort()).toEqual(['notice', 'shell', 'user', 'verify']);
    expect(table.at(-1)).toEqual({ prefix: '/', app: 'shell' });
  });

  it('blocks the SSR bundle folder under every base path', () => {
    expect(blockedPrefixes().sort()).toEqual([
      '/_mfv/ssr/',
      '/_next/static/ssr/',
      '/notice/_mfv/ssr/',
      '/notice/_next/static/ssr/',
      '/user/_mfv/ssr/',
      '/user/_next/static/ssr/',
      '/verify/_mfv/ssr/',
      '/verify/_next/static/ssr/',
    ]);
  });
});

describe('normalizePath (as nginx normalises before matching)', () => {
  it.each([
    ['/', '/'],
    ['/a//b', '/a/b'],
    ['/a/./b', '/a/b'],
    ['/a/b/../c', '/a/c'],
    ['/a/b/..', '/a/'],
    ['/%5Fnext', '/_next'],
    ['/%C3%A9', '/\u00e9'],
    ['/x?y=/../z', '/x'],
  ])('%s → %s', (input, output) => {
    expect(normalizePath(input)).toBe(output);
  });

  it.each([
    '/..',
    '/../x',
    '/%zz',
    '/a/%00',
    'relative',
    // F1: spellings WHATWG URL, nginx and Next read differently.
    '/user%2Fx',
    '/a\\b',
    '/a%5Cb',
    '/a/%2e%2e/b',
    '/a/.%2E/b',
    '/a#/../b',
  ])('rejects %s', (input) => {
    expect(normalizePath(input)).toBeNull();
  });
});

describe('decideRoute', () => {
  it.each([
    ['/verify', { kind: 'upstream', app: 'verify' }],
    ['/verify/x', { kind: 'upstream', app: 'verify' }],
    ['/verifyx', { kind: 'upstream', app: 'shell' }],
    ['/notice/_next/static/chunks/remoteEntry.js', { kind: 'upstream', app: 'notice' }],
    ['/notice/_next/static/ssr/remoteEntry.js', { kind: 'blocked' }],
    ['/notice/_mfv/ssr/abc123/remoteEntry.js', { kind: 'blocked' }],
    ['/notice/%5Fmfv/ssr/abc123/remoteEntry.js', { kind: 'blocked' }],
    ['/notice/_mfv/client/abc123/static/chunks/remoteEntry.js', { kind: 'upstream', app: 'notice' }],
    ['/user/./../_next/static/ssr/a.js', { kind: 'blocked' }],
    ['/%2e%2e/x', { kind: 'bad-request' }],
    ['/verify/_next/static\\ssr/remoteEntry.js', { kind: 'bad-request' }],
    ['/verify/_next/static/x\\..\\ssr/remoteEntry.js', { kind: 'bad-request' }],
  ])('%s', (input, decision) => {
    expect(decideRoute(input)).toEqual(decision);
  });
});

describe('canonicalRequestUrl (what the Node proxy routes on and forwards)', () => {
  it.each([
    ['/verify/../user/x?a=b', '/user/x?a=b'],
    ['//_next//static/chunks/a.js', '/_next/static/chunks/a.js'],
    ['/notice/%EA%B3%B5%EC%A7%80', '/notice/%EA%B3%B5%EC%A7%80'],
    ['/notice/a%20b', '/notice/a%20b'],
    ['/user/a:b@c;d=e', '/user/a:b@c;d=e'],
    ['/x%23y', '/x%23y'],
  ])('%s → %s', (input, output) => {
    expect(canonicalRequestUrl(input)).toBe(output);
  });

  it('refuses what normalizePath refuses', () => {
    expect(canonicalRequestUrl('/verify/_next/static\\ssr/remoteEntry.js')).toBeNull();
  });
});
