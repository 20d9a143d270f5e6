import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VerificationSection } from '../../src/components/VerificationSection';

// styled-jsx's <style jsx> is compiled away by Next; in a plain render React warns about the attribute.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '');

describe('내 정보: 본인확인', () => {
  it('verified by phone: the status with the masked name and the Korean date, how it was done', () => {
    const html = renderToString(
      <VerificationSection
        status={{
          verified: true,
          kind: 'phone-identity',
          maskedName: '이*연',
          verifiedAt: '2026-12-02T15:30:00Z',
        }}
      />,
    );
    expect(text(html)).toContain('본인확인 완료 · 이*연 · 2026.12.03');
    expect(text(html)).toContain('휴대폰 본인확인으로 확인했어요.');
    expect(html).not.toContain('href="/verification"');
  });

  it('a phone number only: says so and offers 휴대폰 본인확인', () => {
    const html = renderToString(
      <VerificationSection
        status={{ verified: true, kind: 'phone-possession', verifiedAt: '2026-12-03T01:00:00Z' }}
      />,
    );
    expect(text(html)).toContain('휴대폰 번호 인증 완료 · 2026.12.03');
    expect(html).toContain('href="/verification"');
  });

  it('never verified: says so, with the way to /verification', () => {
    const html = renderToString(<VerificationSection status={{ verified: false }} />);
    expect(text(html)).toContain('아직 본인확인을 하지 않았어요.');
    expect(html).toContain('href="/verification"');
  });
});
