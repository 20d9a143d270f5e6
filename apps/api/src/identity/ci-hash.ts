import { createHmac } from 'node:crypto';
import type { MigrationHooks } from '../db/migrate.js';
import type { Queryable } from '../db/types.js';

/**
 * One person across providers: CI (연계정보) is the same for a person at every Korean identity
 * provider (mobile-ok, KCB, Toss …), while DI (중복가입확인정보) is per site and may differ by
 * provider. The api matches people by a keyed hash of CI — HMAC-SHA-256 under a server secret
 * (IDENTITY_CI_KEY) — and never stores the CI itself: a leaked table cannot be joined with another
 * service's CI, and nobody without the key can test a known CI against it.
 *
 * Rotation: the CI is not kept, so stored hashes cannot be recomputed under a new key. The key
 * rotated out stays configured as IDENTITY_CI_PREVIOUS_KEY: lookups try every key's hash, and a
 * person who verifies (or logs in with a CI) again is stored under the current key.
 */
export interface CiKeyring {
  /** The hash to store (current key). */
  hash(ci: string): string;
  /** Every hash this CI may be stored under (current key first). */
  candidates(ci: string): string[];
}

const hmacHex = (key: string, ci: string) => createHmac('sha256', key).update(ci, 'utf8').digest('hex');

export function createCiKeyring(current: string, previous?: string): CiKeyring {
  const keys = previous !== undefined && previous !== current ? [current, previous] : [current];
  return {
    hash: (ci) => hmacHex(current, ci.trim()),
    candidates: (ci) => keys.map((key) => hmacHex(key, ci.trim())),
  };
}

/** The migration that drops the raw CI column; the backfill runs right before it. */
export const DROP_RAW_CI_MIGRATION = '009_drop_raw_ci.sql';

/**
 * Before the keyed hash, `verifications.ci` held the raw CI. Migration 009 drops that column; right
 * before it, in the same migration transaction (so under the migration lock, and rolled back with
 * it), the rows that still hold a CI get its keyed hash and lose the CI, and each member takes the
 * person of their identity verifications (`users.ci_hash`) unless another member already holds it.
 * The key is the api's, so only the api can do this: `migrate(db, undefined,
 * rawCiBackfill(keyring, …))` at start (server.ts). 009 itself refuses to run while a raw CI is
 * left, so a migration applied without the key stops with a message instead of losing the person.
 */
export function rawCiBackfill(keyring: CiKeyring, onKeyed?: (count: number) => void): MigrationHooks {
  return {
    before: {
      [DROP_RAW_CI_MIGRATION]: async (tx) => {
        const keyed = await backfillCiHashes(tx, keyring);
        onKeyed?.(keyed);
      },
    },
  };
}

/** Hashes every raw CI left in `tx` (the schema of 007–008) and forgets it; returns how many rows. */
export async function backfillCiHashes(tx: Queryable, keyring: CiKeyring): Promise<number> {
  const rows = (
    await tx.query<{ id: string; ci: string }>('SELECT id, ci FROM verifications WHERE ci IS NOT NULL')
  ).rows;
  for (const row of rows) {
    await tx.query('UPDATE verifications SET ci_hash = $2, ci = NULL WHERE id = $1', [
      row.id,
      keyring.hash(row.ci),
    ]);
  }
  if (rows.length === 0) return 0;
  // Each member takes the person of their earliest identity verification (the one they named, or
  // the one made during their signup); a person two members hold (the old DI check let that
  // happen across providers) goes to the member who verified first — the other keeps none and is
  // refused as "already registered" if they verify again.
  const owners = (
    await tx.query<{ owner: string; ci_hash: string }>(
      `SELECT COALESCE(v.user_id, i.user_id) AS owner, v.ci_hash
         FROM verifications v
         LEFT JOIN signup_tickets t ON t.ticket_hash = v.signup_ticket_hash
         LEFT JOIN identities i ON i.provider = t.provider AND i.subject = t.subject
        WHERE v.ci_hash IS NOT NULL AND COALESCE(v.user_id, i.user_id) IS NOT NULL
        ORDER BY v.verified_at, v.id`,
    )
  ).rows;
  const held = (
    await tx.query<{ id: string; ci_hash: string }>('SELECT id, ci_hash FROM users WHERE ci_hash IS NOT NULL')
  ).rows;
  const members = new Set(held.map((r) => r.id));
  const persons = new Set(held.map((r) => r.ci_hash));
  for (const { owner, ci_hash } of owners) {
    if (members.has(owner) || persons.has(ci_hash)) continue;
    members.add(owner);
    persons.add(ci_hash);
    await tx.query('UPDATE users SET ci_hash = $2 WHERE id = $1', [owner, ci_hash]);
  }
  return rows.length;
}
