/** mobile-ok confirm/request (본인확인-API 가이드 §7): the request and its processor (see ../endpoints.ts). */
import { type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { mokUrl, MOK_PATHS, type MokClient } from '../client.js';
import { mokServerEncrypt } from '../crypto.js';
import { MokValidationError } from '../errors.js';
import { postMokJson } from '../http.js';
import { validateMokVerifyInfo, type MokVerifyInfoInput } from '../validation.js';
import { type MokRequestOptions, token, readMokResponse, parseFields, requireToken } from './shared.js';

export interface MokConfirmRequest extends MokVerifyInfoInput {
  encryptMOKToken: string;
  /** The `publicKey` from token/get; needed when an `authNumber` is sent. */
  publicKey?: KeyObject | string;
}

/**
 * POST confirm/request: `{encryptMOKToken, encryptMOKVerifyInfo?}`. `encryptMOKVerifyInfo` is the
 * server-encrypted `{"authNumber": …}` and is left out for PASS and ARS (see validateMokVerifyInfo).
 */
export async function requestMokConfirm(
  client: MokClient,
  request: MokConfirmRequest,
  options: MokRequestOptions = {},
): Promise<Response> {
  requireToken('confirm', request.encryptMOKToken);
  const verifyInfo = validateMokVerifyInfo(request);
  const body: Record<string, string> = { encryptMOKToken: request.encryptMOKToken };
  if (verifyInfo !== undefined) {
    if (request.publicKey === undefined) {
      throw new MokValidationError(
        'MOK_INVALID_ARGUMENT',
        [{ path: 'publicKey', message: 'is required to send an authNumber' }],
        {
          step: 'confirm',
        },
      );
    }
    body.encryptMOKVerifyInfo = mokServerEncrypt(JSON.stringify(verifyInfo), request.publicKey);
  }
  return postMokJson(mokUrl(client, MOK_PATHS.confirm), body, client.transport, {
    step: 'confirm',
    signal: options.signal,
  });
}

export interface MokConfirmResponse {
  /** Open with {@link openMokResult} (decrypt, parse, the mandatory checks, normalise). */
  encryptMOKResult: string;
  /** Present if the provider sent a new token with the result. */
  encryptMOKToken?: string;
}

const confirmResponse = z.object({
  encryptMOKResult: z.string().min(1),
  encryptMOKToken: token.optional(),
});

/**
 * Checks a confirm/request answer. A failure ("2000" not returned) throws `MokResultError` (../errors.ts)
 * with the new `encryptMOKToken` and `retryCount` for another try, when the provider sent them.
 */
export async function processMokConfirmResponse(response: Response): Promise<MokConfirmResponse> {
  const record = await readMokResponse(response, 'confirm');
  const fields = parseFields('confirm', confirmResponse, record);
  const result: MokConfirmResponse = { encryptMOKResult: fields.encryptMOKResult };
  if (fields.encryptMOKToken !== undefined) result.encryptMOKToken = fields.encryptMOKToken;
  return result;
}
