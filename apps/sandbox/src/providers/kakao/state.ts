import { type OidcGrant } from './oidc.js';
import { randomBytes } from 'node:crypto';
import { type Clock } from '../../clock.js';
import { TtlStore } from '../../store.js';

/**
 * Lifetimes, as Kakao documents them (developers.kakao.com › 카카오 로그인 › 이해하기 › 토큰 정보):
 * authorization code 10 minutes; REST API access token 6 hours (expires_in 21599 in Kakao's own
 * samples); refresh token 2 months (5183999); a refresh that finds less than one month left on the
 * refresh token returns a new one.
 */
export const KAKAO_LIFETIMES = {
  authorizationCodeMs: 10 * 60 * 1000,
  /** The consent page's pending request (our own: as long as the code it leads to). */
  pendingAuthorizationMs: 10 * 60 * 1000,
  accessTokenSeconds: 21_599,
  refreshTokenSeconds: 5_183_999,
  refreshRotationThresholdMs: 30 * 24 * 60 * 60 * 1000,
} as const;

/** What the authorize request asked for, kept while the consent page is open. */
export interface PendingAuthorization {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state?: string;
  readonly codeChallenge?: string;
  /** RFC 7636 §4.3: `plain` when the request sent a challenge without a method. */
  readonly codeChallengeMethod?: 'S256' | 'plain';
  /** OpenID Connect: `openid` was requested; its `nonce`, if any. */
  readonly oidc?: { readonly nonce?: string };
  /** CSRF: the nonce rendered into this page's form ... */
  readonly nonce: string;
  /** ... and the browser it was rendered for (HttpOnly cookie). Both must come back. */
  readonly browser: string;
}

export interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly personaId: string;
  readonly scopes: readonly string[];
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'S256' | 'plain';
  /** Present when `openid` was requested: the token response then carries an id_token. */
  readonly oidc?: OidcGrant;
}

export interface IssuedToken {
  readonly clientId: string;
  readonly personaId: string;
  readonly scopes: readonly string[];
  /** Tokens issued from one authorization code share a grant; reuse of the code revokes it. */
  readonly grantId: string;
  /** OpenID Connect: `openid` was granted; a refresh then also answers an id_token (oidc.ts). */
  readonly oidc?: OidcGrant;
}

/** 32 random bytes, base64url: codes, tokens, nonces. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * All Kakao state of one sandbox process, in memory with TTLs (see TtlStore). Nothing is shared
 * between processes: run one sandbox.
 */
export class KakaoState {
  readonly pending: TtlStore<PendingAuthorization>;
  readonly codes: TtlStore<AuthorizationCode>;
  /** Codes already exchanged, kept until they would have expired, to detect reuse. */
  readonly spentCodes: TtlStore<{ grantId: string }>;
  readonly accessTokens: TtlStore<IssuedToken>;
  readonly refreshTokens: TtlStore<IssuedToken>;
  /** `${clientId} ${personaId}` → first consent time, for personas without a fixed connected_at. */
  readonly #connections = new Map<string, number>();

  constructor(readonly clock: Clock) {
    this.pending = new TtlStore(clock);
    this.codes = new TtlStore(clock);
    this.spentCodes = new TtlStore(clock);
    this.accessTokens = new TtlStore(clock);
    this.refreshTokens = new TtlStore(clock);
  }

  /** Records the first time this persona connected to this app; returns that time. */
  connect(clientId: string, personaId: string): number {
    const key = `${clientId} ${personaId}`;
    const seen = this.#connections.get(key);
    if (seen !== undefined) return seen;
    const now = this.clock();
    this.#connections.set(key, now);
    return now;
  }

  connectedAt(clientId: string, personaId: string): number | undefined {
    return this.#connections.get(`${clientId} ${personaId}`);
  }

  /** RFC 6749 §4.1.2: a reused code should revoke the tokens already issued from it. */
  revokeGrant(grantId: string): number {
    let revoked = 0;
    for (const store of [this.accessTokens, this.refreshTokens]) {
      for (const [token, issued] of [...store.entries()]) {
        if (issued.grantId === grantId) {
          store.delete(token);
          revoked += 1;
        }
      }
    }
    return revoked;
  }

  sweep(): number {
    return (
      this.pending.sweep() +
      this.codes.sweep() +
      this.spentCodes.sweep() +
      this.accessTokens.sweep() +
      this.refreshTokens.sweep()
    );
  }
}
