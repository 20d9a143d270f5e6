import { randomUUID } from 'node:crypto';
import type { MeResponse, NeedsSignupResponse, SignedInResponse } from '@mfv/api-contract';
import type { Clock } from '../clock.js';
import type { Db } from '../db/types.js';
import { ApiError } from '../errors.js';
import { randomOpaqueToken, sha256Hex } from '../tokens/secrets.js';
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
    private readonly options: { signupTicketTtlSeconds: number },
  ) {}

  /**
   * The caller (a Next server) has already verified the identity with the provider. A known
   * identity gets a session; an unknown one gets a signup ticket carrying the verified identity,
   * so POST /users cannot be used to claim an identity nobody verified.
   */
  async loginWithProvider(
    provider: Provider,
    subject: string,
    profile: ProviderProfile,
  ): Promise<SignedInResponse | NeedsSignupResponse> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const member = (
        await tx.query<{ id: string; nickname: string }>(
          `SELECT u.id, u.nickname FROM identities i JOIN users u ON u.id = i.user_id
            WHERE i.provider = $1 AND i.subject = $2`,
          [provider, subject],
        )
      ).rows[0];
      if (member) return { status: 'signedIn' as const, ...(await this.sessions.start(tx, member)) };

      const ticket = randomOpaqueToken();
      await tx.query(
        `INSERT INTO signup_tickets
           (ticket_hash, provider, subject, nickname, email, profile_image_url, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          sha256Hex(ticket),
          provider,
          subject,
          profile.nickname ?? null,
          profile.email ?? null,
          profile.profileImageUrl ?? null,
          now,
          new Date(now.getTime() + this.options.signupTicketTtlSeconds * 1000),
        ],
      );
      const suggested: NeedsSignupResponse['profile'] = {};
      if (profile.nickname !== undefined) suggested.nickname = profile.nickname;
      if (profile.email !== undefined) suggested.email = profile.email;
      return { status: 'needsSignup' as const, signupTicket: ticket, profile: suggested };
    });
  }

  /** Consumes the ticket (single use) and creates the member linked to the ticket's identity. */
  async signup(ticket: string, nickname: string): Promise<SignedInResponse> {
    const now = this.clock.now();
    try {
      return await this.db.transaction(async (tx) => {
        const row = (
          await tx.query<TicketRow>(
            `SELECT provider, subject, email, profile_image_url, expires_at, consumed_at
               FROM signup_tickets WHERE ticket_hash = $1 FOR UPDATE`,
            [sha256Hex(ticket)],
          )
        ).rows[0];
        if (!row) throw new ApiError('SIGNUP_TICKET_INVALID', 'signup ticket not recognised');
        if (row.consumed_at !== null) throw new ApiError('SIGNUP_TICKET_USED', 'signup ticket already used');
        if (row.expires_at.getTime() <= now.getTime()) {
          throw new ApiError('SIGNUP_TICKET_EXPIRED', 'signup ticket expired; log in again');
        }
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
        const user = { id: randomUUID(), nickname };
        await tx.query(
          `INSERT INTO users (id, nickname, email, profile_image_url, created_at) VALUES ($1, $2, $3, $4, $5)`,
          [user.id, nickname, row.email, row.profile_image_url, now],
        );
        await tx.query(
          'INSERT INTO identities (provider, subject, user_id, created_at) VALUES ($1, $2, $3, $4)',
          [row.provider, row.subject, user.id, now],
        );
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
