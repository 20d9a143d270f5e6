import { describe, expect, it } from 'vitest';
import { VERIFICATION_METHODS } from './methods';

describe('verification methods', () => {
  it('offers each method once, with a Korean label and description', () => {
    const ids = VERIFICATION_METHODS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const method of VERIFICATION_METHODS) {
      expect(method.label).toMatch(/[가-힣]/);
      expect(method.description).toMatch(/[가-힣]/);
    }
  });

  it('covers every provider the platform integrates', () => {
    expect(new Set(VERIFICATION_METHODS.map((m) => m.provider))).toEqual(
      new Set(['mobile-ok', 'KCB', 'SSAFY Verify', 'Toss']),
    );
  });
});
