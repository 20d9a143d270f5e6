/**
 * One pair of functions per API step (after oauth4webapi): `requestMokX()` builds
 * and sends the request and returns the raw `Response`; `processMokXResponse()` checks every
 * field it uses and returns a typed value, or throws. Processors take recorded responses in tests.
 *
 * Every step hands out a new `encryptMOKToken` that replaces the previous one (본인확인-API 가이드 §4–§7); the
 * processors always return it (and a failed step's {@link MokResultError} carries it when sent).
 */
import { type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { mokUrl, MOK_PATHS, type MokClient } from './client.js';
import { assertValidMokClientTxId } from './client-tx-id.js';
import { encryptReqClientInfo, mokServerEncrypt, parseMokPublicKey } from './crypto.js';
import { MOK_SUCCESS_CODE, type MokStep } from './codes.js';
import { MokProtocolError, MokResultError, MokValidationError } from './errors.js';
import { postMokJson } from './http.js';
import {
  mokAuthInfoPayload,
  validateMokAuthInfo,
  validateMokVerifyInfo,
  type MokAuthInfoInput,
  type MokVerifyInfoInput,
} from './validation.js';

/** Tokens are opaque base64-ish strings of a few hundred bytes; this bounds what we accept. */
export const MOK_MAX_TOKEN_LENGTH = 16 * 1024;

export interface MokRequestOptions {
  signal?: AbortSignal;
}

// ---------------------------------------------------------------------------------------------
// Shared response checks

const token = z.string().min(1).max(MOK_MAX_TOKEN_LENGTH);
/** Counts arrive as numbers or numeric strings depending on the stack; both are accepted. */
const count = z.union([
  z.number().int().min(0).max(99),
  z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number),
]);
const resultCode = z.string().regex(/^\d{4}$/);

function invalidResponse(step: MokStep, error: z.ZodError): MokProtocolError {
  const fields = [...new Set(error.issues.map((i) => i.path.map(String).join('.') || '(root)'))];
  return new MokProtocolError(
    'MOK_INVALID_RESPONSE',
    `mobile-ok ${step} response is missing or has invalid: ${fields.join(', ')}`,
    { step, fields },
  );
}

function optional<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Reads the JSON body and checks `resultCode`. Returns the object when it is "2000"; throws
 * {@link MokResultError} (with the catalogue entry) when it is another code, and
 * {@link MokProtocolError} when the answer is not a mobile-ok response at all.
 */
async function readMokResponse(response: Response, step: MokStep): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new MokProtocolError('MOK_INVALID_JSON', `mobile-ok ${step} response body could not be read`, {
      step,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const record = isObject ? (body as Record<string, unknown>) : undefined;
  const code = record === undefined ? undefined : optional(resultCode, record.resultCode);

  if (record !== undefined && code !== undefined && code !== MOK_SUCCESS_CODE) {
    throw new MokResultError({
      step,
      resultCode: code,
      resultMsg: optional(z.string(), record.resultMsg),
      encryptMOKToken: optional(token, record.encryptMOKToken),
      retryCount: optional(count, record.retryCount),
      resendCount: optional(count, record.resendCount),
    });
  }
  if (response.status !== 200) {
    throw new MokProtocolError(
      'MOK_UNEXPECTED_STATUS',
      `mobile-ok ${step} answered HTTP ${response.status}`,
      {
        step,
        status: response.status,
      },
    );
  }
  if (record === undefined) {
    throw new MokProtocolError('MOK_INVALID_JSON', `mobile-ok ${step} response is not a JSON object`, {
      step,
    });
  }
  if (code === undefined) {
    throw new MokProtocolError('MOK_INVALID_RESPONSE', `mobile-ok ${step} response has no valid resultCode`, {
      step,
      fields: ['resultCode'],
    });
  }
  return record;
}

function parseFields<S extends z.ZodType>(
  step: MokStep,
  schema: S,
  record: Record<string, unknown>,
): z.output<S> {
  const parsed = schema.safeParse(record);
  if (!parsed.success) throw invalidResponse(step, parsed.error);
  return parsed.data;
}

function requireToken(step: MokStep, value: string): void {
  if (!token.safeParse(value).success) {
    throw new MokValidationError(
      'MOK_INVALID_ARGUMENT',
      [{ path: 'encryptMOKToken', message: 'must be the token from the previous step' }],
      {
        step,
      },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// token/get (본인확인-API 가이드 §4)

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

// ---------------------------------------------------------------------------------------------
// auth/request (본인확인-API 가이드 §5)

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

// ---------------------------------------------------------------------------------------------
// auth/resend (본인확인-API 가이드 §5.2: 인증 재요청)

export interface MokTokenOnlyRequest {
  encryptMOKToken: string;
}

/** POST auth/resend: `{encryptMOKToken}`. */
export async function requestMokResend(
  client: MokClient,
  request: MokTokenOnlyRequest,
  options: MokRequestOptions = {},
): Promise<Response> {
  requireToken('resend', request.encryptMOKToken);
  return postMokJson(
    mokUrl(client, MOK_PATHS.resend),
    { encryptMOKToken: request.encryptMOKToken },
    client.transport,
    {
      step: 'resend',
      signal: options.signal,
    },
  );
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

// ---------------------------------------------------------------------------------------------
// auth/call (본인확인-API 가이드 §6, ARS 점유인증 only)

/** POST auth/call: `{encryptMOKToken}` — asks mobile-ok to phone the person. */
export async function requestMokArsCall(
  client: MokClient,
  request: MokTokenOnlyRequest,
  options: MokRequestOptions = {},
): Promise<Response> {
  requireToken('call', request.encryptMOKToken);
  return postMokJson(
    mokUrl(client, MOK_PATHS.call),
    { encryptMOKToken: request.encryptMOKToken },
    client.transport,
    {
      step: 'call',
      signal: options.signal,
    },
  );
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

// ---------------------------------------------------------------------------------------------
// confirm/request (본인확인-API 가이드 §7)

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
 * Checks a confirm/request answer. A failure ("2000" not returned) throws {@link MokResultError}
 * with the new `encryptMOKToken` and `retryCount` for another try, when the provider sent them.
 */
export async function processMokConfirmResponse(response: Response): Promise<MokConfirmResponse> {
  const record = await readMokResponse(response, 'confirm');
  const fields = parseFields('confirm', confirmResponse, record);
  const result: MokConfirmResponse = { encryptMOKResult: fields.encryptMOKResult };
  if (fields.encryptMOKToken !== undefined) result.encryptMOKToken = fields.encryptMOKToken;
  return result;
}
