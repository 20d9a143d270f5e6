/** mobile-ok token/get (본인확인-API 가이드 §4): the request and its processor (see ../endpoints.ts). */
import { type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { mokUrl, MOK_PATHS, type MokClient } from '../client.js';
import { assertValidMokClientTxId } from '../client-tx-id.js';
import { encryptReqClientInfo, parseMokPublicKey } from '../crypto.js';
import { postMokJson } from '../http.js';
import { type MokRequestOptions, token, readMokResponse, parseFields } from './shared.js';

export interface MokTokenRequest {
  /** From {@link generateMokClientTxId}; store it with the browser session (본인확인-API 가이드 §7 check). */
  clientTxId: string;
  /** Defaults to now. */
  requestTime?: Date;
}

/** POST token/get: `{serviceId, siteUrl, encryptReqClientInfo}`. */
export async function requestMokToken(
  client: MokClient,
  request: MokTokenRequest,
  options: MokRequestOptions = {},
): Promise<Response> {
  assertValidMokClientTxId(request.clientTxId);
  const version = client.tokenRequestVersion;
  const body = {
    serviceId: client.keyInfo.serviceId,
    siteUrl: client.siteUrl,
    encryptReqClientInfo: encryptReqClientInfo({
      clientTxId: request.clientTxId,
      requestTime: request.requestTime ?? new Date(),
      serverPublicKey: client.keyInfo.serverPublicKey,
      version,
    }),
  };
  const path = version === 'v2' ? MOK_PATHS.tokenV2 : MOK_PATHS.tokenV1;
  return postMokJson(mokUrl(client, path), body, client.transport, { step: 'token', signal: options.signal });
}

export interface MokTokenResponse {
  encryptMOKToken: string;
  /** base64 SPKI, as received: keep it with the transaction for auth/request and confirm/request. */
  publicKey: string;
  /** The same key, parsed (and so known to be a usable RSA key). */
  publicKeyObject: KeyObject;
}

const tokenResponse = z.object({ encryptMOKToken: token, publicKey: z.string().min(1) });

export async function processMokTokenResponse(response: Response): Promise<MokTokenResponse> {
  const record = await readMokResponse(response, 'token');
  const fields = parseFields('token', tokenResponse, record);
  return {
    encryptMOKToken: fields.encryptMOKToken,
    publicKey: fields.publicKey,
    publicKeyObject: parseMokPublicKey(fields.publicKey),
  };
}
