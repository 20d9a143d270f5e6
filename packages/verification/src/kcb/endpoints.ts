/**
 * `popup-start` and `popup-result` (KCB ok-name REST API, as public integrations use it): one
 * send/process pair per step (after oauth4webapi). Send functions return the raw `Response`;
 * processors check every field they use and take recorded responses in tests.
 *
 * Flow:
 *   const tx = createKcbPopupTransaction();                      // rqst_svc_tx_seqno, enc_iv
 *   const started = await processKcbPopupStartResponse(client,
 *     await requestKcbPopupStart(client, { accessToken, returnUrl, transaction: tx }), tx);
 *   // keep tx + started.svcTkn + started.fieldKey SERVER-SIDE, bound to the browser session
 *   const form = kcbPopupForm(client, started.svcTkn);           // data for the browser
 *   // … KCB redirects to returnUrl?svc_tkn=… → assertKcbCallbackToken(stored, received)
 *   const identity = await processKcbPopupResultResponse(
 *     await requestKcbPopupResult(client, { accessToken, svcTkn }), { fieldKey, encIv: tx.encIv });
 *   const result = toKcbVerificationResult(identity, { rqstSvcTxSeqno: tx.rqstSvcTxSeqno });
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { issueFields, readJsonObject } from '../internal/json.js';
import { generateKcbApiTranId, kcbUrl, type KcbClient } from './client.js';
import { KCB_SUCCESS_CODE } from './codes.js';
import {
  decryptKcbEncKey,
  generateKcbEncIv,
  KCB_ENC_ALGO_AES,
  KCB_IV_HEX,
  type KcbFieldKey,
} from './crypto.js';
import {
  type KcbCryptoError,
  KcbProtocolError,
  KcbResponseError,
  KcbResultCheckError,
  KcbValidationError,
  type KcbStep,
  sendKcb,
} from './errors.js';

import {
  KCB_NATION_VALUES,
  KCB_OPTIONAL_RESULT_FIELDS,
  KCB_RESULT_FIELDS,
  type KcbRequiredResultField,
  KCB_SEX_VALUES,
  readKcbResultField,
  type KcbReadField,
  type KcbResultField,
} from './result-fields.js';
import { type KcbRequestOptions } from './token.js';

/** `rqst_svc_tx_seqno` length: 20 characters, the longest KCB's transaction numbers take. */
export const KCB_TX_SEQNO_LENGTH = 20;
const TX_SEQNO = /^[0-9A-Za-z]{1,20}$/;
const MAX_TOKEN_LENGTH = 4 * 1024;

export interface KcbPopupTransaction {
  /** Our request sequence number, unique per transaction. */
  rqstSvcTxSeqno: string;
  /** 16 random bytes as 32 hex digits: the IV for `enc_key` and every result field. */
  encIv: string;
}

/** A fresh transaction: 20 random hex characters and a random IV. Store it server-side. */
export function createKcbPopupTransaction(): KcbPopupTransaction {
  return {
    rqstSvcTxSeqno: randomBytes(KCB_TX_SEQNO_LENGTH / 2).toString('hex'),
    encIv: generateKcbEncIv(),
  };
}

function requireAccessToken(step: KcbStep, value: unknown): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(value)) {
    throw new KcbValidationError('KCB access token must be the token from createKcbTokenSource()', {
      step,
      field: 'accessToken',
    });
  }
  return value;
}

function postJson(
  client: KcbClient,
  step: 'popup-start' | 'popup-result',
  path: '/v1/id/phone/popup-start' | '/v1/id/phone/popup-result',
  accessToken: string,
  body: Record<string, string>,
  options: KcbRequestOptions,
): Promise<Response> {
  return sendKcb(step, () =>
    client.transport.send({
      url: kcbUrl(client, path),
      method: 'POST',
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        accept: 'application/json',
        authorization: `Bearer ${accessToken}`,
        'x-api-tran-id': options.apiTranId ?? generateKcbApiTranId(),
      },
      body: Buffer.from(JSON.stringify(body), 'utf8'),
      signal: options.signal,
    }),
  );
}

/** Checks the `rsp_cd` envelope and returns the object; throws the matching typed error. */
async function readKcbResponse(response: Response, step: KcbStep): Promise<Record<string, unknown>> {
  const body = await readJsonObject(response);
  const rspCd = body !== undefined && typeof body.rsp_cd === 'string' ? body.rsp_cd : undefined;
  if (body !== undefined && rspCd !== undefined && rspCd !== KCB_SUCCESS_CODE) {
    throw new KcbResponseError(step, rspCd, typeof body.rsp_msg === 'string' ? body.rsp_msg : undefined);
  }
  if (response.status === 401) {
    throw new KcbProtocolError('KCB_UNAUTHORIZED', `KCB ${step} refused the access token (HTTP 401)`, {
      step,
      status: 401,
    });
  }
  if (response.status !== 200) {
    throw new KcbProtocolError('KCB_UNEXPECTED_STATUS', `KCB ${step} answered HTTP ${response.status}`, {
      step,
      status: response.status,
    });
  }
  if (body === undefined) {
    throw new KcbProtocolError('KCB_INVALID_JSON', `KCB ${step} response is not a JSON object`, { step });
  }
  if (rspCd === undefined) {
    throw new KcbProtocolError('KCB_INVALID_RESPONSE', `KCB ${step} response has no rsp_cd`, {
      step,
      fields: ['rsp_cd'],
    });
  }
  return body;
}

function parseFields<S extends z.ZodType>(
  step: KcbStep,
  schema: S,
  body: Record<string, unknown>,
): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields = issueFields(parsed.error.issues);
    throw new KcbProtocolError(
      'KCB_INVALID_RESPONSE',
      `KCB ${step} response is missing or has invalid: ${fields.join(', ')}`,
      {
        step,
        fields,
      },
    );
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// popup-start

export interface KcbPopupStartRequest {
  accessToken: string;
  /** Where KCB sends the browser back, with `svc_tkn` in the query string. */
  returnUrl: string;
  transaction: KcbPopupTransaction;
  /** `rqst_cause_cd`, 2 digits; default the client's (`KCB_RQST_CAUSE_CD`). */
  requestCause?: string;
}

/**
 * `POST <api>/v1/id/phone/popup-start` (Bearer, `x-api-tran-id`), JSON body
 * `{idcf_mbr_com_cd, rqst_svc_tx_seqno, return_url, site_name, site_url, enc_algo_cd: "1331",
 * enc_iv, rqst_cause_cd}`.
 */
export async function requestKcbPopupStart(
  client: KcbClient,
  request: KcbPopupStartRequest,
  options: KcbRequestOptions = {},
): Promise<Response> {
  const accessToken = requireAccessToken('popup-start', request.accessToken);
  const { transaction } = request;
  if (!TX_SEQNO.test(transaction?.rqstSvcTxSeqno ?? '') || !KCB_IV_HEX.test(transaction?.encIv ?? '')) {
    throw new KcbValidationError('KCB transaction must come from createKcbPopupTransaction()', {
      step: 'popup-start',
      field: 'transaction',
    });
  }
  let returnUrl: URL;
  try {
    returnUrl = new URL(request.returnUrl);
  } catch {
    throw new KcbValidationError('KCB returnUrl must be an absolute URL', {
      step: 'popup-start',
      field: 'returnUrl',
    });
  }
  if ((returnUrl.protocol !== 'https:' && returnUrl.protocol !== 'http:') || returnUrl.hash !== '') {
    throw new KcbValidationError('KCB returnUrl must be http(s) without a fragment', {
      step: 'popup-start',
      field: 'returnUrl',
    });
  }
  const requestCause = request.requestCause ?? client.requestCause;
  if (!/^\d{2}$/.test(requestCause)) {
    throw new KcbValidationError('KCB requestCause must be 2 digits', {
      step: 'popup-start',
      field: 'requestCause',
    });
  }
  return postJson(
    client,
    'popup-start',
    '/v1/id/phone/popup-start',
    accessToken,
    {
      idcf_mbr_com_cd: client.memberCode,
      rqst_svc_tx_seqno: transaction.rqstSvcTxSeqno,
      return_url: returnUrl.href,
      site_name: client.siteName,
      site_url: client.siteUrl,
      enc_algo_cd: KCB_ENC_ALGO_AES,
      enc_iv: transaction.encIv,
      rqst_cause_cd: requestCause,
    },
    options,
  );
}

export interface KcbPopupStarted {
  /** The service token: goes into the browser form, comes back on the callback URL. */
  svcTkn: string;
  /** The per-transaction field key (decrypted `enc_key`); absent without `enc_key`. NEVER send it to the browser. */
  fieldKey?: KcbFieldKey;
  rqstSvcTxSeqno: string;
  encIv: string;
}

const startResponse = z.object({
  svc_tkn: z
    .string()
    .min(1)
    .max(MAX_TOKEN_LENGTH)
    .regex(/^[\x21-\x7e]+$/),
  // Absent when KCB answers the results in plain text (public integrations read either).
  enc_key: z.string().min(1).max(MAX_TOKEN_LENGTH).optional(),
  idcf_mbr_com_cd: z.string().optional(),
  rqst_svc_tx_seqno: z.string().optional(),
});

/**
 * Checks a popup-start answer: `rsp_cd` "B000", `svc_tkn`, `enc_key`; an echoed
 * `idcf_mbr_com_cd` / `rqst_svc_tx_seqno` must be ours. Opens `enc_key` into the field key.
 */
export async function processKcbPopupStartResponse(
  client: KcbClient,
  response: Response,
  transaction: KcbPopupTransaction,
): Promise<KcbPopupStarted> {
  const body = await readKcbResponse(response, 'popup-start');
  const fields = parseFields('popup-start', startResponse, body);
  if (fields.idcf_mbr_com_cd !== undefined && fields.idcf_mbr_com_cd !== client.memberCode) {
    throw new KcbResultCheckError('KCB_TX_MISMATCH', 'KCB popup-start answered for another member code', {
      step: 'popup-start',
      field: 'idcf_mbr_com_cd',
    });
  }
  if (fields.rqst_svc_tx_seqno !== undefined && fields.rqst_svc_tx_seqno !== transaction.rqstSvcTxSeqno) {
    throw new KcbResultCheckError('KCB_TX_MISMATCH', 'KCB popup-start answered for another transaction', {
      step: 'popup-start',
      field: 'rqst_svc_tx_seqno',
    });
  }
  return {
    svcTkn: fields.svc_tkn,
    ...(fields.enc_key !== undefined
      ? { fieldKey: decryptKcbEncKey(fields.enc_key, client.memberCode, transaction.encIv) }
      : {}),
    rqstSvcTxSeqno: transaction.rqstSvcTxSeqno,
    encIv: transaction.encIv,
  };
}

// ---------------------------------------------------------------------------------------------
// the browser step

/** What the browser needs to open KCB's page: data only, no key material. */
export interface KcbPopupForm {
  action: string;
  method: 'POST';
  fields: { tc: string; idcf_mbr_com_cd: string; svc_tkn: string };
}

/** The form the browser POSTs to KCB (`tc`, `idcf_mbr_com_cd`, `svc_tkn`, as public integrations post it). */
export function kcbPopupForm(client: KcbClient, svcTkn: string): KcbPopupForm {
  return {
    action: client.popupUrl,
    method: 'POST',
    fields: { tc: client.tc, idcf_mbr_com_cd: client.memberCode, svc_tkn: svcTkn },
  };
}

/**
 * The callback's `svc_tkn` (query string) must be the one this browser session's
 * transaction started with — the server-side binding public integrations lacked.
 * Constant-time compare.
 */
export function assertKcbCallbackToken(expected: string, received: unknown): void {
  const a = Buffer.from(String(expected), 'utf8');
  const b = Buffer.from(typeof received === 'string' ? received : '', 'utf8');
  if (a.length === 0 || a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new KcbResultCheckError(
      'KCB_SVC_TKN_MISMATCH',
      'KCB callback svc_tkn does not belong to this session',
      {
        step: 'callback',
      },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// popup-result

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
