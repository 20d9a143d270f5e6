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
    const html = renderToString(createElement(Link, { kakao: true, returnTo: '/notices?tab=1' }));
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

  it('without a Kakao login on the existing account, only the separate signup is offered', () => {
    const html = renderToString(createElement(Link, { kakao: false, returnTo: '/' }));
    expect(html).not.toContain('/user/api/login/kakao');
    expect(html).toContain('href="/user/signup"');
  });
});
