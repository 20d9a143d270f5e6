import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { ACCESS_TOKEN_ALG, type Jwks } from '@mfv/api-contract';

type PublicJwk = Jwks['keys'][number];

export interface VerificationKey {
  /** RFC 7638 JWK thumbprint (SHA-256): stable for a key, different for any other. */
  kid: string;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

export interface SigningKey extends VerificationKey {
  privateKey: KeyObject;
}

/**
 * The keys in force. `current` signs every access token; `previous` (the key rotated out) is still
 * published and accepted until tokens it signed have expired, but never signs.
 *
 * Rotation: generate a new key; set API_JWT_PREVIOUS_PUBLIC_KEY[_FILE] to the old key and
 * API_JWT_PRIVATE_KEY[_FILE] to the new one; restart every instance; after one access-token
 * lifetime (plus verifier JWKS cache time) remove the previous key.
 */
export interface KeySet {
  current: SigningKey;
  previous?: VerificationKey;
}

export class KeyConfigError extends Error {
  override name = 'KeyConfigError';
}

const isP256 = (key: KeyObject) =>
  key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';

async function toVerificationKey(publicKey: KeyObject): Promise<VerificationKey> {
  const exported = publicKey.export({ format: 'jwk' });
  const base = { kty: 'EC' as const, crv: 'P-256' as const, x: String(exported.x), y: String(exported.y) };
  const kid = await calculateJwkThumbprint(base, 'sha256');
  return { kid, publicKey, jwk: { ...base, kid, alg: ACCESS_TOKEN_ALG, use: 'sig' } };
}

/** `source` names the variable the PEM came from, so a bad key fails boot saying which one. */
export async function loadKeySet(
  current: { pem: string; source: string },
  previous?: { pem: string; source: string },
): Promise<KeySet> {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(current.pem);
  } catch (cause) {
    throw new KeyConfigError(`${current.source}: not a readable PEM private key`, { cause });
  }
  if (!isP256(privateKey)) throw new KeyConfigError(`${current.source}: must be an EC P-256 key (ES256)`);
  const signing: SigningKey = { ...(await toVerificationKey(createPublicKey(privateKey))), privateKey };
  if (!previous) return { current: signing };

  let previousPublic: KeyObject;
  try {
    // Accepts an SPKI public key, or a private key of which only the public half is kept.
    previousPublic = createPublicKey(previous.pem);
  } catch (cause) {
    throw new KeyConfigError(`${previous.source}: not a readable PEM key`, { cause });
  }
  if (!isP256(previousPublic))
    throw new KeyConfigError(`${previous.source}: must be an EC P-256 key (ES256)`);
  const verification = await toVerificationKey(previousPublic);
  if (verification.kid === signing.kid) {
    throw new KeyConfigError(`${previous.source}: is the same key as the current signing key`);
  }
  return { current: signing, previous: verification };
}

/** A fresh P-256 private key as PKCS#8 PEM (dev bootstrap and tests). */
export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** The SPKI PEM of a private key's public half (what goes in API_JWT_PREVIOUS_PUBLIC_KEY). */
export function publicPemOf(privatePem: string): string {
  return createPublicKey(privatePem).export({ format: 'pem', type: 'spki' }).toString();
}
