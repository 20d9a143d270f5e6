/**
 * The three login calls (apps-in-toss API reference), one send/process pair each:
 *
 *   POST generate-token  JSON {authorizationCode, referrer}  → success {tokenType, accessToken,
 *                        refreshToken, expiresIn, scope}
 *   POST refresh-token   JSON {refreshToken}                  → the same shape
 *   GET  login-me        Authorization: Bearer <accessToken>  → success {userKey, scope,
 *                        agreedTerms, name, phone, birthday, ci, gender, nationality, email}
 *                        (personal fields encrypted, `null` when not agreed)
 *
 * Envelope: `{resultType:"SUCCESS", success:{…}}`; failures `{resultType:"FAIL",
 * error:{errorCode, reason}}` or OAuth-style `{error:"invalid_grant"}` → {@link TossApiError}.
 */
import { z } from 'zod';
import { transportErrorCode } from '../internal/errors.js';
import { HttpFailure } from '../internal/http.js';
import { issueFields, readJsonObject } from '../internal/json.js';
import { TOSS_PATHS, type TossClient } from './client.js';
import {
  TossApiError,
  TossConfigError,
  TossProtocolError,
  TossTransportError,
  type TossStep,
} from './errors.js';

/**
 * `referrer` values from appLogin(): "DEFAULT" (Toss app); the sandbox app's is "sandbox" in 토스 로그인
 * "개발하기" §1 and "SANDBOX" in the SDK reference ("토스 로그인 (appLogin)" 시그니처), so both spellings
 * pass; generate-token gets the value exactly as appLogin returned it.
 */
export const TOSS_LOGIN_REFERRERS = ['DEFAULT', 'SANDBOX', 'sandbox'] as const;
export type TossLoginReferrer = (typeof TOSS_LOGIN_REFERRERS)[number];

const TOKEN = /^[\x21-\x7e]{1,8192}$/;

export interface TossRequestOptions {
  signal?: AbortSignal;
}

async function send(
  client: TossClient,
  step: TossStep,
  path: (typeof TOSS_PATHS)[keyof typeof TOSS_PATHS],
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; json?: Record<string, string> },
  options: TossRequestOptions,
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  let body: Buffer | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = Buffer.from(JSON.stringify(init.json), 'utf8');
  }
  try {
    return await client.transport.send({
      url: new URL(client.baseUrl + path),
      method: init.method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof HttpFailure) {
      throw new TossTransportError(transportErrorCode('TOSS', error.kind), `Toss ${step}: ${error.message}`, {
        step,
        errno: error.errno,
      });
    }
    throw error;
  }
}

function invalidArgument(step: TossStep, field: string, message: string): TossConfigError {
  return new TossConfigError('TOSS_INVALID_ARGUMENT', `Toss ${step} ${field} ${message}`, { step, field });
}

/** Unwraps the envelope: returns `success`, or throws the matching typed error. */
async function readEnvelope(response: Response, step: TossStep): Promise<Record<string, unknown>> {
  const body = await readJsonObject(response);
  if (body !== undefined) {
    if (typeof body.error === 'string' && body.error !== '') {
      const reason = typeof body.error_description === 'string' ? body.error_description : undefined;
      throw new TossApiError(step, body.error, reason, response.status);
    }
    const resultType = body.resultType;
    if (typeof resultType === 'string' && resultType !== 'SUCCESS') {
      const error = body.error as { errorCode?: unknown; reason?: unknown } | null | undefined;
      const errorCode =
        typeof error?.errorCode === 'string' && error.errorCode !== '' ? error.errorCode : resultType;
      throw new TossApiError(
        step,
        errorCode,
        typeof error?.reason === 'string' ? error.reason : undefined,
        response.status,
      );
    }
  }
  if (response.status === 401) {
    throw new TossProtocolError('TOSS_UNAUTHORIZED', `Toss ${step} refused the access token (HTTP 401)`, {
      step,
      status: 401,
    });
  }
  if (response.status !== 200) {
    throw new TossProtocolError('TOSS_UNEXPECTED_STATUS', `Toss ${step} answered HTTP ${response.status}`, {
      step,
      status: response.status,
    });
  }
  if (body === undefined)
    throw new TossProtocolError('TOSS_INVALID_JSON', `Toss ${step} response is not a JSON object`, { step });
  if (body.resultType !== 'SUCCESS') {
    throw new TossProtocolError('TOSS_INVALID_RESPONSE', `Toss ${step} response has no valid resultType`, {
      step,
      fields: ['resultType'],
    });
  }
  const success = body.success;
  if (typeof success !== 'object' || success === null || Array.isArray(success)) {
    throw new TossProtocolError('TOSS_INVALID_RESPONSE', `Toss ${step} response has no success object`, {
      step,
      fields: ['success'],
    });
  }
  return success as Record<string, unknown>;
}

function parse<S extends z.ZodType>(step: TossStep, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = issueFields(parsed.error.issues).map((f) => `success.${f}`);
    throw new TossProtocolError(
      'TOSS_INVALID_RESPONSE',
      `Toss ${step} response is missing or has invalid: ${fields.join(', ')}`,
      {
        step,
        fields,
      },
    );
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// tokens

export interface TossTokens {
  accessToken: string;
  /** Absent only if a refresh answer does not rotate it. */
  refreshToken?: string;
  /** Seconds (the API documents a string; numbers are accepted too). */
  expiresIn: number;
  scope: string | null;
}

const expiresIn = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().positive()),
]);
const tokenString = z.string().regex(TOKEN);
const tokenSchema = z.object({
  tokenType: z
    .string()
    .refine((t) => t.toLowerCase() === 'bearer', { message: 'must be bearer' })
    .optional(),
  accessToken: tokenString,
  refreshToken: tokenString,
  expiresIn,
  scope: z.string().nullable().optional(),
});

function toTokens(fields: {
  accessToken: string;
  refreshToken?: string | undefined;
  expiresIn: number;
  scope?: string | null | undefined;
}): TossTokens {
  const tokens: TossTokens = {
    accessToken: fields.accessToken,
    expiresIn: fields.expiresIn,
    scope: fields.scope ?? null,
  };
  if (fields.refreshToken !== undefined) tokens.refreshToken = fields.refreshToken;
  return tokens;
}

/** Send: `POST generate-token` with `{authorizationCode, referrer}`. */
export async function requestGenerateToken(
  client: TossClient,
  request: { authorizationCode: string; referrer: string },
  options: TossRequestOptions = {},
): Promise<Response> {
  if (typeof request.authorizationCode !== 'string' || !TOKEN.test(request.authorizationCode)) {
    throw invalidArgument('generate-token', 'authorizationCode', 'must be the code from appLogin()');
  }
  if (!(TOSS_LOGIN_REFERRERS as readonly string[]).includes(request.referrer)) {
    throw invalidArgument('generate-token', 'referrer', `must be one of ${TOSS_LOGIN_REFERRERS.join(', ')}`);
  }
  return send(
    client,
    'generate-token',
    TOSS_PATHS.generateToken,
    { method: 'POST', json: { authorizationCode: request.authorizationCode, referrer: request.referrer } },
    options,
  );
}

export async function processGenerateTokenResponse(response: Response): Promise<TossTokens> {
  return toTokens(parse('generate-token', tokenSchema, await readEnvelope(response, 'generate-token')));
}

export async function generateToken(
  client: TossClient,
  request: { authorizationCode: string; referrer: string },
  options: TossRequestOptions = {},
): Promise<TossTokens> {
  return processGenerateTokenResponse(await requestGenerateToken(client, request, options));
}

/** Send: `POST refresh-token` with `{refreshToken}`. */
export async function requestRefreshToken(
  client: TossClient,
  request: { refreshToken: string },
  options: TossRequestOptions = {},
): Promise<Response> {
  if (typeof request.refreshToken !== 'string' || !TOKEN.test(request.refreshToken)) {
    throw invalidArgument('refresh-token', 'refreshToken', 'must be a refresh token from generate-token');
  }
  return send(
    client,
    'refresh-token',
    TOSS_PATHS.refreshToken,
    { method: 'POST', json: { refreshToken: request.refreshToken } },
    options,
  );
}

const refreshSchema = tokenSchema.extend({ refreshToken: tokenString.optional() });

export async function processRefreshTokenResponse(response: Response): Promise<TossTokens> {
  return toTokens(parse('refresh-token', refreshSchema, await readEnvelope(response, 'refresh-token')));
}

export async function refreshToken(
  client: TossClient,
  request: { refreshToken: string },
  options: TossRequestOptions = {},
): Promise<TossTokens> {
  return processRefreshTokenResponse(await requestRefreshToken(client, request, options));
}

// ---------------------------------------------------------------------------------------------
// login-me

/** login-me's `success`, personal fields still encrypted (`null` where not agreed). */
export interface TossLoginMe {
  /** int64 in the API; kept as a decimal string. */
  userKey: string;
  scope: string | null;
  agreedTerms: string[];
  encrypted: {
    name: string | null;
    phone: string | null;
    birthday: string | null;
    ci: string | null;
    gender: string | null;
    nationality: string | null;
    email: string | null;
  };
}

const encryptedField = z.string().min(1).max(4096).nullable().optional();
const loginMeSchema = z.object({
  userKey: z.union([
    z.number().int().nonnegative().refine(Number.isSafeInteger, { message: 'must be a safe integer' }),
    z.string().regex(/^\d{1,19}$/),
  ]),
  scope: z.string().nullable().optional(),
  agreedTerms: z.array(z.string()).nullable().optional(),
  name: encryptedField,
  phone: encryptedField,
  birthday: encryptedField,
  ci: encryptedField,
  gender: encryptedField,
  nationality: encryptedField,
  email: encryptedField,
});

/** Send: `GET login-me` with `Authorization: Bearer <accessToken>`. */
export async function requestLoginMe(
  client: TossClient,
  accessToken: string,
  options: TossRequestOptions = {},
): Promise<Response> {
  if (typeof accessToken !== 'string' || !TOKEN.test(accessToken)) {
    throw invalidArgument('login-me', 'accessToken', 'must be an access token from generate-token');
  }
  return send(
    client,
    'login-me',
    TOSS_PATHS.loginMe,
    { method: 'GET', headers: { authorization: `Bearer ${accessToken}` } },
    options,
  );
}

export async function processLoginMeResponse(response: Response): Promise<TossLoginMe> {
  const f = parse('login-me', loginMeSchema, await readEnvelope(response, 'login-me'));
  return {
    userKey: String(f.userKey),
    scope: f.scope ?? null,
    agreedTerms: f.agreedTerms ?? [],
    encrypted: {
      name: f.name ?? null,
      phone: f.phone ?? null,
      birthday: f.birthday ?? null,
      ci: f.ci ?? null,
      gender: f.gender ?? null,
      nationality: f.nationality ?? null,
      email: f.email ?? null,
    },
  };
}

export async function loginMe(
  client: TossClient,
  accessToken: string,
  options: TossRequestOptions = {},
): Promise<TossLoginMe> {
  return processLoginMeResponse(await requestLoginMe(client, accessToken, options));
}
