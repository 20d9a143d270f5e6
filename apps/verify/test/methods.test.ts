import { describe, expect, it } from 'vitest';
import { VERIFICATION_METHODS } from '../src/methods';

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

describe('the mobile-ok methods', () => {
  it('each of the five services links to the mobile-ok page with its service preselected', () => {
    const mok = VERIFICATION_METHODS.filter((m) => m.provider === 'mobile-ok');
    expect(mok.map((m) => m.href)).toEqual([
      '/verify/mok?service=pass',
      '/verify/mok?service=sms',
      '/verify/mok?service=lms',
      '/verify/mok?service=ars',
      '/verify/mok?service=sms-own',
    ]);
  });
});

describe('the KCB and SSAFY methods', () => {
  it('link to their pages; Toss, whose flow lives in the user remote, links nowhere yet', () => {
    const href = (id: string) => VERIFICATION_METHODS.find((m) => m.id === id)?.href;
    expect(href('kcb')).toBe('/verify/kcb');
    expect(href('ssafy')).toBe('/verify/ssafy');
    expect(href('toss')).toBeUndefined();
  });
});
