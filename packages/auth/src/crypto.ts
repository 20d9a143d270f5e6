import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * Keys derived from AUTH_COOKIE_SECRET (HKDF-SHA-256, one `info` per purpose) so one secret
 * never serves two algorithms: CSRF tokens are HMAC-SHA-256, sealed cookies AES-256-GCM.
 */
export interface CookieKeys {
  csrf: Buffer;
  seal: Buffer;
}

export function deriveCookieKeys(secret: string): CookieKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'mfv-auth', info, 32));
  return { csrf: derive('mfv:csrf:v1'), seal: derive('mfv:seal:v1') };
}

export function hmac(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function randomId(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;

/** Seals a small JSON value for a cookie: AES-256-GCM, the purpose as AAD, an expiry inside. */
export function seal(key: Buffer, purpose: string, value: unknown, ttlMs: number, now = Date.now()): string {
  const iv = randomBytes(GCM_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const plaintext = Buffer.from(JSON.stringify({ v: value, exp: now + ttlMs }));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** Opens a sealed value; null when tampered with, sealed for another purpose, or expired. */
export function unseal<T>(key: Buffer, purpose: string, sealed: string, now = Date.now()): T | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < GCM_IV_BYTES + GCM_TAG_BYTES + 1) return null;
    const iv = raw.subarray(0, GCM_IV_BYTES);
    const tag = raw.subarray(raw.length - GCM_TAG_BYTES);
    const body = raw.subarray(GCM_IV_BYTES, raw.length - GCM_TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(tag);
    const parsed = JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as {
      v: T;
      exp: number;
    };
    return typeof parsed.exp === 'number' && parsed.exp > now ? parsed.v : null;
  } catch {
    return null;
  }
}
