/** What the KCB endpoint modules share: the transaction, the POST and the response checks (see ../endpoints.ts). */
import { randomBytes } from 'node:crypto';
import { type z } from 'zod';
import { issueFields, readJsonObject } from '../../internal/json.js';
import { generateKcbApiTranId, kcbUrl, type KcbClient } from '../client.js';
import { KCB_SUCCESS_CODE } from '../codes.js';
import { generateKcbEncIv } from '../crypto.js';
import { KcbProtocolError, KcbResponseError, KcbValidationError, type KcbStep, sendKcb } from '../errors.js';
import { type KcbRequestOptions } from '../token.js';

/** `rqst_svc_tx_seqno` length: 20 characters, the longest KCB's transaction numbers take. */
export const KCB_TX_SEQNO_LENGTH = 20;
export const TX_SEQNO = /^[0-9A-Za-z]{1,20}$/;
export const MAX_TOKEN_LENGTH = 4 * 1024;

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

export function requireAccessToken(step: KcbStep, value: unknown): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(value)) {
    throw new KcbValidationError('KCB access token must be the token from createKcbTokenSource()', {
      step,
      field: 'accessToken',
    });
  }
  return value;
}

export function postJson(
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
export async function readKcbResponse(response: Response, step: KcbStep): Promise<Record<string, unknown>> {
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

export function parseFields<S extends z.ZodType>(
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
