/**
 * withAuth reads its two cookies with a one-pass reader (`readNamedCookies`) instead of parsing
 * the whole header per cookie: for any Cookie header it must answer exactly what the general
 * parser does (first well-formed occurrence wins, malformed %-escapes skipped, empty = none,
 * keys trimmed as String#trim trims them).
 */
import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCookies, readNamedCookies } from '../src/cookies.js';

const NAMES = ['mfv_at', 'mfv_sid', '__Host-mfv_at'];

/** Header pieces biased towards the cases that matter: the wanted names, spaces, escapes. */
const piece = fc.oneof(
  fc.constantFrom(...NAMES, 'mfv_csrf', 'mfv_at2', 'xmfv_at', '=', ';', '; ', ' ', '\t', '\u00a0', '\u2028'),
  fc.constantFrom('%', '%41', '%E0%A4%A', '%zz', 'abc', 'a.b.c', ''),
  fc.string({ maxLength: 6 }),
);
const header = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));

describe('readNamedCookies', () => {
  it('answers what the full parser answers, for any header', () => {
    fc.assert(
      fc.property(header, fc.subarray(NAMES, { minLength: 1 }), (h, names) => {
        const all = readCookies({ headers: { cookie: h } } as IncomingMessage);
        const expected = names.map((name) => (all[name] === '' ? undefined : all[name]));
        expect(readNamedCookies(h, names)).toEqual(expected);
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads a browser header', () => {
    const h = 'mfv_csrf=a.b; mfv_at=eyJ.x.y;mfv_sid = s%20id ; mfv_at=second';
    expect(readNamedCookies(h, ['mfv_at', 'mfv_sid', 'missing'])).toEqual(['eyJ.x.y', 's id', undefined]);
    expect(readNamedCookies(undefined, ['mfv_at'])).toEqual([undefined]);
    expect(readNamedCookies('mfv_at=%zz; mfv_at=ok', ['mfv_at'])).toEqual(['ok']);
    expect(readNamedCookies('mfv_at=; mfv_at=late', ['mfv_at'])).toEqual([undefined]);
  });
});
