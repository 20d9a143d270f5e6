/**
 * Reading the fields of a `popup-result` answer the way public KCB integrations do, instead of
 * the one shape this client first assumed (seven fields, always encrypted, always CP949):
 *
 * - a field may be encrypted (base64 AES-CBC under the transaction's field key and `enc_iv`) or
 *   plain text: each field is tried both ways and kept only if its value passes that field's
 *   format check, so a ciphertext is never mistaken for a value and a plain value is never
 *   refused for not being a ciphertext;
 * - decrypted bytes are decoded strictly, per charset, in the order cp949 → euc-kr → utf-8 (the
 *   fallback public integrations use); the first decoding whose text passes the field's check wins,
 *   so UTF-8 bytes of a Hangul name are not read as CP949 Hanja (a silently wrong name);
 * - 성별 comes as KCB's OkCert letters (M/F) or as the carriers' digits (1 남, 2 여; KCB's older
 *   sample pages also document "0:여"); 내외국인 as L/F or 1/2;
 * - the metadata fields (`tel_com_cd`, `cert_dt_tm`) are optional; an empty string is absent.
 *
 * - 생년월일, 성별 and 내외국인 (`brdt`, `sex`, `ntv_frnr_cd`) are optional too, as public
 *   integrations treat them; name, phone, CI and DI are what a verification is (the platform's
 *   record, `@mfv/api-contract` phone verification, keeps CI, DI and name together and the rest
 *   when sent). A field that is sent must pass its check.
 */
import iconv from 'iconv-lite';
import { decodeStrictBase64 } from '../internal/base64.js';
import { KCB_NATIVE_FOREIGN_CODES, KCB_SEX_CODES } from './codes.js';
import { type KcbFieldKey } from './crypto.js';
import { KcbCryptoError } from './errors.js';

/** Charsets tried, in order, on decrypted bytes. Each decode is strict (no replacement characters). */
export const KCB_RESULT_CHARSETS = ['cp949', 'euc-kr', 'utf-8'] as const;
export type KcbResultCharset = (typeof KCB_RESULT_CHARSETS)[number];

/** Strict decoding: undefined when the bytes are not valid text in `charset`. */
export function decodeKcbText(bytes: Buffer, charset: KcbResultCharset): string | undefined {
  if (charset === 'cp949') {
    // iconv-lite's cp949 covers the 8,822 syllables KS X 1001 lacks; it never throws, so refuse U+FFFD.
    const text = iconv.decode(bytes, 'cp949');
    return text.includes('\uFFFD') ? undefined : text;
  }
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function isRealYmd(value: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900;
}

/** 성별 on the wire → the platform's value. */
export const KCB_SEX_VALUES: Readonly<Record<string, 'male' | 'female'>> = {
  ...KCB_SEX_CODES,
  '1': 'male',
  '2': 'female',
  '0': 'female',
};
/** 내외국인 구분 on the wire → the platform's value. */
export const KCB_NATION_VALUES: Readonly<Record<string, 'domestic' | 'foreign'>> = {
  ...KCB_NATIVE_FOREIGN_CODES,
  '1': 'domestic',
  '2': 'foreign',
};

/**
 * A person's name: Hangul syllables, Latin letters (foreign residents), spaces, `.`, `·`, `-`, `'`.
 * Digits, `+`, `/` and `=` (base64) and Hanja (what UTF-8 bytes become when read as CP949) fail.
 */
const NAME = /^[\p{Script=Hangul}A-Za-z][\p{Script=Hangul}A-Za-z .·'-]{0,99}$/u;
/** CI (88) and DI (64) are base64 text; allow the range KCB contracts use. */
const CI_DI = /^[A-Za-z0-9+/=]{20,256}$/;

/** Each field's check on its text value (after trimming). */
export const KCB_FIELD_CHECKS = {
  nm: (v: string) => NAME.test(v),
  brdt: isRealYmd,
  sex: (v: string) => Object.hasOwn(KCB_SEX_VALUES, v),
  ntv_frnr_cd: (v: string) => Object.hasOwn(KCB_NATION_VALUES, v),
  mbphn_no: (v: string) => /^01\d{8,9}$/.test(v),
  ci: (v: string) => CI_DI.test(v),
  di: (v: string) => CI_DI.test(v),
} as const satisfies Record<string, (value: string) => boolean>;
export type KcbResultField = keyof typeof KCB_FIELD_CHECKS;

/** The identity fields (public integrations' names). */
export const KCB_RESULT_FIELDS = Object.keys(KCB_FIELD_CHECKS) as readonly KcbResultField[];
/** Identity fields a popup-result may leave out (absent or empty). */
export const KCB_OPTIONAL_RESULT_FIELDS: readonly KcbResultField[] = ['brdt', 'sex', 'ntv_frnr_cd'];
/** The fields a verification cannot do without. */
export type KcbRequiredResultField = Exclude<KcbResultField, 'brdt' | 'sex' | 'ntv_frnr_cd'>;

/** How a field arrived: for logs and tests, never the value. */
export type KcbFieldForm = 'encrypted' | 'plain';

export interface KcbReadField {
  value: string;
  form: KcbFieldForm;
  charset?: KcbResultCharset;
}

/**
 * One field's value: decrypted when it opens under the field key and decodes to text that
 * passes the check; otherwise the raw text when that passes the check (`read` absent when
 * neither does). `cryptoError` says why a ciphertext-shaped value did not open, also when the
 * raw text was kept: the caller refuses a plain fallback when other fields were encrypted.
 */
export function readKcbResultField(
  field: KcbResultField,
  raw: string,
  keys: { fieldKey?: KcbFieldKey | undefined; encIv: string },
): { read?: KcbReadField; cryptoError?: KcbCryptoError } {
  const check = KCB_FIELD_CHECKS[field];
  let cryptoError: KcbCryptoError | undefined;
  if (keys.fieldKey !== undefined) {
    const data = decodeStrictBase64(raw);
    if (data !== undefined && data.length > 0 && data.length % 16 === 0) {
      let plain: Buffer | undefined;
      try {
        plain = keys.fieldKey.decrypt(data, Buffer.from(keys.encIv, 'hex'), field);
      } catch (error) {
        if (!(error instanceof KcbCryptoError)) throw error;
        cryptoError = error;
      }
      if (plain !== undefined) {
        try {
          let decoded = false;
          for (const charset of KCB_RESULT_CHARSETS) {
            const text = decodeKcbText(plain, charset)?.trim();
            if (text === undefined) continue;
            decoded = true;
            if (check(text)) return { read: { value: text, form: 'encrypted', charset } };
          }
          // It opened: a value that fails its check is an invalid result, not a crypto failure.
          if (decoded) return {};
          cryptoError = new KcbCryptoError(
            'KCB_BAD_TEXT_ENCODING',
            `${field} decrypted to no valid text in ${KCB_RESULT_CHARSETS.join(', ')}`,
            { field },
          );
        } finally {
          plain.fill(0);
        }
      }
    }
  }
  const text = raw.trim();
  const read: KcbReadField | undefined = check(text) ? { value: text, form: 'plain' } : undefined;
  return { ...(read !== undefined ? { read } : {}), ...(cryptoError !== undefined ? { cryptoError } : {}) };
}
