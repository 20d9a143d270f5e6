import { createCipheriv, randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';

/**
 * KCB's side of the ok-name REST encryption, written here independently of the platform's client
 * (docs/sandbox.md). KCB's own guide is not public; the scheme is the one public ok-name REST
 * integrations implement (docs/providers/kcb.md, kept in this one file):
 *
 * 1. popup-start's `enc_algo_cd` 1331 selects AES-CBC with PKCS#7 padding; `enc_iv` is 32 hex
 *    digits, i.e. the 16-byte IV.
 * 2. `enc_key` = base64(AES-CBC(key = member code + "0000", iv = enc_iv, plaintext = the
 *    per-transaction field key written as 32 hexadecimal digits)).
 *    Key length: 회원사 코드 (`idcf_mbr_com_cd`) is 12 characters, so code + "0000" is 16 ASCII
 *    bytes and the key is AES-128. The sandbox only accepts 12-character member codes, so the key
 *    is never padded or cut; a code of another length is a configuration error at startup.
 * 3. Each result field = base64(AES-CBC(key = the field key (16 bytes, AES-128), iv = enc_iv,
 *    plaintext = the value encoded in CP949)). CP949 (MS949) is EUC-KR plus the 8,822 Hangul
 *    syllables KS X 1001 lacks, so "EUC-KR" clients must decode as CP949.
 *
 * The same IV for every field is KCB's design, not a sandbox shortcut.
 */
export const KCB_ENC_ALGO_AES = '1331';
export const KCB_MEMBER_CODE = /^[A-Za-z0-9]{12}$/;
export const KCB_ENC_IV = /^[0-9A-Fa-f]{32}$/;
export const KCB_FIELD_KEY_BYTES = 16;
const CIPHER = 'aes-128-cbc';
const TEXT_ENCODING = 'cp949';

/** The AES-128 key that wraps `enc_key`: the member code's ASCII bytes followed by "0000". */
export function memberWrappingKey(memberCode: string): Buffer {
  if (!KCB_MEMBER_CODE.test(memberCode)) {
    throw new Error('KCB member code must be exactly 12 letters or digits (code + "0000" = 16-byte key)');
  }
  return Buffer.from(`${memberCode}0000`, 'ascii');
}

function encrypt(key: Buffer, iv: Buffer, plaintext: Buffer): string {
  const cipher = createCipheriv(CIPHER, key, iv);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]).toString('base64');
}

/** A fresh per-transaction field key. */
export function newFieldKey(): Buffer {
  return randomBytes(KCB_FIELD_KEY_BYTES);
}

/** `enc_key` of popup-start: the field key, as 32 upper-case hex digits, wrapped with the member key. */
export function sealFieldKey(memberCode: string, iv: Buffer, fieldKey: Buffer): string {
  return encrypt(
    memberWrappingKey(memberCode),
    iv,
    Buffer.from(fieldKey.toString('hex').toUpperCase(), 'ascii'),
  );
}

/**
 * One encrypted result field: CP949 bytes (or, for the `utf-8` persona wire, UTF-8 bytes),
 * AES-128-CBC with the field key and enc_iv, base64.
 */
export function encryptField(fieldKey: Buffer, iv: Buffer, value: string, charset?: 'utf-8'): string {
  const bytes = charset === 'utf-8' ? Buffer.from(value, 'utf8') : iconv.encode(value, TEXT_ENCODING);
  return encrypt(fieldKey, iv, bytes);
}
