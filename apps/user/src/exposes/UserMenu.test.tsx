import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import UserMenu from './UserMenu';

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
