import { randomUUID } from 'node:crypto';
import { maskName, maskPhone } from '@mfv/verification/result';
import {
  VERIFICATION_TICKET_TTL_SECONDS,
  type CreateVerificationRequest,
  type CreateVerificationResponse,
  type RedeemVerificationResponse,
  type VerificationKind,
  type VerificationOwner,
  type VerificationStatus,
} from '@mfv/api-contract';
import { isAdultByBirthday } from '@mfv/verification/korean-age';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';
import type { CiKeyring } from '../identity/ci-hash.js';
import { randomOpaqueToken, sha256Hex } from '../tokens/secrets.js';

/** Who holds a DI or an SSAFY subject: a member, or a live signup of one provider identity. */
type Holder = { kind: 'member'; userId: string } | { kind: 'signup'; provider: string; subject: string };

interface HolderRow {
  user_id: string | null;
  ticket_user_id: string | null;
  provider: string | null;
  subject: string | null;
  expires_at: Date | null;
  consumed_at: Date | null;
}

interface TicketRow {
  provider: string;
  subject: string;
  expires_at: Date;
  consumed_at: Date | null;
  ci_hash: string | null;
}

function ownedBy(row: Pick<RedeemRow, 'user_id' | 'signup_ticket_hash'>, owner: VerificationOwner): boolean {
  return 'userId' in owner
    ? row.user_id === owner.userId
    : row.signup_ticket_hash === sha256Hex(owner.signupTicket);
}

interface RedeemRow {
  provider: RedeemVerificationResponse['provider'];
  service_type: string;
  name: string | null;
  phone: string | null;
  is_adult: boolean | null;
  di: string | null;
  cohort: string | null;
  campus: string | null;
  verified_at: Date;
  user_id: string | null;
  ticket_expires_at: Date;
  ticket_redeemed_at: Date | null;
  signup_ticket_hash: string | null;
}

interface StatusRow {
  provider: RedeemVerificationResponse['provider'];
  name: string | null;
  di: string | null;
  birthday: string | null;
  verified_at: Date;
}

/**
 * The verifications of member $1: the ones attached to the member, and the ones made during their
 * signup (attached to the signup ticket they used: consumed, for an identity now linked to them).
 * A ticket abandoned unused never counts. The strongest kind first — identity (a DI), then SSAFY,
 * then possession (a phone only) — the newest within a kind.
 */
const STATUS_OF_MEMBER = `
  SELECT provider, name, di, birthday, verified_at FROM (
    SELECT v.provider, v.name, v.di, v.birthday, v.verified_at
      FROM verifications v
     WHERE v.user_id = $1
    UNION ALL
    SELECT v.provider, v.name, v.di, v.birthday, v.verified_at
      FROM identities i
      JOIN signup_tickets t
        ON t.provider = i.provider AND t.subject = i.subject AND t.consumed_at IS NOT NULL
      JOIN verifications v ON v.signup_ticket_hash = t.ticket_hash
     WHERE i.user_id = $1
  ) mine
  ORDER BY CASE WHEN di IS NOT NULL THEN 0 WHEN provider = 'ssafy' THEN 1 ELSE 2 END, verified_at DESC
  LIMIT 1`;

function kindOf(row: StatusRow): VerificationKind {
  if (row.provider === 'ssafy') return 'ssafy';
  return row.di !== null ? 'phone-identity' : 'phone-possession';
}

/**
 * What makes a person one account: the keyed hash of the CI (연계정보) of an identity result —
 * the same person at every provider, where DI differs by provider — or the pairwise `sub` of an
 * SSAFY Verify result (stored in `subject`). `values`: every form the claim may be stored under
 * (a CI hash under the current and the previous key); the first is the one stored. Fixed column
 * names, never input.
 */
type Claim =
  | { column: 'ci_hash'; values: string[]; lock: 'verification-ci' }
  | { column: 'subject'; values: string[]; lock: 'verification-ssafy-subject' };

/**
 * Rows of one person (or SSAFY subject) with their current owner: the member a row names, or the
 * member its signup ticket became (identities), or — for a ticket not yet used — the provider
 * identity signing up.
 */
const holdersOf = (column: Claim['column']) => `
  SELECT v.user_id, i.user_id AS ticket_user_id, t.provider, t.subject, t.expires_at, t.consumed_at
    FROM verifications v
    LEFT JOIN signup_tickets t ON t.ticket_hash = v.signup_ticket_hash
    LEFT JOIN identities i ON i.provider = t.provider AND i.subject = t.subject
   WHERE v.${column} = ANY($1::text[])`;

/**
 * Persons (SSAFY subjects) other than $2 already verified for member $1 (directly, or through the
 * ticket they signed up with).
 */
const otherOfMember = (column: Claim['column']) => `
  SELECT 1
    FROM verifications v
    LEFT JOIN signup_tickets t ON t.ticket_hash = v.signup_ticket_hash
    LEFT JOIN identities i ON i.provider = t.provider AND i.subject = t.subject
   WHERE (v.user_id = $1 OR i.user_id = $1) AND v.${column} IS NOT NULL AND v.${column} <> ALL($2::text[])
   LIMIT 1`;

const REFUSALS: Record<Claim['column'], { registered: string; mismatch: string }> = {
  ci_hash: {
    registered: 'this person is already registered with another account',
    mismatch: 'this account was verified as another person',
  },
  subject: {
    registered: 'this SSAFY account is already registered with another account',
    mismatch: 'this account was verified with another SSAFY account',
  },
};

/** The owner of a new record: a member, or a live signup (with the person its login reported, if any). */
type Owner =
  | { kind: 'member'; userId: string }
  | { kind: 'signup'; provider: string; subject: string; ticketHash: string; ciHash: string | null };

function sameHolder(a: Holder, b: Holder): boolean {
  if (a.kind === 'member' && b.kind === 'member') return a.userId === b.userId;
  if (a.kind === 'signup' && b.kind === 'signup') return a.provider === b.provider && a.subject === b.subject;
  return false;
}

/**
 * Verification records (the hand-off step of every provider flow, SSAFY Verify
 * included; docs/architecture.md): attach a provider's result
 * to a member or to a pending signup, refuse a person (DI, or SSAFY subject) who already has an
 * account, and hand the browser a one-time ticket that redeems to masked fields.
 */
export class Verifications {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ciKeys: CiKeyring,
  ) {}

  async create(input: CreateVerificationRequest): Promise<CreateVerificationResponse> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const owner = await this.resolveOwner(tx, input.owner, now);
      const ssafy = input.provider === 'ssafy' ? input : undefined;
      const phone = input.provider === 'ssafy' ? undefined : input;
      // The person, as the keyed hash of their CI; the CI itself goes no further than this line.
      const person = phone?.ci !== undefined ? this.ciKeys.candidates(phone.ci) : undefined;
      if (ssafy !== undefined) {
        await this.checkClaim(
          tx,
          { column: 'subject', values: [ssafy.subject], lock: 'verification-ssafy-subject' },
          owner,
          now,
        );
      } else if (person !== undefined) {
        await this.checkClaim(tx, { column: 'ci_hash', values: person, lock: 'verification-ci' }, owner, now);
      }

      const id = randomUUID();
      const ticket = randomOpaqueToken();
      const ticketExpiresAt = new Date(now.getTime() + VERIFICATION_TICKET_TTL_SECONDS * 1000);
      await tx.query(
        `INSERT INTO verifications
           (id, provider, service_type, user_id, signup_ticket_hash, ci_hash, di, name, birthday, gender, nation,
            phone, is_adult, subject, cohort, campus, mattermost_id, verified_at, created_at, ticket_hash,
            ticket_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
        [
          id,
          input.provider,
          input.serviceType,
          owner.kind === 'member' ? owner.userId : null,
          owner.kind === 'signup' ? owner.ticketHash : null,
          person?.[0] ?? null,
          phone?.di ?? null,
          phone?.name ?? null,
          phone?.birthday ?? null,
          phone?.gender ?? null,
          phone?.nation ?? null,
          phone?.phone ?? null,
          phone?.isAdult ?? null,
          ssafy?.subject ?? null,
          ssafy?.cohort ?? null,
          ssafy?.campus ?? null,
          ssafy?.mattermostId ?? null,
          new Date(input.verifiedAt),
          now,
          sha256Hex(ticket),
          ticketExpiresAt,
        ],
      );
      if (person !== undefined) await this.settlePerson(tx, person, owner);
      return { id, ticket, ticketExpiresAt: ticketExpiresAt.toISOString() };
    });
  }

  /** Spends the ticket (once, before it expires) and returns masked fields only. */
  async redeem(ticket: string, owner?: VerificationOwner): Promise<RedeemVerificationResponse> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const row = (
        await tx.query<RedeemRow>(
          `SELECT provider, service_type, name, phone, is_adult, di, cohort, campus, verified_at, user_id,
                  signup_ticket_hash, ticket_expires_at, ticket_redeemed_at
             FROM verifications WHERE ticket_hash = $1 FOR UPDATE`,
          [sha256Hex(ticket)],
        )
      ).rows[0];
      if (!row) throw new ApiError('VERIFICATION_TICKET_INVALID', 'verification ticket not recognised');
      // Someone else's ticket looks exactly like an unknown one, and stays unspent (F6).
      if (owner !== undefined && !ownedBy(row, owner)) {
        throw new ApiError('VERIFICATION_TICKET_INVALID', 'verification ticket not recognised');
      }
      if (row.ticket_redeemed_at !== null) {
        throw new ApiError('VERIFICATION_TICKET_USED', 'verification ticket already used');
      }
      if (row.ticket_expires_at.getTime() <= now.getTime()) {
        throw new ApiError('VERIFICATION_TICKET_EXPIRED', 'verification ticket expired');
      }
      await tx.query('UPDATE verifications SET ticket_redeemed_at = $2 WHERE ticket_hash = $1', [
        sha256Hex(ticket),
        now,
      ]);
      const out: RedeemVerificationResponse = {
        provider: row.provider,
        serviceType: row.service_type,
        identity: row.di !== null,
        verifiedAt: row.verified_at.toISOString(),
        attachedTo: row.user_id !== null ? 'member' : 'signup',
      };
      if (row.phone !== null) out.maskedPhone = maskPhone(row.phone);
      if (row.name !== null) out.maskedName = maskName(row.name);
      if (row.is_adult !== null) out.isAdult = row.is_adult;
      // SSAFY: cohort and campus only; the subject and the Mattermost id never leave the api.
      if (row.cohort !== null) out.cohort = row.cohort;
      if (row.campus !== null) out.campus = row.campus;
      return out;
    });
  }

  /**
   * The member's lasting verification status, for pages to show: the kind, the masked name (phone
   * identity verifications only) and when. Nothing else of the record leaves the api.
   */
  async statusOf(userId: string): Promise<VerificationStatus> {
    const row = (await this.db.query<StatusRow>(STATUS_OF_MEMBER, [userId])).rows[0];
    if (!row) return { verified: false };
    const kind = kindOf(row);
    const status: VerificationStatus = { verified: true, kind, verifiedAt: row.verified_at.toISOString() };
    if (kind === 'phone-identity' && row.name !== null) status.maskedName = maskName(row.name);
    // Adulthood from the provider's birth date, on today's date in Korea (민법 만 19세): a
    // service that needs an adult asks this, never the page's purpose (docs/auth.md). Left out
    // when the record has no birth date (KCB may omit it).
    if (kind === 'phone-identity' && row.birthday !== null) {
      status.adult = isAdultByBirthday(row.birthday, 'civil', this.clock.now());
    }
    return status;
  }

  private async resolveOwner(
    tx: Queryable,
    owner: CreateVerificationRequest['owner'],
    now: Date,
  ): Promise<Owner> {
    if ('userId' in owner) {
      const found = await tx.query('SELECT 1 FROM users WHERE id = $1', [owner.userId]);
      if (found.rows.length === 0) throw new ApiError('USER_NOT_FOUND', 'user not found');
      return { kind: 'member', userId: owner.userId };
    }
    const ticketHash = sha256Hex(owner.signupTicket);
    const row = (
      await tx.query<TicketRow>(
        'SELECT provider, subject, expires_at, consumed_at, ci_hash FROM signup_tickets WHERE ticket_hash = $1',
        [ticketHash],
      )
    ).rows[0];
    if (!row) throw new ApiError('SIGNUP_TICKET_INVALID', 'signup ticket not recognised');
    if (row.consumed_at !== null) throw new ApiError('SIGNUP_TICKET_USED', 'signup ticket already used');
    if (row.expires_at.getTime() <= now.getTime()) {
      throw new ApiError('SIGNUP_TICKET_EXPIRED', 'signup ticket expired; log in again');
    }
    return { kind: 'signup', provider: row.provider, subject: row.subject, ticketHash, ciHash: row.ci_hash };
  }

  /**
   * A person (the keyed hash of their CI) and an SSAFY `sub` (one SSAFY member per client) may each
   * belong to one account only, and a member stays the one person (SSAFY member) it was verified as
   * — whichever provider verifies them: a PASS result and a KCB result of the same person are the
   * same CI, although their DIs differ. Concurrent hand-offs of the same value serialise on a
   * transaction-scoped advisory lock keyed by it, so two accounts can never both claim one person.
   */
  private async checkClaim(tx: Queryable, claim: Claim, owner: Owner, now: Date): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${claim.lock}:${claim.values[0]}`]);
    const rows = (await tx.query<HolderRow>(holdersOf(claim.column), [claim.values])).rows;
    for (const row of rows) {
      const holder = this.holderOf(row, now);
      if (holder !== undefined && !sameHolder(holder, owner)) {
        throw new ApiError('VERIFICATION_ALREADY_REGISTERED', REFUSALS[claim.column].registered);
      }
    }
    if (claim.column === 'ci_hash') {
      // The member who is this person (users.ci_hash: also set by a login that reported the CI).
      const member = (
        await tx.query<{ id: string }>('SELECT id FROM users WHERE ci_hash = ANY($1::text[])', [claim.values])
      ).rows[0];
      if (member !== undefined && !(owner.kind === 'member' && owner.userId === member.id)) {
        throw new ApiError('VERIFICATION_ALREADY_REGISTERED', REFUSALS.ci_hash.registered);
      }
    }
    if (owner.kind === 'member') {
      const other = await tx.query(otherOfMember(claim.column), [owner.userId, claim.values]);
      if (other.rows.length > 0) {
        throw new ApiError('VERIFICATION_PERSON_MISMATCH', REFUSALS[claim.column].mismatch);
      }
      if (claim.column === 'ci_hash') {
        const self = (
          await tx.query<{ ci_hash: string | null }>('SELECT ci_hash FROM users WHERE id = $1', [
            owner.userId,
          ])
        ).rows[0];
        if (self?.ci_hash != null && !claim.values.includes(self.ci_hash)) {
          throw new ApiError('VERIFICATION_PERSON_MISMATCH', REFUSALS.ci_hash.mismatch);
        }
      }
    } else if (claim.column === 'ci_hash' && owner.ciHash !== null && !claim.values.includes(owner.ciHash)) {
      // A signup whose login reported another person's CI (Toss login-me).
      throw new ApiError('VERIFICATION_PERSON_MISMATCH', REFUSALS.ci_hash.mismatch);
    }
  }

  /**
   * After an identity result is stored: a member now is this person (users.ci_hash, if not yet),
   * and hashes of this person under the previous key are re-keyed under the current one.
   */
  private async settlePerson(tx: Queryable, person: string[], owner: Owner): Promise<void> {
    const [current, ...previous] = person;
    if (previous.length > 0) {
      await tx.query('UPDATE verifications SET ci_hash = $1 WHERE ci_hash = ANY($2::text[])', [
        current,
        previous,
      ]);
      await tx.query('UPDATE users SET ci_hash = $1 WHERE ci_hash = ANY($2::text[])', [current, previous]);
      await tx.query('UPDATE signup_tickets SET ci_hash = $1 WHERE ci_hash = ANY($2::text[])', [
        current,
        previous,
      ]);
    }
    if (owner.kind === 'member') {
      await tx.query('UPDATE users SET ci_hash = $2 WHERE id = $1 AND ci_hash IS NULL', [
        owner.userId,
        current,
      ]);
    }
  }

  /** The current holder of a row, or undefined for a signup that was abandoned (ticket expired unused). */
  private holderOf(row: HolderRow, now: Date): Holder | undefined {
    if (row.user_id !== null) return { kind: 'member', userId: row.user_id };
    if (row.ticket_user_id !== null) return { kind: 'member', userId: row.ticket_user_id };
    if (row.provider === null || row.subject === null) return undefined;
    const live =
      row.consumed_at === null && row.expires_at !== null && row.expires_at.getTime() > now.getTime();
    return live ? { kind: 'signup', provider: row.provider, subject: row.subject } : undefined;
  }
}
