import { openPg } from './pg.js';
import { openPglite } from './pglite.js';
import type { Db } from './types.js';

export type { Db, Queryable, QueryResult } from './types.js';
export { migrate, readMigrations, MIGRATIONS_DIR, type Migration, type MigrationHooks } from './migrate.js';
export { openPg, openPglite };

/** Postgres when a URL is given, embedded PGlite otherwise (in-memory without a data dir). */
export function openDb(options: {
  databaseUrl?: string | undefined;
  pgliteDataDir?: string | undefined;
}): Promise<Db> {
  return options.databaseUrl ? openPg(options.databaseUrl) : openPglite(options.pgliteDataDir);
}
