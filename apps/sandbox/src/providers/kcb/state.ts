import { randomBytes } from 'node:crypto';
import { type Clock } from '../../clock.js';
import { TtlStore } from '../../store.js';

/**
 * Lifetimes. KCB does not publish them; these are the sandbox's choices, named here so clients and
 * tests can refer to them: an access token lives an hour; a transaction (svc_tkn) ten minutes from
 * popup-start, the same window other Korean identity providers give (mobile-ok guide: 10 minutes);
 * a request sequence number may not be reused by the same member for 24 hours.
 */
export const KCB_LIFETIMES = {
  accessTokenSeconds: 3600,
  transactionMs: 10 * 60 * 1000,
  pageFormMs: 10 * 60 * 1000,
  seqnoReuseMs: 24 * 60 * 60 * 1000,
} as const;

export interface KcbAccessToken {
  readonly clientId: string;
}

export type KcbTransactionStatus = 'pending' | 'completed' | 'cancelled';

/** One popup-start, until its result is fetched (once) or it expires. */
export interface KcbTransaction {
  readonly clientId: string;
  readonly memberCode: string;
  readonly seqno: string;
  readonly returnUrl: string;
  readonly siteName: string;
  readonly causeCode: string;
  readonly iv: Buffer;
  readonly fieldKey: Buffer;
  status: KcbTransactionStatus;
  personaId?: string;
  completedAt?: number;
}

/** KCB's page, rendered for one svc_tkn and one browser. */
export interface KcbPageForm {
  readonly svcTkn: string;
  readonly nonce: string;
  readonly browser: string;
}

/** 32 random bytes, base64url: tokens, nonces. */
export function kcbRandomToken(): string {
  return randomBytes(32).toString('base64url');
}

export class KcbState {
  readonly accessTokens: TtlStore<KcbAccessToken>;
  readonly transactions: TtlStore<KcbTransaction>;
  readonly forms: TtlStore<KcbPageForm>;
  /** `${memberCode} ${seqno}` of every popup-start of the last 24 hours. */
  readonly seqnos: TtlStore<true>;

  constructor(readonly clock: Clock) {
    this.accessTokens = new TtlStore(clock);
    this.transactions = new TtlStore(clock);
    this.forms = new TtlStore(clock);
    this.seqnos = new TtlStore(clock);
  }

  sweep(): number {
    return this.accessTokens.sweep() + this.transactions.sweep() + this.forms.sweep() + this.seqnos.sweep();
  }
}
