import { randomUUID } from 'node:crypto';
import type {
  ConsentGiven,
  LinkIdentityResponse,
  MeResponse,
  NeedsSignupResponse,
  SignedInResponse,
} from '@mfv/api-contract';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';
import type { CiKeyring } from '../identity/ci-hash.js';
import { randomOpaqueToken, sha256Hex } from '../tokens/secrets.js';
import type { Consents } from './consents.js';
import type { Sessions } from './sessions.js';

/** Identity providers that can be linked to a member (see the `identities` table). */
export type Provider = 'kakao' | 'toss';

export interface ProviderProfile {
  nickname?: string | undefined;
  email?: string | undefined;
  profileImageUrl?: string | undefined;
}

interface TicketRow {
  provider: Provider;
  subject: string;
  email: string | null;
  profile_image_url: string | null;
  expires_at: Date;
  consumed_at: Date | null;
  ci_hash: string | null;
  link_user_id: string | null;
}

interface PgError {
  code?: string;
}
const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && (e as PgError).code === UNIQUE_VIOLATION;

/**
 * Members and their provider identities: login by a verified provider identity, signup through a
 * single-use ticket, the member's own profile.
 */
export class Accounts {
  constructor(
    private readonly db: Db,
    private readonly sessions: Sessions,
    private readonly clock: Clock,
    private readonly ciKeys: CiKeyring,
    private readonly consents: Consents,
    private readonly options: { signupTicketTtlSeconds: number },
  ) {}

  /**
   * The caller (a Next server) has already verified the identity with the provider. A known
   * identity gets a session; an unknown one gets a signup ticket carrying the verified identity,
   * so POST /users cannot be used to claim an identity nobody verified.
   *
   * `ci`: the person's CI when the provider reported it (Toss login-me; Kakao's `kakao_account.ci`
   * for an app granted the 연계정보 consent item). Only its keyed hash is used: a known
   * identity's member learns who they are (if not yet known and nobody else is), and an unknown
   * identity of a person who already is a member gets `existingAccount` — the offer to link
   * (POST /auth/link) rather than a second account.
   */
  async loginWithProvider(
    provider: Provider,
    subject: string,
    profile: ProviderProfile,
    ci?: string,
  ): Promise<SignedInResponse | NeedsSignupResponse> {
    const now = this.clock.now();
    const person = ci !== undefined ? this.ciKeys.candidates(ci) : undefined;
    return this.db.transaction(async (tx) => {
      const member = (
        await tx.query<{ id: string; nickname: string }>(
          `SELECT u.id, u.nickname FROM identities i JOIN users u ON u.id = i.user_id
            WHERE i.provider = $1 AND i.subject = $2`,
          [provider, subject],
        )
      ).rows[0];
      if (member) {
        if (person !== undefined) await this.learnPerson(tx, member.id, person);
        return { status: 'signedIn' as const, ...(await this.sessions.start(tx, member)) };
      }

      // A member who already is this person (by the keyed hash of the CI), and how they sign in.
      const existing =
        person === undefined
          ? undefined
          : (
              await tx.query<{ id: string; providers: Provider[] }>(
                `SELECT u.id, array_agg(DISTINCT i.provider ORDER BY i.provider) AS providers
                   FROM users u JOIN identities i ON i.user_id = u.id
                  WHERE u.ci_hash = ANY($1::text[])
                  GROUP BY u.id`,
                [person],
              )
            ).rows[0];

      const ticket = randomOpaqueToken();
      await tx.query(
        `INSERT INTO signup_tickets
           (ticket_hash, provider, subject, nickname, email, profile_image_url, created_at, expires_at,
            ci_hash, link_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          sha256Hex(ticket),
          provider,
          subject,
          profile.nickname ?? null,
          profile.email ?? null,
          profile.profileImageUrl ?? null,
          now,
          new Date(now.getTime() + this.options.signupTicketTtlSeconds * 1000),
          person?.[0] ?? null,
          existing?.id ?? null,
        ],
      );
      const suggested: NeedsSignupResponse['profile'] = {};
      if (profile.nickname !== undefined) suggested.nickname = profile.nickname;
      if (profile.email !== undefined) suggested.email = profile.email;
      return {
        status: 'needsSignup' as const,
        signupTicket: ticket,
        profile: suggested,
        ...(existing ? { existingAccount: { providers: existing.providers } } : {}),
      };
    });
  }

  /**
   * POST /auth/link: the person signed in to the member the ticket offered (`existingAccount`) and
   * agreed to link. The ticket's provider identity joins that member; the ticket is spent (a
   * verification made during that signup now counts for the member, as after a signup).
   */
  async link(ticket: string, userId: string): Promise<LinkIdentityResponse> {
    const now = this.clock.now();
    try {
      return await this.db.transaction(async (tx) => {
        const row = await this.spendTicket(tx, ticket, now, (r) => {
          // Only the member the ticket offered: the one who is the same person.
          if (r.link_user_id === null || r.link_user_id !== userId) {
            throw new ApiError('LINK_NOT_OFFERED', 'this login was not offered to be linked to that account');
          }
        });
        await tx.query(
          'INSERT INTO identities (provider, subject, user_id, created_at) VALUES ($1, $2, $3, $4)',
          [row.provider, row.subject, userId, now],
        );
        return { linked: true as const, provider: row.provider };
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ApiError('IDENTITY_ALREADY_LINKED', 'this account is already registered; log in instead', {
          cause: err,
        });
      }
      throw err;
    }
  }

  /** A member whose person is not known yet becomes `person` — unless another member already is. */
  private async learnPerson(tx: Queryable, userId: string, person: string[]): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`verification-ci:${person[0]}`]);
    await tx.query(
      `UPDATE users SET ci_hash = $2
        WHERE id = $1 AND ci_hash IS NULL
          AND NOT EXISTS (SELECT 1 FROM users WHERE ci_hash = ANY($3::text[]))`,
      [userId, person[0], person],
    );
  }

  /**
   * Locks, checks and spends a signup ticket (single use, before it expires); `check` runs on the
   * locked row first. Refuses an identity that is already linked.
   */
  private async spendTicket(
    tx: Queryable,
    ticket: string,
    now: Date,
    check?: (row: TicketRow) => void,
  ): Promise<TicketRow> {
    const row = (
      await tx.query<TicketRow>(
        `SELECT provider, subject, email, profile_image_url, expires_at, consumed_at, ci_hash, link_user_id
           FROM signup_tickets WHERE ticket_hash = $1 FOR UPDATE`,
        [sha256Hex(ticket)],
      )
    ).rows[0];
    if (!row) throw new ApiError('SIGNUP_TICKET_INVALID', 'signup ticket not recognised');
    if (row.consumed_at !== null) throw new ApiError('SIGNUP_TICKET_USED', 'signup ticket already used');
    if (row.expires_at.getTime() <= now.getTime()) {
      throw new ApiError('SIGNUP_TICKET_EXPIRED', 'signup ticket expired; log in again');
    }
    check?.(row);
    await tx.query('UPDATE signup_tickets SET consumed_at = $2 WHERE ticket_hash = $1', [
      sha256Hex(ticket),
      now,
    ]);
    const linked = await tx.query('SELECT 1 FROM identities WHERE provider = $1 AND subject = $2', [
      row.provider,
      row.subject,
    ]);
    if (linked.rows.length > 0) {
      throw new ApiError('IDENTITY_ALREADY_LINKED', 'this account is already registered; log in instead');
    }
    return row;
  }

  /**
   * Consumes the ticket (single use) and creates the member linked to the ticket's identity, with the
   * consents they gave. Consents without every required item are refused before the ticket is
   * spent, so the person can fix the form and send it again.
   */
  async signup(
    ticket: string,
    nickname: string,
    consents: readonly ConsentGiven[],
  ): Promise<SignedInResponse> {
    this.consents.check(consents);
    const now = this.clock.now();
    try {
      return await this.db.transaction(async (tx) => {
        const row = await this.spendTicket(tx, ticket, now);
        const user = { id: randomUUID(), nickname };
        await tx.query(
          `INSERT INTO users (id, nickname, email, profile_image_url, created_at) VALUES ($1, $2, $3, $4, $5)`,
          [user.id, nickname, row.email, row.profile_image_url, now],
        );
        await tx.query(
          'INSERT INTO identities (provider, subject, user_id, created_at) VALUES ($1, $2, $3, $4)',
          [row.provider, row.subject, user.id, now],
        );
        await this.consents.recordSignup(tx, user.id, consents, now);
        // The person this member is: the one an identity verification of this signup named, else
        // the one the login reported — unless another member already is them (a declined link).
        const verified = (
          await tx.query<{ ci_hash: string }>(
            `SELECT ci_hash FROM verifications WHERE signup_ticket_hash = $1 AND ci_hash IS NOT NULL
              ORDER BY verified_at LIMIT 1`,
            [sha256Hex(ticket)],
          )
        ).rows[0];
        const person = verified?.ci_hash ?? row.ci_hash;
        if (person !== null) await this.learnPerson(tx, user.id, [person]);
        return { status: 'signedIn' as const, ...(await this.sessions.start(tx, user)) };
      });
    } catch (err) {
      // Two tickets for one identity consumed at the same moment: the primary key decides.
      if (isUniqueViolation(err)) {
        throw new ApiError('IDENTITY_ALREADY_LINKED', 'this account is already registered; log in instead', {
          cause: err,
        });
      }
      throw err;
    }
  }

  async me(userId: string): Promise<MeResponse> {
    const row = (
      await this.db.query<{ id: string; nickname: string; email: string | null; created_at: Date }>(
        'SELECT id, nickname, email, created_at FROM users WHERE id = $1',
        [userId],
      )
    ).rows[0];
    if (!row) throw new ApiError('USER_NOT_FOUND', 'user not found');
    const me: MeResponse = { id: row.id, nickname: row.nickname, createdAt: row.created_at.toISOString() };
    if (row.email !== null) me.email = row.email;
    return me;
  }
}
