import { describe, expect, it } from 'vitest';
import {
  MOK_ERROR_CODES,
  MokCryptoError,
  MokError,
  MokKeyFileError,
  MokProtocolError,
  MokResultCheckError,
  MokTransportError,
} from '../src/mobile-ok/errors.js';

describe('mobile-ok error classes, made from one code table', () => {
  it('no code belongs to two kinds', () => {
    const all = Object.values(MOK_ERROR_CODES).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((code) => /^MOK_[A-Z_]+$/.test(code))).toBe(true);
  });

  it.each([
    [MokKeyFileError, 'keyFile', 'MokKeyFileError'],
    [MokTransportError, 'transport', 'MokTransportError'],
    [MokProtocolError, 'protocol', 'MokProtocolError'],
    [MokCryptoError, 'crypto', 'MokCryptoError'],
    [MokResultCheckError, 'resultCheck', 'MokResultCheckError'],
  ] as const)('%o: each code of its kind, named, a MokError, its context in cause', (Kind, key, name) => {
    for (const code of MOK_ERROR_CODES[key]) {
      const error = new Kind(code as never, 'reason', { step: 'token' });
      expect(error).toBeInstanceOf(MokError);
      expect(error).toBeInstanceOf(Kind);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
      expect(error.cause).toEqual({ provider: 'mobile-ok', step: 'token' });
    }
  });
});
