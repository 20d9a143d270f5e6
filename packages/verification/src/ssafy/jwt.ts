/**
 * Validation of the `verification_token` JWT (SSAFY Verify guide, 보안 체크리스트: "verification_token은
 * 서버에서 iss, aud, exp, sub, client_id, verified, auth_time, amr, acr를 검증"), with `jose`
 * against the issuer's cached JWKS and ONE pinned algorithm (the configured one; never `none`,
 * never HS*: RFC 8725 §3.1/§3.2).
 *
 * Returns only what the app may keep (SSAFY Verify guide "저장 최소화"): `verified`, `sub`, `cohort`,
 * `campus`, `authTime` — plus `mattermostId` only when `ssafy.mattermost_id` was configured.
 */
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { SSAFY_CLOCK_TOLERANCE_SECONDS, type SsafyClient } from './client.js';
import { SsafyError, SsafyTokenValidationError } from './errors.js';
import { exchangeVerificationCode, type SsafyExchangeRequest } from './token.js';

export interface SsafyVerification {
  verified: true;
  /** Pairwise subject for this client. */
  sub: string;
  cohort: string | null;
  campus: string | null;
  /** `auth_time`, NumericDate seconds. */
  authTime: number;
  /**
   * `iat` (NumericDate seconds, the issuer's clock) when the token carries a valid one, else null.
   * With `authTime` it tells how long before the exchange, on the issuer's clock, the member
   * completed verification.
   */
  issuedAt: number | null;
  /** Present only when the `ssafy.mattermost_id` scope is configured. */
  mattermostId?: string | null;
}

function fail(
  code: ConstructorParameters<typeof SsafyTokenValidationError>[0],
  message: string,
  claim?: string,
): never {
  throw new SsafyTokenValidationError(code, `SSAFY verification_token rejected: ${message}`, claim);
}

function mapJoseError(error: unknown): never {
  if (error instanceof errors.JOSEAlgNotAllowed)
    fail('SSAFY_TOKEN_ALG_NOT_ALLOWED', 'algorithm not allowed', 'alg');
  if (error instanceof errors.JWKSNoMatchingKey)
    fail('SSAFY_TOKEN_UNKNOWN_KID', 'no issuer key matches', 'kid');
  if (error instanceof errors.JWKSMultipleMatchingKeys)
    fail('SSAFY_TOKEN_UNKNOWN_KID', 'kid is ambiguous', 'kid');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    fail('SSAFY_TOKEN_BAD_SIGNATURE', 'signature does not verify');
  if (error instanceof errors.JWTExpired) fail('SSAFY_TOKEN_EXPIRED', 'expired', 'exp');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (claim === 'iss') fail('SSAFY_TOKEN_ISSUER_MISMATCH', 'unexpected iss', 'iss');
    if (claim === 'aud') fail('SSAFY_TOKEN_AUDIENCE_MISMATCH', 'unexpected aud', 'aud');
    if (claim === 'nbf') fail('SSAFY_TOKEN_NOT_YET_VALID', 'not valid yet', 'nbf');
    fail('SSAFY_TOKEN_CLAIM_INVALID', `claim ${claim} ${error.reason}`, claim);
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    throw new SsafyError('SSAFY_JWKS_UNAVAILABLE', 'SSAFY JWKS could not be fetched in time or is invalid');
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWKInvalid
  ) {
    fail('SSAFY_TOKEN_MALFORMED', 'not a valid JWS/JWT');
  }
  // Network failures while fetching the JWKS surface as plain errors from the transport.
  throw new SsafyError('SSAFY_JWKS_UNAVAILABLE', 'SSAFY JWKS could not be fetched');
}

const NON_EMPTY = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 255;

/**
 * Verifies signature (pinned alg, JWKS), `iss` (exact), `aud` (contains client_id), `exp`, `nbf`,
 * then: `sub` non-empty, `client_id` = ours, `verified` === true, `auth_time` a NumericDate not in
 * the future and at most `maxAuthAgeSeconds` old, `amr` a non-empty array of strings (RFC 8176),
 * `acr` a non-empty string. Throws {@link SsafyTokenValidationError} naming the claim.
 */
export async function validateVerificationToken(
  client: SsafyClient,
  token: string,
  options: { now?: Date } = {},
): Promise<SsafyVerification> {
  const now = options.now ?? new Date();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, client.keys, {
      algorithms: [client.algorithm],
      issuer: client.issuer,
      audience: client.clientId,
      requiredClaims: ['exp', 'sub', 'aud', 'iss'],
      clockTolerance: SSAFY_CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    }));
  } catch (error) {
    mapJoseError(error);
  }
  if (!NON_EMPTY(payload.sub)) fail('SSAFY_TOKEN_CLAIM_INVALID', 'sub missing or empty', 'sub');
  if (payload.client_id !== client.clientId)
    fail('SSAFY_TOKEN_CLIENT_ID_MISMATCH', 'client_id is not ours', 'client_id');
  if (payload.verified !== true) fail('SSAFY_TOKEN_NOT_VERIFIED', 'verified is not true', 'verified');
  const authTime = payload.auth_time;
  if (typeof authTime !== 'number' || !Number.isInteger(authTime) || authTime <= 0) {
    fail('SSAFY_TOKEN_CLAIM_INVALID', 'auth_time missing or not a NumericDate', 'auth_time');
  }
  if (authTime > nowSeconds + SSAFY_CLOCK_TOLERANCE_SECONDS) {
    fail('SSAFY_TOKEN_CLAIM_INVALID', 'auth_time is in the future', 'auth_time');
  }
  if (nowSeconds - authTime > client.maxAuthAgeSeconds + SSAFY_CLOCK_TOLERANCE_SECONDS) {
    fail('SSAFY_TOKEN_CLAIM_INVALID', 'auth_time is too old', 'auth_time');
  }
  const amr = payload.amr;
  if (!Array.isArray(amr) || amr.length === 0 || !amr.every(NON_EMPTY)) {
    fail('SSAFY_TOKEN_CLAIM_INVALID', 'amr missing or not a non-empty array of strings', 'amr');
  }
  if (!NON_EMPTY(payload.acr)) fail('SSAFY_TOKEN_CLAIM_INVALID', 'acr missing or empty', 'acr');

  const cohort = payload.cohort;
  if (cohort !== undefined && cohort !== null && typeof cohort !== 'string' && typeof cohort !== 'number') {
    fail('SSAFY_TOKEN_CLAIM_INVALID', 'cohort has the wrong type', 'cohort');
  }
  const campus = payload.campus;
  if (campus !== undefined && campus !== null && typeof campus !== 'string') {
    fail('SSAFY_TOKEN_CLAIM_INVALID', 'campus has the wrong type', 'campus');
  }
  const result: SsafyVerification = {
    verified: true,
    sub: payload.sub,
    cohort: cohort === undefined || cohort === null ? null : String(cohort),
    campus: campus === undefined || campus === null ? null : campus,
    authTime,
    issuedAt:
      typeof payload.iat === 'number' && Number.isInteger(payload.iat) && payload.iat >= authTime
        ? payload.iat
        : null,
  };
  if (client.mattermostIdRequested) {
    const mm = payload.mattermost_id;
    if (mm !== undefined && mm !== null && !NON_EMPTY(mm)) {
      fail('SSAFY_TOKEN_CLAIM_INVALID', 'mattermost_id has the wrong type', 'mattermost_id');
    }
    result.mattermostId = mm ?? null;
  }
  return result;
}

/** Exchange + validate: what the backend route calls with the browser's `{code, codeVerifier, redirectUri}`. */
export async function completeSsafyVerification(
  client: SsafyClient,
  request: SsafyExchangeRequest,
  options: { now?: Date; signal?: AbortSignal } = {},
): Promise<SsafyVerification & { requestId: string | null }> {
  const { verificationToken, requestId } = await exchangeVerificationCode(client, request, options);
  try {
    return { ...(await validateVerificationToken(client, verificationToken, options)), requestId };
  } catch (error) {
    if (error instanceof SsafyError && error.requestId === null) {
      (error as { requestId: string | null }).requestId = requestId;
    }
    throw error;
  }
}
