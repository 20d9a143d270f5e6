import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import {
  ACCESS_TOKEN_ALG,
  ACCESS_TOKEN_CLIENT_ID,
  ACCESS_TOKEN_TYPE,
  accessTokenClaimsSchema,
  type AccessTokenClaims,
  type Jwks,
} from '@mfv/api-contract';
import { toEpochSeconds, type Clock } from '../clock.js';
import { ApiError } from '../errors.js';
import type { KeySet } from './keys.js';

export interface AccessTokenOptions {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** RFC 6750 §3: tell the caller why its bearer token was refused. */
const invalidToken = (code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED', message: string, cause?: unknown) =>
  new ApiError(code, message, {
    cause,
    headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${message}"` },
  });

/**
 * Issues and verifies access tokens: RFC 9068 JWTs (`typ: at+jwt`), ES256, `kid` = JWK thumbprint.
 * Verification pins algorithm, type, issuer and audience and accepts the current and the previous key.
 */
export class AccessTokens {
  constructor(
    private readonly keys: KeySet,
    private readonly options: AccessTokenOptions,
    private readonly clock: Clock,
  ) {}

  get ttlSeconds(): number {
    return this.options.ttlSeconds;
  }

  /**
   * `nickname` (OIDC's display-name claim) lets pages greet the user without a backend call per
   * view; it is the user's chosen display name, not personal data, and refreshes with the token.
   */
  async issue(input: {
    userId: string;
    sessionId: string;
    scope: string;
    nickname: string;
  }): Promise<string> {
    const iat = toEpochSeconds(this.clock.now());
    const header: JWTHeaderParameters = {
      alg: ACCESS_TOKEN_ALG,
      typ: ACCESS_TOKEN_TYPE,
      kid: this.keys.current.kid,
    };
    return new SignJWT({
      client_id: ACCESS_TOKEN_CLIENT_ID,
      sid: input.sessionId,
      scope: input.scope,
      nickname: input.nickname,
    })
      .setProtectedHeader(header)
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(input.userId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.options.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.keys.current.privateKey);
  }

  /** Signature, header and registered claims only; whether the session is still alive is the caller's check. */
  async verify(token: string): Promise<AccessTokenClaims> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(
        token,
        (header) => {
          if (header.kid === this.keys.current.kid) return this.keys.current.publicKey;
          if (this.keys.previous && header.kid === this.keys.previous.kid)
            return this.keys.previous.publicKey;
          throw new joseErrors.JWKSNoMatchingKey();
        },
        {
          algorithms: [ACCESS_TOKEN_ALG],
          typ: ACCESS_TOKEN_TYPE,
          issuer: this.options.issuer,
          audience: this.options.audience,
          requiredClaims: ['sub', 'sid', 'jti', 'iat', 'exp'],
          currentDate: this.clock.now(),
        },
      ));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired)
        throw invalidToken('TOKEN_EXPIRED', 'access token expired', err);
      if (err instanceof joseErrors.JOSEError)
        throw invalidToken('TOKEN_INVALID', 'access token invalid', err);
      throw err;
    }
    const claims = accessTokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw invalidToken('TOKEN_INVALID', 'access token invalid', claims.error);
    return claims.data;
  }

  jwks(): Jwks {
    const keys = [this.keys.current.jwk];
    if (this.keys.previous) keys.push(this.keys.previous.jwk);
    return { keys };
  }
}
