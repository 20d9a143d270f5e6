import { DEFAULT_SCOPE, type AccessTokenClaims, type TokenSet } from '@mfv/api-contract';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';
import type { AccessTokens } from '../tokens/access.js';
import type { IssuedRefreshToken, RefreshTokens } from '../tokens/refresh.js';

/** Login sessions: what a login, a signup and a refresh hand back, and the checks every bearer call makes. */
export class Sessions {
  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokens: RefreshTokens,
    private readonly clock: Clock,
  ) {}

  /** Opens a session for `user` inside the caller's transaction (login, signup). */
  async start(tx: Queryable, user: { id: string; nickname: string }): Promise<TokenSet> {
    return this.tokenSet(await this.refreshTokens.startFamily(tx, user));
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokenSet(await this.refreshTokens.rotate(refreshToken));
  }

  /**
   * A bearer access token → its claims, if the signature, type, issuer, audience and expiry are
   * right *and* its session has not been revoked. The second half is why `/auth/verify` exists
   * next to local JWKS verification: logout takes effect at once here.
   */
  async authenticate(accessToken: string): Promise<AccessTokenClaims> {
    const claims = await this.accessTokens.verify(accessToken);
    if (!(await this.refreshTokens.isSessionActive(claims.sid, claims.sub))) {
      throw new ApiError('SESSION_REVOKED', 'session has ended', {
        headers: {
          'www-authenticate': 'Bearer error="invalid_token", error_description="session has ended"',
        },
      });
    }
    return claims;
  }

  logout(sessionId: string): Promise<void> {
    return this.refreshTokens.revokeFamily(sessionId, 'logout');
  }

  logoutAll(userId: string): Promise<void> {
    return this.refreshTokens.revokeAllForUser(userId, 'logout_all');
  }

  private async tokenSet(rt: IssuedRefreshToken): Promise<TokenSet> {
    const accessToken = await this.accessTokens.issue({
      userId: rt.userId,
      sessionId: rt.familyId,
      scope: DEFAULT_SCOPE,
      nickname: rt.nickname,
    });
    const nowMs = this.clock.now().getTime();
    return {
      accessToken,
      refreshToken: rt.refreshToken,
      expiresIn: this.accessTokens.ttlSeconds,
      refreshExpiresIn: Math.max(0, Math.floor((rt.expiresAt.getTime() - nowMs) / 1000)),
      sessionId: rt.familyId,
      user: { id: rt.userId, nickname: rt.nickname },
    };
  }
}
