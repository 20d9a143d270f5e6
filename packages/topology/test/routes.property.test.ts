import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalRequestUrl, decideRoute } from '../src/routes.js';
import { forwardedPath, inBlockedFolder, rawPath } from './support/routing.js';

describe('proxy routing properties (fast-check)', () => {
  it('no path is routed to an app while WHATWG URL resolves it into a server bundle folder', () => {
    fc.assert(
      fc.property(rawPath, (raw) => {
        if (decideRoute(raw).kind !== 'upstream') return;
        const forwarded = forwardedPath(raw);
        if (forwarded !== null) expect(inBlockedFolder(forwarded)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('the canonical URL (what the proxy forwards) is left unchanged by WHATWG URL and routes the same', () => {
    fc.assert(
      fc.property(rawPath, (raw) => {
        const canonical = canonicalRequestUrl(raw);
        if (canonical === null) {
          expect(decideRoute(raw).kind).toBe('bad-request');
          return;
        }
        const pathPart = canonical.split('?', 1)[0] as string;
        expect(forwardedPath(canonical)).toBe(pathPart);
        expect(canonicalRequestUrl(canonical)).toBe(canonical);
        expect(decideRoute(canonical)).toEqual(decideRoute(raw));
        if (decideRoute(canonical).kind === 'upstream') expect(inBlockedFolder(pathPart)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });
});
