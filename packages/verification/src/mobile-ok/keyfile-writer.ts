/**
 * Writes a mobile-ok key file (`mok_keyInfo.dat`) in the provider's format (see
 * `keyfile-format.ts`). Used by tests and by the sandbox's dev-key generation; production key
 * files come from the provider and are never written by this code.
 */
import { createCipheriv, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { KEYFILE_CIPHER, KEYFILE_FIELDS, deriveKeyFileCipherParams } from './keyfile-format.js';

/** Owner read/write only: the file holds a private key (본인확인-API 가이드 §2.3: keep it outside any web root). */
export const KEYFILE_MODE = 0o600;

export interface MokKeyFileContents {
  serviceId: string;
  /** The integrator's RSA private key: a KeyObject, or PKCS#8 DER bytes. */
  clientPrivateKey: KeyObject | Uint8Array;
  /** mobile-ok's RSA public key: a KeyObject, or X.509 SubjectPublicKeyInfo DER bytes. */
  serverPublicKey: KeyObject | Uint8Array;
}

function privateDer(key: KeyObject | Uint8Array): Buffer {
  const object =
    key instanceof Uint8Array
      ? createPrivateKey({ key: Buffer.from(key), format: 'der', type: 'pkcs8' })
      : key;
  if (object.type !== 'private') throw new TypeError('clientPrivateKey must be a private key');
  return object.export({ format: 'der', type: 'pkcs8' });
}

function publicDer(key: KeyObject | Uint8Array): Buffer {
  const object =
    key instanceof Uint8Array
      ? createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' })
      : key.type === 'public'
        ? key
        : createPublicKey(key);
  return object.export({ format: 'der', type: 'spki' });
}

/** The encrypted bytes of a key file holding `contents`, locked with `password`. */
export function encodeMokKeyFile(contents: MokKeyFileContents, password: string): Buffer {
  const json = JSON.stringify({
    [KEYFILE_FIELDS.serviceId]: contents.serviceId,
    [KEYFILE_FIELDS.clientPrivateKey]: privateDer(contents.clientPrivateKey).toString('base64'),
    [KEYFILE_FIELDS.serverPublicKey]: publicDer(contents.serverPublicKey).toString('base64'),
  });
  const { key, iv } = deriveKeyFileCipherParams(password);
  const cipher = createCipheriv(KEYFILE_CIPHER, key, iv);
  return Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
}

export interface WriteMokKeyFileOptions {
  /** Replace an existing file. Off by default, so a real key file is never clobbered by accident. */
  overwrite?: boolean;
}

/** Writes a key file with mode 0600. Fails if the file exists, unless `overwrite` is set. */
export async function writeMokKeyFile(
  path: string,
  contents: MokKeyFileContents,
  password: string,
  options: WriteMokKeyFileOptions = {},
): Promise<void> {
  const bytes = encodeMokKeyFile(contents, password);
  await writeFile(path, bytes, { mode: KEYFILE_MODE, flag: options.overwrite ? 'w' : 'wx' });
  // `mode` applies only when the file is created; an overwritten file keeps its old mode otherwise.
  if (options.overwrite) await chmod(path, KEYFILE_MODE);
}
