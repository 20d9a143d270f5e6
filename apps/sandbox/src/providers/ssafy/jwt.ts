import { type KeyObject, createHash, createHmac, generateKeyPairSync, sign } from 'node:crypto';

/**
 * The issuer's signing key and JWS, written with node:crypto alone (the platform verifies with its
 * own code; docs/sandbox.md: the sandbox shares none of it).
 *
 * Algorithm: ES256 (ECDSA P-256 with SHA-256, RFC 7518 §3.4): the JWS signature is R ‖ S, 64
 * bytes, not DER. The key id is the RFC 7638 JWK thumbprint, so a new key (a restarted sandbox
 * without a configured key) has a new `kid` and a client that caches the JWKS by kid refetches.
 */
export const SSAFY_JWS_ALG = 'ES256';

export interface SsafySigningKey {
  readonly privateKey: KeyObject;
  readonly kid: string;
  /** The public JWK as published in the JWKS. */
  readonly jwk: Readonly<Record<string, string>>;
}

export function loadSigningKey(privateKey?: KeyObject): SsafySigningKey {
  const key = privateKey ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  if (
    key.type !== 'private' ||
    key.asymmetricKeyType !== 'ec' ||
    key.asymmetricKeyDetails?.namedCurve !== 'prime256v1'
  ) {
    throw new Error('ssafy: the signing key must be an EC P-256 private key (ES256)');
  }
  const pub = key.export({ format: 'jwk' });
  const { crv, x, y } = pub as { crv: string; x: string; y: string };
  // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
  const kid = createHash('sha256')
    .update(JSON.stringify({ crv, kty: 'EC', x, y }))
    .digest('base64url');
  return { privateKey: key, kid, jwk: { kty: 'EC', crv, x, y, kid, alg: SSAFY_JWS_ALG, use: 'sig' } };
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** A compact JWS (RFC 7515 §7.1). `breakSignature` flips bits of the signature (fault `tamper`). */
export function signJwt(
  key: SsafySigningKey,
  claims: Record<string, unknown>,
  breakSignature = false,
): string {
  const input = `${b64url({ alg: SSAFY_JWS_ALG, typ: 'JWT', kid: key.kid })}.${b64url(claims)}`;
  const signature = sign('sha256', Buffer.from(input, 'ascii'), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  if (breakSignature) {
    signature[0] = (signature[0] ?? 0) ^ 0xff;
    signature[signature.length - 1] = (signature[signature.length - 1] ?? 0) ^ 0xff;
  }
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * Pairwise subject (OIDC Core §8.1): one member has a different, stable `sub` at each client, so
 * two platforms cannot join their users on it. The salt is fixed, so a restarted sandbox gives
 * the same member the same `sub` and dev data can be seeded with it.
 */
const PAIRWISE_SALT = 'mfv-sandbox-ssafy-pairwise-v1';

export function ssafySubject(clientId: string, memberId: string): string {
  return createHmac('sha256', PAIRWISE_SALT).update(`${clientId}\n${memberId}`).digest('base64url');
}
