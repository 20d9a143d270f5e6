import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import UserMenu from '../../src/exposes/UserMenu';

// styled-jsx's <style jsx> is compiled away by Next; in a plain render React warns about the attribute.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

describe('UserMenu', () => {
  it('signed out: a login link that brings the user back to where they were', () => {
    const html = renderToString(<UserMenu viewer={null} returnTo="/verification?x=1" />);
    expect(html).toContain('data-signed-in="false"');
    expect(html).toContain('href="/user/login?returnTo=%2Fverification%3Fx%3D1"');
  });

  it('signed in: the nickname on a closed menu button', () => {
    const html = renderToString(<UserMenu viewer={{ nickname: '김민준' }} />);
    expect(html).toContain('data-signed-in="true"');
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('김민준');
    expect(html).not.toContain('role="menu"');
  });

  it('session check unavailable: says so instead of offering a login', () => {
    const html = renderToString(<UserMenu viewer={null} sessionUnavailable />);
    expect(html).toContain('로그인 확인 중');
    expect(html).not.toContain('/user/login');
  });
});

describe('UserMenu: the verification status', () => {
  const verified = {
    verified: true,
    kind: 'phone-identity',
    maskedName: '이*연',
    verifiedAt: '2026-12-02T15:30:00.000Z',
  } as const;

  it('verified: a badge on the closed menu button, in the first HTML, named for screen readers', () => {
    const html = renderToString(<UserMenu viewer={{ nickname: '이서연' }} verification={verified} />);
    expect(html).toContain('data-testid="user-verified-badge"');
    expect(html).toContain('본인확인 완료');
  });

  it('not verified, or the status not read: no badge', () => {
    for (const verification of [{ verified: false } as const, null, undefined]) {
      const html = renderToString(<UserMenu viewer={{ nickname: '이서연' }} verification={verification} />);
      expect(html).not.toContain('user-verified-badge');
      expect(html).not.toContain('본인확인 완료');
    }
  });

  it('signed out: nothing about verification, whatever was passed', () => {
    const html = renderToString(<UserMenu viewer={null} verification={verified} />);
    expect(html).not.toContain('본인확인');
  });
});
