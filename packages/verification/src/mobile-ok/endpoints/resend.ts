/** mobile-ok auth/resend (본인확인-API 가이드 §5.2: 인증 재요청): the request and its processor (see ../endpoints.ts). */
import { z } from 'zod';
import { type MokClient } from '../client.js';
import {
  type MokRequestOptions,
  token,
  count,
  readMokResponse,
  parseFields,
  postTokenOnly,
} from './shared.js';

export interface MokTokenOnlyRequest {
  encryptMOKToken: string;
}

/** POST auth/resend: `{encryptMOKToken}`. */
export async function requestMokResend(
  client: MokClient,
  request: MokTokenOnlyRequest,
  options: MokRequestOptions = {},
): Promise<Response> {
  return postTokenOnly(client, 'resend', request.encryptMOKToken, options);
}

export interface MokResendResponse {
  encryptMOKToken: string;
  resendCount?: number;
}

const resendResponse = z.object({ encryptMOKToken: token, resendCount: count.optional() });

export async function processMokResendResponse(response: Response): Promise<MokResendResponse> {
  const record = await readMokResponse(response, 'resend');
  const fields = parseFields('resend', resendResponse, record);
  const result: MokResendResponse = { encryptMOKToken: fields.encryptMOKToken };
  if (fields.resendCount !== undefined) result.resendCount = fields.resendCount;
  return result;
}
