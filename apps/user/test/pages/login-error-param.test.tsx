/**
 * Review finding: /user/login?error=<code> picks its message with `code in LOGIN_MESSAGES`, which
 * is true for the names every object inherits. `?error=__proto__` renders an object as a React
 * child: 500 and an error-level "unexpected error" log line for anyone who sends the link;
 * `?error=constructor` (or toString, valueOf …) shows an empty red error card. Only the page's own
 * codes may pick a message.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Login from '../../src/pages/login';
import { isLoginMessageCode } from '../../src/server/messages';

// styled-jsx's <style jsx> is compiled away by Next; in a plain render React warns about the attribute.
beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

const INHERITED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe('/user/login?error= with a name every object inherits', () => {
  it.each(INHERITED)('?error=%s is not a login message code', (name) => {
    expect(isLoginMessageCode(name)).toBe(false);
  });

  it.each(INHERITED)('?error=%s: the page renders, with no error card', (name) => {
    // What getServerSideProps hands the page for this query.
    const error = isLoginMessageCode(name) ? name : null;
    const html = renderToStaticMarkup(
      <Login returnTo="/" error={error} limited={null} toss={false} tossOpenUrl={null} />,
    );
    expect(html).toContain('카카오로 로그인');
    expect(html).not.toMatch(/role="alert"/);
  });
});
