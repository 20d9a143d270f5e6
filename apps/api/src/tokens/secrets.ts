import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** 256 bits of entropy for refresh tokens and signup tickets (RFC 9700 §4.14: unguessable). */
export const OPAQUE_TOKEN_BYTES = 32;
/** base64url of 32 bytes, unpadded. */
export const OPAQUE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const randomOpaqueToken = (): string => randomBytes(OPAQUE_TOKEN_BYTES).toString('base64url');

/** Opaque tokens are stored only as this digest; a database leak does not yield usable tokens. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * Constant-time comparison of two secrets of any length: both sides are hashed first, so
 * `timingSafeEqual` always compares 32 bytes and the length of the expected value does not leak.
 */
export function secretsEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

const SEAL_VERSION = 'v1';
const SEAL_ALGORITHM = 'aes-256-gcm';
const SEAL_KEY_BYTES = 32;
const SEAL_IV_BYTES = 12; // NIST SP 800-38D §8.2: 96-bit IVs, random per message
const SEAL_TAG_BYTES = 16;
const SEAL_HKDF_SALT = 'mfv-api';
const SEAL_HKDF_INFO = 'refresh-successor-seal/v1';

export interface Sealer {
  /** Encrypts `plaintext`, bound to `context` (authenticated, not encrypted). */
  seal(plaintext: string, context: string): string;
  /** Decrypts; throws when the value was tampered with, bound to another context, or sealed under another key. */
  open(sealed: string, context: string): string;
}

/**
 * AES-256-GCM under a key derived with HKDF-SHA256 from a server secret (RFC 5869), so the
 * configured secret may be any string of at least 32 characters. Output: `v1.<base64url(iv|tag|ct)>`.
 */
export function createSealer(secret: string): Sealer {
  if (secret.length < 32) throw new Error('seal secret must be at least 32 characters');
  const key = Buffer.from(hkdfSync('sha256', secret, SEAL_HKDF_SALT, SEAL_HKDF_INFO, SEAL_KEY_BYTES));
  return {
    seal(plaintext, context) {
      const iv = randomBytes(SEAL_IV_BYTES);
      const cipher = createCipheriv(SEAL_ALGORITHM, key, iv, { authTagLength: SEAL_TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${SEAL_VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
    },
    open(sealed, context) {
      const [version, payload] = sealed.split('.');
      if (version !== SEAL_VERSION || payload === undefined) throw new Error('unknown seal format');
      const raw = Buffer.from(payload, 'base64url');
      if (raw.length <= SEAL_IV_BYTES + SEAL_TAG_BYTES) throw new Error('sealed value too short');
      const iv = raw.subarray(0, SEAL_IV_BYTES);
      const tag = raw.subarray(SEAL_IV_BYTES, SEAL_IV_BYTES + SEAL_TAG_BYTES);
      const decipher = createDecipheriv(SEAL_ALGORITHM, key, iv, { authTagLength: SEAL_TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(raw.subarray(SEAL_IV_BYTES + SEAL_TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
