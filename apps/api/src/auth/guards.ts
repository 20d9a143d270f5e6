import type { FastifyRequest } from 'fastify';
import type { AccessTokenClaims } from '@mfv/api-contract';
import { ApiError } from '../errors.js';
import type { Sessions } from '../services/sessions.js';
import { secretsEqual } from '../tokens/secrets.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the bearer guard, an onRequest hook, so authentication happens before the body is parsed. */
    auth?: AccessTokenClaims;
  }
}

/** RFC 6750 §2.1: `Authorization: Bearer <token>`, scheme case-insensitive. */
export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  return m?.[1];
}

const missingToken = () =>
  new ApiError('TOKEN_MISSING', 'Authorization: Bearer access token required', {
    headers: { 'www-authenticate': 'Bearer' },
  });

/** onRequest hook: a valid access token of a live session, or 401. */
export function requireAccessToken(sessions: Sessions) {
  return async (req: FastifyRequest): Promise<void> => {
    const token = bearerToken(req);
    if (token === undefined) throw missingToken();
    req.auth = await sessions.authenticate(token);
  };
}

/** The claims the bearer guard put on the request (a route without the guard calling this is a bug). */
export function claimsOf(req: FastifyRequest): AccessTokenClaims {
  if (!req.auth) throw new Error('route reads claims but has no access-token guard');
  return req.auth;
}

/**
 * onRequest hook for server-to-server routes (login, signup): the Next servers present the shared
 * service credential as `Authorization: Bearer <API_INTERNAL_TOKEN>` or `x-internal-token`.
 * Compared in constant time (CONVENTIONS: secrets compared with timingSafeEqual).
 */
export function requireServiceCredential(expected: string) {
  return async (req: FastifyRequest): Promise<void> => {
    const header = req.headers['x-internal-token'];
    const presented = typeof header === 'string' ? header : bearerToken(req);
    if (presented === undefined || presented === '') {
      throw new ApiError('SERVICE_CREDENTIAL_MISSING', 'service credential required');
    }
    if (!secretsEqual(presented, expected)) {
      throw new ApiError('SERVICE_CREDENTIAL_INVALID', 'service credential invalid');
    }
  };
}
