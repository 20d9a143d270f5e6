/**
 * The sending side of KCB's crypto, written here independently of src/kcb/crypto.ts (a mistake
 * made the same way on both sides would pass every test): AES-CBC/PKCS#7 with node:crypto and
 * CP949 text with iconv-lite, from the public integrations' description.
 */
import { createCipheriv } from 'node:crypto';
import iconv from 'iconv-lite';

export const MEMBER_CODE = 'P21050000000';
/** Fixed values so the "wrong key" tests are deterministic. */
export const ENC_IV = '00112233445566778899aabbccddeeff';
export const FIELD_KEY_HEX = '000102030405060708090a0b0c0d0e0f';

export function cbc(plain: Buffer, key: Buffer, ivHex: string): string {
  const cipher = createCipheriv(
    key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc',
    key,
    Buffer.from(ivHex, 'hex'),
  );
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** enc_key: the field key as hex text, under AES-128-CBC with key ASCII(memberCode + "0000"). */
export function wrapFieldKey(fieldKeyHex = FIELD_KEY_HEX, memberCode = MEMBER_CODE, ivHex = ENC_IV): string {
  return cbc(Buffer.from(fieldKeyHex, 'ascii'), Buffer.from(`${memberCode}0000`, 'ascii'), ivHex);
}

export function encField(text: string, fieldKeyHex = FIELD_KEY_HEX, ivHex = ENC_IV): string {
  return cbc(iconv.encode(text, 'cp949'), Buffer.from(fieldKeyHex, 'hex'), ivHex);
}

export const PERSON = {
  nm: '홍길동',
  brdt: '19900101',
  sex: 'M',
  ntv_frnr_cd: 'L',
  mbphn_no: '01012345678',
  ci: 'CI'.padEnd(88, 'x'),
  di: 'DI'.padEnd(64, 'y'),
} as const;

export function encryptedPerson(
  overrides: Partial<Record<keyof typeof PERSON, string>> = {},
  fieldKeyHex = FIELD_KEY_HEX,
  ivHex = ENC_IV,
): Record<string, string> {
  const plain = { ...PERSON, ...overrides };
  return Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, encField(v, fieldKeyHex, ivHex)]));
}
