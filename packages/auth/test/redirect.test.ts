import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../src/redirect.js';

describe('safeReturnTo (no open redirects)', () => {
  it.each([
    ['/', '/'],
    ['/verification', '/verification'],
    ['/notice?page=2#top', '/notice?page=2#top'],
    ['/user/profile', '/user/profile'],
    ['/verify/mok?x=%2F%2Fa', '/verify/mok?x=%2F%2Fa'],
  ])('keeps the site path %s', (input, output) => {
    expect(safeReturnTo(input)).toBe(output);
  });

  it.each([
    'https://evil.example/',
    'http:evil.example',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '/\t/evil.example',
    ' /verification',
    'javascript:alert(1)',
    'evil.example',
    '',
    '/user/api/logout',
    '/api/healthz',
    '/_next/static/ssr/remoteEntry.js',
    '/notice/_next/data/x.json',
    '/%E0%A4%A',
    // F2 (red-team): dot segments resolved after the `//` check.
    '/.//evil.example',
    '/./\\evil.example',
    '/%2e//evil.example',
    '/x/..//evil.example',
    '/verify/../..//evil.example',
    '/.%2F/evil.example',
    '/' + 'a'.repeat(600),
  ])('replaces %j with the fallback', (input) => {
    expect(safeReturnTo(input, '/home')).toBe('/home');
  });

  it('ignores non-strings', () => {
    expect(safeReturnTo(['/a', '/b'])).toBe('/');
    expect(safeReturnTo(undefined)).toBe('/');
  });
});
