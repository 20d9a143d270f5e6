import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';
import { OPAQUE_TOKEN_PATTERN, randomOpaqueToken, sha256Hex, type Sealer } from './secrets.js';

export interface RefreshTokenOptions {
  ttlSeconds: number;
  /** How long the immediate predecessor of a family's current token may be retried (0–10 s). */
  graceSeconds: number;
}

export type RevokeReason = 'logout' | 'logout_all' | 'reuse';

export interface IssuedRefreshToken {
  familyId: string;
  userId: string;
  nickname: string;
  refreshToken: string;
  expiresAt: Date;
}

interface TokenRow {
  token_hash: string;
  family_id: string;
  generation: number;
  expires_at: Date;
  spent_at: Date | null;
  successor_hash: string | null;
  successor_sealed: string | null;
}

interface FamilyRow {
  id: string;
  user_id: string;
  revoked_at: Date | null;
  nickname: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Outcome =
  { kind: 'issued'; token: IssuedRefreshToken } | { kind: 'invalid' | 'expired' | 'revoked' | 'reused' };

const FAILURES = {
  invalid: () => new ApiError('REFRESH_INVALID', 'refresh token not recognised'),
  expired: () => new ApiError('REFRESH_EXPIRED', 'refresh token expired'),
  revoked: () => new ApiError('REFRESH_REVOKED', 'refresh token revoked'),
  reused: () =>
    new ApiError(
      'REFRESH_REUSED',
      'refresh token already used; every token of this session has been revoked',
    ),
} as const;

/**
 * Refresh tokens: opaque 256-bit values, stored only as SHA-256 digests, rotated on every use, grouped
 * in one family per login session.
 *
 * Reuse detection — RFC 9700 §4.14.2: presenting a spent token means two parties hold the family
 * (one of them a thief), so the whole family is revoked and every later refresh of it fails.
 *
 * Grace retry — the one exception. A client whose refresh response was lost retries with the token
 * it still has: the *immediate predecessor* of the family's current token. Within `graceSeconds` of
 * its rotation that retry gets **the same successor** (never a new token, never an older one), so
 * a network blip or two concurrent refreshes with one token do not log the user out.
 *
 * Recovering the successor's raw value — the database holds only digests, so at rotation the new
 * raw token is also stored in the predecessor's row, AES-256-GCM-encrypted under a key derived from
 * the server secret API_REFRESH_SEAL_SECRET (`successor_sealed`, additional data = predecessor digest
 * so a sealed value cannot be replayed on another row). Every instance shares the database and the
 * secret, so any instance can answer the retry. The ciphertext is wiped as soon as it cannot be
 * used any more: when the successor is itself rotated, when the family is revoked, and by
 * `purgeExpiredSeals()` (run on a timer) once the grace window has passed. A database dump alone
 * therefore never yields a usable token, and with the secret at most the tokens rotated in the last
 * few seconds.
 *
 * Concurrency — every change to a family's tokens happens in a transaction that first locks the
 * family row (`SELECT … FOR UPDATE`), and the token row is (re-)read after the lock. Concurrent
 * refreshes with one token, from one process or several api instances, therefore serialise: the
 * first rotates, every later one finds the token spent seconds (or microseconds) ago and takes the
 * grace path to the same successor. The `UPDATE … WHERE spent_at IS NULL` is a second guard: it
 * must change exactly one row or the transaction aborts.
 */
export class RefreshTokens {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
    private readonly options: RefreshTokenOptions,
    private readonly clock: Clock,
  ) {}

  get ttlSeconds(): number {
    return this.options.ttlSeconds;
  }

  /** Opens a family (a login session) with its generation-0 token, inside the caller's transaction. */
  async startFamily(tx: Queryable, user: { id: string; nickname: string }): Promise<IssuedRefreshToken> {
    const now = this.clock.now();
    const familyId = randomUUID();
    await tx.query('INSERT INTO token_families (id, user_id, created_at) VALUES ($1, $2, $3)', [
      familyId,
      user.id,
      now,
    ]);
    const refreshToken = randomOpaqueToken();
    const expiresAt = this.expiry(now);
    await tx.query(
      `INSERT INTO refresh_tokens (token_hash, family_id, generation, issued_at, expires_at)
       VALUES ($1, $2, 0, $3, $4)`,
      [sha256Hex(refreshToken), familyId, now, expiresAt],
    );
    return { familyId, userId: user.id, nickname: user.nickname, refreshToken, expiresAt };
  }

  /** Spends `raw` and returns its successor — or, for a retry within the grace window, the same successor again. */
  async rotate(raw: string): Promise<IssuedRefreshToken> {
    if (!OPAQUE_TOKEN_PATTERN.test(raw)) throw FAILURES.invalid();
    const hash = sha256Hex(raw);
    const outcome = await this.db.transaction((tx) => this.rotateIn(tx, hash));
    // Failures are thrown only after COMMIT: a detected reuse must leave the family revoked.
    if (outcome.kind !== 'issued') throw FAILURES[outcome.kind]();
    return outcome.token;
  }

  private async rotateIn(tx: Queryable, hash: string): Promise<Outcome> {
    const located = await tx.query<{ family_id: string }>(
      'SELECT family_id FROM refresh_tokens WHERE token_hash = $1',
      [hash],
    );
    const familyId = located.rows[0]?.family_id;
    if (familyId === undefined) return { kind: 'invalid' };

    const family = (
      await tx.query<FamilyRow>(
        `SELECT f.id, f.user_id, f.revoked_at, u.nickname
           FROM token_families f JOIN users u ON u.id = f.user_id
          WHERE f.id = $1
            FOR UPDATE OF f`,
        [familyId],
      )
    ).rows[0];
    if (!family) return { kind: 'invalid' };
    if (family.revoked_at !== null) return { kind: 'revoked' };
    // "Now" is read after the lock: a request that waited for a concurrent rotation must not see
    // that rotation as happening in its future.
    const now = this.clock.now();

    // Read after the family lock: reflects every rotation committed before we got it.
    const token = (await tx.query<TokenRow>('SELECT * FROM refresh_tokens WHERE token_hash = $1', [hash]))
      .rows[0];
    if (!token) return { kind: 'invalid' };

    if (token.spent_at === null) {
      if (token.expires_at.getTime() <= now.getTime()) return { kind: 'expired' };
      return { kind: 'issued', token: await this.spend(tx, family, token, now) };
    }

    const retried = await this.graceRetry(tx, token, now);
    if (retried) {
      return {
        kind: 'issued',
        token: { familyId, userId: family.user_id, nickname: family.nickname, ...retried },
      };
    }

    await this.revokeIn(tx, familyId, 'reuse', now);
    return { kind: 'reused' };
  }

  private async spend(
    tx: Queryable,
    family: FamilyRow,
    token: TokenRow,
    now: Date,
  ): Promise<IssuedRefreshToken> {
    const refreshToken = randomOpaqueToken();
    const successorHash = sha256Hex(refreshToken);
    const expiresAt = this.expiry(now);
    await tx.query(
      `INSERT INTO refresh_tokens (token_hash, family_id, generation, issued_at, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [successorHash, family.id, token.generation + 1, now, expiresAt],
    );
    const sealed = this.options.graceSeconds > 0 ? this.sealer.seal(refreshToken, token.token_hash) : null;
    const spent = await tx.query(
      `UPDATE refresh_tokens SET spent_at = $2, successor_hash = $3, successor_sealed = $4
        WHERE token_hash = $1 AND spent_at IS NULL`,
      [token.token_hash, now, successorHash, sealed],
    );
    if (spent.rowCount !== 1) throw new Error('refresh token was spent concurrently despite the family lock');
    // Only the immediate predecessor of the current token may keep its sealed successor.
    await tx.query(
      `UPDATE refresh_tokens SET successor_sealed = NULL
        WHERE family_id = $1 AND successor_sealed IS NOT NULL AND token_hash <> $2`,
      [family.id, token.token_hash],
    );
    return {
      familyId: family.id,
      userId: family.user_id,
      nickname: family.nickname,
      refreshToken,
      expiresAt,
    };
  }

  /** The same successor again, if `token` is the immediate predecessor of the current token and within grace. */
  private async graceRetry(
    tx: Queryable,
    token: TokenRow,
    now: Date,
  ): Promise<{ refreshToken: string; expiresAt: Date } | undefined> {
    if (token.spent_at === null || token.successor_sealed === null || token.successor_hash === null)
      return undefined;
    // Negative when another instance's clock runs slightly ahead of ours: that is still "just now".
    const sinceSpent = now.getTime() - token.spent_at.getTime();
    if (sinceSpent > this.options.graceSeconds * 1000) return undefined;
    const successor = (
      await tx.query<TokenRow>('SELECT * FROM refresh_tokens WHERE token_hash = $1', [token.successor_hash])
    ).rows[0];
    // The successor must still be the family's current token: otherwise `token` is two or more
    // generations back, and that is reuse whatever the clock says.
    if (!successor || successor.spent_at !== null || successor.expires_at.getTime() <= now.getTime())
      return undefined;
    const refreshToken = this.sealer.open(token.successor_sealed, token.token_hash);
    if (sha256Hex(refreshToken) !== successor.token_hash)
      throw new Error('sealed successor does not match its digest');
    return { refreshToken, expiresAt: successor.expires_at };
  }

  /** Ends a session: its refresh tokens stop refreshing and its access tokens stop verifying. Idempotent. */
  async revokeFamily(familyId: string, reason: RevokeReason): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const locked = await tx.query('SELECT id FROM token_families WHERE id = $1 FOR UPDATE', [familyId]);
      if (locked.rows.length > 0) await this.revokeIn(tx, familyId, reason, now);
    });
  }

  /** Ends every session of a user. */
  async revokeAllForUser(userId: string, reason: RevokeReason = 'logout_all'): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const families = await tx.query<{ id: string }>(
        'SELECT id FROM token_families WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id FOR UPDATE',
        [userId],
      );
      for (const { id } of families.rows) await this.revokeIn(tx, id, reason, now);
    });
  }

  private async revokeIn(tx: Queryable, familyId: string, reason: RevokeReason, now: Date): Promise<void> {
    await tx.query(
      `UPDATE token_families SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`,
      [familyId, now, reason],
    );
    await tx.query(
      'UPDATE refresh_tokens SET successor_sealed = NULL WHERE family_id = $1 AND successor_sealed IS NOT NULL',
      [familyId],
    );
  }

  /** Sessions revoked after `since`, oldest first (GET /auth/revocations). */
  async revokedSince(since: Date, limit = 10_000): Promise<string[]> {
    const res = await this.db.query<{ id: string }>(
      'SELECT id FROM token_families WHERE revoked_at > $1 ORDER BY revoked_at LIMIT $2',
      [since, limit],
    );
    return res.rows.map((row) => row.id);
  }

  /** Whether a session (access token `sid`) still exists and is not revoked. */
  async isSessionActive(familyId: string, userId: string): Promise<boolean> {
    if (!UUID.test(familyId) || !UUID.test(userId)) return false;
    const res = await this.db.query(
      'SELECT 1 FROM token_families WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL',
      [familyId, userId],
    );
    return res.rows.length > 0;
  }

  /** Wipes sealed successors whose grace window has passed. Returns how many were wiped. */
  async purgeExpiredSeals(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.options.graceSeconds * 1000);
    const res = await this.db.query(
      'UPDATE refresh_tokens SET successor_sealed = NULL WHERE successor_sealed IS NOT NULL AND spent_at < $1',
      [cutoff],
    );
    return res.rowCount;
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.options.ttlSeconds * 1000);
  }
}
