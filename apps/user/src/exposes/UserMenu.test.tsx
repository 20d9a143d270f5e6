import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import UserMenu from './UserMenu';

describe('UserMenu', () => {
  it('server-renders a closed menu button and the return path in the account link only when open', () => {
    // styled-jsx's <style jsx> is compiled away by Next; in a plain render React warns about the attribute.
    const warn = vi.spyOn(console, 'error').mockImplementation(() => {});
    const html = renderToString(<UserMenu returnTo="/verification" />);
    warn.mockRestore();
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('data-slot-component="user/UserMenu"');
    expect(html).not.toContain('role="menu"');
  });
});
