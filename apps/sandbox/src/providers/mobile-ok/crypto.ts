/**
 * The provider's side of mobile-ok's message crypto, written here with node:crypto directly and
 * on purpose independent of the client package (docs/sandbox.md: a mistake made the same way on both
 * sides would pass every test). The construction is the one public third-party ports of the
 * provider's library implement (the official library is not public; the guide's §4–§7 name the
 * fields and RSA-OAEP):
 *
 * - `encryptReqClientInfo`: RSA-OAEP (SHA-256, MGF1-SHA-256) to the server key → we decrypt.
 * - "server encrypt" (`encryptMOKAuthInfo`, `encryptMOKVerifyInfo`, to the transaction key) and
 *   `encryptMOKResult` (to the client key) share one envelope, `first|second`:
 *     second = base64(AES-256-CBC/PKCS7(plain))                   fresh key and IV
 *     first  = base64(RSA-OAEP(base64(key‖iv) + "|" + base64(SHA-256(plain))))
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';

const RSA_OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;
const AES = 'aes-256-cbc';
const AES_KEY_BYTES = 32;
const AES_IV_BYTES = 16;
const SEPARATOR = '|';

/** Why an envelope did not open; the routes map these to result codes (codes.ts). */
export class MokEnvelopeError extends Error {
  override name = 'MokEnvelopeError';
  constructor(readonly reason: 'malformed' | 'rsa' | 'key-size' | 'aes' | 'integrity' | 'encoding') {
    super(`mobile-ok envelope did not open: ${reason}`);
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64: Buffer.from(…, 'base64') would skip garbage silently. */
export function strictBase64(value: string): Buffer | undefined {
  if (value === '' || !BASE64.test(value)) return undefined;
  return Buffer.from(value, 'base64');
}

function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MokEnvelopeError('encoding');
  }
}

function sha256Base64(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}

/** RSA-OAEP-SHA-256 decryption of a base64 value, as UTF-8 text (`encryptReqClientInfo`). */
export function rsaOpen(base64: string, privateKey: KeyObject): string {
  const bytes = strictBase64(base64);
  if (bytes === undefined) throw new MokEnvelopeError('malformed');
  let opened: Buffer;
  try {
    opened = privateDecrypt({ key: privateKey, ...RSA_OAEP }, bytes);
  } catch {
    throw new MokEnvelopeError('rsa');
  }
  return utf8(opened);
}

/** Opens a `first|second` envelope with `privateKey` and checks its SHA-256; returns the text. */
export function openEnvelope(envelope: string, privateKey: KeyObject): string {
  const parts = envelope.split(SEPARATOR);
  if (parts.length !== 2) throw new MokEnvelopeError('malformed');
  const [firstB64, secondB64] = parts as [string, string];
  const second = strictBase64(secondB64);
  if (second === undefined || second.length === 0 || second.length % AES_IV_BYTES !== 0) {
    throw new MokEnvelopeError('malformed');
  }
  const header = rsaOpen(firstB64, privateKey).split(SEPARATOR);
  if (header.length !== 2) throw new MokEnvelopeError('malformed');
  const [keyIvB64, hashB64] = header as [string, string];
  const keyIv = strictBase64(keyIvB64);
  if (keyIv === undefined || keyIv.length !== AES_KEY_BYTES + AES_IV_BYTES) {
    throw new MokEnvelopeError('key-size');
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv(AES, keyIv.subarray(0, AES_KEY_BYTES), keyIv.subarray(AES_KEY_BYTES));
    plain = Buffer.concat([decipher.update(second), decipher.final()]);
  } catch {
    throw new MokEnvelopeError('aes');
  }
  const actual = Buffer.from(sha256Base64(plain), 'latin1');
  const given = Buffer.from(hashB64, 'latin1');
  if (actual.length !== given.length || !timingSafeEqual(actual, given)) {
    throw new MokEnvelopeError('integrity');
  }
  return utf8(plain);
}

export interface SealOptions {
  /**
   * Fault `tamper`: seal the hash of different bytes, so the receiver's integrity check fails while
   * everything else (RSA, key size, AES) still opens.
   */
  readonly wrongHash?: boolean;
}

/** Seals `plain` for the holder of `publicKey` (`encryptMOKResult`, to the client key). */
export function sealEnvelope(plain: string, publicKey: KeyObject, options: SealOptions = {}): string {
  const data = Buffer.from(plain, 'utf8');
  const key = randomBytes(AES_KEY_BYTES);
  const iv = randomBytes(AES_IV_BYTES);
  const cipher = createCipheriv(AES, key, iv);
  const second = Buffer.concat([cipher.update(data), cipher.final()]).toString('base64');
  const hashed = options.wrongHash ? Buffer.concat([data, Buffer.from('\n', 'utf8')]) : data;
  const header = `${Buffer.concat([key, iv]).toString('base64')}${SEPARATOR}${sha256Base64(hashed)}`;
  const first = publicEncrypt({ key: publicKey, ...RSA_OAEP }, Buffer.from(header, 'utf8')).toString(
    'base64',
  );
  return `${first}${SEPARATOR}${second}`;
}
