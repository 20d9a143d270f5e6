import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openPglite, readMigrations, type Db, type Migration } from '../src/db/index.js';
import { DROP_RAW_CI_MIGRATION, rawCiBackfill } from '../src/identity/ci-hash.js';
import { TEST_CI_KEY, testCiKeys } from './support/harness.js';

/**
 * Migration 009 drops the raw CI column (docs/auth.md "One person, one member", "Earlier rows"):
 * the api hashes every raw CI right before it, in the same transaction; without the key the
 * migration refuses while a raw CI is left. Each test starts from a database migrated up to 008
 * (the schema a deployment has before this release), with rows that still hold a raw CI.
 */

const hmac = (ci: string) => createHmac('sha256', TEST_CI_KEY).update(ci).digest('hex');
const newCi = () => `CI-${randomBytes(12).toString('hex')}`.padEnd(88, 'c');
const newDi = () => `DI-${randomBytes(12).toString('hex')}`.padEnd(64, 'd');

// One embedded Postgres for the file (booting one is the slow part); each test empties it.
let shared: Db | undefined;
beforeAll(async () => {
  shared = await openPglite();
});
afterAll(async () => {
  await shared?.close();
});

async function before009(): Promise<{ db: Db; all: Migration[] }> {
  const all = await readMigrations();
  const index = all.findIndex((m) => m.name === DROP_RAW_CI_MIGRATION);
  expect(index).toBeGreaterThan(0);
  const db = shared!;
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await migrate(db, all.slice(0, index));
  return { db, all };
}

async function member(db: Db): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO users (id, nickname, created_at) VALUES ($1, $2, now())', [id, '회원']);
  return id;
}

/** An identity result as 003–008 stored it: the raw CI beside the DI. */
async function legacyVerification(db: Db, userId: string, ci: string, verifiedAt: string): Promise<void> {
  await db.query(
    `INSERT INTO verifications (id, provider, service_type, user_id, ci, di, name, birthday, gender, nation,
       phone, verified_at, created_at, ticket_hash, ticket_expires_at)
     VALUES ($1, 'mobile-ok', 'telcoAuth', $2, $3, $4, '김민준', '19900315', 'male', 'domestic',
       '01041000001', $5, $5, $6, $5)`,
    [randomUUID(), userId, ci, newDi(), verifiedAt, randomBytes(16).toString('hex')],
  );
}

const columns = async (db: Db) =>
  (
    await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'verifications'`,
    )
  ).rows.map((r) => r.column_name);

describe('migration 009: the raw CI column goes, after the backfill', () => {
  it('at start the api hashes every raw CI, gives members their person, then drops the column', async () => {
    const { db, all } = await before009();
    const [first, second] = [await member(db), await member(db)];
    const ci = newCi();
    // Two members holding one person through two verifications (the old DI-only check let that happen).
    await legacyVerification(db, second, ci, '2026-11-02T00:00:00Z');
    await legacyVerification(db, first, ci, '2026-11-01T00:00:00Z');

    const keyed: number[] = [];
    expect(
      await migrate(
        db,
        all,
        rawCiBackfill(testCiKeys, (n) => keyed.push(n)),
      ),
    ).toEqual([
      DROP_RAW_CI_MIGRATION,
      ...all.slice(all.findIndex((m) => m.name === DROP_RAW_CI_MIGRATION) + 1).map((m) => m.name),
    ]);
    expect(keyed).toEqual([2]);
    expect(await columns(db)).not.toContain('ci');
    expect(await columns(db)).toContain('ci_hash');
    const hashes = await db.query<{ ci_hash: string }>('SELECT ci_hash FROM verifications');
    expect(hashes.rows).toEqual([{ ci_hash: hmac(ci) }, { ci_hash: hmac(ci) }]);
    const users = await db.query<{ id: string; ci_hash: string | null }>('SELECT id, ci_hash FROM users');
    expect(Object.fromEntries(users.rows.map((r) => [r.id, r.ci_hash]))).toEqual({
      [first]: hmac(ci), // verified first
      [second]: null,
    });
    // Nothing of the CI is left anywhere in the table.
    const dump = await db.query<{ t: string }>('SELECT v::text AS t FROM verifications v');
    expect(dump.rows.map((r) => r.t).join('\n')).not.toContain(ci);
    // Run again: nothing to apply, the hook does not run.
    expect(
      await migrate(
        db,
        all,
        rawCiBackfill(testCiKeys, (n) => keyed.push(n)),
      ),
    ).toEqual([]);
    expect(keyed).toEqual([2]);
  });

  it('without the key (SQL only) it refuses while a raw CI is left, and changes nothing', async () => {
    const { db, all } = await before009();
    const ci = newCi();
    await legacyVerification(db, await member(db), ci, '2026-11-01T00:00:00Z');

    await expect(migrate(db, all)).rejects.toThrow(
      /009_drop_raw_ci: 1 verification row\(s\) still hold a raw CI\. Start the api with IDENTITY_CI_KEY set/,
    );
    expect(await columns(db)).toContain('ci');
    const kept = await db.query<{ ci: string; ci_hash: string | null }>(
      'SELECT ci, ci_hash FROM verifications',
    );
    expect(kept.rows).toEqual([{ ci, ci_hash: null }]);
    const recorded = await db.query('SELECT name FROM schema_migrations WHERE name = $1', [
      DROP_RAW_CI_MIGRATION,
    ]);
    expect(recorded.rows).toEqual([]);

    // The api's start then does it.
    expect(await migrate(db, all, rawCiBackfill(testCiKeys))).toContain(DROP_RAW_CI_MIGRATION);
    expect(await columns(db)).not.toContain('ci');
  });

  it('a database with no raw CI (a new deployment) migrates without the key', async () => {
    const { db, all } = await before009();
    expect(await migrate(db, all)).toContain(DROP_RAW_CI_MIGRATION);
    expect(await columns(db)).not.toContain('ci');
  });

  it('keeps the rules that named the column: a person only with a DI, none for SSAFY', async () => {
    const { db, all } = await before009();
    await migrate(db, all, rawCiBackfill(testCiKeys));
    const userId = await member(db);
    const insert = (provider: string, ciHash: string | null, di: string | null, extra = '') =>
      db.query(
        `INSERT INTO verifications (id, provider, service_type, user_id, ci_hash, di, name, phone, subject,
           verified_at, created_at, ticket_hash, ticket_expires_at)
         VALUES ($1, $2, 'x', $3, $4, $5, $6, $7, $8, now(), now(), $9, now())`,
        [
          randomUUID(),
          provider,
          userId,
          ciHash,
          di,
          di === null ? null : '김민준',
          provider === 'ssafy' ? null : '01041000001',
          provider === 'ssafy' ? `ssafy-${extra}` : null,
          randomBytes(16).toString('hex'),
        ],
      );
    await expect(insert('kcb', hmac(newCi()), null)).rejects.toThrow(/verifications_person_with_di/);
    await expect(insert('kcb', null, newDi())).rejects.toThrow(/verifications_person_with_di/);
    await expect(insert('ssafy', hmac(newCi()), newDi(), 'a')).rejects.toThrow(/violates check constraint/);
    await expect(insert('kcb', hmac(newCi()), newDi())).resolves.toBeDefined();
    await expect(insert('ssafy', null, null, 'b')).resolves.toBeDefined();
  });

  it('refuses a hook for a migration that does not exist (a misspelt name would skip the backfill)', async () => {
    const { db, all } = await before009();
    await expect(migrate(db, all, { before: { '009_drop_raw_cl.sql': async () => {} } })).rejects.toThrow(
      /migration hook for "009_drop_raw_cl.sql", which is not a migration/,
    );
  });
});
