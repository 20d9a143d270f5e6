/**
 * Decryption of login-me's personal fields (apps-in-toss API reference, login-me: "Encrypted fields: base64; first
 * 12 bytes IV, last 16 bytes GCM tag, AES-256-GCM with a key and AAD issued from the console").
 * `node:crypto` only; wrong key, AAD or tag → {@link TossCryptoError}, never partial plaintext.
 */
import { createDecipheriv } from 'node:crypto';
import { decodeStrictBase64 } from '../internal/base64.js';
import { TossConfigError, TossCryptoError } from './errors.js';

export const TOSS_CIPHER = 'aes-256-gcm';
export const TOSS_KEY_BYTES = 32;
export const TOSS_IV_BYTES = 12;
export const TOSS_TAG_BYTES = 16;

export interface TossDecryptionKey {
  /** 32 bytes, or the console's text: base64 of 32 bytes, or 64 hex digits. */
  key: Buffer | string;
  /** The console's AAD: text (UTF-8) or bytes. */
  aad: Buffer | string;
}

/** Reads the console key: 64 hex digits, else strict base64; must be 32 bytes either way. */
export function parseTossKey(key: Buffer | string): Buffer {
  let bytes: Buffer | undefined;
  if (Buffer.isBuffer(key)) bytes = key;
  else if (typeof key === 'string' && /^[0-9a-fA-F]{64}$/.test(key.trim()))
    bytes = Buffer.from(key.trim(), 'hex');
  else if (typeof key === 'string') bytes = decodeStrictBase64(key.trim());
  if (bytes === undefined || bytes.length !== TOSS_KEY_BYTES) {
    throw new TossConfigError(
      'TOSS_CONFIG_INVALID',
      'Toss decryption key must be 32 bytes (base64 or 64 hex digits)',
      {
        field: 'decryptionKey',
      },
    );
  }
  return bytes;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `base64(IV[12] ‖ ciphertext ‖ tag[16])` → text. The plaintext is released only after the tag
 * verifies (`final()`); on any failure the partial output is zeroed and an error thrown.
 */
export function decryptTossField(value: string, options: TossDecryptionKey, field = 'field'): string {
  const data = typeof value === 'string' ? decodeStrictBase64(value) : undefined;
  if (data === undefined)
    throw new TossCryptoError('TOSS_MALFORMED_CIPHERTEXT', `${field} is not base64`, {
      step: 'decrypt',
      field,
    });
  if (data.length < TOSS_IV_BYTES + TOSS_TAG_BYTES) {
    throw new TossCryptoError('TOSS_MALFORMED_CIPHERTEXT', `${field} is too short for IV and tag`, {
      step: 'decrypt',
      field,
    });
  }
  const key = parseTossKey(options.key);
  const aad = Buffer.isBuffer(options.aad) ? options.aad : Buffer.from(String(options.aad), 'utf8');
  const iv = data.subarray(0, TOSS_IV_BYTES);
  const tag = data.subarray(data.length - TOSS_TAG_BYTES);
  const ciphertext = data.subarray(TOSS_IV_BYTES, data.length - TOSS_TAG_BYTES);
  let plain: Buffer | undefined;
  let head: Buffer | undefined;
  try {
    const decipher = createDecipheriv(TOSS_CIPHER, key, iv, { authTagLength: TOSS_TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    head = decipher.update(ciphertext);
    plain = Buffer.concat([head, decipher.final()]);
  } catch {
    head?.fill(0);
    throw new TossCryptoError(
      'TOSS_DECRYPT_FAILED',
      `${field} did not decrypt (wrong key or AAD, or tampered)`,
      {
        step: 'decrypt',
        field,
      },
    );
  } finally {
    if (key !== options.key) key.fill(0);
  }
  try {
    return UTF8.decode(plain);
  } catch {
    throw new TossCryptoError('TOSS_BAD_TEXT_ENCODING', `${field} is not UTF-8 text`, {
      step: 'decrypt',
      field,
    });
  } finally {
    plain.fill(0);
    head.fill(0);
  }
}
