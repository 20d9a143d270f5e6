import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './types.js';

/** apps/api/migrations — one level above both src/ and dist/. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;
/** Arbitrary constant naming the migration lock, so two instances booting at once apply each file once. */
const MIGRATION_LOCK_KEY = 741_852_963;

export interface Migration {
  name: string;
  sql: string;
}

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const seen = new Set<string>();
  const out: Migration[] = [];
  for (const name of names) {
    const m = MIGRATION_FILE.exec(name);
    if (!m) throw new Error(`migration file name "${name}" must look like 001_some_name.sql`);
    if (seen.has(m[1]!)) throw new Error(`two migrations share the number ${m[1]}`);
    seen.add(m[1]!);
    out.push({ name, sql: await readFile(`${dir}/${name}`, 'utf8') });
  }
  return out;
}

/**
 * Work a migration depends on that SQL alone cannot do, keyed by the migration's file name: run in
 * the migration transaction right before that file, and only when the file is applied. (The raw
 * CI backfill needs IDENTITY_CI_KEY before 009 drops the column: identity/ci-hash.ts.)
 */
export interface MigrationHooks {
  before?: Readonly<Record<string, (tx: Queryable) => Promise<void>>>;
}

/**
 * Applies, in file-name order, every migration not yet recorded in `schema_migrations`, all in one
 * transaction under a transaction-scoped advisory lock. Returns the names it applied.
 */
export async function migrate(
  db: Db,
  migrations?: readonly Migration[],
  hooks: MigrationHooks = {},
): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  const known = new Set(all.map((m) => m.name));
  for (const name of Object.keys(hooks.before ?? {})) {
    // A misspelt name would silently skip the work the migration needs.
    if (!known.has(name)) throw new Error(`migration hook for "${name}", which is not a migration`);
  }
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
    );
    const applied: string[] = [];
    for (const m of all) {
      if (done.has(m.name)) continue;
      await hooks.before?.[m.name]?.(tx);
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
