/**
 * mobile-ok's message crypto, `node:crypto` only. The official libraries are not public; the
 * construction follows public third-party ports of the mobile-ok library, so every parameter is a named constant here and nowhere else.
 *
 * - `encryptReqClientInfo` (본인확인-API 가이드 §4): RSA-OAEP-SHA-256 with the key file's ServerPublicKey.
 * - "server encrypt" for `encryptMOKAuthInfo` (§5.2) and `encryptMOKVerifyInfo` (§7), to the
 *   per-transaction `publicKey` from `token/get`:
 *     second = base64(AES-256-CBC/PKCS7(plain))             with a fresh random key and IV
 *     first  = base64(RSA-OAEP(base64(key‖iv) + "|" + base64(SHA-256(plain))))
 *     output = first + "|" + second
 * - `encryptMOKResult` (§7) has the same shape, encrypted to the client's key: open `first` with
 *   ClientPrivateKey, require key‖iv to be 48 bytes, decrypt `second`, and reject unless
 *   base64(SHA-256(plaintext)) equals the hash (compared in constant time).
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { MokCryptoError, MokProtocolError } from './errors.js';

/** RSA padding for every RSA operation of the protocol. */
export const MOK_RSA_PADDING = constants.RSA_PKCS1_OAEP_PADDING;
/** OAEP hash; node uses the same hash for MGF1, i.e. MGF1-SHA-256. */
export const MOK_RSA_OAEP_HASH = 'sha256';
export const MOK_AES_CIPHER = 'aes-256-cbc';
export const MOK_AES_KEY_BYTES = 32;
export const MOK_AES_IV_BYTES = 16;
export const MOK_AES_BLOCK_BYTES = 16;
/** key ‖ iv inside `first`. */
export const MOK_SESSION_KEY_BYTES = MOK_AES_KEY_BYTES + MOK_AES_IV_BYTES;
export const MOK_DIGEST = 'sha256';
export const MOK_DIGEST_BYTES = 32;
/** Separates `first|second`, and `keyIv|hash` inside `first`. */
export const MOK_FIELD_SEPARATOR = '|';
/** Token requests and results carry Korean local time (KST, UTC+9, no daylight saving). */
export const MOK_TIME_ZONE_OFFSET_MINUTES = 9 * 60;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 decoding: `Buffer.from(…, 'base64')` silently skips garbage, this does not. */
function decodeBase64(value: string): Buffer | undefined {
  if (value.length === 0 || !BASE64.test(value)) return undefined;
  return Buffer.from(value, 'base64');
}

/** `yyyyMMddHHmmss` in Korean time, as `encryptReqClientInfo` wants it (본인확인-API 가이드 §4 example). */
export function formatMokRequestTime(date: Date): string {
  const kst = new Date(date.getTime() + MOK_TIME_ZONE_OFFSET_MINUTES * 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    pad(kst.getUTCFullYear(), 4) +
    pad(kst.getUTCMonth() + 1) +
    pad(kst.getUTCDate()) +
    pad(kst.getUTCHours()) +
    pad(kst.getUTCMinutes()) +
    pad(kst.getUTCSeconds())
  );
}

/**
 * `v1`: 본인확인-API 가이드 §4: `clientTxId|yyyyMMddHHmmss`, sent to `/agent/v1/token/get`.
 * `v2`: a 2026 public integration: the JSON
 * `{"version":"V2","clientTxId":…,"requestTime":…}`, sent to `/agent/v2/token/get`.
 */
export type MokTokenRequestVersion = 'v1' | 'v2';
export const MOK_DEFAULT_TOKEN_REQUEST_VERSION: MokTokenRequestVersion = 'v1';

/** The plaintext of `encryptReqClientInfo`. */
export function mokReqClientInfoPlaintext(
  clientTxId: string,
  requestTime: Date,
  version: MokTokenRequestVersion,
): string {
  const time = formatMokRequestTime(requestTime);
  if (version === 'v2') return JSON.stringify({ version: 'V2', clientTxId, requestTime: time });
  return `${clientTxId}${MOK_FIELD_SEPARATOR}${time}`;
}

function rsaEncrypt(key: KeyObject, data: Buffer): Buffer {
  try {
    return publicEncrypt({ key, padding: MOK_RSA_PADDING, oaepHash: MOK_RSA_OAEP_HASH }, data);
  } catch {
    throw new MokCryptoError('MOK_ENCRYPT_FAILED', 'RSA-OAEP encryption failed (data too long for the key?)');
  }
}

/** `encryptReqClientInfo` for `token/get`: base64 RSA-OAEP-SHA-256 to the key file's ServerPublicKey. */
export function encryptReqClientInfo(params: {
  clientTxId: string;
  requestTime: Date;
  serverPublicKey: KeyObject;
  version?: MokTokenRequestVersion;
}): string {
  const plain = mokReqClientInfoPlaintext(
    params.clientTxId,
    params.requestTime,
    params.version ?? MOK_DEFAULT_TOKEN_REQUEST_VERSION,
  );
  return rsaEncrypt(params.serverPublicKey, Buffer.from(plain, 'utf8')).toString('base64');
}

/**
 * Parses the per-transaction `publicKey` of a `token/get` response: base64 of an X.509
 * SubjectPublicKeyInfo (a PEM "PUBLIC KEY" body without the armour).
 */
export function parseMokPublicKey(publicKey: string): KeyObject {
  const der = decodeBase64(publicKey.replace(/\s+/g, ''));
  let key: KeyObject | undefined;
  if (der !== undefined) {
    try {
      key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    } catch {
      key = undefined;
    }
  }
  if (key === undefined || key.asymmetricKeyType !== 'rsa') {
    throw new MokProtocolError(
      'MOK_INVALID_PUBLIC_KEY',
      'publicKey is not a base64 RSA SubjectPublicKeyInfo',
      {
        field: 'publicKey',
      },
    );
  }
  return key;
}

function sha256Base64(data: Buffer): string {
  return createHash(MOK_DIGEST).update(data).digest('base64');
}

/**
 * The "server encrypt" of `encryptMOKAuthInfo` / `encryptMOKVerifyInfo`: a fresh AES-256 key and
 * IV per call, the key and a SHA-256 of the plaintext wrapped with RSA-OAEP to `publicKey`.
 */
export function mokServerEncrypt(plain: string, publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? parseMokPublicKey(publicKey) : publicKey;
  const data = Buffer.from(plain, 'utf8');
  const aesKey = randomBytes(MOK_AES_KEY_BYTES);
  const iv = randomBytes(MOK_AES_IV_BYTES);
  const cipher = createCipheriv(MOK_AES_CIPHER, aesKey, iv);
  const second = Buffer.concat([cipher.update(data), cipher.final()]).toString('base64');
  const keyIv = Buffer.concat([aesKey, iv]);
  const header = `${keyIv.toString('base64')}${MOK_FIELD_SEPARATOR}${sha256Base64(data)}`;
  const first = rsaEncrypt(key, Buffer.from(header, 'utf8')).toString('base64');
  aesKey.fill(0);
  keyIv.fill(0);
  return `${first}${MOK_FIELD_SEPARATOR}${second}`;
}

/**
 * Opens `encryptMOKResult` with the client's private key and returns the plaintext (JSON text).
 * Every failure is a {@link MokCryptoError}; none says more than which check failed.
 */
export function decryptMokResult(encryptMOKResult: string, clientPrivateKey: KeyObject): string {
  const parts = encryptMOKResult.split(MOK_FIELD_SEPARATOR);
  if (parts.length !== 2) {
    throw new MokCryptoError('MOK_MALFORMED_ENVELOPE', 'encryptMOKResult is not "first|second"');
  }
  const first = decodeBase64(parts[0] as string);
  const second = decodeBase64(parts[1] as string);
  if (first === undefined || second === undefined) {
    throw new MokCryptoError('MOK_MALFORMED_ENVELOPE', 'encryptMOKResult parts are not base64');
  }
  if (second.length === 0 || second.length % MOK_AES_BLOCK_BYTES !== 0) {
    throw new MokCryptoError('MOK_MALFORMED_ENVELOPE', 'encryptMOKResult ciphertext is truncated');
  }

  let header: string;
  try {
    const opened = privateDecrypt(
      { key: clientPrivateKey, padding: MOK_RSA_PADDING, oaepHash: MOK_RSA_OAEP_HASH },
      first,
    );
    header = new TextDecoder('utf-8', { fatal: true }).decode(opened);
    opened.fill(0);
  } catch {
    throw new MokCryptoError(
      'MOK_RSA_DECRYPT_FAILED',
      'encryptMOKResult could not be opened with the client private key (wrong key or tampered data)',
    );
  }

  const headerParts = header.split(MOK_FIELD_SEPARATOR);
  const keyIv = headerParts.length === 2 ? decodeBase64(headerParts[0] as string) : undefined;
  const expectedHash = headerParts.length === 2 ? decodeBase64(headerParts[1] as string) : undefined;
  if (keyIv === undefined || keyIv.length !== MOK_SESSION_KEY_BYTES) {
    throw new MokCryptoError(
      'MOK_BAD_SESSION_KEY',
      `encryptMOKResult key material is not ${MOK_SESSION_KEY_BYTES} bytes of key and IV`,
    );
  }
  if (expectedHash === undefined || expectedHash.length !== MOK_DIGEST_BYTES) {
    throw new MokCryptoError('MOK_BAD_SESSION_KEY', 'encryptMOKResult hash field is not a SHA-256 digest');
  }

  let plain: Buffer;
  try {
    const decipher = createDecipheriv(
      MOK_AES_CIPHER,
      keyIv.subarray(0, MOK_AES_KEY_BYTES),
      keyIv.subarray(MOK_AES_KEY_BYTES),
    );
    plain = Buffer.concat([decipher.update(second), decipher.final()]);
  } catch {
    throw new MokCryptoError(
      'MOK_AES_DECRYPT_FAILED',
      'encryptMOKResult ciphertext did not decrypt (tampered?)',
    );
  } finally {
    keyIv.fill(0);
  }

  // Compare the base64 text itself, as the construction defines it (a non-canonical encoding of
  // the right digest is not accepted either).
  const actualHash = Buffer.from(sha256Base64(plain), 'latin1');
  const givenHash = Buffer.from(headerParts[1] as string, 'latin1');
  if (actualHash.length !== givenHash.length || !timingSafeEqual(actualHash, givenHash)) {
    plain.fill(0);
    throw new MokCryptoError(
      'MOK_INTEGRITY_CHECK_FAILED',
      'encryptMOKResult failed its SHA-256 integrity check',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new MokCryptoError('MOK_INTEGRITY_CHECK_FAILED', 'encryptMOKResult plaintext is not UTF-8');
  } finally {
    plain.fill(0);
  }
}
