import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_TYPE, verifyResponseSchema } from '@mfv/api-contract';
import { BackendError, BackendUnavailableError, callApi } from './backend.js';
import type { AuthConfig } from './env.js';
import { nowMs } from './clock.js';
import { AuthUnavailableError } from './errors.js';
import type { RevocationCheck } from './revocations.js';

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
/**
 * Verified tokens kept per process, so a user's next requests skip the ECDSA check. A token's
 * signature never changes and it stays acceptable until `exp` (a rotated-out key is still
 * accepted), so the cache answers exactly what verification would; revocations are checked on
 * every call, cached or not (revocations.ts). Bounded, oldest out first.
 */
export const VERIFIED_CACHE_MAX = 10_000;

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

export interface Preflight {
  (accessToken: string, requestId?: string): Promise<PreflightResult>;
  /**
   * Local mode: the answer for a token already verified by this process, synchronously (the
   * request hot path then needs no promise at all) — revocation and expiry checked now, as on
   * every call; `undefined` when the token has to be verified.
   */
  cached?: (accessToken: string) => PreflightResult | undefined;
}

/**
 * `local` (default): jose against the cached JWKS with algorithm, issuer, audience and `typ`
 * pinned, plus the in-memory revocation list (polled in the background) — no network on the hot path. `remote`: the seed's preflight, POST /auth/verify, which
 * also sees logouts at once (the api checks the session) at the cost of a round trip.
 */
export function createPreflight(config: AuthConfig, revocations?: RevocationCheck): Preflight {
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
  /**
   * Verified tokens by their signature segment (86 characters to hash per lookup instead of the
   * whole token); a hit counts only if the whole token string is the same. Each entry holds the
   * answer handed out while the token is valid (one object, not one per request).
   */
  const verified = new Map<
    string,
    { token: string; claims: AccessClaims; validUntilMs: number; valid: PreflightResult }
  >();
  const keyOf = (token: string) => token.slice(token.lastIndexOf('.') + 1);
  // A fresh process waits (bounded) for its first revocation list once, then never again. The
  // cache is empty until then (entries are added after that wait), so `cached` needs no check.
  let listLoaded = revocations === undefined;
  const cached = (accessToken: string): PreflightResult | undefined => {
    const entry = verified.get(keyOf(accessToken));
    if (entry === undefined || entry.token !== accessToken) return undefined;
    if (revocations?.isRevoked(entry.claims.sid)) return REVOKED;
    if (entry.validUntilMs > nowMs()) return entry.valid;
    verified.delete(keyOf(accessToken));
    return EXPIRED;
  };
  const preflight: Preflight = async (accessToken) => {
    if (!listLoaded) {
      await revocations?.ready();
      listLoaded = true;
    }
    const hit = cached(accessToken);
    if (hit !== undefined) return hit;
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
      if (!claims) return { status: 'invalid', reason: 'claims' };
      if (revocations?.isRevoked(claims.sid)) return { status: 'invalid', reason: 'revoked' };
      if (verified.size >= VERIFIED_CACHE_MAX) verified.delete(verified.keys().next().value as string);
      const valid: PreflightResult = { status: 'valid', claims };
      verified.set(keyOf(accessToken), {
        token: accessToken,
        claims,
        validUntilMs: (claims.exp + CLOCK_TOLERANCE_S) * 1000,
        valid,
      });
      return valid;
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
  preflight.cached = cached;
  return preflight;
}

const REVOKED: PreflightResult = Object.freeze({ status: 'invalid', reason: 'revoked' });
const EXPIRED: PreflightResult = Object.freeze({ status: 'expired' });

function isFetchFailure(error: unknown): boolean {
  // jose rethrows fetch's own TypeError ("fetch failed") when the api is unreachable, and a
  // generic JOSEError when the JWKS endpoint answers anything but 200.
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return true;
  return error instanceof joseErrors.JOSEError && /JSON Web Key Set HTTP response/.test(error.message);
}
