/** mobile-ok auth/call (본인확인-API 가이드 §6, ARS 점유인증 only): the request and its processor (see ../endpoints.ts). */
import { z } from 'zod';
import { type MokClient } from '../client.js';
import { type MokRequestOptions, token, readMokResponse, parseFields, postTokenOnly } from './shared.js';
import { type MokTokenOnlyRequest } from './resend.js';

/** POST auth/call: `{encryptMOKToken}` — asks mobile-ok to phone the person. */
export async function requestMokArsCall(
  client: MokClient,
  request: MokTokenOnlyRequest,
  options: MokRequestOptions = {},
): Promise<Response> {
  return postTokenOnly(client, 'call', request.encryptMOKToken, options);
}

export interface MokArsCallResponse {
  encryptMOKToken: string;
}

const callResponse = z.object({ encryptMOKToken: token });

export async function processMokArsCallResponse(response: Response): Promise<MokArsCallResponse> {
  const record = await readMokResponse(response, 'call');
  const fields = parseFields('call', callResponse, record);
  return { encryptMOKToken: fields.encryptMOKToken };
}
