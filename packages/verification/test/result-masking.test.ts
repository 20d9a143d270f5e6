import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from '../src/result.js';

describe('maskName', () => {
  it('keeps the first and last character of a three-character name', () => {
    expect(maskName('홍길동')).toBe('홍*동');
  });
  it('masks the second character of a two-character name', () => {
    expect(maskName('홍길')).toBe('홍*');
  });
  it('masks everything between first and last for four or more characters', () => {
    expect(maskName('남궁길동')).toBe('남**동');
    expect(maskName('독고영재한')).toBe('독***한');
  });
  it('masks foreign names, spaces included, so word lengths do not show', () => {
    expect(maskName('John Smith')).toBe('J********h');
    expect(maskName('WANG XIAOMING')).toBe('W***********G');
  });
  it('counts code points, not UTF-16 units', () => {
    expect(maskName('𠮷野家')).toBe('𠮷*家');
  });
  it('handles one character, surrounding spaces and empty input', () => {
    expect(maskName('김')).toBe('*');
    expect(maskName('  홍길동 ')).toBe('홍*동');
    expect(maskName('')).toBe('');
  });
});

describe('maskPhone', () => {
  it('masks the middle of an 11-digit number', () => {
    expect(maskPhone('01012345678')).toBe('010-****-5678');
  });
  it('masks the middle of a 10-digit number', () => {
    expect(maskPhone('0111234567')).toBe('011-***-4567');
  });
  it('ignores separators in the input', () => {
    expect(maskPhone('010-1234-5678')).toBe('010-****-5678');
  });
  it('keeps only the last four digits of other lengths', () => {
    expect(maskPhone('021234567')).toBe('*****4567');
    expect(maskPhone('123')).toBe('***');
    expect(maskPhone('')).toBe('');
  });
});
