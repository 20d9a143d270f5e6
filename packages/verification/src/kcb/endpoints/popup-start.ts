/** KCB popup-start (see ../endpoints.ts). */
import { z } from 'zod';
import { type KcbClient } from '../client.js';
import { decryptKcbEncKey, KCB_ENC_ALGO_AES, KCB_IV_HEX, type KcbFieldKey } from '../crypto.js';
import { KcbResultCheckError, KcbValidationError } from '../errors.js';
import { type KcbRequestOptions } from '../token.js';
import {
  type KcbPopupTransaction,
  requireAccessToken,
  postJson,
  readKcbResponse,
  parseFields,
  TX_SEQNO,
  MAX_TOKEN_LENGTH,
} from './shared.js';

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
