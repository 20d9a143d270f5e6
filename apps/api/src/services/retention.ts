import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';

/** How long rows are kept after they stop mattering (expired, revoked): one day. */
export const RETENTION_SECONDS = 24 * 60 * 60;

export interface RetentionSweep {
  /** Verifications of signups that became members, moved onto the member before their ticket goes. */
  rehomedVerifications: number;
  /** Signup tickets (used or abandoned) past their expiry + retention; abandoned signups' verifications go with them. */
  signupTickets: number;
  /** Refresh tokens past their expiry + retention (spent or not: an expired token is refused either way). */
  refreshTokens: number;
  /** Sessions (token families) with no refresh token left. */
  tokenFamilies: number;
}

/**
 * Keeps the tables that grow with every login and refresh bounded: what has been dead for
 * {@link RETENTION_SECONDS} is deleted, in one transaction, on a timer (app.ts).
 *
 * - A spent refresh token stays until it would have expired anyway, so presenting it is still
 *   detected as reuse (RFC 9700 §4.14.2) for as long as it could have been used at all.
 * - A family goes only when none of its tokens is left: its session cannot be renewed and every
 *   access token it issued expired long before, so `/auth/verify` answering "unknown session"
 *   instead of "revoked" changes nothing.
 * - A used signup ticket's verification records follow the member it became (as the queries in
 *   verifications.ts resolve them) before the ticket goes; an abandoned signup's records are
 *   deleted with it — the person never became a member, so nothing of them is kept.
 */
export class Retention {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly retentionSeconds: number = RETENTION_SECONDS,
  ) {}

  async sweep(): Promise<RetentionSweep> {
    const cutoff = new Date(this.clock.now().getTime() - this.retentionSeconds * 1000);
    return this.db.transaction(async (tx) => {
      const rehomed = await tx.query(
        `UPDATE verifications v
            SET user_id = i.user_id, signup_ticket_hash = NULL
           FROM signup_tickets t
           JOIN identities i ON i.provider = t.provider AND i.subject = t.subject
          WHERE v.signup_ticket_hash = t.ticket_hash AND t.consumed_at IS NOT NULL AND t.expires_at < $1`,
        [cutoff],
      );
      const tickets = await tx.query('DELETE FROM signup_tickets WHERE expires_at < $1', [cutoff]);
      const tokens = await tx.query('DELETE FROM refresh_tokens WHERE expires_at < $1', [cutoff]);
      const families = await tx.query(
        `DELETE FROM token_families f
          WHERE f.created_at < $1
            AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = f.id)`,
        [cutoff],
      );
      return {
        rehomedVerifications: rehomed.rowCount,
        signupTickets: tickets.rowCount,
        refreshTokens: tokens.rowCount,
        tokenFamilies: families.rowCount,
      };
    });
  }
}
