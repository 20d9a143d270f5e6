import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Link from '../src/pages/link';

// styled-jsx's <style jsx> is compiled away by Next; in a plain render React warns about the attribute.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '');

describe('/user/link: 이미 가입한 계정이 있어요', () => {
  it('offers to sign in to the existing account (Kakao, link=1, returnTo kept) or to sign up separately', () => {
    const html = renderToString(
      createElement(Link, { kakao: true, toss: false, tossOpenUrl: null, returnTo: '/notices?tab=1' }),
    );
    expect(text(html)).toContain('이미 가입한 계정이 있어요');
    expect(text(html)).toContain('카카오로 로그인하고 연결하기');
    expect(text(html)).toContain('연결하지 않고 새 계정 만들기');
    expect(html).toContain(
      `href="/user/api/login/kakao?link=1&amp;returnTo=${encodeURIComponent('/notices?tab=1').replace(/&/g, '&amp;')}"`,
    );
    expect(html).toContain('href="/user/signup"');
    // People's words only: no provider internals.
    expect(text(html)).not.toMatch(/CI|ticket|toss|kakao/i);
  });

  it('an existing account that signs in with Toss is proved with Toss (a button, the same Toss-app check as the login page)', () => {
    const html = renderToString(
      createElement(Link, { kakao: false, toss: true, tossOpenUrl: null, returnTo: '/notices' }),
    );
    expect(text(html)).toContain('토스로 로그인하고 연결하기');
    expect(html).toContain('data-testid="link-toss"');
    expect(html).toMatch(/<button[^>]*data-testid="link-toss"/);
    expect(html).not.toContain('/user/api/login/kakao');
    expect(html).toContain('href="/user/signup"');
    expect(text(html)).not.toMatch(/CI|ticket|toss|kakao/i);
  });

  it('an account with both ways in offers both', () => {
    const html = renderToString(
      createElement(Link, { kakao: true, toss: true, tossOpenUrl: 'intoss://mfv', returnTo: '/' }),
    );
    expect(html).toContain('data-testid="link-kakao"');
    expect(html).toContain('data-testid="link-toss"');
  });

  it('without a Kakao login on the existing account, only the separate signup is offered', () => {
    const html = renderToString(
      createElement(Link, { kakao: false, toss: false, tossOpenUrl: null, returnTo: '/' }),
    );
    expect(html).not.toContain('/user/api/login/kakao');
    expect(html).toContain('href="/user/signup"');
  });
});
