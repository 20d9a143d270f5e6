import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import VerifyLauncher from '../../src/exposes/VerifyLauncher';

// styled-jsx's <style jsx> is compiled away by Next; in a plain render React warns about the attribute.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '');

describe('VerifyLauncher: the member’s status on /verification', () => {
  it('verified: the status first, that there is no need to verify again, the methods as 다시 인증하기', () => {
    const html = text(
      renderToString(
        <VerifyLauncher
          verification={{
            verified: true,
            kind: 'phone-identity',
            maskedName: '이*연',
            verifiedAt: '2026-12-03T01:00:00Z',
          }}
        />,
      ),
    );
    expect(html).toContain('본인확인 완료 · 이*연 · 2026.12.03');
    expect(html).toContain('다시 인증하지 않아도 돼요');
    expect(html).toContain('다시 인증하기');
    expect(html.indexOf('본인확인 완료')).toBeLessThan(html.indexOf('다시 인증하기'));
  });

  it('a phone number only: the status, and the methods to go on to 본인확인', () => {
    const html = text(
      renderToString(
        <VerifyLauncher
          verification={{ verified: true, kind: 'phone-possession', verifiedAt: '2026-12-03T01:00:00Z' }}
        />,
      ),
    );
    expect(html).toContain('휴대폰 번호 인증 완료 · 2026.12.03');
    expect(html).toContain('본인확인 방법 선택');
    expect(html).not.toContain('다시 인증하기');
  });

  it('not verified, signed out or not read: the methods only', () => {
    for (const verification of [{ verified: false } as const, null, undefined]) {
      const html = renderToString(<VerifyLauncher verification={verification} />);
      expect(html).not.toContain('verify-status');
      expect(text(html)).toContain('본인확인 방법 선택');
    }
  });
});
