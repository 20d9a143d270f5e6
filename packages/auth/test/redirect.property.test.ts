import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PATH_PIECES, rawPath } from '@mfv/topology/testing';
import { safeReturnTo } from '../src/redirect.js';

const ORIGIN = 'http://mfv.invalid';

/**
 * Pieces attackers combine: the routing spellings of `@mfv/topology/testing` (dot segments,
 * encoded and doubled slashes, backslashes, base paths) plus what turns a path into another
 * origin — hosts, schemes, whitespace.
 */
const PIECES = [
  ...PATH_PIECES,
  '%09',
  '\t',
  ' ',
  'evil.example',
  '@evil.example',
  'evil.example:80',
  'http:',
  'https:',
  'javascript:',
  'verification',
  'api',
];

const candidate = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }).map((p) => p.join('')),
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }).map((p) => '/' + p.join('')),
  fc.string({ maxLength: 40 }),
  rawPath,
);

describe('safeReturnTo properties (fast-check)', () => {
  it('always answers a same-origin path with a single leading slash, however the input is spelled', () => {
    fc.assert(
      fc.property(candidate, (input) => {
        const output = safeReturnTo(input, '/fallback');
        if (output === '/fallback') return;
        expect(output.startsWith('/')).toBe(true);
        expect(output.startsWith('//')).toBe(false);
        expect(output).not.toMatch(/\\/);
        // Wherever the browser is when it follows the redirect, it stays on this origin.
        for (const base of [ORIGIN + '/', ORIGIN + '/user/login/kakao/callback', ORIGIN + '/a/b/']) {
          expect(new URL(output, base).origin).toBe(ORIGIN);
        }
        // Nothing left for a second pass to resolve: the output is its own safe form.
        expect(safeReturnTo(output, '/fallback')).toBe(output);
        expect(new URL(output, ORIGIN).pathname + new URL(output, ORIGIN).search).toBe(
          output.split('#', 1)[0],
        );
      }),
      { numRuns: 5000 },
    );
  });
});
