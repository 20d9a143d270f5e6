/** decryptTossField: AES-256-GCM round trips and every failure typed, with no partial plaintext. */
import { describe, expect, it } from 'vitest';
import { decryptTossField, parseTossKey, TossConfigError, TossCryptoError } from '../src/toss/index.js';
import { TOSS_AAD, TOSS_KEY, tossEncrypt } from './toss-helpers.js';

const options = { key: TOSS_KEY, aad: TOSS_AAD };

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TossCryptoError);
    expect((error as Error).message).not.toMatch(/김토스|secret/);
    return (error as TossCryptoError).code;
  }
  throw new Error('expected a TossCryptoError');
}

describe('decryptTossField', () => {
  it.each(['김토스', '01012345678', 'MALE', '', 'a'.repeat(500)])('round trips %j', (text) => {
    expect(decryptTossField(tossEncrypt(text), options)).toBe(text);
  });

  it('takes the key as base64 or hex text too', () => {
    const value = tossEncrypt('김토스');
    expect(decryptTossField(value, { key: TOSS_KEY.toString('base64'), aad: TOSS_AAD })).toBe('김토스');
    expect(decryptTossField(value, { key: TOSS_KEY.toString('hex'), aad: Buffer.from(TOSS_AAD) })).toBe(
      '김토스',
    );
  });

  it('wrong AAD → TOSS_DECRYPT_FAILED', () => {
    expect(code(() => decryptTossField(tossEncrypt('김토스'), { key: TOSS_KEY, aad: 'OTHER' }))).toBe(
      'TOSS_DECRYPT_FAILED',
    );
  });

  it('wrong key → TOSS_DECRYPT_FAILED', () => {
    expect(
      code(() => decryptTossField(tossEncrypt('김토스'), { key: Buffer.alloc(32, 8), aad: TOSS_AAD })),
    ).toBe('TOSS_DECRYPT_FAILED');
  });

  it('a flipped tag byte → TOSS_DECRYPT_FAILED', () => {
    const data = Buffer.from(tossEncrypt('김토스'), 'base64');
    data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 0x80;
    expect(code(() => decryptTossField(data.toString('base64'), options))).toBe('TOSS_DECRYPT_FAILED');
  });

  it('a flipped ciphertext byte → TOSS_DECRYPT_FAILED', () => {
    const data = Buffer.from(tossEncrypt('김토스'), 'base64');
    data[12] = (data[12] ?? 0) ^ 0x01;
    expect(code(() => decryptTossField(data.toString('base64'), options))).toBe('TOSS_DECRYPT_FAILED');
  });

  it('a truncated tag (tag must be 16 bytes) → TOSS_DECRYPT_FAILED', () => {
    const data = Buffer.from(tossEncrypt('김토스'), 'base64');
    expect(code(() => decryptTossField(data.subarray(0, data.length - 4).toString('base64'), options))).toBe(
      'TOSS_DECRYPT_FAILED',
    );
  });

  it('too short for IV + tag, or not base64 → TOSS_MALFORMED_CIPHERTEXT', () => {
    expect(code(() => decryptTossField(Buffer.alloc(27).toString('base64'), options))).toBe(
      'TOSS_MALFORMED_CIPHERTEXT',
    );
    expect(code(() => decryptTossField('%%%', options))).toBe('TOSS_MALFORMED_CIPHERTEXT');
  });

  it('plaintext that is not UTF-8 → TOSS_BAD_TEXT_ENCODING', async () => {
    const { createCipheriv } = await import('node:crypto');
    const iv = Buffer.alloc(12, 1);
    const cipher = createCipheriv('aes-256-gcm', TOSS_KEY, iv);
    cipher.setAAD(Buffer.from(TOSS_AAD));
    const body = Buffer.concat([cipher.update(Buffer.from([0xff, 0xfe])), cipher.final()]);
    const value = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
    expect(code(() => decryptTossField(value, options))).toBe('TOSS_BAD_TEXT_ENCODING');
  });

  it('a key that is not 32 bytes is a configuration error', () => {
    expect(() => parseTossKey(Buffer.alloc(16))).toThrow(TossConfigError);
    expect(() => parseTossKey('c2hvcnQ=')).toThrow(TossConfigError);
    expect(() => parseTossKey('not base64 at all')).toThrow(TossConfigError);
    expect(() => decryptTossField(tossEncrypt('x'), { key: 'abc', aad: TOSS_AAD })).toThrow(TossConfigError);
  });
});
