import { describe, expect, it } from 'vitest';
import { hashTag, keyspace } from '../src/keyspace.js';

describe('keyspace', () => {
  it('joins prefix and parts with ":"', () => {
    const auth = keyspace('mfv:auth');
    expect(auth('rt', 'abc')).toBe('mfv:auth:rt:abc');
    expect(auth('n', 42)).toBe('mfv:auth:n:42');
    expect(auth.prefix).toBe('mfv:auth');
    expect(auth.pattern).toBe('mfv:auth:*');
  });

  it('nests with child()', () => {
    expect(keyspace('a').child('b', 1)('c')).toBe('a:b:1:c');
  });

  it('puts a hash tag in a key so related keys share a cluster slot', () => {
    const ks = keyspace('mfv:auth');
    expect(ks(hashTag('sess1'), 'lock')).toBe('mfv:auth:{sess1}:lock');
  });

  it.each([[''], ['a:'], [':a'], ['a::b'], ['a b'], ['a*']])('rejects the prefix %j', (prefix) => {
    expect(() => keyspace(prefix)).toThrow(RangeError);
  });

  it('rejects parts that would make two part lists collide, without echoing them', () => {
    const ks = keyspace('p');
    expect(() => ks()).toThrow(/at least one part/);
    expect(() => ks('')).toThrow(/part 1 is empty/);
    expect(() => ks('ok', 'secret:token')).toThrow(/part 2 contains ":"/);
    expect(() => ks('ok', 'secret:token')).not.toThrow(/secret/);
    expect(() => ks(Number.NaN)).toThrow(/not a finite number/);
  });

  it('rejects hash tags that are empty or contain braces', () => {
    expect(() => hashTag('')).toThrow(RangeError);
    expect(() => hashTag('a{b')).toThrow(RangeError);
  });
});
