/**
 * KCB crypto: enc_key unwrapping with "member code + 0000", field decryption round trips with
 * Korean text through CP949, and every failure (wrong key, malformed input, bad text) typed.
 */
import { inspect } from 'node:util';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decryptKcbEncKey,
  decryptKcbField,
  generateKcbEncIv,
  KCB_ENC_KEY_WRAPPING,
  KcbConfigError,
  KcbCryptoError,
  KcbFieldKey,
  kcbWrappingKey,
} from '../src/kcb/index.js';
import { cbc, ENC_IV, encField, FIELD_KEY_HEX, MEMBER_CODE, wrapFieldKey } from './kcb-helpers.js';

function cryptoCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(KcbCryptoError);
    return (error as KcbCryptoError).code;
  }
  throw new Error('expected a KcbCryptoError');
}

const fieldKey = () => KcbFieldKey.fromHex(FIELD_KEY_HEX);

describe('the member-code key ("member code + 0000")', () => {
  it('is the 16 ASCII bytes of the 12-character code followed by "0000": AES-128', () => {
    const key = kcbWrappingKey(MEMBER_CODE);
    expect(key.toString('ascii')).toBe('P210500000000000');
    expect(key).toHaveLength(16);
    expect(KCB_ENC_KEY_WRAPPING).toMatchObject({ memberCodeLength: 12, keyBytes: 16, cipher: 'aes-128-cbc' });
  });

  it.each(['P2105000000', 'P210500000000', '', 'P2105 000000', 'P21050000ㄱ00'])(
    'refuses member code %j (no padding, no truncation)',
    (code) => {
      expect(() => kcbWrappingKey(code)).toThrow(KcbConfigError);
    },
  );
});

describe('enc_key', () => {
  it('opens to the per-transaction field key', () => {
    const key = decryptKcbEncKey(wrapFieldKey(), MEMBER_CODE, ENC_IV);
    expect(key.exportForServerStorage()).toBe(FIELD_KEY_HEX);
    expect(key.cipher).toBe('aes-128-cbc');
  });

  it('accepts a 64-hex-digit (AES-256) field key', () => {
    const hex = 'ab'.repeat(32);
    const key = decryptKcbEncKey(wrapFieldKey(hex), MEMBER_CODE, ENC_IV);
    expect(key.cipher).toBe('aes-256-cbc');
    expect(decryptKcbField(encField('김철수', hex), key, ENC_IV)).toBe('김철수');
  });

  it('with another member code does not open', () => {
    expect(cryptoCode(() => decryptKcbEncKey(wrapFieldKey(), 'P99999999999', ENC_IV))).toBe(
      'KCB_DECRYPT_FAILED',
    );
  });

  it('with another IV does not yield the field key', () => {
    expect(() => decryptKcbEncKey(wrapFieldKey(), MEMBER_CODE, 'ff'.repeat(16))).toThrow(KcbCryptoError);
  });

  it('refuses non-base64, partial blocks, and a bad IV', () => {
    expect(cryptoCode(() => decryptKcbEncKey('not base64!', MEMBER_CODE, ENC_IV))).toBe(
      'KCB_MALFORMED_CIPHERTEXT',
    );
    expect(cryptoCode(() => decryptKcbEncKey(Buffer.alloc(20).toString('base64'), MEMBER_CODE, ENC_IV))).toBe(
      'KCB_MALFORMED_CIPHERTEXT',
    );
    expect(cryptoCode(() => decryptKcbEncKey(wrapFieldKey(), MEMBER_CODE, 'abc'))).toBe(
      'KCB_MALFORMED_CIPHERTEXT',
    );
  });

  it('refuses a plaintext that is not a hex key of 16 or 32 bytes', () => {
    const wrapped = cbc(Buffer.from('not-a-hex-key', 'ascii'), Buffer.from(`${MEMBER_CODE}0000`), ENC_IV);
    expect(cryptoCode(() => decryptKcbEncKey(wrapped, MEMBER_CODE, ENC_IV))).toBe('KCB_BAD_FIELD_KEY');
    const short = cbc(Buffer.from('abcd', 'ascii'), Buffer.from(`${MEMBER_CODE}0000`), ENC_IV);
    expect(cryptoCode(() => decryptKcbEncKey(short, MEMBER_CODE, ENC_IV))).toBe('KCB_BAD_FIELD_KEY');
  });

  it('the field key never serialises or prints', () => {
    const key = fieldKey();
    expect(JSON.stringify({ key })).toBe('{"key":"[KcbFieldKey]"}');
    expect(inspect(key)).toBe('[KcbFieldKey]');
    expect(`${key}`).toBe('[KcbFieldKey]');
    expect(inspect(key)).not.toContain(FIELD_KEY_HEX);
  });
});

describe('field decryption (CP949 → UTF-8)', () => {
  it.each(['홍길동', '남궁민수', '김 영희', '똠방각하', 'John Smith', '01012345678'])(
    'round trips %j',
    (text) => {
      expect(decryptKcbField(encField(text), fieldKey(), ENC_IV)).toBe(text);
    },
  );

  it('decodes CP949-only syllables that EUC-KR lacks (e.g. 똠, 햏)', () => {
    const bytes = iconv.encode('똠햏', 'cp949');
    expect(iconv.decode(bytes, 'euc-kr')).toBe('똠햏'); // iconv-lite's euc-kr is cp949 too
    expect(decryptKcbField(encField('똠햏'), fieldKey(), ENC_IV)).toBe('똠햏');
  });

  it('wrong field key → KCB_DECRYPT_FAILED (deterministic: fixed key, IV and plaintext)', () => {
    const other = KcbFieldKey.fromHex('f'.repeat(32));
    expect(cryptoCode(() => decryptKcbField(encField('홍길동'), other, ENC_IV))).toBe('KCB_DECRYPT_FAILED');
  });

  it('tampered ciphertext is refused (CBC has no tag: padding or text checks catch it)', () => {
    // Deterministic: fixed key, IV and plaintext. CBC is not authenticated, so which check trips
    // depends on the bytes; what matters is that no text comes back (see SECURITY.md).
    const data = Buffer.from(encField('홍길동'), 'base64');
    data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 0x01;
    expect(['KCB_DECRYPT_FAILED', 'KCB_BAD_TEXT_ENCODING']).toContain(
      cryptoCode(() => decryptKcbField(data.toString('base64'), fieldKey(), ENC_IV)),
    );
  });

  it('bytes that are not CP949 text → KCB_BAD_TEXT_ENCODING, never replacement characters', () => {
    const invalid = cbc(Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(FIELD_KEY_HEX, 'hex'), ENC_IV);
    expect(cryptoCode(() => decryptKcbField(invalid, fieldKey(), ENC_IV))).toBe('KCB_BAD_TEXT_ENCODING');
  });

  it('malformed values', () => {
    expect(cryptoCode(() => decryptKcbField('', fieldKey(), ENC_IV))).toBe('KCB_MALFORMED_CIPHERTEXT');
    expect(cryptoCode(() => decryptKcbField('@@@@', fieldKey(), ENC_IV))).toBe('KCB_MALFORMED_CIPHERTEXT');
  });

  it('generateKcbEncIv: 16 random bytes as 32 hex digits', () => {
    const a = generateKcbEncIv();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(generateKcbEncIv()).not.toBe(a);
  });
});
