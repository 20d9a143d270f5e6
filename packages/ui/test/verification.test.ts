import { describe, expect, it } from 'vitest';
import { verificationLabel, verificationNextStep, verificationSummary } from '../src/verification.js';

describe('verification status copy', () => {
  it('a phone identity verification: done, the masked name, the date in Korea', () => {
    // 2026-12-02 15:30 UTC is already 2026-12-03 in Korea.
    const status = {
      verified: true,
      kind: 'phone-identity',
      maskedName: '이*연',
      verifiedAt: '2026-12-02T15:30:00.000Z',
    } as const;
    expect(verificationSummary(status)).toBe('본인확인 완료 · 이*연 · 2026.12.03');
    expect(verificationLabel(status)).toBe('휴대폰 본인확인');
    expect(verificationNextStep(status)).toContain('다시 인증하지 않아도 돼요');
  });

  it('no name to show: SSAFY and a possession check name the kind and the date only', () => {
    expect(verificationSummary({ verified: true, kind: 'ssafy', verifiedAt: '2026-12-03T01:00:00Z' })).toBe(
      'SSAFY 인증 완료 · 2026.12.03',
    );
    const phone = { verified: true, kind: 'phone-possession', verifiedAt: '2026-12-03T01:00:00Z' } as const;
    expect(verificationSummary(phone)).toBe('휴대폰 번호 인증 완료 · 2026.12.03');
    expect(verificationNextStep(phone)).toContain('휴대폰 본인확인을 해 주세요');
  });

  it('the words never name a provider', () => {
    for (const kind of ['phone-identity', 'phone-possession', 'ssafy'] as const) {
      const status = { verified: true, kind, verifiedAt: '2026-12-03T01:00:00Z' } as const;
      const text = [
        verificationSummary(status),
        verificationLabel(status),
        verificationNextStep(status),
      ].join();
      expect(text).not.toMatch(/모바일오케이|mobile-ok|KCB|토스|Toss|PASS/i);
    }
  });
});
