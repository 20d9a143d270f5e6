/** The sending side of Toss's field encryption, independent of src/toss/crypto.ts. */
import { createCipheriv, randomBytes } from 'node:crypto';

export const TOSS_KEY = Buffer.alloc(32, 7);
export const TOSS_AAD = 'TOSS';

export function tossEncrypt(
  text: string,
  key: Buffer = TOSS_KEY,
  aad: string = TOSS_AAD,
  iv: Buffer = randomBytes(12),
): string {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** Replaces every "{{ENC:text}}" in a fixture with ciphertext. */
export function withCiphertexts(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) => {
    if (typeof v === 'string') {
      const m = /^\{\{ENC:(.*)\}\}$/.exec(v);
      if (m !== null) return tossEncrypt(m[1] as string);
    }
    return v;
  });
}
