/**
 * The access-token profile (RFC 9068): what every access token the api issues looks like, and
 * the JWKS its keys are published in. Verifiers (`@mfv/auth`, the api itself) pin these values.
 */
import { z } from 'zod';

/** JOSE `typ` of every access token: RFC 9068 §2.1. Verifiers must pin it. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** The only signing algorithm (ECDSA P-256 + SHA-256). Verifiers must pin it, never read it from the token. */
export const ACCESS_TOKEN_ALG = 'ES256';
/**
 * `client_id` of every access token (RFC 9068 §2.2, required): the OAuth client the token was
 * issued to — the site's servers, the only client of this api.
 */
export const ACCESS_TOKEN_CLIENT_ID = 'mfv-web';
/** Scope string put in every access token issued by a login or refresh. */
export const DEFAULT_SCOPE = 'profile notices';

export const accessTokenClaimsSchema = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: z.string(),
  sid: z.string(),
  exp: z.number().int(),
  iat: z.number().int(),
  jti: z.string(),
  /** RFC 9068 §2.2; absent in tokens issued before it existed (at most one access-token lifetime). */
  client_id: z.string().optional(),
  scope: z.string(),
  /** Display name at issue time (OIDC `nickname`); absent in tokens issued before it existed. */
  nickname: z.string().optional(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

export const jwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  alg: z.literal(ACCESS_TOKEN_ALG),
  use: z.literal('sig'),
});
export const jwksSchema = z.object({ keys: z.array(jwkSchema) });
export type Jwks = z.infer<typeof jwksSchema>;
