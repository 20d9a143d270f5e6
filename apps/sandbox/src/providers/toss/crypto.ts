import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * Toss login's personal-information encryption, Toss's side, written independently of the
 * platform's client (Toss 로그인 가이드; docs/sandbox.md): each field of login-me is
 * base64( IV (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes) ), AES-256-GCM with the console-issued
 * key (32 bytes) and the console-issued AAD (its UTF-8 bytes). A fresh random IV per field.
 */
export const TOSS_GCM = {
  algorithm: 'aes-256-gcm',
  keyBytes: 32,
  ivBytes: 12,
  tagBytes: 16,
} as const;

export function checkTossKey(key: Buffer): void {
  if (key.length !== TOSS_GCM.keyBytes) throw new Error('toss: the decryption key must be exactly 32 bytes');
}

/** Seals one field. `breakTag` flips the tag's bits (fault `tamper`): decryption must then fail. */
export function sealTossField(key: Buffer, aad: string, plaintext: string, breakTag = false): string {
  const iv = randomBytes(TOSS_GCM.ivBytes);
  const cipher = createCipheriv(TOSS_GCM.algorithm, key, iv, { authTagLength: TOSS_GCM.tagBytes });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  if (breakTag) for (let i = 0; i < tag.length; i += 1) tag[i] = (tag[i] ?? 0) ^ 0xff;
  return Buffer.concat([iv, ciphertext, tag]).toString('base64');
}
