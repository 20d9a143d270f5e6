/**
 * Test helpers. The "other side" crypto here is written directly against node:crypto, on purpose
 * independent of src/mobile-ok/crypto.ts: a mistake made the same way on both sides would pass.
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RsaPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export function rsaPair(bits = 2048): RsaPair {
  return generateKeyPairSync('rsa', { modulusLength: bits });
}

export function spkiBase64(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

export function oaepDecrypt(privateKey: KeyObject, base64: string): string {
  return privateDecrypt({ key: privateKey, ...OAEP }, Buffer.from(base64, 'base64')).toString('utf8');
}

/** The receiving side of "server encrypt": what mobile-ok (or the sandbox) does. */
export function independentOpen(
  envelope: string,
  privateKey: KeyObject,
): { plain: string; keyIvLength: number } {
  const [first, second, ...rest] = envelope.split('|');
  if (first === undefined || second === undefined || rest.length > 0) throw new Error('not first|second');
  const header = oaepDecrypt(privateKey, first);
  const [keyIvB64, hashB64] = header.split('|') as [string, string];
  const keyIv = Buffer.from(keyIvB64, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', keyIv.subarray(0, 32), keyIv.subarray(32, 48));
  const plain = Buffer.concat([decipher.update(Buffer.from(second, 'base64')), decipher.final()]);
  if (createHash('sha256').update(plain).digest('base64') !== hashB64) throw new Error('hash mismatch');
  return { plain: plain.toString('utf8'), keyIvLength: keyIv.length };
}

export interface SealOptions {
  /** Replace the hash field with this base64 text. */
  hash?: string;
  /** Use this many bytes of key ‖ iv (48 is right). */
  keyIvBytes?: number;
  /** Replace the text inside `first` entirely. */
  header?: string;
}

/** The sending side of `encryptMOKResult`: what mobile-ok (or the sandbox) does. */
export function independentSeal(plain: string, publicKey: KeyObject, options: SealOptions = {}): string {
  const key = randomBytes(32);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const data = Buffer.from(plain, 'utf8');
  const second = Buffer.concat([cipher.update(data), cipher.final()]).toString('base64');
  const keyIv = Buffer.concat([key, iv]).subarray(0, options.keyIvBytes ?? 48);
  const hash = options.hash ?? createHash('sha256').update(data).digest('base64');
  const header = options.header ?? `${keyIv.toString('base64')}|${hash}`;
  const first = publicEncrypt({ key: publicKey, ...OAEP }, Buffer.from(header, 'utf8')).toString('base64');
  return `${first}|${second}`;
}

/** Flips one bit of the byte at `index` of a base64 string's decoded bytes. */
export function flipBase64Byte(base64: string, index: number): string {
  const bytes = Buffer.from(base64, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = (bytes[at] as number) ^ 0x01;
  return bytes.toString('base64');
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'mfv-verification-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A 2022-12-12 13:34:12.234 KST style timestamp for `date`. */
export function kstIssueDate(date: Date): string {
  const kst = new Date(date.getTime() + 9 * 3600_000);
  const iso = kst.toISOString(); // 2022-12-12T04:34:12.234Z shifted to KST wall time
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
