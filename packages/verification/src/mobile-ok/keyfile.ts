/**
 * Opens mobile-ok's key file `mok_keyInfo.dat` (format: `keyfile-format.ts`).
 *
 * Guide §2.1/§2.3: the key file is issued per environment (development and production keys
 * differ) and must live outside any web-served path. Errors say which of four things went wrong
 * (missing, unreadable, wrong password, malformed) and never include key material, the password
 * or decrypted bytes.
 */
import { createDecipheriv, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MokKeyFileError } from './errors.js';
import {
  KEYFILE_BLOCK_BYTES,
  KEYFILE_CIPHER,
  KEYFILE_FIELDS,
  deriveKeyFileCipherParams,
} from './keyfile-format.js';

/** Smallest RSA modulus accepted for either key (KISA and NIST: 2048 bits minimum). */
export const MOK_MIN_RSA_MODULUS_BITS = 2048;
/** A key file is a few kilobytes; refuse to decrypt anything absurdly large. */
export const MOK_MAX_KEYFILE_BYTES = 64 * 1024;

export interface MokKeyInfo {
  /** The site's service id, sent as `serviceId` to `token/get`. Not secret. */
  readonly serviceId: string;
  /** Decrypts `encryptMOKResult`. Secret. */
  readonly clientPrivateKey: KeyObject;
  /** Encrypts `encryptReqClientInfo`. */
  readonly serverPublicKey: KeyObject;
}

const base64Der = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64')
  .refine((s) => s.length % 4 === 0, 'must be base64');

const keyFileJson = z.object({
  [KEYFILE_FIELDS.serviceId]: z.string().trim().min(1),
  [KEYFILE_FIELDS.clientPrivateKey]: base64Der,
  [KEYFILE_FIELDS.serverPublicKey]: base64Der,
});

function malformed(reason: string): MokKeyFileError {
  return new MokKeyFileError(
    'MOK_KEYFILE_MALFORMED',
    `mobile-ok key file is malformed: ${reason}. Ask the provider for the key file again.`,
    { reason },
  );
}

function checkRsa(key: KeyObject, field: string): void {
  if (key.asymmetricKeyType !== 'rsa') throw malformed(`${field} is not an RSA key`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MOK_MIN_RSA_MODULUS_BITS) {
    throw malformed(`${field} is shorter than ${MOK_MIN_RSA_MODULUS_BITS} bits`);
  }
}

/**
 * Decrypts and checks the bytes of a key file. Pure: no file system access.
 *
 * - A length that cannot be AES-CBC output → `MOK_KEYFILE_MALFORMED`.
 * - Bad padding or non-JSON plaintext → `MOK_KEYFILE_WRONG_PASSWORD` (with a wrong key, CBC
 *   decryption yields noise; padding catches ~255/256 of those, the JSON parse the rest).
 * - JSON of the wrong shape, or keys that do not parse as RSA keys → `MOK_KEYFILE_MALFORMED`.
 */
export function openMokKeyFile(bytes: Uint8Array, password: string): MokKeyInfo {
  if (bytes.length === 0 || bytes.length % KEYFILE_BLOCK_BYTES !== 0) {
    throw malformed(`length is not a positive multiple of ${KEYFILE_BLOCK_BYTES} bytes`);
  }
  if (bytes.length > MOK_MAX_KEYFILE_BYTES) throw malformed('file is too large');

  const wrongPassword = new MokKeyFileError(
    'MOK_KEYFILE_WRONG_PASSWORD',
    'mobile-ok key file could not be decrypted: the password is wrong (or the file is corrupted).',
  );

  const { key, iv } = deriveKeyFileCipherParams(password);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv(KEYFILE_CIPHER, key, iv);
    plaintext = Buffer.concat([decipher.update(bytes), decipher.final()]);
  } catch {
    throw wrongPassword;
  }

  let json: unknown;
  try {
    // Fatal decoding: noise from a wrong key is rarely valid UTF-8. The parser's own error is
    // dropped on purpose: V8 quotes the offending text, which may be key material.
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    throw wrongPassword;
  } finally {
    plaintext.fill(0);
  }

  const parsed = keyFileJson.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.map(String).join('.') || '(root)'))];
    throw malformed(`missing or invalid ${fields.join(', ')}`);
  }
  const data = parsed.data;

  let clientPrivateKey: KeyObject;
  try {
    clientPrivateKey = createPrivateKey({
      key: Buffer.from(data[KEYFILE_FIELDS.clientPrivateKey], 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
  } catch {
    throw malformed(`${KEYFILE_FIELDS.clientPrivateKey} is not a PKCS#8 private key`);
  }
  let serverPublicKey: KeyObject;
  try {
    serverPublicKey = createPublicKey({
      key: Buffer.from(data[KEYFILE_FIELDS.serverPublicKey], 'base64'),
      format: 'der',
      type: 'spki',
    });
  } catch {
    throw malformed(`${KEYFILE_FIELDS.serverPublicKey} is not an X.509 SubjectPublicKeyInfo public key`);
  }
  checkRsa(clientPrivateKey, KEYFILE_FIELDS.clientPrivateKey);
  checkRsa(serverPublicKey, KEYFILE_FIELDS.serverPublicKey);

  return Object.freeze({
    serviceId: data[KEYFILE_FIELDS.serviceId],
    clientPrivateKey,
    serverPublicKey,
  });
}

/** Reads and opens a key file. The path may appear in errors; nothing read from the file does. */
export async function loadMokKeyFile(path: string, password: string): Promise<MokKeyInfo> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT') {
      throw new MokKeyFileError('MOK_KEYFILE_NOT_FOUND', `mobile-ok key file not found at ${path}`, {
        path,
        errno,
      });
    }
    throw new MokKeyFileError(
      'MOK_KEYFILE_UNREADABLE',
      `mobile-ok key file at ${path} could not be read (${errno ?? 'unknown error'})`,
      { path, errno },
    );
  }
  try {
    return openMokKeyFile(bytes, password);
  } finally {
    bytes.fill(0);
  }
}
