import { randomBytes } from 'node:crypto';
import { type Clock } from '../../clock.js';
import { TtlStore } from '../../store.js';

/**
 * Lifetimes. SSAFY Verify does not publish them; the guide asks for codes that are single use and
 * short-lived, and says the code_verifier is kept "only until the server exchange". These are the
 * sandbox's choices: a verification code lives 2 minutes, a verification_token 5 minutes (it is
 * proof of a verification that just happened, not a session), the verification page 10 minutes.
 */
export const SSAFY_LIFETIMES = {
  codeMs: 2 * 60 * 1000,
  tokenSeconds: 300,
  pageMs: 10 * 60 * 1000,
} as const;

/** What the authorize request asked for, kept while the verification page is open. */
export interface SsafyPendingRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
  /** CSRF: the nonce rendered into this page's form ... */
  readonly nonce: string;
  /** ... and the browser it was rendered for (HttpOnly cookie). */
  readonly browser: string;
}

export interface SsafyCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly personaId: string;
  readonly scopes: readonly string[];
  /** Seconds since the epoch: when the member completed verification. */
  readonly authTime: number;
}

/** 32 random bytes, base64url: codes, nonces, request ids. */
export function ssafyRandomToken(): string {
  return randomBytes(32).toString('base64url');
}

export class SsafyState {
  readonly pending: TtlStore<SsafyPendingRequest>;
  readonly codes: TtlStore<SsafyCode>;

  constructor(readonly clock: Clock) {
    this.pending = new TtlStore(clock);
    this.codes = new TtlStore(clock);
  }

  sweep(): number {
    return this.pending.sweep() + this.codes.sweep();
  }
}
