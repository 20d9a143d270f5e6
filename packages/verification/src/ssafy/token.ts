/**
 * The backend code exchange (SSAFY Verify guide "공통 서버 token exchange 계약"): `POST <issuer>/verify/token`,
 * `application/x-www-form-urlencoded`:
 *
 *   grant_type=verification_code, code, code_verifier (PKCE, RFC 7636 §4.5), redirect_uri,
 *   client_id, and client_secret only for a confidential client.
 *
 * Success: HTTP 200 `{verification_token: <JWT>, …}`. Failure: `{error, error_description?,
 * error_code?, request_id?}` (RFC 6749 §5.2 shape plus the issuer's `request_id`).
 */
import { z } from 'zod';
import { transportErrorCode } from '../internal/errors.js';
import { HttpFailure } from '../internal/http.js';
import { issueFields, readJsonObject } from '../internal/json.js';
import { SSAFY_TOKEN_PATH, type SsafyClient } from './client.js';
import { SsafyConfigError, SsafyError } from './errors.js';

const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const CODE = /^[\x21-\x7e]{1,2048}$/;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

export interface SsafyExchangeRequest {
  code: string;
  codeVerifier: string;
  /** Must equal the configured redirect_uri exactly (RFC 6749 §4.1.3). */
  redirectUri: string;
}

function invalidArgument(field: string, message: string): SsafyConfigError {
  return new SsafyConfigError('SSAFY_INVALID_ARGUMENT', `SSAFY exchange ${field} ${message}`, { field });
}

/** Send: the form POST. Returns the raw `Response`. */
export async function requestVerificationToken(
  client: SsafyClient,
  request: SsafyExchangeRequest,
  options: { signal?: AbortSignal } = {},
): Promise<Response> {
  if (typeof request.code !== 'string' || !CODE.test(request.code))
    throw invalidArgument('code', 'must be the callback code');
  if (typeof request.codeVerifier !== 'string' || !PKCE_VERIFIER.test(request.codeVerifier)) {
    throw invalidArgument('codeVerifier', 'must be an RFC 7636 code_verifier (43–128 unreserved characters)');
  }
  if (request.redirectUri !== client.redirectUri) {
    throw invalidArgument('redirectUri', 'must be the registered redirect_uri, exactly');
  }
  const form = new URLSearchParams({
    grant_type: 'verification_code',
    code: request.code,
    code_verifier: request.codeVerifier,
    redirect_uri: request.redirectUri,
    client_id: client.clientId,
  });
  if (client.clientSecret !== undefined) form.set('client_secret', client.clientSecret);
  try {
    return await client.transport.send({
      url: new URL(client.issuer + SSAFY_TOKEN_PATH),
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: Buffer.from(form.toString(), 'utf8'),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof HttpFailure) {
      throw new SsafyError(
        transportErrorCode('SSAFY', error.kind),
        `SSAFY token exchange: ${error.message}`,
        {
          errno: error.errno,
        },
      );
    }
    throw error;
  }
}

export interface SsafyExchangeResult {
  verificationToken: string;
  requestId: string | null;
}

const success = z.object({
  verification_token: z
    .string()
    .max(16 * 1024)
    .regex(JWT_SHAPE),
});

/** Process: checks the answer and returns the `verification_token` (not yet validated). */
export async function processVerificationTokenResponse(response: Response): Promise<SsafyExchangeResult> {
  const body = await readJsonObject(response);
  const requestId =
    typeof body?.request_id === 'string' && REQUEST_ID.test(body.request_id) ? body.request_id : null;
  if (body !== undefined && typeof body.error === 'string' && body.error !== '') {
    const errorCode = typeof body.error_code === 'string' ? body.error_code : undefined;
    throw new SsafyError('SSAFY_EXCHANGE_REJECTED', `SSAFY token exchange refused: ${body.error}`, {
      requestId,
      oauthError: body.error,
      errorCode,
      status: response.status,
    });
  }
  if (response.status !== 200) {
    throw new SsafyError('SSAFY_UNEXPECTED_STATUS', `SSAFY token exchange answered HTTP ${response.status}`, {
      requestId,
      status: response.status,
    });
  }
  if (body === undefined) {
    throw new SsafyError('SSAFY_INVALID_JSON', 'SSAFY token exchange response is not a JSON object', {
      requestId,
    });
  }
  const parsed = success.safeParse(body);
  if (!parsed.success) {
    const fields = issueFields(parsed.error.issues);
    throw new SsafyError(
      'SSAFY_INVALID_RESPONSE',
      `SSAFY token exchange response is missing or has invalid: ${fields.join(', ')}`,
      {
        requestId,
        fields,
      },
    );
  }
  return { verificationToken: parsed.data.verification_token, requestId };
}

/** Send + process. */
export async function exchangeVerificationCode(
  client: SsafyClient,
  request: SsafyExchangeRequest,
  options: { signal?: AbortSignal } = {},
): Promise<SsafyExchangeResult> {
  return processVerificationTokenResponse(await requestVerificationToken(client, request, options));
}
