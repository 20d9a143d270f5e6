/**
 * KCB result crypto (after public integrations of the KCB ok-name REST API):
 *
 *   popup-start sends `enc_algo_cd` 1331 (AES) and `enc_iv` (16 bytes as 32 hex digits) and gets
 *   back `enc_key`. `enc_key` opens with AES-CBC under the member-code key and `enc_iv` to the
 *   per-transaction field key; each `popup-result` field is AES-CBC under that field key and the
 *   same `enc_iv`, and its plaintext is CP949 (EUC-KR superset) text.
 *
 * Every parameter is a named constant here and nowhere else. `node:crypto` + `iconv-lite` only.
 */
import { createDecipheriv, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import iconv from 'iconv-lite';
import { decodeStrictBase64 } from '../internal/base64.js';
import { KcbConfigError, KcbCryptoError } from './errors.js';

/** `enc_algo_cd` for AES (public integrations: "1331 = AES"). */
export const KCB_ENC_ALGO_AES = '1331';
export const KCB_IV_BYTES = 16;
/** `enc_iv` on the wire: the 16 IV bytes as 32 lower-case hex digits. */
export const KCB_IV_HEX = /^[0-9a-fA-F]{32}$/;
/** Field text encoding: CP949, the superset of EUC-KR that KCB's Korean text uses. */
export const KCB_TEXT_ENCODING = 'cp949';

/**
 * How "key = member code + '0000'" is read (the public integration's
 * `(member_code + "0000").encode("utf-8")`, commented "16 bytes"):
 * - the member code (`idcf_mbr_com_cd`) is exactly 12 printable ASCII characters, e.g.
 *   "P21050000000";
 * - the four ASCII characters "0000" (bytes 0x30, not NUL) are appended;
 * - the resulting 16 ASCII bytes ARE the key, used as-is: no hashing, no padding, no truncation,
 *   so the cipher is AES-128-CBC (PKCS#7 padding on the ciphertext, IV = `enc_iv`).
 * A member code of another length is a configuration error: padding or cutting it would only
 * hide a wrong code behind a decrypt failure later.
 */
export const KCB_ENC_KEY_WRAPPING = {
  memberCodeLength: 12,
  suffix: '0000',
  keyBytes: 16,
  cipher: 'aes-128-cbc',
} as const;

/**
 * The decrypted `enc_key` is the field key written as hex text (the public integration:
 * "HEX(32) … bytes.fromhex → 16-byte key"). 32 hex digits → AES-128-CBC; 64 → AES-256-CBC.
 */
export const KCB_FIELD_KEY_CIPHERS: Readonly<Record<number, 'aes-128-cbc' | 'aes-256-cbc'>> = {
  16: 'aes-128-cbc',
  32: 'aes-256-cbc',
};

const MEMBER_CODE = /^[\x21-\x7e]+$/;

/** The AES key that wraps `enc_key`, from the member code. Throws {@link KcbConfigError}. */
export function kcbWrappingKey(memberCode: string): Buffer {
  if (
    typeof memberCode !== 'string' ||
    memberCode.length !== KCB_ENC_KEY_WRAPPING.memberCodeLength ||
    !MEMBER_CODE.test(memberCode)
  ) {
    throw new KcbConfigError(
      `KCB member code must be exactly ${KCB_ENC_KEY_WRAPPING.memberCodeLength} printable ASCII characters`,
      { field: 'memberCode' },
    );
  }
  const key = Buffer.from(memberCode + KCB_ENC_KEY_WRAPPING.suffix, 'ascii');
  if (key.length !== KCB_ENC_KEY_WRAPPING.keyBytes) throw new Error('unreachable: wrapping key length');
  return key;
}

/** 16 random bytes as 32 lower-case hex digits, for `enc_iv`. */
export function generateKcbEncIv(): string {
  return randomBytes(KCB_IV_BYTES).toString('hex');
}

function ivBytes(encIv: string): Buffer {
  if (!KCB_IV_HEX.test(encIv)) {
    throw new KcbCryptoError('KCB_MALFORMED_CIPHERTEXT', 'enc_iv must be 32 hex digits');
  }
  return Buffer.from(encIv, 'hex');
}

function cbcDecrypt(cipher: string, key: Buffer, iv: Buffer, data: Buffer, what: string): Buffer {
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new KcbCryptoError('KCB_MALFORMED_CIPHERTEXT', `${what} is not a whole number of AES blocks`, {
      field: what,
    });
  }
  try {
    const decipher = createDecipheriv(cipher, key, iv);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new KcbCryptoError('KCB_DECRYPT_FAILED', `${what} did not decrypt (wrong key or IV, or tampered)`, {
      field: what,
    });
  }
}

/**
 * The per-transaction field key. It must never leave the server: not serialisable
 * (`toJSON()` and `util.inspect` show `[KcbFieldKey]`), and exported only through the explicitly
 * named {@link KcbFieldKey.exportForServerStorage} (to keep it with the server-side transaction,
 * e.g. in Redis, between popup-start and popup-result).
 */
export class KcbFieldKey {
  readonly #bytes: Buffer;
  private constructor(bytes: Buffer) {
    this.#bytes = Buffer.from(bytes);
  }
  /** From the hex text inside `enc_key` (or from {@link exportForServerStorage}). */
  static fromHex(hex: string): KcbFieldKey {
    if (
      typeof hex !== 'string' ||
      !/^[0-9a-fA-F]+$/.test(hex) ||
      KCB_FIELD_KEY_CIPHERS[hex.length / 2] === undefined
    ) {
      throw new KcbCryptoError(
        'KCB_BAD_FIELD_KEY',
        'the per-transaction field key must be 32 or 64 hex digits',
      );
    }
    return new KcbFieldKey(Buffer.from(hex, 'hex'));
  }
  get cipher(): 'aes-128-cbc' | 'aes-256-cbc' {
    return KCB_FIELD_KEY_CIPHERS[this.#bytes.length] as 'aes-128-cbc' | 'aes-256-cbc';
  }
  /** Hex, for the server-side transaction store only. */
  exportForServerStorage(): string {
    return this.#bytes.toString('hex');
  }
  /** @internal */
  decrypt(data: Buffer, iv: Buffer, what: string): Buffer {
    return cbcDecrypt(this.cipher, this.#bytes, iv, data, what);
  }
  toJSON(): string {
    return '[KcbFieldKey]';
  }
  toString(): string {
    return '[KcbFieldKey]';
  }
  [inspect.custom](): string {
    return '[KcbFieldKey]';
  }
}

/** Opens `enc_key` (base64) with the member-code key and `enc_iv`: the per-transaction field key. */
export function decryptKcbEncKey(encKey: string, memberCode: string, encIv: string): KcbFieldKey {
  const data = typeof encKey === 'string' ? decodeStrictBase64(encKey) : undefined;
  if (data === undefined)
    throw new KcbCryptoError('KCB_MALFORMED_CIPHERTEXT', 'enc_key is not base64', { field: 'enc_key' });
  const plain = cbcDecrypt(
    KCB_ENC_KEY_WRAPPING.cipher,
    kcbWrappingKey(memberCode),
    ivBytes(encIv),
    data,
    'enc_key',
  );
  const hex = plain.toString('latin1').trim();
  try {
    return KcbFieldKey.fromHex(hex);
  } finally {
    plain.fill(0);
  }
}

/**
 * Decrypts one `popup-result` field (base64 AES-CBC, field key, `enc_iv`) and decodes its CP949
 * text to a JS (UTF-16) string. Bytes that are not valid CP949 are refused, never replaced.
 */
export function decryptKcbField(
  value: string,
  fieldKey: KcbFieldKey,
  encIv: string,
  field = 'field',
): string {
  const data = typeof value === 'string' ? decodeStrictBase64(value) : undefined;
  if (data === undefined)
    throw new KcbCryptoError('KCB_MALFORMED_CIPHERTEXT', `${field} is not base64`, { field });
  const plain = fieldKey.decrypt(data, ivBytes(encIv), field);
  try {
    const text = iconv.decode(plain, KCB_TEXT_ENCODING);
    if (text.includes('\uFFFD')) {
      throw new KcbCryptoError('KCB_BAD_TEXT_ENCODING', `${field} is not valid ${KCB_TEXT_ENCODING} text`, {
        field,
      });
    }
    return text.trim();
  } finally {
    plain.fill(0);
  }
}
