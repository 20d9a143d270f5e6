import { describe, expect, it } from 'vitest';
import { withObjectParticle } from '../src/korean.js';
import { nextMenuIndex } from '../src/menus.js';
import { businessLine, pageTitle } from '../src/site.js';

describe('withObjectParticle', () => {
  it('을 after a final consonant, 를 after a vowel, both when it cannot tell', () => {
    expect(withObjectParticle('공지사항')).toBe('공지사항을');
    expect(withObjectParticle('계정 메뉴')).toBe('계정 메뉴를');
    expect(withObjectParticle('알림')).toBe('알림을');
    expect(withObjectParticle('본인확인 서비스')).toBe('본인확인 서비스를');
    expect(withObjectParticle('MFV')).toBe('MFV을(를)');
  });
});

describe('nextMenuIndex (WAI-ARIA menu keys)', () => {
  it('wraps with the arrows, jumps with Home/End, ignores other keys', () => {
    expect(nextMenuIndex('ArrowDown', 3, 4)).toBe(0);
    expect(nextMenuIndex('ArrowUp', 0, 4)).toBe(3);
    expect(nextMenuIndex('ArrowDown', -1, 4)).toBe(0);
    expect(nextMenuIndex('Home', 2, 4)).toBe(0);
    expect(nextMenuIndex('End', 0, 4)).toBe(3);
    expect(nextMenuIndex('a', 0, 4)).toBeNull();
    expect(nextMenuIndex('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('site copy', () => {
  it('titles name the page and the site; the home title says what the site is', () => {
    expect(pageTitle('로그인')).toBe('로그인 | MFV');
    expect(pageTitle()).toContain('본인확인');
  });
  it('the operator line is marked as an example', () => {
    expect(businessLine()).toMatch(/\(예시\)$/);
    expect(businessLine()).toContain('000-00-00000');
  });
});
