import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_TYPE, verifyResponseSchema } from '@mfv/api/contract';
import { BackendError, BackendUnavailableError, callApi } from './backend.js';
import type { AuthConfig } from './env.js';
import { AuthUnavailableError } from './errors.js';

/** What a request's access token turned out to be. */
export type PreflightResult =
  { status: 'valid'; claims: AccessClaims } | { status: 'expired' } | { status: 'invalid'; reason: string };

export interface AccessClaims {
  sub: string;
  sid: string;
  scopes: string[];
  nickname?: string;
  exp: number;
}

/** JWKS cache: refetched at most every 30 s for an unknown kid, bounded at 1 s per fetch. */
export const JWKS_TIMEOUT_MS = 1_000;
export const JWKS_COOLDOWN_MS = 30_000;
export const JWKS_MAX_AGE_MS = 10 * 60_000;
/** Clock skew tolerated between the api and this server. */
export const CLOCK_TOLERANCE_S = 5;

function toClaims(
  payload: JWTPayload & { sid?: unknown; scope?: unknown; nickname?: unknown },
): AccessClaims | null {
  if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number')
    return null;
  return {
    sub: payload.sub,
    sid: payload.sid,
    scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    ...(typeof payload.nickname === 'string' ? { nickname: payload.nickname } : {}),
    exp: payload.exp,
  };
}

export type Preflight = (accessToken: string, requestId?: string) => Promise<PreflightResult>;

/**
 * `local` (default): jose against the cached JWKS with algorithm, issuer, audience and `typ`
 * pinned — no network on the hot path. `remote`: the seed's preflight, POST /auth/verify, which
 * also sees logouts at once (the api checks the session) at the cost of a round trip.
 */
export function createPreflight(config: AuthConfig): Preflight {
  if (config.mode === 'remote') {
    return async (accessToken, requestId) => {
      try {
        const { claims } = await callApi(config, '/auth/verify', {
          method: 'POST',
          accessToken,
          requestId,
          schema: verifyResponseSchema,
        });
        const parsed = toClaims(claims);
        return parsed ? { status: 'valid', claims: parsed } : { status: 'invalid', reason: 'claims' };
      } catch (error) {
        if (error instanceof BackendError && error.status === 401) {
          return error.code === 'TOKEN_EXPIRED'
            ? { status: 'expired' }
            : { status: 'invalid', reason: error.code };
        }
        if (error instanceof BackendUnavailableError) throw new AuthUnavailableError('api', { cause: error });
        throw error;
      }
    };
  }
  const jwks = createRemoteJWKSet(new URL(`${config.apiUrl}/.well-known/jwks.json`), {
    timeoutDuration: JWKS_TIMEOUT_MS,
    cooldownDuration: JWKS_COOLDOWN_MS,
    cacheMaxAge: JWKS_MAX_AGE_MS,
  });
  return async (accessToken) => {
    try {
      const { payload } = await jwtVerify(accessToken, jwks, {
        algorithms: [ACCESS_TOKEN_ALG],
        typ: ACCESS_TOKEN_TYPE,
        issuer: config.issuer,
        audience: config.audience,
        requiredClaims: ['sub', 'sid', 'exp', 'iat', 'jti'],
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      const claims = toClaims(payload);
      return claims ? { status: 'valid', claims } : { status: 'invalid', reason: 'claims' };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { status: 'expired' };
      // The keys could not be fetched: not the token's fault, and not a reason to log anyone out.
      if (error instanceof joseErrors.JWKSTimeout || isFetchFailure(error)) {
        throw new AuthUnavailableError('jwks', { cause: error });
      }
      const code = (error as { code?: unknown }).code;
      return { status: 'invalid', reason: typeof code === 'string' ? code : 'malformed' };
    }
  };
}

function isFetchFailure(error: unknown): boolean {
  // jose rethrows fetch's own TypeError ("fetch failed") when the api is unreachable, and a
  // generic JOSEError when the JWKS endpoint answers anything but 200.
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return true;
  return error instanceof joseErrors.JOSEError && /JSON Web Key Set HTTP response/.test(error.message);
}
