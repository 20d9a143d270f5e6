import { describe, expect, it } from 'vitest';
import { createSealer, randomOpaqueToken, secretsEqual, sha256Hex } from '../src/tokens/secrets.js';

const SECRET = 'k'.repeat(32);

describe('successor sealing (AES-256-GCM under an HKDF-derived key)', () => {
  it('round-trips, with a fresh IV every time', () => {
    const sealer = createSealer(SECRET);
    const token = randomOpaqueToken();
    const a = sealer.seal(token, 'ctx');
    const b = sealer.seal(token, 'ctx');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain(token);
    expect(sealer.open(a, 'ctx')).toBe(token);
    expect(sealer.open(b, 'ctx')).toBe(token);
  });

  it('refuses another context, another key, a tampered or truncated value, an unknown version', () => {
    const sealer = createSealer(SECRET);
    const sealed = sealer.seal('payload', 'row-1');
    expect(() => sealer.open(sealed, 'row-2')).toThrow();
    expect(() => createSealer('x'.repeat(32)).open(sealed, 'row-1')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => sealer.open(`v1.${raw.toString('base64url')}`, 'row-1')).toThrow();
    expect(() => sealer.open('v1.AAAA', 'row-1')).toThrow(/too short/);
    expect(() => sealer.open(`v2.${sealed.slice(3)}`, 'row-1')).toThrow(/unknown seal format/);
  });

  it('refuses a short secret', () => {
    expect(() => createSealer('short')).toThrow(/at least 32/);
  });
});

describe('opaque tokens and secret comparison', () => {
  it('makes 256-bit base64url tokens, distinct every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, randomOpaqueToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(Buffer.from(t, 'base64url')).toHaveLength(32);
  });

  it('hashes with SHA-256 hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares secrets of any length in constant time without throwing', () => {
    expect(secretsEqual('same-secret', 'same-secret')).toBe(true);
    expect(secretsEqual('same-secret', 'same-secreT')).toBe(false);
    expect(secretsEqual('short', 'a much longer expected secret')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
  });
});
