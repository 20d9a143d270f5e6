/** KCB popup-result (see ../endpoints.ts). */
import { z } from 'zod';
import { type KcbClient } from '../client.js';
import { type KcbFieldKey } from '../crypto.js';
import { type KcbCryptoError, KcbProtocolError, KcbValidationError } from '../errors.js';
import {
  KCB_NATION_VALUES,
  KCB_OPTIONAL_RESULT_FIELDS,
  KCB_RESULT_FIELDS,
  type KcbRequiredResultField,
  KCB_SEX_VALUES,
  readKcbResultField,
  type KcbReadField,
  type KcbResultField,
} from '../result-fields.js';
import { type KcbRequestOptions } from '../token.js';
import { requireAccessToken, postJson, readKcbResponse, parseFields, MAX_TOKEN_LENGTH } from './shared.js';

export interface KcbPopupResultRequest {
  accessToken: string;
  svcTkn: string;
}

/** `POST <api>/v1/id/phone/popup-result` (Bearer, `x-api-tran-id`), body `{idcf_mbr_com_cd, svc_tkn}`. */
export async function requestKcbPopupResult(
  client: KcbClient,
  request: KcbPopupResultRequest,
  options: KcbRequestOptions = {},
): Promise<Response> {
  const accessToken = requireAccessToken('popup-result', request.accessToken);
  if (typeof request.svcTkn !== 'string' || !/^[\x21-\x7e]{1,4096}$/.test(request.svcTkn)) {
    throw new KcbValidationError('KCB svcTkn must be the token from popup-start', {
      step: 'popup-result',
      field: 'svcTkn',
    });
  }
  return postJson(
    client,
    'popup-result',
    '/v1/id/phone/popup-result',
    accessToken,
    { idcf_mbr_com_cd: client.memberCode, svc_tkn: request.svcTkn },
    options,
  );
}

/** The decrypted, checked person's data from popup-result. Secret-grade PII. */
export interface KcbIdentity {
  name: string;
  /** `YYYYMMDD`, when KCB sent it (optional, as public integrations read it). */
  birthday?: string;
  /** When KCB sent 성별 (optional). */
  gender?: 'male' | 'female';
  /** When KCB sent 내외국인 구분 (optional). */
  nation?: 'domestic' | 'foreign';
  /** Digits only. */
  phone: string;
  ci: string;
  di: string;
  /** 통신사 코드 (`tel_com_cd`, plain, 01–06) when KCB sent one. */
  carrier?: string;
}

const optionalMeta = z
  .string()
  .max(64)
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const resultResponse = z.object({
  ...(Object.fromEntries(
    KCB_RESULT_FIELDS.map((f) => [f, z.string().max(MAX_TOKEN_LENGTH).optional()]),
  ) as Record<KcbResultField, z.ZodOptional<z.ZodString>>),
  tel_com_cd: optionalMeta,
  cert_dt_tm: optionalMeta,
});

/**
 * Checks a popup-result answer and reads every identity field, encrypted or plain
 * (result-fields.ts: strict charset detection cp949 → euc-kr → utf-8, sex M/F or 1/2). The
 * required fields (name, phone, CI, DI) must be there; the optional ones (birthday, sex, 내외국인,
 * {@link KCB_OPTIONAL_RESULT_FIELDS}) may be absent or empty, as public integrations accept. Every
 * field that is sent must read and pass its check, or this throws. A field that does not open under the key while others did is a decryption failure,
 * never silently read as plain text. `fieldKey` may be absent when KCB answered popup-start
 * without `enc_key` (plain results).
 */
export async function processKcbPopupResultResponse(
  response: Response,
  keys: { fieldKey?: KcbFieldKey | undefined; encIv: string },
): Promise<KcbIdentity> {
  const body = await readKcbResponse(response, 'popup-result');
  const fields = parseFields('popup-result', resultResponse, body);
  const absent = (f: KcbResultField) => fields[f] === undefined || fields[f].trim() === '';
  const missing = KCB_RESULT_FIELDS.filter((f) => absent(f) && !KCB_OPTIONAL_RESULT_FIELDS.includes(f));
  if (missing.length > 0) {
    throw new KcbProtocolError(
      'KCB_INVALID_RESPONSE',
      `KCB popup-result response is missing: ${missing.join(', ')}`,
      { step: 'popup-result', fields: [...missing] },
    );
  }
  const read = {} as Record<KcbRequiredResultField, KcbReadField> &
    Partial<Record<KcbResultField, KcbReadField>>;
  const invalid: KcbResultField[] = [];
  let firstCryptoError: KcbCryptoError | undefined;
  const fellBack: KcbResultField[] = [];
  for (const name of KCB_RESULT_FIELDS) {
    if (absent(name)) continue;
    const outcome = readKcbResultField(name, fields[name] as string, keys);
    if (outcome.cryptoError !== undefined) firstCryptoError ??= outcome.cryptoError;
    if (outcome.read === undefined) invalid.push(name);
    else {
      read[name] = outcome.read;
      if (outcome.read.form === 'plain' && outcome.cryptoError !== undefined) fellBack.push(name);
    }
  }
  const anyEncrypted = Object.values(read).some((r) => r.form === 'encrypted');
  // A ciphertext that did not open: a wrong key or tampering, whatever the raw text looks like.
  if (firstCryptoError !== undefined && (invalid.length > 0 || (anyEncrypted && fellBack.length > 0))) {
    throw firstCryptoError;
  }
  if (invalid.length > 0) {
    throw new KcbProtocolError('KCB_INVALID_RESULT', `KCB popup-result has invalid: ${invalid.join(', ')}`, {
      step: 'popup-result',
      fields: invalid,
    });
  }
  return {
    name: read.nm.value,
    ...(read.brdt !== undefined ? { birthday: read.brdt.value } : {}),
    ...(read.sex !== undefined ? { gender: KCB_SEX_VALUES[read.sex.value] as 'male' | 'female' } : {}),
    ...(read.ntv_frnr_cd !== undefined
      ? { nation: KCB_NATION_VALUES[read.ntv_frnr_cd.value] as 'domestic' | 'foreign' }
      : {}),
    phone: read.mbphn_no.value,
    ci: read.ci.value,
    di: read.di.value,
    ...(fields.tel_com_cd !== undefined && /^\d{2}$/.test(fields.tel_com_cd)
      ? { carrier: fields.tel_com_cd }
      : {}),
  };
}
