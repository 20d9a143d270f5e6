/** mobile-ok auth/request (본인확인-API 가이드 §5): the request and its processor (see ../endpoints.ts). */
import { type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { mokUrl, MOK_PATHS, type MokClient } from '../client.js';
import { mokServerEncrypt } from '../crypto.js';
import { MokProtocolError } from '../errors.js';
import { postMokJson } from '../http.js';
import { mokAuthInfoPayload, validateMokAuthInfo, type MokAuthInfoInput } from '../validation.js';
import {
  type MokRequestOptions,
  token,
  count,
  readMokResponse,
  parseFields,
  requireToken,
} from './shared.js';

export interface MokAuthRequest {
  encryptMOKToken: string;
  /** The `publicKey` from token/get. */
  publicKey: KeyObject | string;
  /** MOKAuthInfo: checked by {@link validateMokAuthInfo} before anything is sent. */
  authInfo: MokAuthInfoInput;
}

/** POST auth/request: `{siteUrl, encryptMOKToken, encryptMOKAuthInfo}`. */
export async function requestMokAuth(
  client: MokClient,
  request: MokAuthRequest,
  options: MokRequestOptions = {},
): Promise<Response> {
  requireToken('auth', request.encryptMOKToken);
  const info = validateMokAuthInfo(request.authInfo);
  const body = {
    siteUrl: client.siteUrl,
    encryptMOKToken: request.encryptMOKToken,
    encryptMOKAuthInfo: mokServerEncrypt(JSON.stringify(mokAuthInfoPayload(info)), request.publicKey),
  };
  return postMokJson(mokUrl(client, MOK_PATHS.auth), body, client.transport, {
    step: 'auth',
    signal: options.signal,
  });
}

export interface MokAuthResponse {
  encryptMOKToken: string;
  /** Re-sends left ("인증요청 재 발송 가능횟수"), when sent. */
  resendCount?: number;
  /** SMS 소유인증: the OTP the provider generated ("인증번호 제공받는 이용기관만 사용"). */
  otpCode?: string;
  /** ARS 점유인증: the number the person keys in during the call; show it to them. */
  arsOtpNumber?: string;
}

const authResponse = z.object({
  encryptMOKToken: token,
  resendCount: count.optional(),
  otpCode: z.string().optional(),
  arsOtpNumber: z.string().optional(),
});

/**
 * Checks an auth/request answer. Pass the product's `serviceType` to require what it must carry:
 * `arsOtpNumber` for telcoAuth-ARSAuth (the person needs it for the call, §5.2/§6).
 */
export async function processMokAuthResponse(
  response: Response,
  expect: { serviceType?: string } = {},
): Promise<MokAuthResponse> {
  const record = await readMokResponse(response, 'auth');
  const fields = parseFields('auth', authResponse, record);
  if (expect.serviceType === 'telcoAuth-ARSAuth' && !fields.arsOtpNumber) {
    throw new MokProtocolError(
      'MOK_INVALID_RESPONSE',
      'mobile-ok auth response is missing or has invalid: arsOtpNumber',
      {
        step: 'auth',
        fields: ['arsOtpNumber'],
      },
    );
  }
  const result: MokAuthResponse = { encryptMOKToken: fields.encryptMOKToken };
  if (fields.resendCount !== undefined) result.resendCount = fields.resendCount;
  if (fields.otpCode) result.otpCode = fields.otpCode;
  if (fields.arsOtpNumber) result.arsOtpNumber = fields.arsOtpNumber;
  return result;
}
