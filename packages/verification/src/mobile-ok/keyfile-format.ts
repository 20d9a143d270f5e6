/**
 * The format of mobile-ok's key file `mok_keyInfo.dat`, shared by the reader (`keyfile.ts`) and
 * the writer (`keyfile-writer.ts`). The official libraries are not public; this follows the
 * public third-party ports of the mobile-ok library, which is why it lives in one place:
 *
 *   file      = AES-256-CBC with PKCS#5/7 padding of the UTF-8 JSON below, raw bytes (no base64)
 *   H1        = SHA-256(UTF-8 password), H2 = SHA-256(H1)
 *   key       = H1[0..16] ‖ H2[16..32]
 *   IV        = H2[0..16]
 *   plaintext = {"ServiceId": …, "ClientPrivateKey": base64 PKCS#8 DER, "ServerPublicKey": base64 SPKI DER}
 */
import { createHash } from 'node:crypto';

export const KEYFILE_CIPHER = 'aes-256-cbc';
export const KEYFILE_DIGEST = 'sha256';
export const KEYFILE_BLOCK_BYTES = 16;
/** How many bytes of H1 (from the start) and of H2 (from byte 16) make the AES key. */
export const KEYFILE_KEY_HALF_BYTES = 16;
export const KEYFILE_IV_BYTES = 16;

export const KEYFILE_FIELDS = {
  serviceId: 'ServiceId',
  clientPrivateKey: 'ClientPrivateKey',
  serverPublicKey: 'ServerPublicKey',
} as const;

export interface KeyFileCipherParams {
  key: Buffer;
  iv: Buffer;
}

/** Derives the AES key and IV that lock a key file from its password. */
export function deriveKeyFileCipherParams(password: string): KeyFileCipherParams {
  const h1 = createHash(KEYFILE_DIGEST).update(password, 'utf8').digest();
  const h2 = createHash(KEYFILE_DIGEST).update(h1).digest();
  const key = Buffer.concat([
    h1.subarray(0, KEYFILE_KEY_HALF_BYTES),
    h2.subarray(KEYFILE_KEY_HALF_BYTES, 2 * KEYFILE_KEY_HALF_BYTES),
  ]);
  const iv = Buffer.from(h2.subarray(0, KEYFILE_IV_BYTES));
  return { key, iv };
}
