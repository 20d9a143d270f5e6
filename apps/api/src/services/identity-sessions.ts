import type { ProviderName, RevokeIdentitySessionsResponse } from '@mfv/api-contract';
import type { Clock } from '../clock.js';
import type { Db } from '../db/types.js';
import type { Sessions } from './sessions.js';

/**
 * What happens when a provider tells us a person unlinked our app (Toss: the unlink callback with
 * referrer UNLINK, WITHDRAWAL_TERMS or WITHDRAWAL_TOSS — Toss 로그인 가이드, 연결 끊기 콜백;
 * docs/providers/toss.md). The person withdrew the
 * consent their sign-in rests on, so:
 *
 * - every session of the member linked to that identity ends (the token families are revoked, so
 *   no refresh succeeds and `/auth/verify` and bearer calls refuse their access tokens at once);
 * - signup tickets still open for that identity are spent, so a signup started before the unlink
 *   cannot finish after it.
 *
 * The member and the identity link stay: signing in with Toss again (a new consent) reaches the
 * same account. Deleting accounts is a product decision outside this endpoint.
 */
export class IdentitySessions {
  constructor(
    private readonly db: Db,
    private readonly sessions: Sessions,
    private readonly clock: Clock,
  ) {}

  async revokeAll(provider: ProviderName, subject: string): Promise<RevokeIdentitySessionsResponse> {
    const now = this.clock.now();
    const cancelled = await this.db.query(
      `UPDATE signup_tickets SET consumed_at = $3
        WHERE provider = $1 AND subject = $2 AND consumed_at IS NULL AND expires_at > $3`,
      [provider, subject, now],
    );
    const cancelledSignupTickets = cancelled.rowCount;
    const member = (
      await this.db.query<{ user_id: string }>(
        'SELECT user_id FROM identities WHERE provider = $1 AND subject = $2',
        [provider, subject],
      )
    ).rows[0];
    if (!member) return { linked: false, revokedSessionIds: [], cancelledSignupTickets };
    // The ids are read first so the caller can drop its own per-session state (the Next apps'
    // Redis records); the revocation itself locks and revokes every live family of the member,
    // including one opened between the two statements.
    const live = await this.db.query<{ id: string }>(
      'SELECT id FROM token_families WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id',
      [member.user_id],
    );
    await this.sessions.logoutAll(member.user_id);
    return { linked: true, revokedSessionIds: live.rows.map((r) => r.id), cancelledSignupTickets };
  }
}
