import { randomBytes } from 'node:crypto';
import { type Clock } from '../../clock.js';
import { TtlStore } from '../../store.js';

/**
 * Lifetimes as Toss documents them (developers-apps-in-toss.toss.im › 토스 로그인 › 개발하기):
 * authorization code 10 minutes, access token 1 hour. Refresh token 14 days (Toss 로그인 가이드).
 */
export const TOSS_LIFETIMES = {
  authorizationCodeMs: 10 * 60 * 1000,
  accessTokenSeconds: 3600,
  refreshTokenSeconds: 14 * 24 * 60 * 60,
} as const;

/**
 * The referrer the emulated sandbox app's appLogin() reports: "sandbox" as 토스 로그인 "개발하기" §1
 * writes it (the SDK reference's type spells it "SANDBOX"; the platform accepts both).
 */
export const TOSS_SANDBOX_REFERRER = 'sandbox';

export interface TossCode {
  readonly personaId: string;
  readonly referrer: string;
}

export interface TossIssued {
  readonly personaId: string;
  readonly userKey: number;
  /** Tokens issued from one authorization code share a grant; reuse of the code revokes it. */
  readonly grantId: string;
}

export function tossRandomToken(): string {
  return randomBytes(32).toString('base64url');
}

export class TossState {
  readonly codes: TtlStore<TossCode>;
  readonly spentCodes: TtlStore<{ grantId: string }>;
  readonly accessTokens: TtlStore<TossIssued>;
  readonly refreshTokens: TtlStore<TossIssued>;

  constructor(readonly clock: Clock) {
    this.codes = new TtlStore(clock);
    this.spentCodes = new TtlStore(clock);
    this.accessTokens = new TtlStore(clock);
    this.refreshTokens = new TtlStore(clock);
  }

  /** Revokes every token matching `test` (a reused code's grant, an unlinked user). */
  revoke(test: (issued: TossIssued) => boolean): number {
    let revoked = 0;
    for (const store of [this.accessTokens, this.refreshTokens]) {
      for (const [token, issued] of [...store.entries()]) {
        if (test(issued)) {
          store.delete(token);
          revoked += 1;
        }
      }
    }
    return revoked;
  }

  sweep(): number {
    return (
      this.codes.sweep() + this.spentCodes.sweep() + this.accessTokens.sweep() + this.refreshTokens.sweep()
    );
  }
}
