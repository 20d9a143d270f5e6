import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of this run's fresh Postgres database, or null when Postgres is unreachable. */
    pgUrl: string | null;
    pgSkipReason: string;
  }
}

/**
 * API_TEST_PG_ADMIN_URL   server to create the run's database on (default postgres://postgres@127.0.0.1:5432/postgres)
 * API_TEST_REQUIRE_PG=1   fail instead of skipping the Postgres half when the server is unreachable (CI)
 */
const ADMIN_URL = process.env.API_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REQUIRE_PG = process.env.API_TEST_REQUIRE_PG === '1';

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const dbName = `mfv_api_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  } catch (err) {
    const reason = `Postgres unreachable at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//…@')} (${(err as Error).message})`;
    if (REQUIRE_PG) throw new Error(`${reason}; API_TEST_REQUIRE_PG=1 forbids skipping`, { cause: err });
    console.warn(`\n[@mfv/api tests] SKIPPING the Postgres half of the suite: ${reason}\n`);
    project.provide('pgUrl', null);
    project.provide('pgSkipReason', reason);
    return undefined;
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  project.provide('pgUrl', url.toString());
  project.provide('pgSkipReason', '');
  return async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  };
}
